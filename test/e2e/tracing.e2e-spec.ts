import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { type IncomingMessage, type Server, createServer } from 'node:http';
import { type AddressInfo } from 'node:net';
import { join } from 'node:path';

import { projectRoot } from '../../deploy/local/profiles';
import { bearer } from '../support/auth';
import { eventually, useIsolatedDatabase } from '../support/database';
import { nationalIdFor } from '../support/fixtures';
import { testEnvironment } from '../support/test-profile';
import { freePort } from '../support/ports';

/**
 * One action traced from end to end, with the apps as the image runs them (built, one process each) and their
 * spans exported over OTLP/HTTP to a collector played by this test: the API's request, its Temporal update,
 * the workflow and its recording activity with the activity's SQL, and, through the event's CloudEvents
 * `traceparent`, the relay publishing it and the targets consumer applying it, all one trace; each app's log lines carry its trace id.
 */
interface ReceivedSpan {
  service: string;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes: Record<string, unknown>;
}

interface OtlpValue {
  stringValue?: string;
  intValue?: string | number;
  boolValue?: boolean;
}
interface OtlpExport {
  resourceSpans?: {
    resource?: { attributes?: { key: string; value: OtlpValue }[] };
    scopeSpans?: {
      spans?: {
        traceId: string;
        spanId: string;
        parentSpanId?: string;
        name: string;
        kind: number;
        attributes?: { key: string; value: OtlpValue }[];
      }[];
    }[];
  }[];
}

const valueOf = (value: OtlpValue) => value.stringValue ?? value.intValue ?? value.boolValue;
const attributesOf = (list: { key: string; value: OtlpValue }[] = []) =>
  Object.fromEntries(list.map(({ key, value }) => [key, valueOf(value)]));

