import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { type AddressInfo } from 'node:net';
import { join } from 'node:path';

import { type INestApplication } from '@nestjs/common';
import { type OpenAPIObject } from '@nestjs/swagger';
import { Kafka, logLevel } from 'kafkajs';

import { apiOpenApiDocument } from '../../apps/api/src/openapi/openapi';
import { targetsOpenApiDocument } from '../../apps/targets/src/openapi';
import { TARGETS_SOURCE_TOPICS } from '../../apps/targets/src/targets.service';
import { projectRoot } from '../../deploy/local/profiles';
import { schemathesisCommand } from '../../deploy/local/schemathesis';
import { type RunningApps, startAllApps } from '../support/apps';
import { type DemoUser, tokenFor } from '../support/auth';
import { eventually, useIsolatedDatabase, withDatabase } from '../support/database';
import { testProfile } from '../support/test-profile';

/**
 * Fuzzing as a test: Schemathesis generates requests from the OpenAPI documents the API and the targets
 * service serve, and fails the suite on any 5xx, any response (status, content type, body) the document
 * does not describe, and, for requests that break the document (negative mode), on any row they write.
 *
 * Bounded: each run has a time budget (--max-time: the coverage phase gets its share per operation, fuzzing
 * repeats in what is left; FUZZ_BUDGET_SECONDS, default 160, is split over the four runs), at most
 * FUZZ_MAX_EXAMPLES cases per operation and pass, one worker (the suite shares two cores with the servers)
 * and no shrinking. Hypothesis' deadline is off in Schemathesis 4, so a slow answer is not a failure.
 * FUZZ_SEED replays a run (each run prints its seed). Reports (JUnit, JSON, the negative runs' HAR, console
 * log) are kept in .local/fuzz-reports.
 */
const MAX_EXAMPLES = Number(process.env.FUZZ_MAX_EXAMPLES ?? 10);
const BUDGET_SECONDS = Number(process.env.FUZZ_BUDGET_SECONDS ?? 160);
/** Share of the budget per run: the API has seven times the targets service's operations. */
const SHARE = { 'api-negative': 0.4, 'targets-negative': 0.1, 'api-positive': 0.4, 'targets-positive': 0.1 };
const CHECKS = [
  'not_a_server_error',
  'status_code_conformance',
  'content_type_conformance',
  'response_schema_conformance',
];
/** Negative mode also fails on a request that breaks the document and is not refused with a 4xx. */
const NEGATIVE_CHECKS = [...CHECKS, 'negative_data_rejection'];
/** The refusals negative_data_rejection accepts: its defaults, with 413 and without 5xx (a failure anyway). */
const CONFIG = `[checks.negative_data_rejection]
expected-statuses = ["400", "401", "403", "404", "405", "406", "409", "413", "415", "422", "428", "429"]
`;
const REPORTS = join(projectRoot(), '.local', 'fuzz-reports');
/** Keeps the negative run to requests that break the document (see the file). */
const NEGATIVE_HOOKS = join(projectRoot(), 'test', 'e2e', 'fuzz-hooks.py');
const CONSUMER_GROUP = `xianfeng-targets-fuzz-${randomUUID()}`;

interface Target {
  readonly name: 'api' | 'targets';
  readonly url: string;
  readonly schema: string;
}

interface Figures {
  readonly run: string;
  readonly seed: string | null;
  readonly operations: number;
  readonly requests: number;
  readonly failures: number;
  readonly seconds: number;
}

interface RunResult {
  readonly figures: Figures;
  /** `operation: failure codes` and the first lines of Schemathesis' account with the curl to replay it. */
  readonly failures: string[];
  /** Negative mode: the requests that changed something and were answered 2xx (from the HAR report). */
  readonly acceptedWrites: string[];
}

async function listen(app: INestApplication): Promise<string> {
  await app.listen(0, '127.0.0.1');
  const server = app.getHttpServer() as { address(): AddressInfo };
  const { port } = server.address();
  return `http://127.0.0.1:${port}`;
}

/**
 * The document as served, less the optional Acting-For header: a generated delegation id is never an active
 * delegation of the caller, so every request carrying one would stop at the guard's 403 and the fuzzer would
 * reach nothing behind it (delegations are exercised in access-and-backlog.e2e-spec.ts).
 */
