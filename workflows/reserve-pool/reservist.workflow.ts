import {
  allHandlersFinished,
  condition,
  continueAsNew,
  defineQuery,
  defineUpdate,
  proxyActivities,
  setHandler,
  uuid4,
  workflowInfo,
} from '@temporalio/workflow';

import type { ReserveEntryAfter, ReserveEntryView, WorkflowPerson } from '@app/contracts';
import {
  CHINA_WORKING_DAYS,
  type LocalDate,
  type OrgUnit,
  type RecommendationChannel,
  type RecordedBy,
  type ReserveAction,
  type ReserveCategory,
  type ReserveContext,
  type ReservePolicy,
  type ReservistState,
  chinaLocalDate,
  compareLocalDates,
  isReservistOpen,
  reservistMachine,
} from '@app/domain';

import { actionRecordData } from '../shared/action-record';
import { CaseLifecycle, type CaseStatus } from '../shared/case-lifecycle';
import { CaseUpdates, type DryRunAnswer } from '../shared/case-updates';
import { DeadlineLoop, type TimedWork, type TimedWorkMemory, historyFull } from '../shared/deadline-loop';
import { ACTIVITY_OPTIONS } from '../shared/recording-failure';
import { ruleViolationFailure, ruleViolationFrom } from '../shared/rule-violation-failure';
import { reserveEntryViewAfter } from '../shared/view-after';
import type { ReservePoolActivities } from './activities';

/**
 * One reservist (后备力量, DOMAIN §3) from recommendation until they leave the pool: opened through
 * update-with-start, every later step a `recordReserveAction` update checked by the domain rules, and removed
 * by the workflow itself on the day they pass the policy's age limit. The policy is pinned at recommendation.
 * A reservist lives for years: when the history grows long the workflow continues as new at a quiet point,
 * carrying the entry and the recent update ids (behind RESERVIST_CONTINUES_AS_NEW_PATCH).
 */
export interface ReservistInput {
  readonly entryId: string;
  readonly village: OrgUnit;
  readonly townshipId: string;
  readonly category: ReserveCategory;
  readonly channel: RecommendationChannel;
  /** Who recommended (the person themself, a meeting, an organisation). */
  readonly by: string;
  readonly recommendedOn: LocalDate;
  /** The person row and birth date; histories recorded before references carry the identity itself. */
  readonly person: WorkflowPerson;
  readonly policy: ReservePolicy;
  readonly recordedBy: RecordedBy | null;
  /**
   * History events after which the run continues as new at its next quiet point (HISTORY_EVENT_LIMIT when left
   * out; tests set a few dozen).
   */
  readonly historyLimit?: number;
  /** Carried over by continue-as-new: the entry as recorded so far. */
  readonly continued?: TimedWorkMemory & {
    readonly state: ReservistState;
    readonly view: ReserveEntryView;
    /** Ids of recent completed updates: a retried request after continue-as-new is answered, not redone. */
    readonly completedUpdates: readonly string[];
  };
}

/** An action as the API submits it: the domain action plus who entered it, as which org unit. */
export type ReserveActionInput = Exclude<ReserveAction, { type: 'AGE_OUT' }> & {
  readonly actingBody: OrgUnit;
  readonly recordedBy?: RecordedBy;
};

export interface ReservistSnapshot {
  readonly entryId: string;
  /** NOT_RECORDED: the recommendation could not be stored (see NOT_RECORDED_FAILURE); the workflow has ended. */
  readonly status: CaseStatus;
  readonly view?: ReserveEntryView;
  readonly state?: ReservistState;
  readonly policy: ReservePolicy;
  readonly ageOutOn: LocalDate | null;
}

export function reservistWorkflowId(entryId: string): string {
  return `reserve-entry-${entryId}`;
}

export const reserveRecommendationRecordedUpdate = defineUpdate<ReserveEntryView>(
  'reserveRecommendationRecorded',
);
export const recordReserveActionUpdate = defineUpdate<ReserveEntryView, [ReserveActionInput]>(
  'recordReserveAction',
);
export const reservistStateQuery = defineQuery<ReservistSnapshot>('reservistState');
/** What recording the action would answer now (its violations, or the entry after it), recording nothing. */
export const dryRunReserveActionQuery = defineQuery<DryRunAnswer<ReserveEntryView>, [ReserveActionInput]>(
  'dryRunReserveAction',
);

const activities = proxyActivities<ReservePoolActivities>(ACTIVITY_OPTIONS);

/** `patched()` id: a reservist continues as new when its history grows long (before, it never did). */
export const RESERVIST_CONTINUES_AS_NEW_PATCH = 'reservist-continues-as-new';

