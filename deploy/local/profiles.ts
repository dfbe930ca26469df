import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

import { piiEnvironment } from './secrets';

/** The repository root, found from this file in the sources (deploy/local) or in dist/ (dist/deploy/local). */
export function projectRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'nest-cli.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no project root above ${__dirname}`);
    dir = parent;
  }
  return dir;
}

export interface Profile {
  readonly name: 'dev' | 'test';
  /** Data, logs and PID files of this profile's servers. */
  readonly dataDir: string;
  readonly postgres: { readonly port: number; readonly database: string };
  readonly temporal: {
    readonly port: number;
    readonly httpPort: number;
    readonly metricsPort: number;
    readonly uiPort?: number;
  };
  readonly kafka: { readonly port: number; readonly controllerPort: number };
  readonly apps: Readonly<Record<'api' | 'worker' | 'relay' | 'targets', number>>;
  /**
   * Loopback port of the worker's Temporal SDK exporter, appended to the worker's /metrics (dev only: tests boot
   * several workers on one machine and would contend for it; the metrics e2e test picks a free one).
   */
  readonly workerSdkMetricsPort?: number;
  /** Wiped by `down`: tests start from empty servers every run. */
  readonly ephemeral: boolean;
}

/** Cached downloads shared by every profile (git-ignored). */
export function toolsDir(): string {
  return join(projectRoot(), '.local', 'tools');
}

export function profile(name: string): Profile {
  const dataDir = join(projectRoot(), '.local', name);
  if (name === 'dev') {
    return {
      name,
      dataDir,
      postgres: { port: 55432, database: 'xianfeng' },
      temporal: { port: 7233, httpPort: 7243, metricsPort: 7244, uiPort: 8233 },
      kafka: { port: 19092, controllerPort: 19093 },
      apps: { api: 3000, worker: 3001, relay: 3002, targets: 3003 },
      workerSdkMetricsPort: 3011,
      ephemeral: false,
    };
  }
  if (name === 'test') {
    // XIANFENG_TEST_SLOT=1..9 gives a second checkout or a parallel run its own servers (ports + 100 × slot).
    const slot = testSlot();
    const at = (port: number): number => port + 100 * slot;
    return {
      name,
      dataDir: slot === 0 ? dataDir : `${dataDir}-${slot}`,
      postgres: { port: at(55433), database: 'xianfeng_test' },
      temporal: { port: at(17233), httpPort: at(17243), metricsPort: at(17244) },
      kafka: { port: at(19192), controllerPort: at(19193) },
      apps: { api: at(13000), worker: at(13001), relay: at(13002), targets: at(13003) },
      ephemeral: true,
    };
  }
  throw new Error(`unknown profile "${name}" (dev or test)`);
}

function testSlot(): number {
  const raw = process.env.XIANFENG_TEST_SLOT ?? '0';
  if (!/^[0-9]$/.test(raw)) throw new Error(`XIANFENG_TEST_SLOT="${raw}": must be a digit 0-9`);
  return Number(raw);
}

/** A DATABASE_URL in the environment replaces the profile's own PostgreSQL (dev profile only). */
export function externalDatabaseUrl(p: Profile): string | undefined {
  return p.name === 'dev' ? process.env.DATABASE_URL : undefined;
}

export function databaseUrl(p: Profile, database = p.postgres.database): string {
  const external = externalDatabaseUrl(p);
  if (external) return external;
  return `postgresql://postgres@127.0.0.1:${p.postgres.port}/${database}`;
}

/** Keys of the profile's local token issuer (see libs/auth/src/local-issuer.ts). */
export function authDir(p: Profile): string {
  return join(p.dataDir, 'auth');
}

/** Environment for the apps of a profile (what a deployment would set). */
export function appEnvironment(p: Profile): Record<string, string> {
  return {
    DATABASE_URL: databaseUrl(p),
    TEMPORAL_ADDRESS: `127.0.0.1:${p.temporal.port}`,
    TEMPORAL_NAMESPACE: 'default',
    KAFKA_BROKERS: `127.0.0.1:${p.kafka.port}`,
    KAFKAJS_NO_PARTITIONER_WARNING: '1',
    AUTH_JWKS_FILE: join(authDir(p), 'jwks.json'),
    ...piiEnvironment(p),
    API_DOCS_ENABLED: 'true',
    // The console (npm run build writes it to dist/console) signs in the demo users with the local issuer.
    CONSOLE_DIR: join(projectRoot(), 'dist', 'console'),
    AUTH_DEMO_LOGIN_DIR: authDir(p),
    TARGETS_UPSTREAM_URL: `http://127.0.0.1:${p.apps.targets}`,
    ...(p.workerSdkMetricsPort
      ? { TEMPORAL_WORKER_METRICS_ADDRESS: `127.0.0.1:${p.workerSdkMetricsPort}` }
      : {}),
    TZ: 'UTC',
  };
}