function writeSchema(name: string, document: OpenAPIObject): string {
  const file = join(REPORTS, `${name}.openapi.json`);
  const fuzzed = structuredClone(document);
  for (const item of Object.values(fuzzed.paths)) {
    for (const operation of [item.get, item.put, item.post, item.delete, item.patch]) {
      if (operation?.parameters) {
        operation.parameters = operation.parameters.filter(
          (parameter) => !('name' in parameter && parameter.name === 'Acting-For'),
        );
      }
    }
  }
  writeFileSync(file, JSON.stringify(fuzzed, null, 2));
  return file;
}

const decodeXml = (text: string): string =>
  text
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&#x([0-9a-f]+);/gi, (_, code: string) => String.fromCodePoint(parseInt(code, 16)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

/** Failures and errors per operation from the JUnit report. */
function junitFailures(file: string): string[] {
  if (!existsSync(file)) return [];
  const found: string[] = [];
  for (const testCase of readFileSync(file, 'utf8').matchAll(
    /<testcase\b([^>]*[^/])>([\s\S]*?)<\/testcase>/g,
  )) {
    const name = decodeXml(/\bname="([^"]*)"/.exec(testCase[1]!)?.[1] ?? '?');
    for (const outcome of testCase[2]!.matchAll(/<(failure|error)\b([^>]*)>([\s\S]*?)<\/\1>/g)) {
      const codes = decodeXml(/\bmessage="([^"]*)"/.exec(outcome[2]!)?.[1] ?? outcome[1]!);
      const text = decodeXml(outcome[3]!).trim().split('\n').slice(0, 40).join('\n');
      found.push(`${name}: ${codes}\n${text}`);
    }
  }
  return found;
}

/** One bounded Schemathesis run against one document, as one demo user. */
async function schemathesis(
  st: string,
  target: Target,
  mode: 'positive' | 'negative',
  user: DemoUser,
): Promise<RunResult> {
  const run = `${target.name}-${mode}` as const;
  const budget = Math.max(5, Math.round(BUDGET_SECONDS * SHARE[run]));
  const junit = join(REPORTS, `${run}.junit.xml`);
  const json = join(REPORTS, `${run}.json`);
  const har = join(REPORTS, `${run}.har`);
  for (const file of [junit, json, har]) rmSync(file, { force: true });
  const config = join(REPORTS, 'schemathesis.toml');
  writeFileSync(config, CONFIG);
  const args = [
    '--config-file',
    config,
    'run',
    target.schema,
    '--url',
    target.url,
    '--header',
    `Authorization: Bearer ${await tokenFor(user)}`,
    '--mode',
    mode,
    '--phases',
    mode === 'negative' ? 'coverage,fuzzing' : 'examples,coverage,fuzzing',
    '--max-time',
    String(budget),
    '--checks',
    (mode === 'negative' ? NEGATIVE_CHECKS : CHECKS).join(','),
    '--max-examples',
    String(MAX_EXAMPLES),
    '--workers',
    '1',
    '--no-shrink',
    '--request-timeout',
    '30',
    '--generation-database',
    'none',
    '--suppress-health-check',
    'all',
    '--report',
    mode === 'negative' ? 'junit,json,har' : 'junit,json',
    '--report-junit-path',
    junit,
    '--report-json-path',
    json,
    ...(mode === 'negative' ? ['--report-har-path', har] : []),
    '--no-color',
    ...(process.env.FUZZ_SEED ? ['--seed', process.env.FUZZ_SEED] : []),
  ];
  const log = createWriteStream(join(REPORTS, `${run}.log`));
  const started = Date.now();
  // Asynchronously: the apps answering Schemathesis run in this process.
  const child = spawn(st, args, {
    cwd: REPORTS, // Schemathesis keeps a cache (.schemathesis) in its working directory
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      NO_COLOR: '1',
      ...(mode === 'negative' ? { SCHEMATHESIS_HOOKS: NEGATIVE_HOOKS } : {}),
    },
  });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  // --max-time ends the run; this only catches a run that hangs past it.
  let timedOut = false;
  const timer = setTimeout(
    () => {
      timedOut = true;
      child.kill('SIGINT'); // Schemathesis stops and still writes its reports
      setTimeout(() => child.kill('SIGKILL'), 15_000).unref();
    },
    (budget + 60) * 1000,
  );
  const exitCode = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', resolve);
  });
  clearTimeout(timer);
  log.end();
  if (!existsSync(json)) {
    throw new Error(
      `schemathesis ${run} wrote no report (exit ${exitCode}); see ${join(REPORTS, `${run}.log`)}`,
    );
  }
  const text = readFileSync(json, 'utf8');
  const report = JSON.parse(text) as {
    operations: { tested: number } | null;
    test_cases: { generated: number };
  };
  const failures = junitFailures(junit);
  if (timedOut) failures.push(`${run}: still running ${budget + 60} s after it started; stopped`);
  if (exitCode !== 0 && failures.length === 0) {
    failures.push(`${run}: schemathesis exited with ${exitCode}; see ${join(REPORTS, `${run}.log`)}`);
  }
  const figures: Figures = {
    run,
    seed: /"seed": (\d+)/.exec(text)?.[1] ?? null, // beyond a JavaScript number's precision
    operations: report.operations?.tested ?? 0,
    requests: report.test_cases.generated,
    failures: failures.length,
    seconds: Math.round((Date.now() - started) / 1000),
  };
  process.stdout.write(`fuzz ${JSON.stringify(figures)}\n`);
  return { figures, failures, acceptedWrites: acceptedWrites(har) };
}

