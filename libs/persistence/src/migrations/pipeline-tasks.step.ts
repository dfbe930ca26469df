import { PrismaPg } from '@prisma/adapter-pg';

import {
  CHINA_WORKING_DAYS,
  type CadreAction,
  type CadreCaseState,
  type CadreContext,
  type CadrePost,
  type NominationChannel,
  type RecommendationChannel,
  type ReserveAction,
  type ReserveCategory,
  type ReservePolicy,
  type ReservistState,
  cadreCaseMachine,
  cadreProgramme,
  DEFAULT_RESERVE_POLICY,
  reservistMachine,
} from '@app/domain';

import { PrismaClient, type Prisma } from '../generated/prisma/client';
import { RESERVE_REVIEW_ACTION, openReviewTasks, replaceOpenTasks } from '../repositories/approval-tasks';
import { dateOnly } from '../repositories/dates';
import { type DataStep } from './migrator';

/** The migration after which cadre and reserve tasks belong to approval_task (see its SQL). */
export const PIPELINE_TASKS_MIGRATION = '20261129083500_approval_task_workflow_kinds';

interface RecordRow {
  readonly action: string;
  readonly occurredOn: Date;
  readonly data: Prisma.JsonValue;
}

/** A recorded step as the action the workflow applied: its type, its date and its own facts. */
function actionOf<Action>(record: RecordRow): Action {
  const { actingBody: _actingBody, ...facts } = (record.data ?? {}) as Record<string, unknown>;
  return { ...facts, type: record.action, date: dateOnly(record.occurredOn) } as Action;
}

/**
 * Puts running cadre cases, entering reservists and undecided half-year review decisions into approval_task
 * (before this migration only member cases had tasks there). Each case's state is rebuilt by applying its
 * hash-chained records through the same rules the workflow applied them with, and its open tasks derived as
 * the workflow now derives them on every step. Cases that already have tasks are left alone, so a step
 * interrupted half-way goes on where it stopped.
 */
export function backfillPipelineTasks(databaseUrl: string): DataStep {
  return {
    name: 'backfill cadre and reserve tasks into approval_task',
    before: PIPELINE_TASKS_MIGRATION,
    async run(): Promise<void> {
      const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl }) });
      try {
        await backfillCadreCases(prisma);
        await backfillReservists(prisma);
        await backfillReviewDecisions(prisma);
      } finally {
        await prisma.$disconnect();
      }
    },
  };
}

const hasOpenTasks = async (prisma: PrismaClient, kind: string, caseId: string) =>
  (await prisma.approvalTask.count({ where: { workflowKind: kind, caseId, status: 'OPEN' } })) > 0;

async function backfillCadreCases(prisma: PrismaClient): Promise<void> {
  const cases = await prisma.cadreCase.findMany({
    where: { status: 'OPEN' },
    include: { records: { orderBy: { seq: 'asc' } } },
  });
  for (const row of cases) {
    const programme = cadreProgramme(row.programmeId);
    if (!programme || (await hasOpenTasks(prisma, 'CADRE_RECRUITMENT', row.id))) continue;
    const ctx: CadreContext = { programme, calendar: CHINA_WORKING_DAYS };
    let state: CadreCaseState = cadreCaseMachine.open({
      caseId: row.id,
      personId: row.personId,
      programme,
      post: row.post as CadrePost,
      villageId: row.villageId,
      channel: row.channel as NominationChannel,
      nominatedOn: dateOnly(row.nominatedOn),
    }).state;
    for (const record of row.records.slice(1)) {
      state = cadreCaseMachine.apply(state, actionOf<CadreAction>(record), ctx).state;
    }
    const tasks = cadreCaseMachine.openTasks(state, ctx);
    await prisma.$transaction((tx) =>
      replaceOpenTasks(
        tx,
        { kind: 'CADRE_RECRUITMENT', id: row.id, unitId: row.villageId },
        tasks,
        new Date(),
      ),
    );
  }
}

async function backfillReservists(prisma: PrismaClient): Promise<void> {
  const entries = await prisma.reserveEntry.findMany({
    where: { status: 'ENTERING' },
    include: { person: { select: { birthDate: true } }, records: { orderBy: { seq: 'asc' } } },
  });
  for (const row of entries) {
    if (await hasOpenTasks(prisma, 'RESERVE_POOL', row.id)) continue;
    const [recommendation, ...later] = row.records;
    const facts = (recommendation?.data ?? {}) as { channel?: string; by?: string; policy?: ReservePolicy };
    const ctx = { policy: facts.policy ?? DEFAULT_RESERVE_POLICY, calendar: CHINA_WORKING_DAYS };
    let state: ReservistState = reservistMachine.open({
      entryId: row.id,
      personId: row.personId,
      villageId: row.villageId,
      category: row.category as ReserveCategory,
      birthDate: dateOnly(row.person.birthDate),
      channel: (facts.channel ?? 'ORGANISATION') as RecommendationChannel,
      by: facts.by ?? '',
      recommendedOn: dateOnly(row.recommendedOn),
    }).state;
    for (const record of later) {
      state = reservistMachine.apply(state, actionOf<ReserveAction>(record), ctx).state;
    }
    const tasks = reservistMachine.openTasks(state, ctx);
    await prisma.$transaction((tx) =>
      replaceOpenTasks(tx, { kind: 'RESERVE_POOL', id: row.id, unitId: row.villageId }, tasks, new Date()),
    );
  }
}

/** Every review decision still open, awaited from the review's township by its due day. */
async function backfillReviewDecisions(prisma: PrismaClient): Promise<void> {
  const open = await prisma.reserveReviewTask.findMany({
    where: { status: 'OPEN', review: { status: 'OPEN' } },
    // Columns named: this step runs before later migrations add columns the current client would read.
    include: { review: { include: { township: { select: { id: true, path: true } } } } },
  });
  for (const task of open) {
    const exists = await prisma.approvalTask.count({
      where: {
        workflowKind: 'RESERVE_POOL',
        caseId: task.entryId,
        action: RESERVE_REVIEW_ACTION,
        ref: task.reviewId,
      },
    });
    if (exists === 0) await openReviewTasks(prisma, task.review, task.review.township, [task.entryId]);
  }
}
