import {
  allHandlersFinished,
  condition,
  defineQuery,
  defineUpdate,
  log,
  patched,
  proxyActivities,
  setHandler,
  uuid4,
  workflowInfo,
} from '@temporalio/workflow';

import type { ReserveEntryView, WorkflowPerson } from '@app/contracts';
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
  applyReserveAction,
  chinaLocalDate,
  compareLocalDates,
  isReservistOpen,
  openReservist,
  reservistAgeOutDate,
  startOfChinaDay,
  validateReserveAction,
} from '@app/domain';

import { actionRecordData } from '../shared/action-record';
import {
  ACTIVITY_OPTIONS,
  TIMED_WORK_PATCH,
  TIMED_WORK_RETRY_MS,
  endNotRecorded,
} from '../shared/recording-failure';
import { ruleViolationFailure, ruleViolationFrom, throwViolations } from '../shared/rule-violation-failure';
import { SerialUpdates } from '../shared/serial-updates';
import type { ReservePoolActivities } from './activities';

/**
 * One reservist (后备力量, DOMAIN §3) from recommendation until they leave the pool: opened through
 * update-with-start, every later step a `recordReserveAction` update checked by the domain rules, and removed
 * by the workflow itself on the day they pass the policy's age limit. The policy is pinned at recommendation.
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
}

/** An action as the API submits it: the domain action plus who entered it, as which org unit. */
export type ReserveActionInput = Exclude<ReserveAction, { type: 'AGE_OUT' }> & {
  readonly actingBody: OrgUnit;
  readonly recordedBy?: RecordedBy;
};

export interface ReservistSnapshot {
  readonly entryId: string;
  /** NOT_RECORDED: the recommendation could not be stored (see NOT_RECORDED_FAILURE); the workflow has ended. */
  readonly status: 'RECORDING' | 'REJECTED' | 'NOT_RECORDED' | 'OPEN' | 'CLOSED';
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

const activities = proxyActivities<ReservePoolActivities>(ACTIVITY_OPTIONS);

export async function reservistWorkflow(input: ReservistInput): Promise<ReservistSnapshot> {
  const ctx: ReserveContext = { policy: input.policy, calendar: CHINA_WORKING_DAYS };
  let status: ReservistSnapshot['status'] = 'RECORDING';
  let state: ReservistState | undefined;
  let view: ReserveEntryView | undefined;
  let rejection: ReturnType<typeof ruleViolationFrom>;
  /** Why the recommendation could not be recorded: the creation update and later updates answer with it. */
  let notRecorded: Error | undefined;
  const updates = new SerialUpdates();

  const snapshot = (): ReservistSnapshot => ({
    entryId: input.entryId,
    status,
    policy: input.policy,
    ageOutOn: state ? reservistAgeOutDate(state, input.policy) : null,
    ...(view ? { view } : {}),
    ...(state ? { state } : {}),
  });
  setHandler(reservistStateQuery, snapshot);
  setHandler(reserveRecommendationRecordedUpdate, async () => {
    await condition(() => status !== 'RECORDING');
    if (rejection) throw ruleViolationFailure(rejection);
    if (notRecorded) throw notRecorded;
    return view!;
  });

  /** Records one validated action through the activity; the state moves only once it is stored. */
  const record = async (action: ReserveAction, actingBodyId: string | null, by: RecordedBy | null) => {
    const { state: next, events } = applyReserveAction(state!, action, ctx);
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
        after: {
          status: next.status,
          entryStep: next.entryStep,
          education: next.facts?.education ?? null,
          politicalStatus: next.facts?.politicalStatus ?? view?.politicalStatus ?? null,
          enteredOn: next.enteredOn ?? null,
          left: next.left ? { code: next.left.code, on: next.left.on } : null,
          inspectionPost: next.status === 'LISTED_FOR_INSPECTION' ? (next.inspection?.post ?? null) : null,
          cadreCaseId: next.used?.cadreCaseId ?? null,
          memberCaseId: next.memberCaseId ?? null,
        },
        events: events.map(({ kind, date, ...details }) => ({
          eventId: uuid4(),
          kind,
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

  const validate = (action: ReserveAction) => (state ? validateReserveAction(state, action, ctx) : []);
  setHandler(
    recordReserveActionUpdate,
    (action) =>
      updates.apply(
        async () => {
          if (!state) throw notRecorded ?? ruleViolationFailure(rejection!);
          throwViolations(validate(action));
          const { actingBody, recordedBy, ...domainAction } = action;
          await record(domainAction, actingBody.id, recordedBy ?? null);
          return view!;
        },
        () => view!,
        () => status !== 'RECORDING',
      ),
    {
      validator: (action: ReserveActionInput) => {
        if (!updates.alreadyApplied()) throwViolations(validate(action));
      },
    },
  );

  const opened = openReservist({
    entryId: input.entryId,
    personId: '',
    villageId: input.village.id,
    category: input.category,
    birthDate: input.person.birthDate,
    channel: input.channel,
    by: input.by,
    recommendedOn: input.recommendedOn,
  });
  try {
    view = await activities.recordReserveRecommendation({
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
    });
    state = { ...opened.state, personId: view.person.id };
    status = 'OPEN';
  } catch (error) {
    rejection = ruleViolationFrom(error);
    if (!rejection) {
      // Data no retry can store, or a store that stayed down: nothing recorded, the entry ends.
      return endNotRecorded(error, (failure) => {
        notRecorded = failure;
        status = 'NOT_RECORDED';
      });
    }
    status = 'REJECTED';
    await condition(allHandlersFinished);
    return snapshot();
  }

  // Until the entry closes: on the day past the age limit the rules remove the reservist (自动出库).
  for (;;) {
    const ageOut = reservistAgeOutDate(state, input.policy);
    if (!ageOut) break;
    const wait = startOfChinaDay(ageOut) - Date.now();
    if (wait > 0) {
      const current = state;
      await condition(() => state !== current, wait);
      continue;
    }
    // The rules' own step takes its turn with the updates; one of them may have closed the entry meanwhile.
    try {
      await updates.exclusive(async () => {
        if (!isReservistOpen(state!)) return;
        const today = chinaLocalDate(new Date());
        const date = compareLocalDates(state!.lastDate, today) > 0 ? state!.lastDate : today;
        await record({ type: 'AGE_OUT', date }, null, null);
      });
    } catch (error) {
      // The entry stays as it is and takes its actions; the removal is tried again later.
      if (!patched(TIMED_WORK_PATCH)) throw error;
      log.warn('age-out not recorded; trying again later', { error: String(error) });
      const current = state;
      await condition(() => state !== current, TIMED_WORK_RETRY_MS);
    }
  }
  status = 'CLOSED';
  await condition(allHandlersFinished);
  return snapshot();
}