/** Requests other than GET answered 2xx, as `status METHOD url body`, from a HAR report. */
function acceptedWrites(file: string): string[] {
  if (!existsSync(file)) return [];
  const har = JSON.parse(readFileSync(file, 'utf8')) as {
    log: {
      entries: {
        request: { method: string; url: string; postData?: { text?: string } };
        response: { status: number };
      }[];
    };
  };
  return har.log.entries
    .filter(({ request, response }) => request.method !== 'GET' && response.status < 300)
    .map(({ request, response }) =>
      `${response.status} ${request.method} ${request.url} ${request.postData?.text ?? ''}`.trim(),
    );
}

/** Row count and a digest of the rows of every application table. */
async function tableDigests(): Promise<Record<string, string>> {
  return withDatabase(async (db) => {
    const { rows: tables } = await db.query<{ name: string }>(
      `SELECT tablename AS name FROM pg_tables
        WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' ORDER BY tablename`,
    );
    const digests: Record<string, string> = {};
    for (const { name } of tables) {
      const { rows } = await db.query<{ count: number; digest: string }>(
        `SELECT count(*)::int AS count, md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) AS digest
           FROM "${name}" t`,
      );
      digests[name] = `${rows[0]!.count} rows ${rows[0]!.digest}`;
    }
    return digests;
  });
}

/**
 * Waits until nothing is left in flight: every outbox event published and every event on the topics the
 * targets service reads applied (the topics carry the earlier suites' events too).
 */
async function settled(kafka: Kafka): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await eventually(
      'the outbox to drain and the targets consumer to catch up',
      async () => {
        const unpublished = await withDatabase(async (db) => {
          const { rows } = await db.query<{ n: number }>(
            'SELECT count(*)::int AS n FROM outbox_event WHERE published_at IS NULL',
          );
          return rows[0]!.n;
        });
        if (unpublished > 0) return undefined;
        const committed = await admin.fetchOffsets({
          groupId: CONSUMER_GROUP,
          topics: TARGETS_SOURCE_TOPICS,
        });
        for (const topic of TARGETS_SOURCE_TOPICS) {
          const ends = await admin.fetchTopicOffsets(topic);
          const partitions = committed.find((entry) => entry.topic === topic)?.partitions ?? [];
          for (const end of ends) {
            const offset = Number(partitions.find((p) => p.partition === end.partition)?.offset ?? -1);
            if (Number(end.high) > Math.max(offset, 0)) return undefined;
          }
        }
        return true;
      },
      120_000,
    );
  } finally {
    await admin.disconnect();
  }
}

