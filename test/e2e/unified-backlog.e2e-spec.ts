import { randomUUID } from 'node:crypto';

import { type App } from 'supertest/types';

import { join } from 'node:path';

import { projectRoot } from '../../deploy/local/profiles';
import { addDays, chinaLocalDate } from '../../libs/domain/src';
import { PIPELINE_TASKS_MIGRATION, applyMigrations, backfillPipelineTasks } from '../../libs/persistence/src';
import { type RunningApps, startAllApps } from '../support/apps';
import { type TestAgent, signedIn } from '../support/auth';
import { eventually, rowCounts, useIsolatedDatabase, withDatabase } from '../support/database';
import { nationalIdFor } from '../support/fixtures';

/**
 * One backlog for the three pipelines, over HTTP through the real workflows: a member case's filing, a cadre
 * case's qualification review and joint review, a reservist's entry step and the half-year review's decision
 * all reach 东镇's and the county's backlog, summary and inbox, and 东镇 clears a mixed batch of all three
 * kinds in one bulk call with a result per item.
 */
const TODAY = chinaLocalDate(new Date());
const daysAgo = (days: number) => addDays(TODAY, -days);
const NC = 'DX-DZ-NC';
const RECORDS = ['dossier_record', 'cadre_record', 'reserve_record', 'approval_task', 'outbox_event'];

interface Item {
  workflowKind: string;
  caseId: string;
  action: string;
  ref: string;
  step: number;
  endpoint: string;
  dueOn: string | null;
  orgUnit: { code: string };
  branch: { code: string };
  candidate: { name: string; stage: string };
}
type Page = { items: Item[]; nextCursor: string | null };
interface Buckets {
  open: number;
}
type Summary = { own: Buckets; total: Buckets; children: ({ orgUnit: { code: string } } & Buckets)[] };

