import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { promisify } from 'node:util';

import { Client as TemporalClient, Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import request from 'supertest';
import { type App } from 'supertest/types';

import { temporalCliPath } from '../../deploy/local/temporal';
import { type RunningApps, startAllApps } from '../support/apps';
import { type TestAgent, bearer, signedIn } from '../support/auth';
import { useIsolatedDatabase, withDatabase } from '../support/database';
import { nationalIdFor } from '../support/fixtures';
import { testProfile } from '../support/test-profile';

const run = promisify(execFile);
const UI_ORIGIN = 'http://127.0.0.1:18233';

interface Person {
  readonly name: string;
  readonly nationalId: string;
  readonly birthDate: string;
}

/**
 * Everything of the person that must not be readable: the name and the number, whole or in telling parts
 * (8 characters and more, which no UUID or ciphertext in a history holds by chance).
 */
function secretsOf(person: Person): string[] {
  const id = person.nationalId;
  return [person.name, id, id.slice(0, 17), id.slice(0, 14), id.slice(6, 18), id.slice(10)];
}

function leaked(text: string | Buffer, person: Person): string[] {
  const haystack = Buffer.isBuffer(text) ? text : Buffer.from(text, 'utf8');
  return secretsOf(person).filter((secret) => haystack.includes(Buffer.from(secret, 'utf8')));
}

/** A workflow's history as the server keeps it, read without the codec, as protobuf bytes. */
async function rawHistory(
  workflowId: string,
): Promise<{ bytes: Buffer; history: temporal.api.history.v1.IHistory }> {
  const connection = await Connection.connect({ address: `127.0.0.1:${testProfile.temporal.port}` });
  try {
    const history = await new TemporalClient({ connection }).workflow.getHandle(workflowId).fetchHistory();
    return { bytes: Buffer.from(temporal.api.history.v1.History.encode(history).finish()), history };
  } finally {
    await connection.close();
  }
}

/**
 * What `temporal workflow show --output json` shows, payloads readable: their bytes (base64 in the JSON)
 * decoded to text, as anyone reading the output would.
 */
async function cliShow(workflowId: string, ...options: string[]): Promise<string> {
  const shown = await cliShowJson(workflowId, ...options);
  const texts: string[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') {
      const { metadata, data } = value as { metadata?: unknown; data?: unknown };
      if (metadata && typeof data === 'string') texts.push(Buffer.from(data, 'base64').toString('utf8'));
      Object.values(value).forEach(walk);
    }
  };
  walk(JSON.parse(shown));
  return [shown, ...texts].join('\n');
}

/** `temporal workflow show` with the CLI of the local servers; extra options e.g. a codec endpoint. */
async function cliShowJson(workflowId: string, ...options: string[]): Promise<string> {
  const { stdout } = await run(temporalCliPath(), [
    'workflow',
    'show',
    '--workflow-id',
    workflowId,
    '--address',
    `127.0.0.1:${testProfile.temporal.port}`,
    '--namespace',
    'default',
    '--output',
    'json',
    ...options,
  ]);
  return stdout;
}

const payloadJson = (payload: temporal.api.common.v1.IPayload) => ({
  metadata: Object.fromEntries(
    Object.entries(payload.metadata ?? {}).map(([key, value]) => [
      key,
      Buffer.from(value).toString('base64'),
    ]),
  ),
  data: Buffer.from(payload.data ?? []).toString('base64'),
});

/**
 * Issue 11, personal data: workflow histories (Temporal server, its database, its UI) hold no name and no ID
 * number in clear, the person table holds no ID number in clear, and only an auditor of the whole tree can
 * have payloads decoded, through the API's codec endpoint, which the Temporal CLI and UI call.
 */