function changedTables(before: Record<string, string>, after: Record<string, string>): string[] {
  return [...new Set([...Object.keys(before), ...Object.keys(after)])]
    .filter((table) => before[table] !== after[table])
    .map((table) => `${table}: ${before[table] ?? 'absent'} → ${after[table] ?? 'absent'}`);
}

/** The failures as the assertion shows them: how many, then the first ones in full. */
const listed = (failures: string[]): string[] =>
  failures.length <= 5 ? failures : [...failures.slice(0, 5), `… and ${failures.length - 5} more`];

describe('fuzzing the OpenAPI documents (e2e, schemathesis)', () => {
  let apps: RunningApps;
  let st: string;
  let api: Target;
  let targets: Target;
  const kafka = new Kafka({
    clientId: 'e2e-fuzz',
    brokers: [`127.0.0.1:${testProfile.kafka.port}`],
    logLevel: logLevel.NOTHING,
  });
  const figures: Figures[] = [];
  let savedLogLevel: string | undefined;

  beforeAll(async () => {
    st = schemathesisCommand(); // pip-installs the pinned version into .local/tools on first use
    mkdirSync(REPORTS, { recursive: true });
    await useIsolatedDatabase('e2e_fuzz');
    // Nothing of the other suites may write here while rows are compared: a consumer group and a task queue
    // of this file's own (earlier suites' workflows stay on theirs), and no scheduled pace-alert evaluation.
    process.env.TARGETS_CONSUMER_GROUP = CONSUMER_GROUP;
    process.env.TEMPORAL_TASK_QUEUE = `xianfeng-fuzz-${randomUUID()}`;
    process.env.TARGETS_ALERTS_INTERVAL_SECONDS = '0';
    savedLogLevel = process.env.LOG_LEVEL;
    process.env.LOG_LEVEL = 'error'; // thousands of refused requests, each logged at warn
    apps = await startAllApps();
    api = {
      name: 'api',
      url: await listen(apps.api),
      schema: writeSchema('api', apiOpenApiDocument(apps.api)),
    };
    targets = {
      name: 'targets',
      url: await listen(apps.targets),
      schema: writeSchema('targets', targetsOpenApiDocument(apps.targets)),
    };
  }, 300_000);

  afterAll(async () => {
    await apps?.close();
    delete process.env.TARGETS_CONSUMER_GROUP;
    delete process.env.TEMPORAL_TASK_QUEUE;
    delete process.env.TARGETS_ALERTS_INTERVAL_SECONDS;
    if (savedLogLevel === undefined) delete process.env.LOG_LEVEL;
    else process.env.LOG_LEVEL = savedLogLevel;
    process.stdout.write(`fuzz figures\n${figures.map((f) => JSON.stringify(f)).join('\n')}\n`);
  });

  it('refuses requests that break the document: no 5xx, answers as documented, and no row written', async () => {
    await settled(kafka);
    const before = await tableDigests();
    const runs = [
      await schemathesis(st, api, 'negative', 'dz-organiser'),
      await schemathesis(st, targets, 'negative', 'zzb-officer'),
    ];
    figures.push(...runs.map((run) => run.figures));
    await settled(kafka);
    const after = await tableDigests();
    expect(runs.every((run) => run.figures.operations > 0)).toBe(true);
    const changed = changedTables(before, after);
    expect({
      failures: listed(runs.flatMap((run) => run.failures)),
      changedTables: changed,
      // Which invalid requests were accepted, to find the one that wrote (shown only when a table changed).
      acceptedWrites: changed.length > 0 ? listed(runs.flatMap((run) => run.acceptedWrites)) : [],
    }).toEqual({ failures: [], changedTables: [], acceptedWrites: [] });
  }, 600_000);

  it('answers valid requests without a 5xx and as documented', async () => {
    const runs = [
      await schemathesis(st, api, 'positive', 'dc-b1-committee-member'),
      await schemathesis(st, targets, 'positive', 'dz-organiser'),
    ];
    figures.push(...runs.map((run) => run.figures));
    expect(runs.every((run) => run.figures.operations > 0)).toBe(true);
    expect(listed(runs.flatMap((run) => run.failures))).toEqual([]);
  }, 600_000);
});