describe('one backlog for member, cadre and reserve work (e2e)', () => {
  let apps: RunningApps;
  let township: TestAgent;
  let county: TestAgent;
  let branch: TestAgent;
  let sequence = 700;
  const ids = { member: '', nominated: '', jointReview: '', reviewed: '', entering: '', review: '' };
  let departments: string[] = [];
  let databaseUrl = '';

  const person = (birth: string, label: string) => ({
    name: `${label}${sequence}`,
    nationalId: nationalIdFor(birth.replaceAll('-', ''), String(sequence++)),
    birthDate: birth,
  });
  const ok = async (agent: TestAgent, path: string, body: object) => {
    const response = await agent.post(path).send(body);
    if (response.status >= 300)
      throw new Error(`${path}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body as { id: string };
  };
  const qualification = {
    education: 'BACHELOR',
    politicalStatus: 'FULL_MEMBER',
    source: 'RETURNING_GRADUATE',
    householdVillage: NC,
    negativeRecords: [],
    relatives: [],
    committeeMemberIds: [],
  };
  const nominate = () =>
    ok(township, '/v1/cadre-cases', {
      programme: 'GUIYAN',
      post: 'SECRETARY_ASSISTANT',
      village: NC,
      channel: 'TOWNSHIP',
      nominatedOn: daysAgo(20),
      person: person('2000-05-01', '归雁'),
    });
  const recommend = () =>
    ok(township, '/v1/reserve-pool/entries', {
      village: NC,
      category: 'LOCAL_GRADUATE',
      channel: 'ORGANISATION',
      by: '南村党支部',
      recommendedOn: daysAgo(40),
      person: person('1998-04-12', '后备'),
    });
  const inbox = async (agent: TestAgent) => ((await agent.get('/v1/inbox').expect(200)).body as Page).items;
  const backlog = async (agent: TestAgent, query: object = {}) =>
    (
      (
        await agent
          .get('/v1/backlog')
          .query({ limit: 200, ...query })
          .expect(200)
      ).body as Page
    ).items;
  const summary = async (agent: TestAgent, query: object = {}) =>
    (await agent.get('/v1/backlog/summary').query(query).expect(200)).body as Summary;

  beforeAll(async () => {
    databaseUrl = await useIsolatedDatabase('e2e_unified_backlog');
    apps = await startAllApps();
    const server = apps.api.getHttpServer() as App;
    township = await signedIn(server, 'dz-organiser');
    county = await signedIn(server, 'zzb-officer');
    branch = await signedIn(server, 'nc-secretary');

    // Member development: an activist of 南村 whose filing (step 4) is awaited from 东镇.
    ids.member = (
      await ok(branch, '/v1/member-cases', {
        ...person('1995-01-01', '申请人'),
        branch: NC,
        applicationDate: daysAgo(20),
      })
    ).id;
    for (const [path, body] of [
      ['talk', { talker: '书记', summary: '谈话' }],
      ['activist', { recommendation: 'PARTY_MEMBERS' }],
    ] as const) {
      await ok(branch, `/v1/member-cases/${ids.member}/${path}`, { date: TODAY, actingBody: NC, ...body });
    }

    // Cadre recruitment: one case awaiting its qualification review, one in joint review by the departments.
    ids.nominated = (await nominate()).id;
    ids.jointReview = (await nominate()).id;
    await ok(township, `/v1/cadre-cases/${ids.jointReview}/qualification-review`, {
      date: daysAgo(18),
      ...qualification,
    });
    await ok(township, `/v1/cadre-cases/${ids.jointReview}/joint-review`, { date: daysAgo(17) });
    const programmes = (await township.get('/v1/cadre-programmes').expect(200)).body as {
      id: string;
      jointReviewDepartments: string[];
    }[];
    departments = programmes.find((programme) => programme.id === 'GUIYAN')!.jointReviewDepartments;

    // Reserve pool: a reservist in the pool (the half-year review decides on them) and one just recommended.
    ids.reviewed = (await recommend()).id;
    const step = (agent: TestAgent, path: string, body: object) =>
      ok(agent, `/v1/reserve-pool/entries/${ids.reviewed}/${path}`, body);
    await step(township, 'qualification-review', {
      date: daysAgo(38),
      education: 'BACHELOR',
      politicalStatus: 'LEAGUE_MEMBER',
      negativeRecords: [],
    });
    await step(county, 'joint-vetting', {
      date: daysAgo(35),
      departments: [{ department: '纪委监委', result: 'PASS', note: '' }],
    });
    await step(township, 'selection', {
      date: daysAgo(30),
      approved: true,
      committeeVote: { members: 9, present: 8, yes: 8 },
      minutesRef: '东镇党委会纪要〔2026〕21号',
    });
    await step(township, 'notice', { date: daysAgo(28), end: daysAgo(18), scope: '南村村务公开栏' });
    await step(township, 'notice-close', { date: daysAgo(17), findings: [] });
    ids.entering = (await recommend()).id;
    await township.put('/v1/reserve-pool/review-schedules/DX-DZ').expect(200);
    await township.post('/v1/reserve-pool/review-schedules/DX-DZ/runs').expect(202);
    ids.review = await eventually('the half-year review opened', async () => {
      const reviews = (
        await township.get('/v1/reserve-pool/reviews').query({ township: 'DX-DZ' }).expect(200)
      ).body as { id: string }[];
      return reviews[0]?.id;
    });
  });

  afterAll(async () => {
    await apps.close();
  });

  it('shows cadre and reserve tasks beside member ones in the township’s backlog and inbox', async () => {
    const cadre = await backlog(township, { workflowKind: 'CADRE_RECRUITMENT' });
    expect(cadre.find((item) => item.caseId === ids.nominated)).toMatchObject({
      action: 'REVIEW_QUALIFICATION',
      actionName: '资格审查',
      step: 2,
      orgUnit: { code: 'DX-DZ' },
      branch: { code: NC },
      candidate: { stage: 'NOMINATED', stageName: '报名推荐' },
      endpoint: `/v1/cadre-cases/${ids.nominated}/qualification-review`,
    });
    // The departments' answers are awaited from the county org department, inside the county's subtree only.
    expect(cadre.filter((item) => item.caseId === ids.jointReview)).toEqual([]);

    const reserve = await backlog(township, { workflowKind: 'RESERVE_POOL' });
    expect(reserve.map((item) => [item.caseId, item.action, item.ref]).sort()).toEqual(
      [
        [ids.reviewed, 'DECIDE_REVIEW', ids.review],
        [ids.entering, 'REVIEW_QUALIFICATION', ''],
      ].sort(),
    );
    const decision = reserve.find((item) => item.action === 'DECIDE_REVIEW')!;
    expect(decision).toMatchObject({
      endpoint: `/v1/reserve-pool/reviews/${ids.review}/decisions`,
      actionName: '分析研判决定',
      candidate: { stage: 'ACTIVE', stageName: '在库' },
    });
    expect(decision.dueOn).not.toBeNull();

    const mine = await inbox(township);
    expect(mine.map((item) => `${item.workflowKind}:${item.action}`).sort()).toEqual(
      [
        'CADRE_RECRUITMENT:REVIEW_QUALIFICATION',
        'MEMBER_DEVELOPMENT:FILE_ACTIVIST',
        'RESERVE_POOL:DECIDE_REVIEW',
        'RESERVE_POOL:REVIEW_QUALIFICATION',
      ].sort(),
    );
    // The village branch acts on none of the township's steps.
    expect((await inbox(branch)).filter((item) => item.workflowKind !== 'MEMBER_DEVELOPMENT')).toEqual([]);
  });

  it('shows the joint review per department in the county’s inbox, and every kind in its backlog and summary', async () => {
    const answers = (await inbox(county)).filter((item) => item.caseId === ids.jointReview);
    expect(answers.map((item) => item.ref).sort()).toEqual([...departments].sort());
    expect(answers.every((item) => item.action === 'RECORD_DEPARTMENT_OPINION' && item.dueOn !== null)).toBe(
      true,
    );
    expect(answers[0]!.endpoint).toBe(`/v1/cadre-cases/${ids.jointReview}/joint-review-opinions`);

    const all = await backlog(county);
    expect(new Set(all.map((item) => item.workflowKind))).toEqual(
      new Set(['MEMBER_DEVELOPMENT', 'CADRE_RECRUITMENT', 'RESERVE_POOL']),
    );
    const cadre = await summary(county, { workflowKind: 'CADRE_RECRUITMENT' });
    const child = (code: string) => cadre.children.find((each) => each.orgUnit.code === code);
    expect(child('DX-DZ')).toMatchObject({ open: 1 });
    expect(child('DX-ZZB')).toMatchObject({ open: departments.length });
    expect(cadre.total.open).toBe(1 + departments.length);
    const reserve = await summary(township, { workflowKind: 'RESERVE_POOL' });
    expect(reserve.own.open).toBe(2);
    const everything = await summary(township);
    expect(everything.own.open).toBe(4);
  });

  it('clears a mixed batch of the three kinds in one call, each item answered, a retry records nothing twice', async () => {
    const items = [
      {
        workflowKind: 'MEMBER_DEVELOPMENT',
        caseId: ids.member,
        action: 'FILE_ACTIVIST',
        input: { date: TODAY, actingBody: 'DX-DZ' },
      },
      {
        workflowKind: 'CADRE_RECRUITMENT',
        caseId: ids.nominated,
        action: 'REVIEW_QUALIFICATION',
        input: { date: TODAY, ...qualification },
      },
      {
        workflowKind: 'RESERVE_POOL',
        caseId: ids.reviewed,
        action: 'DECIDE_REVIEW',
        ref: ids.review,
        input: { date: TODAY, outcome: 'RETAIN' },
      },
      {
        workflowKind: 'RESERVE_POOL',
        caseId: ids.entering,
        action: 'REVIEW_QUALIFICATION',
        input: { date: TODAY, education: 'BACHELOR', politicalStatus: 'LEAGUE_MEMBER', negativeRecords: [] },
      },
      {
        // the county org department's step
        workflowKind: 'CADRE_RECRUITMENT',
        caseId: ids.jointReview,
        action: 'RECORD_DEPARTMENT_OPINION',
        ref: departments[0],
        input: { date: TODAY, department: departments[0], result: 'PASS', note: '' },
      },
      {
        // which review is not said
        workflowKind: 'RESERVE_POOL',
        caseId: ids.reviewed,
        action: 'DECIDE_REVIEW',
        input: { date: TODAY, outcome: 'RETAIN' },
      },
      {
        // a member step asked of a cadre case
        workflowKind: 'CADRE_RECRUITMENT',
        caseId: ids.nominated,
        action: 'FILE_ACTIVIST',
        input: { date: TODAY },
      },
      {
        // a malformed body
        workflowKind: 'CADRE_RECRUITMENT',
        caseId: ids.jointReview,
        action: 'DECIDE',
        input: { date: 'tomorrow' },
      },
    ];
    const key = randomUUID();
    const send = () =>
      township.post('/v1/bulk-actions').set('Idempotency-Key', key).send({ items }).expect(200);
    const first = (await send()).body as {
      applied: number;
      failed: number;
      results: { index: number; workflowKind: string; status: number; problem?: { code: string } }[];
    };
    expect(
      first.results.map((result) => [result.index, result.workflowKind, result.status, result.problem?.code]),
    ).toEqual([
      [0, 'MEMBER_DEVELOPMENT', 200, undefined],
      [1, 'CADRE_RECRUITMENT', 200, undefined],
      [2, 'RESERVE_POOL', 200, undefined],
      [3, 'RESERVE_POOL', 200, undefined],
      [4, 'CADRE_RECRUITMENT', 403, 'BODY_WITHOUT_AUTHORITY'],
      [5, 'RESERVE_POOL', 400, 'REVIEW_REQUIRED'],
      [6, 'CADRE_RECRUITMENT', 400, 'ACTION_NOT_IN_PIPELINE'],
      [7, 'CADRE_RECRUITMENT', 400, 'REQUEST_VALIDATION_FAILED'],
    ]);
    expect(first).toMatchObject({ applied: 4, failed: 4 });

    // What was decided left the inbox; what the steps opened took its place.
    const after = (await inbox(township)).map((item) => `${item.workflowKind}:${item.action}:${item.caseId}`);
    expect(after.sort()).toEqual(
      [
        `CADRE_RECRUITMENT:OPEN_JOINT_REVIEW:${ids.nominated}`,
        `RESERVE_POOL:RECORD_VETTING:${ids.entering}`,
      ].sort(),
    );

    const counts = await rowCounts(RECORDS);
    const again = (await send()).body as typeof first;
    expect(again.results.map((result) => result.status)).toEqual(
      first.results.map((result) => result.status),
    );
    expect(await rowCounts(RECORDS)).toEqual(counts);
  });

  it('puts running cadre and reserve cases into the backlog when the migration comes to a database without them', async () => {
    const openTasks = () =>
      withDatabase(async (db) =>
        (
          await db.query<{ task: string }>(
            `SELECT concat_ws('|', workflow_kind, case_id, action, ref, step, org_unit_id, org_path, due_on, cap_on) AS task
             FROM approval_task WHERE status = 'OPEN' ORDER BY 1`,
          )
        ).rows.map((row) => row.task),
      );
    const written = await openTasks();
    expect(written.filter((task) => !task.startsWith('MEMBER_DEVELOPMENT')).length).toBeGreaterThan(3);
    // The database as it was before: cadre and reserve work had no tasks, the last migration not applied.
    await withDatabase(async (db) => {
      await db.query(`DELETE FROM approval_task WHERE workflow_kind <> 'MEMBER_DEVELOPMENT'`);
      await db.query(`ALTER TABLE approval_task DROP CONSTRAINT approval_task_workflow_kind_check`);
      await db.query(`DELETE FROM "_prisma_migrations" WHERE migration_name = $1`, [
        PIPELINE_TASKS_MIGRATION,
      ]);
    });
    const migrations = join(projectRoot(), 'prisma', 'migrations');
    const step = backfillPipelineTasks(databaseUrl);
    // The data step's migration, and any that came after it.
    const { applied } = await applyMigrations(databaseUrl, migrations, { dataSteps: [step] });
    expect(applied[0]).toBe(PIPELINE_TASKS_MIGRATION);
    // Rebuilt from each case's records, the tasks are those the workflows wrote step by step.
    expect(await openTasks()).toEqual(written);
    // Run again (an interrupted step goes on), it adds nothing.
    await step.run(undefined as never);
    expect(await openTasks()).toEqual(written);
  });
});
