import { type INestApplication, type Type } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { type AddressInfo } from 'node:net';

import { ApiModule } from '../../apps/api/src/api.module';
import { setupOpenApi } from '../../apps/api/src/openapi/openapi';
import { setupTargetsOpenApi } from '../../apps/targets/src/openapi';
import { TargetsModule } from '../../apps/targets/src/targets.module';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { type DemoReport, seedDemo, summaryLines } from '../../deploy/local/demo';
import { DemoClient } from '../../deploy/local/demo/client';
import { authDir } from '../../deploy/local/profiles';
import { createHttpApp } from '../../libs/config/src/bootstrap';
import { chinaLocalDate } from '../../libs/domain/src';
import { rowCounts, useIsolatedDatabase, withDatabase } from '../support/database';
import { testProfile } from '../support/test-profile';

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

async function boot(module: Type<unknown>, configure?: (app: INestApplication) => void) {
  const app = await createHttpApp(module);
  configure?.(app);
  await app.init();
  return app;
}

async function listening(app: INestApplication): Promise<string> {
  await app.listen(0, '127.0.0.1');
  return `http://127.0.0.1:${(app.getHttpServer() as { address(): AddressInfo }).address().port}`;
}

describe('demo data (e2e)', () => {
  let apps: INestApplication[] = [];
  let endpoints: { apiUrl: string; targetsUrl: string; authDir: string };

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
});