// eslint-disable-next-line max-lines-per-function -- the entry function holds the run's handlers and loops
export async function reservistWorkflow(input: ReservistInput): Promise<ReservistSnapshot> {
  const ctx: ReserveContext = { policy: input.policy, calendar: CHINA_WORKING_DAYS };
  const { continued } = input;
  const lifecycle = new CaseLifecycle(Boolean(continued));
  let state: ReservistState | undefined = continued?.state;
  let view: ReserveEntryView | undefined = continued?.view;
  const updates = CaseUpdates.ofLongLivedCase(continued);
  /** The day the rules remove the reservist for age (the machine's one deadline), while the entry is open. */
  const ageOutOn = (of: ReservistState): LocalDate | null =>
    reservistMachine.deadlines(of, ctx).find((deadline) => deadline.kind === 'AGE_OUT')?.due ?? null;

  const snapshot = (): ReservistSnapshot => ({
    entryId: input.entryId,
    status: lifecycle.status,
    policy: input.policy,
    ageOutOn: state ? ageOutOn(state) : null,
    ...(view ? { view } : {}),
    ...(state ? { state } : {}),
  });
  setHandler(reservistStateQuery, snapshot);
  lifecycle.answerCreation(reserveRecommendationRecordedUpdate, () => view!);

  /** The entry after an action, as the read model stores it. */
  const afterOf = (next: ReservistState): ReserveEntryAfter => ({
    status: next.status,
    entryStep: next.entryStep,
    education: next.facts?.education ?? null,
    politicalStatus: next.facts?.politicalStatus ?? view?.politicalStatus ?? null,
    enteredOn: next.enteredOn ?? null,
    left: next.left ? { code: next.left.code, on: next.left.on } : null,
    inspectionPost: next.status === 'LISTED_FOR_INSPECTION' ? (next.inspection?.post ?? null) : null,
    cadreCaseId: next.used?.cadreCaseId ?? null,
    memberCaseId: next.memberCaseId ?? null,
  });
  /** Records one validated action through the activity; the state moves only once it is stored. */
  const record = async (action: ReserveAction, actingBodyId: string | null, by: RecordedBy | null) => {
    const { state: next, events } = reservistMachine.apply(state!, action, ctx);
    try {
      view = await activities.recordReserveAction({
        entryId: input.entryId,
        recordId: uuid4(),
        action: {
          type: action.type,
          date: action.date,
          actingBodyId,
          data: actionRecordData(action),
          recordedBy: by,
        },
        review:
          action.type === 'DECIDE_REVIEW' ? { id: action.reviewId, outcome: action.outcome.kind } : null,
        after: afterOf(next),
        tasks: reservistMachine.openTasks(next, ctx),
        events: events.map(({ type, date, ...details }) => ({
          eventId: uuid4(),
          kind: type,
          occurredOn: date,
          details,
        })),
      });
    } catch (error) {
      // A rule the database checks (the review task is no longer open) fails the update, not the workflow.
      const broken = ruleViolationFrom(error);
      throw broken ? ruleViolationFailure(broken) : error;
    }
    state = next;
  };

  updates.handle(recordReserveActionUpdate, dryRunReserveActionQuery, {
    preview: (action) =>
      state && view
        ? reserveEntryViewAfter(view, afterOf(reservistMachine.apply(state, action, ctx).state))
        : undefined,
    validate: (action) => (state ? reservistMachine.validate(state, action, ctx) : []),
    record: async (action: ReserveActionInput) => {
      if (!state) throw lifecycle.unrecorded();
      const { actingBody, recordedBy, ...domainAction } = action;
      await record(domainAction, actingBody.id, recordedBy ?? null);
      return view!;
    },
    previous: () => view!,
    ready: lifecycle.recorded,
  });

  if (!continued) {
    const opened = reservistMachine.open({
      entryId: input.entryId,
      personId: '',
      villageId: input.village.id,
      category: input.category,
      birthDate: input.person.birthDate,
      channel: input.channel,
      by: input.by,
      recommendedOn: input.recommendedOn,
    });
    const recorded = await lifecycle.recordFirst(
      () =>
        activities.recordReserveRecommendation({
          entryId: input.entryId,
          workflowId: workflowInfo().workflowId,
          eventId: uuid4(),
          villageId: input.village.id,
          townshipId: input.townshipId,
          category: input.category,
          channel: input.channel,
          by: input.by,
          recommendedOn: input.recommendedOn,
          person: input.person,
          policy: input.policy,
          recordedBy: input.recordedBy,
          tasks: reservistMachine.openTasks(opened.state, ctx),
        }),
      (stored) => {
        view = stored;
        state = { ...opened.state, personId: stored.person.id };
      },
    );
    if (!recorded) return snapshot();
  }

  // Until the entry closes: on the day past the age limit the rules remove the reservist (自动出库).
  const ageOut = (): TimedWork[] => {
    const on = ageOutOn(state!);
    if (!on) return [];
    // The rules' own step takes its turn with the updates; one of them may have closed the entry meanwhile.
    const run = () =>
      updates.exclusive(async () => {
        if (!isReservistOpen(state!)) return;
        const today = chinaLocalDate(new Date());
        const date = compareLocalDates(state!.lastDate, today) > 0 ? state!.lastDate : today;
        await record({ type: 'AGE_OUT', date }, null, null);
      });
    return [{ key: `AGE_OUT:${on}`, on, what: 'age-out', run }];
  };
  await new DeadlineLoop(continued).run({
    updates,
    work: ageOut,
    closed: () => !ageOutOn(state!),
    visibility: () => ({
      kind: 'RESERVE_POOL',
      unit: input.village,
      stage: state!.status,
      tasks: reservistMachine.openTasks(state!, ctx),
      deadlines: reservistMachine.deadlines(state!, ctx),
    }),
    continueAsNewNow: () => historyFull(RESERVIST_CONTINUES_AS_NEW_PATCH, input.historyLimit),
    continueAsNew: (memory) =>
      continueAsNew<typeof reservistWorkflow>({
        ...input,
        continued: { state: state!, view: view!, ...memory, completedUpdates: updates.completedIds() },
      }),
    // A failed removal is tried again after the retry delay, or as soon as an action changed the entry.
    retryOnChange: true,
  });
  lifecycle.status = 'CLOSED';
  await condition(allHandlersFinished);
  return snapshot();
}
