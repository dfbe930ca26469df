import { type INestApplication } from '@nestjs/common';
import { Client as TemporalClient } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { type Http2Server, type ServerHttp2Session, createServer as createHttp2Server } from 'node:http2';
import { type AddressInfo } from 'node:net';
import request from 'supertest';
import { type App } from 'supertest/types';

import { ApiModule } from '../../apps/api/src/api.module';
import { createHttpApp } from '../../libs/config/src/bootstrap';
import { chinaLocalDate } from '../../libs/domain/src';
import { recordActionUpdate } from '../../workflows/member-development/member-development.workflow';
import { recordingFailureFrom } from '../../workflows/shared/recording-failure';
import { type RunningApps, startAllApps } from '../support/apps';
import { type TestAgent, signedIn } from '../support/auth';
import { eventually, useIsolatedDatabase, withDatabase } from '../support/database';
import { nationalIdFor } from '../support/fixtures';
import { freePort } from '../support/ports';

/**
 * Every call from the API into Temporal has a deadline (TEMPORAL_CALL_TIMEOUT_MS) and answers a problem when
 * Temporal is unreachable (503 TEMPORAL_UNAVAILABLE), does not answer (504 TEMPORAL_TIMEOUT), or holds an update
 * whose recording is stuck (504, and the action is recorded once it is not). The worker lists what its
 * activities are stuck on at /health/stuck-cases.
 */
const CALL_TIMEOUT_MS = '4000';
const TODAY = chinaLocalDate(new Date());
const BRANCH = 'DX-DZ-DC-B1';
let sequence = 700;

const application = () => ({
  name: '邓超',
  nationalId: nationalIdFor('19950620', String(sequence++)),
  birthDate: '1995-06-20',
  branch: BRANCH,
  applicationDate: TODAY,
});

