import { randomUUID } from 'node:crypto';

import { WithStartWorkflowOperation, WorkflowUpdateStage } from '@temporalio/client';

import {
  createReservePoolActivities,
  ReservePoolActivitiesService,
} from '../../apps/worker/src/activities/reserve-pool.activities';
import { DatabaseConfig, PiiConfig, loadSection } from '../../libs/config/src';
import { type ReserveEntryView, type ReserveReviewView } from '../../libs/contracts/src';
import {
  DEFAULT_RESERVE_POLICY,
  type LocalDate,
  type OrgUnit,
  type PoliticalStatus,
  type ReserveAction,
  type ReserveCategory,
  type ReviewOutcome,
  addDays,
  addYears,
  reviewPeriodOf,
} from '../../libs/domain/src';
import {
  PersonIdProtector,
  PersonsRepository,
  PrismaService,
  ReservePoolRepository,
  toOrgUnit,
} from '../../libs/persistence/src';
import {
  type ReserveActionInput,
  type ReservistSnapshot,
  recordReserveActionUpdate,
  reserveRecommendationRecordedUpdate,
  reservistStateQuery,
  reservistWorkflow,
} from '../../workflows/reserve-pool/reservist.workflow';
import { reserveReviewWorkflow } from '../../workflows/reserve-pool/reserve-review.workflow';
import { ruleViolationsFrom } from '../../workflows/shared/rule-violation-failure';
import { eventually, useIsolatedDatabase, withDatabase } from '../support/database';
import { nationalIdFor } from '../support/fixtures';
import { recordRunHistories, replayFailures, runHistories } from '../support/histories';
import { type TimeSkippingWorker, startTimeSkippingWorker } from '../support/time-skipping';

/**
 * The reserve pool on the time-skipping server with the real activities on PostgreSQL: reservists enter
 * through 三推二审一选一公示, two half-year reviews of 东镇 decide every outcome, a negative event and an
 * age-out remove reservists by themselves, and villages short of reservists are reported.
 */