describe('personal data in workflow histories and at rest (e2e)', () => {
  let apps: RunningApps;
  let branch: TestAgent;
  let township: TestAgent;
  let codecUrl: string;
  const started: { kind: string; workflowId: string; personId: string; person: Person; body: unknown }[] = [];

  beforeAll(async () => {
    await useIsolatedDatabase('e2e_personal_data');
    process.env.TEMPORAL_UI_ORIGIN = UI_ORIGIN;
    apps = await startAllApps();
    const server = apps.api.getHttpServer() as App;
    branch = await signedIn(server, 'dc-b1-secretary');
    township = await signedIn(server, 'dz-organiser');
    // The CLI calls the codec endpoint over HTTP.
    await apps.api.listen(0, '127.0.0.1');
    codecUrl = `http://127.0.0.1:${((apps.api.getHttpServer() as Server).address() as AddressInfo).port}/v1/temporal-codec`;

    const member: Person = {
      name: '欧阳明珠',
      nationalId: nationalIdFor('19990321', '736'),
      birthDate: '1999-03-21',
    };
    const memberCase = (
      await branch
        .post('/v1/member-cases')
        .set('Idempotency-Key', `pd-${randomUUID()}`)
        .send({ ...member, branch: 'DX-DZ-DC-B1', applicationDate: '2026-11-02' })
        .expect(201)
    ).body as { workflowId: string; applicant: { personId: string } };
    started.push({
      kind: 'member',
      workflowId: memberCase.workflowId,
      personId: memberCase.applicant.personId,
      person: member,
      body: memberCase,
    });

    const nominee: Person = {
      name: '司马归雁',
      nationalId: nationalIdFor('20000501', '457'),
      birthDate: '2000-05-01',
    };
    const cadreCase = (
      await township
        .post('/v1/cadre-cases')
        .set('Idempotency-Key', `pd-${randomUUID()}`)
        .send({
          programme: 'GUIYAN',
          post: 'SECRETARY_ASSISTANT',
          village: 'DX-DZ-DC',
          channel: 'TOWNSHIP',
          nominatedOn: '2025-03-03',
          person: nominee,
        })
        .expect(201)
    ).body as { workflowId: string; person: { id: string } };
    started.push({
      kind: 'cadre',
      workflowId: cadreCase.workflowId,
      personId: cadreCase.person.id,
      person: nominee,
      body: cadreCase,
    });

    const reservist: Person = {
      name: '诸葛后备',
      nationalId: nationalIdFor('19980412', '519'),
      birthDate: '1998-04-12',
    };
    const entry = (
      await township
        .post('/v1/reserve-pool/entries')
        .set('Idempotency-Key', `pd-${randomUUID()}`)
        .send({
          village: 'DX-DZ-NC',
          category: 'LOCAL_GRADUATE',
          channel: 'ORGANISATION',
          by: '南村党支部',
          person: reservist,
        })
        .expect(201)
    ).body as { workflowId: string; person: { id: string } };
    started.push({
      kind: 'reserve',
      workflowId: entry.workflowId,
      personId: entry.person.id,
      person: reservist,
      body: entry,
    });
  });

  afterAll(async () => {
    delete process.env.TEMPORAL_UI_ORIGIN;
    await apps?.close();
  });

  it('answers with the irreversible mask only: the last character of the number', () => {
    for (const { person, body } of started) {
      const json = JSON.stringify(body);
      expect(json).toContain(`"nationalIdMasked":"*****************${person.nationalId.slice(-1)}"`);
      expect(leaked(json, { ...person, name: '\u0000' })).toEqual([]);
    }
  });

  it('keeps every payload of a new member, cadre and reserve workflow encrypted: no name or number in the history', async () => {
    for (const { kind, workflowId, person } of started) {
      const { bytes, history } = await rawHistory(workflowId);
      expect({ kind, leaked: leaked(bytes, person) }).toEqual({ kind, leaked: [] });
      // The workflow input is a payload under the codec's encoding and key id.
      const input = history.events![0]!.workflowExecutionStartedEventAttributes!.input!.payloads![0]!;
      expect(Buffer.from(input.metadata!.encoding!).toString()).toBe('binary/encrypted');
      expect(Buffer.from(input.metadata!['encryption-key-id']!).toString()).toBe('test-1');
    }
  });

  it('shows no name or number to `temporal workflow show` without the codec', async () => {
    for (const { kind, workflowId, person } of started) {
      const shown = await cliShow(workflowId);
      expect(shown).toContain('EVENT_TYPE_WORKFLOW_EXECUTION_STARTED');
      expect({ kind, leaked: leaked(shown, person) }).toEqual({ kind, leaked: [] });
    }
  });

  it('decodes for an auditor of the whole tree through the codec endpoint, and even then the inputs carry the person id, never the number', async () => {
    const auth = `--codec-auth=${await bearer('county-auditor')}`;
    for (const { kind, workflowId, personId, person } of started) {
      const shown = await cliShow(workflowId, `--codec-endpoint=${codecUrl}`, auth);
      // Decoded: the recorded view names the person (what the auditor may read through the API anyway) …
      expect(shown).toContain(person.name);
      expect(shown).toContain(personId);
      // … but no history holds the number: the workflow was started with the person's id.
      expect({ kind, leaked: leaked(shown, { ...person, name: '\u0000' }) }).toEqual({ kind, leaked: [] });
    }
  });

  it('refuses to decode for anyone else: 401 without a token, 403 for other roles and for part of the tree', async () => {
    const { history } = await rawHistory(started[0]!.workflowId);
    const input = history.events![0]!.workflowExecutionStartedEventAttributes!.input!.payloads![0]!;
    const body = { payloads: [payloadJson(input)] };
    const server = apps.api.getHttpServer() as App;
    await request(server).post('/v1/temporal-codec/decode').send(body).expect(401);
    for (const user of [
      'zzb-officer',
      'dc-b1-secretary',
      { sub: 'dz-auditor', name: '东镇巡察', org_unit: 'DX-DZ', roles: ['AUDITOR' as const] },
    ] as const) {
      const refused = await request(server)
        .post('/v1/temporal-codec/decode')
        .set('Authorization', await bearer(user))
        .send(body)
        .expect(403);
      expect((refused.body as { code: string }).code).toMatch(/^(ROLE_NOT_PERMITTED|OUT_OF_SCOPE)$/);
      await request(server)
        .post('/v1/temporal-codec/encode')
        .set('Authorization', await bearer(user))
        .send(body)
        .expect(403);
    }

    const decoded = await request(server)
      .post('/v1/temporal-codec/decode')
      .set('Authorization', await bearer('county-auditor'))
      .set('X-Namespace', 'default')
      .send(body)
      .expect(200);
    const [payload] = (decoded.body as { payloads: { metadata: Record<string, string>; data: string }[] })
      .payloads;
    expect(Buffer.from(payload!.metadata.encoding!, 'base64').toString()).toBe('json/plain');
    const workflowInput = JSON.parse(Buffer.from(payload!.data, 'base64').toString()) as {
      application: Record<string, unknown>;
    };
    expect(workflowInput.application).toMatchObject({ personId: started[0]!.personId });
    expect(workflowInput.application).not.toHaveProperty('nationalId');
    expect(workflowInput.application).not.toHaveProperty('name');

    // Proto3 JSON leaves an empty list out: the CLI asks with `{}` for an event without payloads.
    const none = await request(server)
      .post('/v1/temporal-codec/decode')
      .set('Authorization', await bearer('county-auditor'))
      .send({})
      .expect(200);
    expect(none.body).toEqual({ payloads: [] });

    // An altered payload is refused, not decoded into something else.
    const altered = payloadJson(input);
    const data = Buffer.from(altered.data, 'base64');
    data[data.length - 1]! ^= 1;
    const refused = await request(server)
      .post('/v1/temporal-codec/decode')
      .set('Authorization', await bearer('county-auditor'))
      .send({ payloads: [{ ...altered, data: data.toString('base64') }] })
      .expect(422);
    expect((refused.body as { code: string }).code).toBe('PAYLOAD_NOT_DECODABLE');
  });

  it('lets the configured Temporal UI origin call it from the browser, and no other origin', async () => {
    const server = apps.api.getHttpServer() as App;
    const preflight = await request(server)
      .options('/v1/temporal-codec/decode')
      .set('Origin', UI_ORIGIN)
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'authorization, content-type, x-namespace')
      .expect(204);
    expect(preflight.headers['access-control-allow-origin']).toBe(UI_ORIGIN);
    expect(preflight.headers['access-control-allow-headers']).toContain('authorization');
    const other = await request(server)
      .options('/v1/temporal-codec/decode')
      .set('Origin', 'https://elsewhere.example')
      .set('Access-Control-Request-Method', 'POST');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
    // The refusal of a call without a token still reaches the UI (CORS headers on the problem).
    const unauthenticated = await request(server)
      .post('/v1/temporal-codec/decode')
      .set('Origin', UI_ORIGIN)
      .send({ payloads: [] })
      .expect(401);
    expect(unauthenticated.headers['access-control-allow-origin']).toBe(UI_ORIGIN);
  });

  it('stores no ID number in clear: the person rows as psql reads them', async () => {
    for (const { personId, person } of started) {
      const row = await withDatabase(async (db) => {
        const { rows } = await db.query<{ row: Record<string, unknown> }>(
          'SELECT row_to_json(p) AS row FROM person p WHERE id = $1',
          [personId],
        );
        return rows[0]!.row;
      });
      expect(row).toMatchObject({
        national_id_mask: `*****************${person.nationalId.slice(-1)}`,
        national_id_encrypted: expect.stringMatching(/^test-1:[A-Za-z0-9+/]+=*$/),
        national_id_hmac: expect.stringMatching(/^[0-9a-f]{64}$/),
      });
      expect(row).not.toHaveProperty('national_id');
      expect(leaked(JSON.stringify(row), { ...person, name: '\u0000' })).toEqual([]);
    }
  });
});
