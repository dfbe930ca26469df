import { Injectable } from '@nestjs/common';

import {
  CHINA_WORKING_DAYS,
  type LocalDate,
  type Principal,
  RESERVE_ACTION_ACTORS,
  RESERVE_REVIEW_STEP,
  type ReserveActionType,
  type ReservePolicy,
  cadreActionViolation,
  reservistMachine,
} from '@app/domain';
import { ApprovalTasksRepository, RESERVE_REVIEW_ACTION } from '@app/persistence';

import { actionEndpoint } from '../backlog/task-kinds';
import { RESERVE_ACTION_ROUTES } from '../reserve-pool/reserve-pool.dto';
import { ReservePoolService } from '../reserve-pool/reserve-pool.service';
import {
  type ActionTarget,
  type CaseActions,
  type CaseKindActions,
  noticeEnd,
} from './available-actions.service';

/** Steps of 三推二审一选一公示 and the half-year review decision after them. */
const RESERVE_STEPS: Partial<Record<ReserveActionType, number>> = {
  RECOMMEND: 1,
  REVIEW_QUALIFICATION: 2,
  RECORD_VETTING: 3,
  SELECT: 4,
  START_NOTICE: 5,
  RECORD_OBJECTION: 5,
  CLOSE_NOTICE: 5,
  DECIDE_REVIEW: RESERVE_REVIEW_STEP,
};

/** Fields of a reserve action's example body that the entry's policy decides. */
const EXAMPLES: Partial<Record<ReserveActionType, (date: LocalDate, policy: ReservePolicy) => object>> = {
  REVIEW_QUALIFICATION: (_, { minEducation }) => ({ education: minEducation }),
  RECORD_VETTING: () => ({ departments: [{ department: '纪委监委', result: 'PASS', note: '' }] }),
  SELECT: () => ({ approved: true, committeeVote: { members: 9, present: 9, yes: 9 } }),
  START_NOTICE: (date, { noticeWorkingDays }) => ({ end: noticeEnd(date, noticeWorkingDays) }),
  DECIDE_REVIEW: () => ({ outcome: 'RETAIN' }),
};

/**
 * A reservist's actions: entry steps at the entry's own endpoints; a half-year review decision only while a
 * review awaits it, at the review's endpoint, from the township the review task is open for.
 */
@Injectable()
export class ReserveEntryActionsKind implements CaseKindActions<ReserveActionType> {
  constructor(
    private readonly entries: ReservePoolService,
    private readonly tasks: ApprovalTasksRepository,
  ) {}

  async read(
    principal: Principal,
    entryId: string,
    today: LocalDate,
  ): Promise<CaseActions<ReserveActionType>> {
    const { snapshot, village } = await this.entries.readable(principal, entryId);
    const reviews = (await this.tasks.forCase('RESERVE_POOL', entryId)).filter(
      (task) => task.action === RESERVE_REVIEW_ACTION && task.status === 'OPEN',
    );
    const { policy } = snapshot;
    const ctx = { policy, calendar: CHINA_WORKING_DAYS };
    const step = (type: ReserveActionType) => RESERVE_STEPS[type] ?? 0;
    return {
      subject: { kind: 'RESERVE_POOL', id: entryId, unitId: snapshot.state!.villageId },
      available: reservistMachine.availableActions(snapshot.state!, ctx, today),
      deadlines: reservistMachine
        .deadlines(snapshot.state!, ctx)
        .map((deadline) => ({ ...deadline, article: reservistMachine.deadlineArticle(deadline.kind, ctx) })),
      target: (type): ActionTarget[] => {
        if (type === 'DECIDE_REVIEW') {
          return reviews.map((task) => ({
            name: '分析研判决定',
            step: step(type),
            endpoint: actionEndpoint('RESERVE_POOL', entryId, type, task.ref),
            operationId: 'decideReserveReview',
            actors: [],
            units: [task.orgUnit],
          }));
        }
        if (type === 'AGE_OUT') return []; // the workflow's, on the day
        const { name, operationId } = RESERVE_ACTION_ROUTES[type];
        const actor = RESERVE_ACTION_ACTORS[type];
        const endpoint = actionEndpoint('RESERVE_POOL', entryId, type);
        const actors = actor === 'TOWNSHIP_OR_COUNTY' ? ['TOWNSHIP', 'COUNTY_DEPARTMENT'] : ['TOWNSHIP'];
        return [{ name, step: step(type), endpoint, operationId, actors }];
      },
      // AGE_OUT is the workflow's own: nobody takes it.
      yours: (type) => {
        const actor = type === 'AGE_OUT' ? undefined : RESERVE_ACTION_ACTORS[type];
        return !!actor && !cadreActionViolation(principal, actor, village);
      },
      example: (type, date) => ({
        ...(type === 'DECIDE_REVIEW' ? { entryId } : {}),
        ...EXAMPLES[type]?.(date, policy),
      }),
    };
  }
}