describe('reserve pool workflows (time-skipping, real activities)', () => {
  let prisma: PrismaService;
  let harness: TimeSkippingWorker;
  const taskQueue = `reserve-${randomUUID()}`;
  const units: Record<string, OrgUnit> = {};

  beforeAll(async () => {
    await useIsolatedDatabase('reserve_pool_workflow');
    prisma = new PrismaService(loadSection(DatabaseConfig));
    for (const row of await prisma.orgUnit.findMany()) units[row.code] = toOrgUnit(row);
    const service = new ReservePoolActivitiesService(
      new ReservePoolRepository(prisma),
      new PersonsRepository(prisma, PersonIdProtector.fromConfig(loadSection(PiiConfig))),
    );
    harness = await startTimeSkippingWorker(taskQueue, createReservePoolActivities(service));
  }, 120_000);

  afterAll(async () => {
    await harness?.stop();
    await prisma?.$disconnect();
  });

  const township = () => units['DX-DZ']!;
  const organiser = () => ({
    actingBody: township(),
    recordedBy: { subject: 'dz-organiser', name: '陈志强' },
  });
  let sequence = 100;

  async function recommend(
    name: string,
    villageCode: string,
    category: ReserveCategory,
    birthDate: string,
    on: LocalDate,
    /** History events after which the entry continues as new (a few dozen to see it happen). */
    historyLimit?: number,
  ): Promise<ReserveEntryView> {
    const entryId = randomUUID();
    const birth = birthDate.replaceAll('-', '');
    return harness.env.client.workflow.executeUpdateWithStart(reserveRecommendationRecordedUpdate, {
      startWorkflowOperation: new WithStartWorkflowOperation(reservistWorkflow, {
        workflowId: `reserve-entry-${entryId}`,
        taskQueue,
        workflowIdConflictPolicy: 'USE_EXISTING',
        args: [
          {
            entryId,
            village: units[villageCode]!,
            townshipId: township().id,
            category,
            channel: 'ORGANISATION',
            by: units[villageCode]!.name,
            recommendedOn: on,
            // The identity itself, as histories recorded before person references carry it.
            person: {
              name,
              nationalId: nationalIdFor(birth, String(sequence++)),
              birthDate,
              gender: 'FEMALE',
            },
            policy: DEFAULT_RESERVE_POLICY,
            recordedBy: null,
            ...(historyLimit ? { historyLimit } : {}),
          },
        ],
      }),
    });
  }

  const handle = (entry: ReserveEntryView) => harness.env.client.workflow.getHandle(entry.workflowId);
  const act = (
    entry: ReserveEntryView,
    action: Exclude<ReserveAction, { type: 'AGE_OUT' }>,
    updateId?: string,
  ) =>
    handle(entry).executeUpdate(recordReserveActionUpdate, {
      args: [{ ...organiser(), ...action } as ReserveActionInput],
      ...(updateId ? { updateId } : {}),
    });
  const refusal = async (promise: Promise<unknown>) => {
    try {
      await promise;
    } catch (error) {
      return ruleViolationsFrom(error).map((found) => found.code);
    }
    throw new Error('expected a rule violation');
  };
  const snapshot = (entry: ReserveEntryView): Promise<ReservistSnapshot> =>
    handle(entry).query(reservistStateQuery);
  /** Waits for the entry's workflow to close by querying (awaiting its result would let the server skip time). */
  const closedEntry = (entry: ReserveEntryView): Promise<ReservistSnapshot> =>
    eventually('the entry closed', async () => {
      const current = await snapshot(entry);
      return current.status === 'CLOSED' ? current : undefined;
    });

  const qualification = (
    on: LocalDate,
    politicalStatus: PoliticalStatus,
  ): Exclude<ReserveAction, { type: 'AGE_OUT' }> => ({
    type: 'REVIEW_QUALIFICATION',
    date: on,
    education: 'BACHELOR',
    politicalStatus,
    negativeRecords: [],
  });
  /** 二审一选一公示 after the recommendation: the notice runs ten days, then closes with no objection. */
  async function admit(
    entry: ReserveEntryView,
    on: LocalDate,
    politicalStatus: PoliticalStatus,
    qualificationUpdateId?: string,
  ) {
    await act(entry, qualification(on, politicalStatus), qualificationUpdateId);
    await act(entry, {
      type: 'RECORD_VETTING',
      date: on,
      departments: [
        { department: '纪委监委', result: 'PASS', note: '' },
        { department: '公安派出所', result: 'PASS', note: '' },
      ],
    });
    await act(entry, {
      type: 'SELECT',
      date: on,
      approved: true,
      committeeVote: { members: 9, present: 7, yes: 7 },
      minutesRef: '东镇党委会纪要〔2026〕12号',
    });
    await act(entry, { type: 'START_NOTICE', date: on, end: addDays(on, 10), scope: '村务公开栏' });
  }

  async function review(): Promise<{ id: string; period: string; result: () => Promise<ReserveReviewView> }> {
    const today = await harness.today();
    const workflowId = `reserve-review-${township().id}-${today}`;
    // Started, not executed: awaiting a result on the test server lets it skip time past the due day.
    const started = await harness.env.client.workflow.start(reserveReviewWorkflow, {
      workflowId,
      taskQueue,
      args: [{ townshipId: township().id }],
    });
    const id = await withDatabase(async (db) => {
      for (;;) {
        const { rows } = await db.query<{ id: string }>(
          'SELECT id FROM reserve_review WHERE workflow_id = $1',
          [workflowId],
        );
        if (rows[0]) return rows[0].id;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    });
    return { id, period: reviewPeriodOf(today).id, result: () => started.result() };
  }

  const tasks = (reviewId: string) =>
    withDatabase(async (db) =>
      Object.fromEntries(
        (
          await db.query<{ name: string; status: string; outcome: string | null }>(
            `SELECT p.name, t.status, t.outcome FROM reserve_review_task t
             JOIN reserve_entry e ON e.id = t.entry_id JOIN person p ON p.id = e.person_id
             WHERE t.review_id = $1`,
            [reviewId],
          )
        ).rows.map((row) => [row.name, `${row.status}${row.outcome ? `:${row.outcome}` : ''}`]),
      ),
    );
  const reviewEvents = (reviewId: string) =>
    withDatabase(
      async (db) =>
        (
          await db.query<{ type: string; data: { details: Record<string, unknown> } }>(
            `SELECT event_type AS type, payload->'data' AS data FROM outbox_event
           WHERE aggregate_id = $1 ORDER BY seq`,
            [reviewId],
          )
        ).rows,
    );

  it('admits reservists, reviews them twice with every outcome, and removes on a negative event and on age', async () => {
    const start = await harness.today();
    // 后备力量 of 东镇: two for 东村, three for 西村, one for 南村.
    const ageOutOn = addDays(reviewPeriodOf(addDays(reviewPeriodOf(start).end, 1)).start, 60);
    const cohort = {
      a: await recommend('张晓梅', 'DX-DZ-DC', 'LOCAL_GRADUATE', addYears(start, -27), start),
      b: await recommend('李春燕', 'DX-DZ-DC', 'RETURNING_MIGRANT', addYears(start, -31), start),
      c: await recommend('王秀兰', 'DX-DZ-XC', 'LOCAL_ENTREPRENEUR', addYears(start, -33), start),
      d: await recommend('赵丽', 'DX-DZ-XC', 'VETERAN', addYears(start, -29), start),
      f: await recommend('孙红', 'DX-DZ-XC', 'RETURNING_MIGRANT', addYears(ageOutOn, -36), start),
      e: await recommend('周敏', 'DX-DZ-NC', 'YOUNG_MEMBER', addYears(start, -25), start),
    };
    // The same person cannot be recommended twice while the first entry is open.
    await expect(
      harness.env.client.workflow
        .executeUpdateWithStart(reserveRecommendationRecordedUpdate, {
          startWorkflowOperation: new WithStartWorkflowOperation(reservistWorkflow, {
            workflowId: `reserve-entry-${randomUUID()}`,
            taskQueue,
            workflowIdConflictPolicy: 'USE_EXISTING',
            args: [
              {
                entryId: randomUUID(),
                village: units['DX-DZ-DC']!,
                townshipId: township().id,
                category: 'LOCAL_GRADUATE',
                channel: 'SELF',
                by: '本人',
                recommendedOn: start,
                // As the API starts it now: the person row, not the identity.
                person: { personId: cohort.a.person.id, birthDate: cohort.a.person.birthDate },
                policy: DEFAULT_RESERVE_POLICY,
                recordedBy: null,
              },
            ],
          }),
        })
        .catch((error: unknown) => ruleViolationsFrom(error).map((found) => found.code)),
    ).resolves.toEqual(['RESERVE_ENTRY_ALREADY_OPEN']);

    for (const entry of Object.values(cohort)) {
      await admit(entry, start, entry === cohort.e ? 'FULL_MEMBER' : 'MASSES');
    }
    // Closing the notice before it has run is refused and records nothing.
    await expect(
      refusal(act(cohort.a, { type: 'CLOSE_NOTICE', date: start, findings: [] })),
    ).resolves.toEqual(['NOTICE_NOT_FINISHED']);
    await harness.sleepUntil(addDays(start, 11));
    for (const entry of Object.values(cohort)) {
      await act(entry, { type: 'CLOSE_NOTICE', date: addDays(start, 11), findings: [] });
    }
    expect((await snapshot(cohort.a)).view).toMatchObject({
      status: 'ACTIVE',
      enteredOn: addDays(start, 11),
    });
    // A non-member reservist is tracked into the member pipeline.
    const memberCaseId = randomUUID();
    await act(cohort.a, { type: 'LINK_MEMBER_CASE', date: addDays(start, 11), memberCaseId });

    // First half-year review.
    const firstStart = addDays(reviewPeriodOf(start).end, 1);
    await harness.sleepUntil(firstStart);
    const first = await review();
    expect(await tasks(first.id)).toEqual({
      张晓梅: 'OPEN',
      李春燕: 'OPEN',
      王秀兰: 'OPEN',
      赵丽: 'OPEN',
      孙红: 'OPEN',
      周敏: 'OPEN',
    });
    const opened = await reviewEvents(first.id);
    expect(opened.map((event) => event.type)).toEqual([
      'cn.xianfeng.reserve-pool.review-opened.v1',
      'cn.xianfeng.reserve-pool.capacity-shortfall.v1',
    ]);
    expect(opened[0]!.data.details).toMatchObject({ tasks: 6, villages: 3, shortfalls: 1 });
    expect(opened[1]!.data.details).toMatchObject({
      village: { id: units['DX-DZ-NC']!.id },
      required: 2,
      active: 1,
      shortfall: 1,
    });
    const decide = (entry: ReserveEntryView, reviewId: string, outcome: ReviewOutcome, on: LocalDate) =>
      act(entry, { type: 'DECIDE_REVIEW', date: on, reviewId, outcome });
    const day1 = firstStart;
    await decide(cohort.a, first.id, { kind: 'RETAIN' }, day1);
    await decide(cohort.b, first.id, { kind: 'LIST_FOR_INSPECTION', post: '村党组织书记' }, day1);
    await decide(cohort.c, first.id, { kind: 'REMOVE', reason: '本人表示无意愿' }, day1);
    // Two decisions sent at once (two clerks) while another action of the entry is being recorded: they wait
    // together, then take turns, and the second meets the first.
    const linking = await handle(cohort.d).startUpdate(recordReserveActionUpdate, {
      args: [
        {
          ...organiser(),
          type: 'LINK_MEMBER_CASE',
          date: day1,
          memberCaseId: randomUUID(),
        } as ReserveActionInput,
      ],
      waitForStage: WorkflowUpdateStage.ACCEPTED,
    });
    const raced = await Promise.all([
      refusal(decide(cohort.d, first.id, { kind: 'RETAIN' }, day1)).catch(() => []),
      refusal(decide(cohort.d, first.id, { kind: 'RETAIN' }, day1)).catch(() => []),
    ]);
    await linking.result();
    expect(raced.flat()).toEqual(['REVIEW_ALREADY_DECIDED']);
    await expect(refusal(decide(cohort.d, first.id, { kind: 'REMOVE', reason: 'x' }, day1))).resolves.toEqual(
      ['REVIEW_ALREADY_DECIDED'],
    );
    // 周敏 comes under investigation: out of the pool at once, her task lapses.
    await act(cohort.e, {
      type: 'REPORT_NEGATIVE_EVENT',
      date: day1,
      record: { item: 'UNDER_INVESTIGATION', date: day1, ongoing: true },
    });
    // Out of the pool, her workflow has finished: nothing more can be recorded for the entry.
    await expect(closedEntry(cohort.e)).resolves.toMatchObject({
      status: 'CLOSED',
      state: { status: 'REMOVED', left: { code: 'NEGATIVE_EVENT' } },
    });
    // A review that holds no task for this entry is refused by the database and changes nothing.
    await expect(refusal(decide(cohort.f, randomUUID(), { kind: 'RETAIN' }, day1))).resolves.toEqual([
      'REVIEW_TASK_NOT_OPEN',
    ]);
    const closedFirst = await first.result();
    expect(closedFirst).toMatchObject({
      status: 'CLOSED',
      tasks: { open: 0, decided: 4, lapsed: 1, overdue: 1 },
    });
    expect(await tasks(first.id)).toEqual({
      张晓梅: 'DECIDED:RETAIN',
      李春燕: 'DECIDED:LIST_FOR_INSPECTION',
      王秀兰: 'DECIDED:REMOVE',
      赵丽: 'DECIDED:RETAIN',
      孙红: 'OVERDUE',
      周敏: 'LAPSED',
    });

    // 孙红 turns 36 between the reviews: the workflow removes her by itself.
    await harness.sleepUntil(addDays(ageOutOn, 1));
    expect((await snapshot(cohort.f)).view).toMatchObject({
      status: 'REMOVED',
      leftCode: 'AGED_OUT',
      leftOn: ageOutOn,
    });

    // Second half-year review: 张晓梅, 李春燕 (listed) and 赵丽 remain.
    const secondStart = addDays(reviewPeriodOf(firstStart).end, 1);
    await harness.sleepUntil(secondStart);
    const second = await review();
    expect(second.period).not.toBe(first.period);
    expect(await tasks(second.id)).toEqual({ 张晓梅: 'OPEN', 李春燕: 'OPEN', 赵丽: 'OPEN' });
    const shortfalls = (await reviewEvents(second.id))
      .filter((event) => event.type.endsWith('capacity-shortfall.v1'))
      .map(
        (event) => [(event.data.details.village as { id: string }).id, event.data.details.shortfall] as const,
      );
    expect(new Map(shortfalls)).toEqual(
      new Map([
        [units['DX-DZ-XC']!.id, 1],
        [units['DX-DZ-NC']!.id, 2],
      ]),
    );
    const day2 = secondStart;
    const cadreCaseId = randomUUID();
    await decide(cohort.b, second.id, { kind: 'USE', cadreCaseId }, day2);
    await decide(cohort.a, second.id, { kind: 'LIST_FOR_INSPECTION', post: '村委会委员' }, day2);
    await decide(cohort.d, second.id, { kind: 'REMOVE', reason: '外出定居' }, day2);
    expect(await second.result()).toMatchObject({ tasks: { decided: 3, overdue: 0 } });

    // Each reservist's 一人一档 holds every step, hash chain intact; entry events in order on the outbox.
    const repository = new ReservePoolRepository(prisma);
    const aRecords = await repository.records(cohort.a.id);
    expect(aRecords.chainValid).toBe(true);
    expect(aRecords.records.map((record) => record.action)).toEqual([
      'RECOMMEND',
      'REVIEW_QUALIFICATION',
      'RECORD_VETTING',
      'SELECT',
      'START_NOTICE',
      'CLOSE_NOTICE',
      'LINK_MEMBER_CASE',
      'DECIDE_REVIEW',
      'DECIDE_REVIEW',
    ]);
    expect((await repository.records(cohort.f.id)).records.at(-1)).toMatchObject({
      action: 'AGE_OUT',
      actorId: null,
    });
    expect(await repository.findEntry(cohort.b.id)).toMatchObject({ status: 'USED', cadreCaseId });
    expect(await repository.findEntry(cohort.a.id)).toMatchObject({
      status: 'LISTED_FOR_INSPECTION',
      inspectionPost: '村委会委员',
      memberCaseId,
    });
    const entryEvents = await withDatabase(
      async (db) =>
        (
          await db.query<{ aggregate_id: string; type: string }>(
            `SELECT aggregate_id, split_part(event_type, '.', 4) AS type FROM outbox_event
           WHERE aggregate_type = 'reserve-entry' ORDER BY id`,
          )
        ).rows,
    );
    const kindsOf = (entry: ReserveEntryView) =>
      entryEvents
        .filter((event) => event.aggregate_id === entry.id)
        .map((event) => event.type)
        .sort();
    expect(kindsOf(cohort.b)).toEqual(['admitted', 'listed-for-inspection', 'recommended', 'used']);
    expect(kindsOf(cohort.e)).toEqual(['admitted', 'recommended', 'removed']);
    expect(kindsOf(cohort.f)).toEqual(['admitted', 'recommended', 'removed']);
    // Every entry workflow has finished or still waits only for its age-out.
    expect((await snapshot(cohort.c)).status).toBe('CLOSED');
  }, 180_000);

  it('does not admit a candidate short of the criteria, with every reason; one past the age limit at once', async () => {
    const today = await harness.today();
    const entry = await recommend('钱芳', 'DX-DZ-NC', 'LOCAL_GRADUATE', addYears(today, -30), today);
    await act(entry, {
      type: 'REVIEW_QUALIFICATION',
      date: today,
      education: 'SENIOR_HIGH',
      politicalStatus: 'MASSES',
      negativeRecords: [{ item: 'GAMBLING_SUPERSTITION', date: addYears(today, -2) }],
    });
    expect((await snapshot(entry)).view).toMatchObject({ status: 'NOT_ADMITTED', leftCode: 'NOT_ADMITTED' });
    const events = await withDatabase(
      async (db) =>
        (
          await db.query<{ data: { details: { reasons: { code: string }[] } } }>(
            `SELECT payload->'data' AS data FROM outbox_event WHERE aggregate_id = $1 AND event_type LIKE '%not-admitted%'`,
            [entry.id],
          )
        ).rows,
    );
    expect(events[0]!.data.details.reasons.map((reason) => reason.code)).toEqual([
      'RESERVE_EDUCATION_BELOW_MINIMUM',
      'RESERVE_NEGATIVE_LIST',
    ]);
    // Recommended at 38: past the age limit already, the workflow closes the entry itself.
    const older = await recommend('郑娟', 'DX-DZ-NC', 'LOCAL_GRADUATE', addYears(today, -38), today);
    await closedEntry(older);
    expect(await new ReservePoolRepository(prisma).findEntry(older.id)).toMatchObject({
      status: 'NOT_ADMITTED',
      leftCode: 'NOT_ADMITTED',
    });
  });

  it('continues as new when its history grows long: the entry, its age-out and update ids carried over', async () => {
    const start = await harness.today();
    // Due to age out in two months; a history limit of a few dozen events makes the entry continue as new.
    const ageOutOn = addDays(start, 60);
    const entry = await recommend('吴静', 'DX-DZ-DC', 'LOCAL_GRADUATE', addYears(ageOutOn, -36), start, 40);
    const firstRunId = (await handle(entry).describe()).runId;
    await admit(entry, start, 'MASSES', `qualify-${entry.id}`);
    await eventually('the entry continued as new', async () =>
      (await handle(entry).describe()).runId !== firstRunId ? true : undefined,
    );
    // A retried request (same update id) is answered by the new run, not recorded again.
    expect(await act(entry, qualification(start, 'MASSES'), `qualify-${entry.id}`)).toMatchObject({
      id: entry.id,
    });
    await harness.sleepUntil(addDays(start, 11));
    await act(entry, { type: 'CLOSE_NOTICE', date: addDays(start, 11), findings: [] });
    expect(await snapshot(entry)).toMatchObject({
      status: 'OPEN',
      ageOutOn,
      state: { status: 'ACTIVE', facts: { education: 'BACHELOR' } },
    });
    // The continued run removes her on her day, as the first would have.
    await harness.sleepUntil(addDays(ageOutOn, 1));
    expect(await closedEntry(entry)).toMatchObject({
      state: { status: 'REMOVED', left: { code: 'AGED_OUT' } },
    });
    const { records, chainValid } = await new ReservePoolRepository(prisma).records(entry.id);
    expect(chainValid).toBe(true);
    expect(records.map((record) => record.action)).toEqual([
      'RECOMMEND',
      'REVIEW_QUALIFICATION',
      'RECORD_VETTING',
      'SELECT',
      'START_NOTICE',
      'CLOSE_NOTICE',
      'AGE_OUT',
    ]);
    const histories = await runHistories(harness.env.client, entry.workflowId, firstRunId);
    expect(histories.length).toBeGreaterThanOrEqual(2);
    expect(await replayFailures(histories)).toEqual([]);
    recordRunHistories('reservist-aged-out-continued', histories);
  });
});