/** An HTTP/2 server that accepts gRPC calls and never answers them: a hung Temporal. */
async function silentServer(): Promise<{ address: string; close(): Promise<void> }> {
  const sessions = new Set<ServerHttp2Session>();
  const server: Http2Server = createHttp2Server();
  server.on('session', (session) => sessions.add(session));
  server.on('stream', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    address: `127.0.0.1:${port}`,
    close: async () => {
      for (const session of sessions) session.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The API alone, talking to Temporal at `address`. */
async function apiAgainst(address: string): Promise<INestApplication> {
  const previous = process.env.TEMPORAL_ADDRESS;
  process.env.TEMPORAL_ADDRESS = address;
  try {
    const api = await createHttpApp(ApiModule);
    await api.init();
    return api;
  } finally {
    process.env.TEMPORAL_ADDRESS = previous;
  }
}

describe('deadlines of calls into Temporal (e2e)', () => {
  beforeAll(async () => {
    await useIsolatedDatabase('e2e_temporal_deadlines');
    process.env.TEMPORAL_CALL_TIMEOUT_MS = CALL_TIMEOUT_MS;
  });
  afterAll(() => {
    delete process.env.TEMPORAL_CALL_TIMEOUT_MS;
  });

  it('answers 503 TEMPORAL_UNAVAILABLE when nobody listens at TEMPORAL_ADDRESS', async () => {
    const api = await apiAgainst(`127.0.0.1:${await freePort()}`);
    try {
      const branch = await signedIn(api.getHttpServer() as App, 'dc-b1-secretary');
      const state = await branch.get(`/v1/member-cases/${randomUUID()}/state`);
      expect(state.status).toBe(503);
      expect(state.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(state.body).toMatchObject({ code: 'TEMPORAL_UNAVAILABLE' });
      const ready = await request(api.getHttpServer() as App).get('/health/ready');
      expect(ready.status).toBe(503);
      expect(ready.body).toMatchObject({ checks: { temporal: expect.stringMatching(/^down/) } });
    } finally {
      await api.close();
    }
  });

  it('answers 504 TEMPORAL_TIMEOUT when Temporal takes calls and never answers', async () => {
    const silent = await silentServer();
    const api = await apiAgainst(silent.address);
    try {
      const branch = await signedIn(api.getHttpServer() as App, 'dc-b1-secretary');
      const state = await branch.get(`/v1/member-cases/${randomUUID()}/state`);
      expect(state.status).toBe(504);
      expect(state.body).toMatchObject({ code: 'TEMPORAL_TIMEOUT' });

      // Creation keeps its own answer: the case may still be recorded, under the id it names.
      const created = await branch
        .post('/v1/member-cases')
        .set('Idempotency-Key', `silent-${randomUUID()}`)
        .send(application());
      expect(created.status).toBe(503);
      expect(created.body).toMatchObject({ code: 'RECORDING_DELAYED', caseId: expect.any(String) });
    } finally {
      await api.close();
      await silent.close();
    }
  });

  describe('with every app running', () => {
    let apps: RunningApps;
    let branch: TestAgent;
    let temporal: TemporalClient;

    beforeAll(async () => {
      apps = await startAllApps();
      branch = await signedIn(apps.api.getHttpServer() as App, 'dc-b1-secretary');
      // The API's own client (its payload codec, its deadlines), to go past the HTTP edge.
      temporal = apps.api.get(TemporalClient);
    });
    afterAll(async () => {
      await apps?.close();
    });

    const stuckCases = async () =>
      (
        await request(apps.worker.getHttpServer() as App)
          .get('/health/stuck-cases')
          .expect(200)
      ).body as {
        failing: { workflowId: string; activityType: string; retrying: boolean; failureType: string }[];
        running: { workflowId: string; activityType: string }[];
      };
    const dossierSize = (caseId: string) =>
      withDatabase(async (db) => {
        const { rows } = await db.query<{ count: string }>(
          'SELECT count(*)::text AS count FROM dossier_record WHERE case_id = $1',
          [caseId],
        );
        return Number(rows[0]!.count);
      });

    it('answers 504 while a recording is stuck, and the action is recorded once it is not', async () => {
      const created = await branch
        .post('/v1/member-cases')
        .set('Idempotency-Key', `stuck-${randomUUID()}`)
        .send(application())
        .expect(201);
      const caseId = (created.body as { id: string }).id;
      const talk = { date: TODAY, actingBody: BRANCH, talker: '王书记', summary: '谈话' };
      const key = `talk-${randomUUID()}`;

      // Another transaction holds the case row: the recording activity waits for it.
      await withDatabase(async (db) => {
        await db.query('BEGIN');
        await db.query('SELECT id FROM member_case WHERE id = $1 FOR UPDATE', [caseId]);
        try {
          const held = await branch
            .post(`/v1/member-cases/${caseId}/talk`)
            .set('Idempotency-Key', key)
            .send(talk);
          expect(held.status).toBe(504);
          expect(held.body).toMatchObject({ code: 'TEMPORAL_TIMEOUT' });
          // The worker shows the activity running for the case.
          expect((await stuckCases()).running).toContainEqual(
            expect.objectContaining({
              workflowId: `member-case-${caseId}`,
              activityType: 'recordMemberAction',
            }),
          );
        } finally {
          await db.query('ROLLBACK');
        }
      });

      await eventually('the talk recorded', async () =>
        (await dossierSize(caseId)) === 2 ? true : undefined,
      );
      const again = await branch
        .post(`/v1/member-cases/${caseId}/talk`)
        .set('Idempotency-Key', key)
        .send(talk);
      expect(again.status).toBe(200);
      expect(again.body).toMatchObject({ id: caseId, currentStep: 2 });
      expect(await dossierSize(caseId)).toBe(2);
    });

    it('lists an action the database refused with its case on the worker, and the case goes on', async () => {
      const created = await branch
        .post('/v1/member-cases')
        .set('Idempotency-Key', `refused-${randomUUID()}`)
        .send(application())
        .expect(201);
      const caseId = (created.body as { id: string }).id;
      const workflowId = `member-case-${caseId}`;
      const state = (await branch.get(`/v1/member-cases/${caseId}/state`).expect(200)).body as {
        state: { branch: unknown };
      };
      // Past the HTTP edge (which refuses a NUL byte): straight to the workflow.
      const refused = await temporal.workflow
        .getHandle(workflowId)
        .executeUpdate(recordActionUpdate, {
          args: [
            {
              type: 'RECORD_TALK',
              date: TODAY,
              actingBody: state.state.branch as never,
              talker: '王书记',
              summary: '谈话\u0000记录',
            },
          ],
        })
        .then(
          () => undefined,
          (error: unknown) => recordingFailureFrom(error),
        );
      expect(refused).toMatchObject({ kind: 'DATA', details: { sqlState: expect.any(String) } });
      expect((await stuckCases()).failing).toContainEqual(
        expect.objectContaining({
          workflowId,
          activityType: 'recordMemberAction',
          retrying: false,
          failureType: 'DataError',
        }),
      );
      await branch
        .post(`/v1/member-cases/${caseId}/talk`)
        .send({ date: TODAY, actingBody: BRANCH, talker: '王书记', summary: '谈话' })
        .expect(200);
    });
  });
});