/** An OTLP/HTTP trace receiver (JSON, as the exporter sends it) keeping every span it is sent. */
async function collector(): Promise<{ url: string; spans: ReceivedSpan[]; close(): Promise<void> }> {
  const spans: ReceivedSpan[] = [];
  const read = async (request: IncomingMessage) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as OtlpExport;
  };
  const server: Server = createServer((request, response) => {
    read(request).then(
      (body) => {
        for (const resourceSpans of body.resourceSpans ?? []) {
          const service = String(attributesOf(resourceSpans.resource?.attributes)['service.name']);
          for (const scope of resourceSpans.scopeSpans ?? [])
            for (const span of scope.spans ?? [])
              spans.push({ ...span, service, attributes: attributesOf(span.attributes) });
        }
        response.writeHead(200, { 'Content-Type': 'application/json' }).end('{}');
      },
      () => response.writeHead(400).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    spans,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

const APPS = ['api', 'worker', 'relay', 'targets'] as const;
type AppName = (typeof APPS)[number];

describe('tracing across the apps (e2e)', () => {
  let otlp: Awaited<ReturnType<typeof collector>>;
  const processes = new Map<AppName, ChildProcess>();
  const ports = new Map<AppName, number>();
  const logs = new Map<AppName, string[]>();

  beforeAll(async () => {
    const databaseUrl = await useIsolatedDatabase('e2e_tracing');
    otlp = await collector();
    const shared = {
      ...testEnvironment(),
      DATABASE_URL: databaseUrl,
      LOG_LEVEL: 'info',
      OTEL_EXPORTER_OTLP_ENDPOINT: otlp.url,
      OTEL_BSP_SCHEDULE_DELAY: '200',
      // This suite's own queue and consumer group: no other worker takes its tasks, it reads every event.
      TEMPORAL_TASK_QUEUE: `tracing-${randomUUID()}`,
      TARGETS_CONSUMER_GROUP: `xianfeng-targets-tracing-${randomUUID()}`,
    };
    for (const app of APPS) {
      const port = await freePort();
      ports.set(app, port);
      const child = spawn(
        process.execPath,
        ['--enable-source-maps', join(projectRoot(), 'dist', 'apps', app, 'src', 'main.js')],
        {
          env: { PATH: process.env.PATH, ...shared, HTTP_HOST: '127.0.0.1', HTTP_PORT: String(port) },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      const lines: string[] = [];
      logs.set(app, lines);
      const collect = (chunk: Buffer) => lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      child.stdout?.on('data', collect);
      child.stderr?.on('data', collect);
      processes.set(app, child);
    }
    for (const app of APPS)
      await eventually(
        `${app} ready`,
        async () => {
          if (processes.get(app)!.exitCode !== null)
            throw new Error(`${app} exited: ${logs.get(app)!.slice(-5).join('\n')}`);
          const response = await fetch(`http://127.0.0.1:${ports.get(app)}/health/ready`).catch(
            () => undefined,
          );
          return response?.ok ? true : undefined;
        },
        120_000,
      );
  }, 240_000);

  afterAll(async () => {
    await Promise.all(
      [...processes.values()].map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null) return resolve();
            child.once('exit', () => resolve());
            child.kill('SIGTERM');
          }),
      ),
    );
    await otlp?.close();
  });

  it('follows one application from the HTTP request to the targets consumer in one trace', async () => {
    const response = await fetch(`http://127.0.0.1:${ports.get('api')}/v1/member-cases`, {
      method: 'POST',
      headers: {
        Authorization: await bearer('dc-b1-secretary'),
        'Content-Type': 'application/json',
        'Idempotency-Key': `tracing-${randomUUID()}`,
      },
      body: JSON.stringify({
        name: '许晴',
        nationalId: nationalIdFor('19980305', '462'),
        birthDate: '1998-03-05',
        branch: 'DX-DZ-DC-B1',
        applicationDate: '2026-11-03',
      }),
    });
    expect(response.status).toBe(201);
    const requestId = response.headers.get('x-request-id');

    const request = await eventually('the API’s span of the request', () =>
      Promise.resolve(
        otlp.spans.find(
          (span) =>
            span.service === 'xianfeng-api' &&
            span.kind === 2 && // SERVER
            span.attributes['http.method'] === 'POST' &&
            String(span.attributes['http.target']).startsWith('/v1/member-cases'),
        ),
      ),
    );
    const inTrace = () => otlp.spans.filter((span) => span.traceId === request.traceId);
    const consumed = await eventually(
      'the targets consumer’s span in the same trace',
      () => Promise.resolve(inTrace().find((span) => span.service === 'xianfeng-targets')),
      60_000,
    );
    expect(consumed.name).toBe('apply cn.xianfeng.member.application-received.v1');

    // Spans come as each ends (the workflow's own run span only when the case closes, years from now).
    const activity = await eventually('the recording activity’s span', () =>
      Promise.resolve(inTrace().find((span) => span.name === 'RunActivity:recordApplication')),
    );
    const trace = inTrace();
    const byService = (service: string) => trace.filter((span) => span.service === service);
    // The API's call into Temporal, the workflow scheduling its recording activity, the activity's SQL.
    expect(byService('xianfeng-api').map((span) => span.name)).toContainEqual(
      expect.stringMatching(/^UpdateWithStartWorkflow:/),
    );
    const worker = byService('xianfeng-worker');
    expect(worker.map((span) => span.name)).toEqual(
      expect.arrayContaining([
        'HandleUpdate:applicationRecorded',
        'StartActivity:recordApplication',
      ]) as unknown,
    );
    const scheduled = worker.find((span) => span.name === 'StartActivity:recordApplication')!;
    expect(activity.parentSpanId).toBe(scheduled.spanId);
    const queries = worker.filter(
      (span) => span.attributes['db.system'] === 'postgresql' && span.parentSpanId === activity.spanId,
    );
    expect(queries.map((span) => span.name)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^pg\.query:INSERT/)]) as unknown,
    );
    // The relay's publication of the event and the consumer's application of it continue from that activity,
    // through the event's traceparent.
    const relayed = await eventually('the relay’s span in the same trace', () =>
      Promise.resolve(inTrace().find((span) => span.service === 'xianfeng-relay')),
    );
    expect(relayed).toMatchObject({
      name: 'publish xianfeng.member-development.v1',
      kind: 4, // PRODUCER
      parentSpanId: activity.spanId,
    });
    expect(consumed.parentSpanId).toBe(activity.spanId);

    // Every log line about the request and the activity carries the trace id.
    const apiLines = logs.get('api')!.filter((line) => line.includes(requestId!));
    expect(apiLines.length).toBeGreaterThan(0);
    for (const line of apiLines)
      expect(JSON.parse(line)).toMatchObject({ requestId, traceId: request.traceId });
  });
});
