import { type INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';

import { ApiModule } from '../../apps/api/src/api.module';
import { setupOpenApi } from '../../apps/api/src/openapi/openapi';
import { setupTargetsOpenApi } from '../../apps/targets/src/openapi';
import { TargetsModule } from '../../apps/targets/src/targets.module';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { type DemoReport, seedDemo, summaryLines } from '../../deploy/local/demo';
import { DemoClient } from '../../deploy/local/demo/client';
import { authDir } from '../../deploy/local/profiles';
import { chinaLocalDate } from '../../libs/domain/src';
import { rowCounts, useIsolatedDatabase, withDatabase } from '../support/database';
import { nationalIdFor } from '../support/fixtures';
import { ResponseSchemas } from '../support/openapi-responses';
import { testProfile } from '../support/test-profile';
import { boot, listening } from '../support/apps';

/**
 * The demo data `npm start` seeds (issue 13), run as `npm start` runs it: over HTTP against the api and targets
 * apps listening on ports of their own, with the worker running the workflows. No relay: the demo cases'
 * events stay in this file's outbox, since other suites count what the shared Kafka topics carry for the
 * seeded org units (member-development reads its targets from the start of the topic).
 */
const ANCHOR = chinaLocalDate(new Date());
/** What the seeding writes; the targets read model and the outbox follow the workflows' timers and Kafka. */
const SEEDED = [
  'person',
  'party_membership',
  'member_case',
  'dossier_record',
  'cadre_case',
  'cadre_record',
  'reserve_entry',
  'reserve_record',
  'reserve_review',
  'reserve_review_task',
  'reserve_policy',
  'target_quota',
  'village_cadre_roster',
  'idempotency_key',
  'approval_task',
];

/** What a member case's label means in the read model. */
const MEMBER_STAGES: Record<string, { stage: string | RegExp; status: string }> = {
  applicant: { stage: 'APPLICANT', status: 'OPEN' },
  activist: { stage: 'ACTIVIST', status: 'OPEN' },
  'development target': { stage: 'DEVELOPMENT_TARGET', status: 'OPEN' },
  probationary: { stage: 'PROBATIONARY', status: 'OPEN' },
  'full member': { stage: 'FULL_MEMBER', status: expect.any(String) as string },
  withdrawn: { stage: /^(APPLICANT|ACTIVIST)$/, status: 'CLOSED' },
};
const CADRE_STAGES: Record<string, object> = {
  nominated: { stage: 'NOMINATED', status: 'OPEN' },
  'joint review': { stage: 'JOINT_REVIEW', status: 'OPEN' },
  assessment: { stage: 'ASSESSMENT', status: 'OPEN' },
  decision: { stage: 'DECISION', status: 'OPEN' },
  notice: { stage: 'NOTICE', status: 'OPEN' },
  trial: { stage: 'TRIAL', status: 'OPEN' },
  confirmed: { stage: 'CONFIRMED', status: 'CLOSED', outcome: 'CONFIRMED' },
  exited: { stage: 'EXITED', status: 'CLOSED', outcome: 'EXITED' },
  disqualified: { status: 'CLOSED', outcome: 'DISQUALIFIED' },
  withdrawn: { status: 'CLOSED', outcome: 'WITHDRAWN' },
};

describe('demo data (e2e)', () => {
  let apps: INestApplication[] = [];
  let endpoints: { apiUrl: string; targetsUrl: string; authDir: string };
  /** The first seeding's report, for the reads of what it seeded. */
  let seeded: DemoReport | undefined;

  beforeAll(async () => {
    await useIsolatedDatabase('e2e_demo_data');
    process.env.TARGETS_CONSUMER_GROUP = `xianfeng-targets-e2e-${randomUUID()}`;
    process.env.TARGETS_ALERTS_INTERVAL_SECONDS = '0';
    const [api, worker, targets] = await Promise.all([
      boot(ApiModule, setupOpenApi),
      boot(WorkerModule),
      boot(TargetsModule, setupTargetsOpenApi),
    ]);
    apps = [api, worker, targets];
    endpoints = {
      apiUrl: await listening(api),
      targetsUrl: await listening(targets),
      authDir: authDir(testProfile),
    };
  }, 180_000);

  afterAll(async () => {
    // The review Schedules live in the shared Temporal server: leave none behind for the other suites.
    if (endpoints) {
      const client = new DemoClient(endpoints);
      for (const [township, as] of [
        ['DX-DZ', 'dz-organiser'],
        ['DX-XZ', 'xz-organiser'],
      ] as const) {
        await client
          .send({ as, method: 'DELETE', path: `/v1/reserve-pool/review-schedules/${township}` })
          .catch(() => undefined);
      }
    }
    await Promise.all(apps.map((app) => app.close()));
    delete process.env.TARGETS_ALERTS_INTERVAL_SECONDS;
    delete process.env.TARGETS_CONSUMER_GROUP;
  });

  it('seeds every stage of the three pipelines and the quotas through the API; a second run adds nothing', async () => {
    const first: DemoReport = await seedDemo({ ...endpoints, anchor: ANCHOR });
    seeded = first;
    const printed = summaryLines(first);
    expect({ failures: printed.failures }).toEqual({ failures: [] });
    expect(printed.lines).toHaveLength(6);

    const kind = (name: string) => first.cases.filter((result) => result.job.kind === name);
    const members = await withDatabase(
      async (db) =>
        (
          await db.query<{ id: string; stage: string; status: string; rule_set: string; withdrawn: boolean }>(
            `SELECT c.id, c.stage, c.status, c.rule_set,
                  EXISTS (SELECT 1 FROM dossier_record r WHERE r.case_id = c.id AND r.action = 'WITHDRAW') AS withdrawn
           FROM member_case c`,
          )
        ).rows,
    );
    expect(kind('member').length).toBeGreaterThanOrEqual(30);
    for (const result of kind('member')) {
      const row = members.find((candidate) => candidate.id === result.id);
      const expected = MEMBER_STAGES[result.job.label]!;
      expect({ code: result.job.code, ...row }).toMatchObject({
        code: result.job.code,
        stage: expected.stage,
        status: expected.status,
        rule_set: result.job.group,
        withdrawn: result.job.label === 'withdrawn',
      });
    }
    // Every stage under the 2014 rules; applicants, activists and a withdrawal under the 2026 ones.
    const seen = (ruleSet: string) =>
      new Set(
        members.filter((m) => m.rule_set === ruleSet).map((m) => (m.withdrawn ? 'WITHDRAWN' : m.stage)),
      );
    expect([...seen('2014')].sort()).toEqual(
      ['ACTIVIST', 'APPLICANT', 'DEVELOPMENT_TARGET', 'FULL_MEMBER', 'PROBATIONARY', 'WITHDRAWN'].sort(),
    );
    expect([...seen('2026.05')].sort()).toEqual(['ACTIVIST', 'APPLICANT', 'WITHDRAWN']);

    const cadres = await withDatabase(
      async (db) =>
        (
          await db.query<{
            id: string;
            programme_id: string;
            stage: string;
            status: string;
            outcome: string;
          }>('SELECT id, programme_id, stage, status, outcome FROM cadre_case')
        ).rows,
    );
    for (const result of kind('cadre')) {
      const row = cadres.find((candidate) => candidate.id === result.id);
      expect({ code: result.job.code, ...row }).toMatchObject({
        code: result.job.code,
        ...CADRE_STAGES[result.job.label],
      });
    }
    for (const programme of ['GUIYAN', 'XIANREN', 'DINGZHI']) {
      const stages = new Set(cadres.filter((c) => c.programme_id === programme).map((c) => c.stage));
      expect({ programme, several: stages.size >= 3 }).toEqual({ programme, several: true });
    }

    const reserve = await withDatabase(async (db) => ({
      entries: (
        await db.query<{ status: string; member_case_id: string | null }>(
          'SELECT status, member_case_id FROM reserve_entry',
        )
      ).rows,
      reviews: (
        await db.query<{ period: string; tasks: string; decided: string }>(
          `SELECT r.period, count(*)::text AS tasks, count(*) FILTER (WHERE t.status = 'DECIDED')::text AS decided
           FROM reserve_review r JOIN reserve_review_task t ON t.review_id = r.id GROUP BY r.period`,
        )
      ).rows,
    }));
    const statuses = reserve.entries.map((entry) => entry.status);
    expect(statuses.filter((status) => status === 'ACTIVE').length).toBeGreaterThanOrEqual(3);
    expect(statuses).toEqual(expect.arrayContaining(['LISTED_FOR_INSPECTION', 'ENTERING', 'NOT_ADMITTED']));
    // The failed trial's exit referred its cadre to the pool, and a reservist is tracked into the member pipeline.
    expect(reserve.entries.length).toBe(kind('reserve').length + 1);
    expect(reserve.entries.filter((entry) => entry.member_case_id !== null)).toHaveLength(1);
    expect(reserve.reviews).toEqual([{ period: first.review!.period, tasks: '4', decided: '2' }]);

    const quotas = await withDatabase(
      async (db) =>
        (
          await db.query<{ count: string }>(
            'SELECT count(*)::text AS count FROM target_quota WHERE year = $1',
            [Number(ANCHOR.slice(0, 4))],
          )
        ).rows[0]!.count,
    );
    expect(Number(quotas)).toBe(first.targets!.quotas);
    expect(first.targets!.recorded).toBe(first.targets!.quotas + first.targets!.rosters + 1);

    // The same day again: every case is found by its key and left as it is.
    const before = await rowCounts(SEEDED);
    const second = await seedDemo({ ...endpoints, anchor: ANCHOR });
    expect(second.failures).toEqual([]);
    expect(second.cases.map((result) => [result.job.code, result.id, result.recorded])).toEqual(
      first.cases.map((result) => [result.job.code, result.id, 0]),
    );
    expect({ review: second.review?.recorded, targets: second.targets?.recorded }).toEqual({
      review: 0,
      targets: 0,
    });
    expect(await rowCounts(SEEDED)).toEqual(before);
  }, 600_000);
  it('answers every read of what it seeded exactly as the OpenAPI documents describe (every field documented)', async () => {
    expect(seeded).toBeDefined();
    const client = new DemoClient(endpoints);
    const schemas = {
      api: new ResponseSchemas(
        (await client.send({ as: 'zzb-officer', method: 'GET', path: '/docs-json' })).body as never,
      ),
      targets: new ResponseSchemas(
        (await client.send({ app: 'targets', as: 'zzb-officer', method: 'GET', path: '/docs-json' }))
          .body as never,
      ),
    };
    const misfits: unknown[] = [];
    let checked = 0;
    /** Sends the request and checks its answer against the operation `documented` (the document's path). */
    const read = async (request: Parameters<DemoClient['send']>[0], documented: string): Promise<unknown> => {
      const { status, body } = await client.send(request);
      const errors = schemas[request.app ?? 'api'].errors(request.method, documented, status, body);
      checked++;
      if (errors) misfits.push({ request: `${request.method} ${request.path}`, status, errors, body });
      return body;
    };
    const get = (as: string, path: string, documented: string, query?: Record<string, string | number>) =>
      read({ as, method: 'GET', path, ...(query ? { query } : {}) }, documented);
    const officer = 'zzb-officer';
    const year = Number(ANCHOR.slice(0, 4));

    // Closed indeed: an undocumented field, deep down too, or a null where none is documented, does not fit.
    const trial = seeded!.cases.find(({ job }) => job.kind === 'cadre' && job.label === 'trial')!;
    const snapshot = (await get(officer, `/v1/cadre-cases/${trial.id}`, '/v1/cadre-cases/{id}')) as {
      state: { trial: object };
    };
    const fits = (body: unknown) => schemas.api.errors('get', '/v1/cadre-cases/{id}', 200, body) === null;
    expect(fits(snapshot)).toBe(true);
    expect(
      fits({ ...snapshot, state: { ...snapshot.state, trial: { ...snapshot.state.trial, x: 1 } } }),
    ).toBe(false);
    expect(fits({ ...snapshot, state: { ...snapshot.state, trial: null } })).toBe(false);

    for (const { job, id } of seeded!.cases) {
      if (job.kind === 'member') {
        await get(officer, `/v1/member-cases/${id}`, '/v1/member-cases/{id}');
        await get(officer, `/v1/member-cases/${id}/state`, '/v1/member-cases/{id}/state');
        await get(officer, `/v1/member-cases/${id}/tasks`, '/v1/member-cases/{id}/tasks');
      } else if (job.kind === 'cadre') {
        await get(officer, `/v1/cadre-cases/${id}`, '/v1/cadre-cases/{id}');
      }
    }
    // Every reservist, the one the failed trial referred to the pool included.
    const entries = await withDatabase(
      async (db) => (await db.query<{ id: string }>('SELECT id FROM reserve_entry')).rows,
    );
    for (const { id } of entries) {
      await get(officer, `/v1/reserve-pool/entries/${id}`, '/v1/reserve-pool/entries/{id}');
    }
    await get(officer, '/v1/cadre-programmes', '/v1/cadre-programmes');
    const reviews = (await get(officer, '/v1/reserve-pool/reviews', '/v1/reserve-pool/reviews', {
      township: 'DX-DZ',
    })) as { id: string }[];
    expect(reviews.length).toBeGreaterThan(0);
    for (const { id } of reviews) {
      await get(officer, `/v1/reserve-pool/reviews/${id}`, '/v1/reserve-pool/reviews/{id}');
    }
    for (const unit of ['DX', 'DX-DZ', 'DX-DZ-NC']) {
      await get(officer, `/v1/reserve-pool/policies/${unit}`, '/v1/reserve-pool/policies/{orgUnit}');
    }
    await get(
      officer,
      '/v1/reserve-pool/review-schedules/DX-DZ',
      '/v1/reserve-pool/review-schedules/{township}',
    );
    await get(officer, '/v1/backlog', '/v1/backlog', { limit: 200 });
    await get(officer, '/v1/backlog', '/v1/backlog', { status: 'DONE', sort: 'waiting', limit: 200 });
    await get('dz-organiser', '/v1/backlog/summary', '/v1/backlog/summary');
    await get(officer, '/v1/backlog/summary', '/v1/backlog/summary', { workflowKind: 'RESERVE_POOL' });
    for (const user of ['dz-organiser', 'zzb-officer', 'dc-b1-secretary', 'dc-secretary']) {
      await get(user, '/v1/inbox', '/v1/inbox', { limit: 200 });
    }

    // Bulk decisions as a dry run (nothing recorded): an item that fits and ones that do not.
    const inbox = (await get('dz-organiser', '/v1/inbox', '/v1/inbox')) as {
      items: { workflowKind: string; caseId: string; action: string; ref: string }[];
    };
    const items = inbox.items.slice(0, 3).map(({ workflowKind, caseId, action, ref }) => ({
      workflowKind,
      caseId,
      action,
      ...(ref ? { ref } : {}),
      input: {},
    }));
    await read(
      {
        as: 'dz-organiser',
        method: 'POST',
        path: '/v1/bulk-actions',
        query: { dryRun: 'true' },
        body: { items },
      },
      '/v1/bulk-actions',
    );
    // m22 applied three days before the anchor at 东村第一党支部: its talk would be recorded, once.
    const applicant = seeded!.cases.find(({ job }) => job.code === 'm22')!;
    const talk = { date: ANCHOR, actingBody: 'DX-DZ-DC-B1', talker: '组织委员', summary: '了解入党动机' };
    const bulk = (await read(
      {
        as: 'dc-b1-committee-member',
        method: 'POST',
        path: '/v1/member-cases/bulk-actions',
        query: { dryRun: 'true' },
        body: {
          items: [
            { caseId: applicant.id, action: 'RECORD_TALK', input: talk },
            { caseId: applicant.id, action: 'RECORD_TALK', input: talk },
          ],
        },
      },
      '/v1/member-cases/bulk-actions',
    )) as { results: { status: number }[] };
    expect(bulk.results.map((result) => result.status)).toEqual([200, 409]);

    // What opening a case would answer (dryRun=true): a person not registered yet.
    const person = { name: '季雁南', nationalId: nationalIdFor('20000501', '128'), birthDate: '2000-05-01' };
    await read(
      {
        as: 'dz-organiser',
        method: 'POST',
        path: '/v1/cadre-cases',
        query: { dryRun: 'true' },
        body: {
          programme: 'GUIYAN',
          post: 'SECRETARY_ASSISTANT',
          village: 'DX-DZ-NC',
          channel: 'TOWNSHIP',
          person,
        },
      },
      '/v1/cadre-cases',
    );
    await read(
      {
        as: 'dz-organiser',
        method: 'POST',
        path: '/v1/reserve-pool/entries',
        query: { dryRun: 'true' },
        body: { village: 'DX-DZ-NC', category: 'LOCAL_GRADUATE', channel: 'SELF', by: '本人', person },
      },
      '/v1/reserve-pool/entries',
    );

    // A delegation made, listed and revoked.
    const delegation = (await read(
      {
        as: 'dz-secretary',
        method: 'POST',
        path: '/v1/delegations',
        body: {
          delegate: 'dz-organiser',
          validFrom: new Date(Date.now() + 60_000).toISOString(),
          validUntil: new Date(Date.now() + 86_400_000).toISOString(),
          reason: '外出学习',
        },
      },
      '/v1/delegations',
    )) as { id: string };
    await get('dz-organiser', '/v1/delegations', '/v1/delegations');
    await read(
      { as: 'dz-secretary', method: 'DELETE', path: `/v1/delegations/${delegation.id}` },
      '/v1/delegations/{id}',
    );

    // The targets: progress, forecast, alerts, the 8595 structure and a roster.
    for (const orgUnit of ['DX', 'DX-DZ']) {
      await read(
        { app: 'targets', as: officer, method: 'GET', path: '/v1/targets', query: { orgUnit, year } },
        '/v1/targets',
      );
      await read(
        {
          app: 'targets',
          as: officer,
          method: 'GET',
          path: '/v1/targets/forecast',
          query: { orgUnit, year },
        },
        '/v1/targets/forecast',
      );
      await read(
        {
          app: 'targets',
          as: officer,
          method: 'GET',
          path: '/v1/targets/alerts',
          query: { orgUnit, year, includeCleared: 'true' },
        },
        '/v1/targets/alerts',
      );
      await read(
        {
          app: 'targets',
          as: officer,
          method: 'GET',
          path: '/v1/targets/village-cadres',
          query: { orgUnit },
        },
        '/v1/targets/village-cadres',
      );
    }
    await read(
      { app: 'targets', as: officer, method: 'GET', path: '/v1/targets/village-cadres/DX-DZ-DC/roster' },
      '/v1/targets/village-cadres/{village}/roster',
    );

    expect({ checked: checked > 100, misfits: misfits.slice(0, 5) }).toEqual({ checked: true, misfits: [] });
  }, 300_000);
});
