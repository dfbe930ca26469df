import {
  allHandlersFinished,
  condition,
  defineQuery,
  defineUpdate,
  log,
  patched,
  proxyActivities,
  setHandler,
  startChild,
  uuid4,
  workflowInfo,
} from '@temporalio/workflow';

import type { CadreCaseView, WorkflowPerson } from '@app/contracts';
import {
  CHINA_WORKING_DAYS,
  type CadreAction,
  type CadreCaseState,
  type CadreContext,
  type CadrePost,
  type CadreProgramme,
  type LocalDate,
  type NominationChannel,
  type OrgUnit,
  type RecordedBy,
  type ReserveCategory,
  ageOn,
  applyCadreAction,
  cadreCaseDeadlines,
  chinaLocalDate,
  compareLocalDates,
  startOfChinaDay,
  openCadreCase,
  validateCadreAction,
} from '@app/domain';

import type { ReservePoolActivities, ReserveReferralTarget } from '../reserve-pool/activities';
import { reservistWorkflow, reservistWorkflowId } from '../reserve-pool/reservist.workflow';
import { actionRecordData } from '../shared/action-record';
import {
  ACTIVITY_OPTIONS,
  TIMED_WORK_PATCH,
  TIMED_WORK_RETRY_MS,
  endNotRecorded,
} from '../shared/recording-failure';
import { ruleViolationFailure, ruleViolationFrom, throwViolations } from '../shared/rule-violation-failure';
import { SerialUpdates } from '../shared/serial-updates';
import type { CadreRecruitmentActivities } from './activities';

/**
 * One cadre recruitment case (DOMAIN §2.1, P1–P9): nominated through update-with-start, every later step a
 * `recordCadreAction` update checked by the domain rules, overdue signals when the joint review, the notice
 * or the trial runs past its day. The programme is pinned on the case as it was at nomination.
 */
export interface CadreRecruitmentInput {
  readonly caseId: string;
  readonly programme: CadreProgramme;
  readonly post: CadrePost;
  readonly village: OrgUnit;
  readonly channel: NominationChannel;
  readonly nominatedOn: LocalDate;
  /** The person row and birth date; histories recorded before references carry the identity itself. */
  readonly person: WorkflowPerson;
  readonly recordedBy: RecordedBy | null;
}

/** An action as the API submits it: the domain action plus who entered it, as which org unit. */
export type CadreActionInput = CadreAction & {
  readonly actingBody: OrgUnit;
  readonly recordedBy?: RecordedBy;
};

export interface CadreSnapshot {
  readonly caseId: string;
  /** NOT_RECORDED: the nomination could not be stored (see NOT_RECORDED_FAILURE); the workflow has ended. */
  readonly status: 'RECORDING' | 'REJECTED' | 'NOT_RECORDED' | 'OPEN' | 'CLOSED';
  readonly programme: { readonly id: string; readonly name: string };
  readonly view?: CadreCaseView;
  readonly state?: CadreCaseState;
  readonly deadlines: readonly { readonly kind: string; readonly due: LocalDate }[];
}

export const cadreNominationRecordedUpdate = defineUpdate<CadreCaseView>('cadreNominationRecorded');
export const recordCadreActionUpdate = defineUpdate<CadreCaseView, [CadreActionInput]>('recordCadreAction');
export const cadreStateQuery = defineQuery<CadreSnapshot>('cadreState');

const activities = proxyActivities<CadreRecruitmentActivities>(ACTIVITY_OPTIONS);

const reserveActivities =
  proxyActivities<Pick<ReservePoolActivities, 'reserveReferralTarget'>>(ACTIVITY_OPTIONS);

export async function cadreRecruitmentWorkflow(input: CadreRecruitmentInput): Promise<CadreSnapshot> {
  const ctx: CadreContext = { programme: input.programme, calendar: CHINA_WORKING_DAYS };
  const programme = { id: input.programme.id, name: input.programme.name };
  let status: CadreSnapshot['status'] = 'RECORDING';
  let state: CadreCaseState | undefined;
  let view: CadreCaseView | undefined;
  let rejection: ReturnType<typeof ruleViolationFrom>;
  /** Why the nomination could not be recorded: the creation update and later updates answer with it. */
  let notRecorded: Error | undefined;
  let version = 0;
  const updates = new SerialUpdates();
  const signalled = new Set<string>();
  /** An exit to the reserve pool refers the person there (推 by the township); started once, after recording. */
  let referral:
    | {
        readonly entryId: string;
        readonly category: ReserveCategory;
        readonly on: LocalDate;
        readonly recordedBy: RecordedBy | null;
        readonly target: ReserveReferralTarget;
        started: boolean;
      }
    | undefined;

  setHandler(cadreStateQuery, () => ({
    caseId: input.caseId,
    status,
    programme,
    ...(view ? { view } : {}),
    ...(state ? { state, deadlines: cadreCaseDeadlines(state) } : { deadlines: [] }),
  }));
  setHandler(cadreNominationRecordedUpdate, async () => {
    await condition(() => status !== 'RECORDING');
    if (rejection) throw ruleViolationFailure(rejection);
    if (notRecorded) throw notRecorded;
    return view!;
  });
  const validate = (action: CadreActionInput) => (state ? validateCadreAction(state, action, ctx) : []);
  setHandler(
    recordCadreActionUpdate,
    (action) =>
      updates.apply(
        async () => {
          if (!state) throw notRecorded ?? ruleViolationFailure(rejection!);
          throwViolations(validate(action));
          const { state: next, events } = applyCadreAction(state, action, ctx);
          // Where the exit to the reserve pool leads, decided before the exit is recorded so its event says so.
          let reserveReferral: { outcome: string; entryId: string | null } | undefined;
          if (
            next.exit?.destination === 'RESERVE_POOL' &&
            next.exit.reserveCategory &&
            !state.exit &&
            patched('cadre-exit-to-reserve-pool')
          ) {
            const target = await reserveActivities.reserveReferralTarget(input.village.id, state.personId);
            if (!target) reserveReferral = { outcome: 'NO_TOWNSHIP', entryId: null };
            else if (target.openEntryId)
              reserveReferral = { outcome: 'ALREADY_IN_POOL', entryId: target.openEntryId };
            else if (ageOn(input.person.birthDate, next.exit.on) > target.policy.maxAge) {
              reserveReferral = { outcome: 'OVER_AGE_LIMIT', entryId: null };
            } else {
              reserveReferral = { outcome: 'REFERRED', entryId: uuid4() };
              referral = {
                entryId: reserveReferral.entryId!,
                category: next.exit.reserveCategory,
                on: next.exit.on,
                recordedBy: action.recordedBy ?? null,
                target,
                started: false,
              };
            }
          }
          view = await activities.recordCadreAction({
            caseId: input.caseId,
            recordId: uuid4(),
            programme,
            action: {
              type: action.type,
              date: action.date,
              actingBodyId: action.actingBody.id,
              data: {
                ...actionRecordData(action),
                actingBody: { id: action.actingBody.id, name: action.actingBody.name },
              },
              recordedBy: action.recordedBy ?? null,
            },
            after: { stage: next.stage, status: next.status, outcome: next.outcome ?? null },
            events: events.map(({ kind, date, ...details }) => ({
              eventId: uuid4(),
              kind,
              occurredOn: date,
              details: kind === 'exited' && reserveReferral ? { ...details, reserveReferral } : details,
            })),
          });
          state = next;
          version++;
          return view;
        },
        () => view!,
        () => status !== 'RECORDING',
      ),
    {
      validator: (action: CadreActionInput) => {
        if (!updates.alreadyApplied()) throwViolations(validate(action));
      },
    },
  );

  const opened = openCadreCase({
    caseId: input.caseId,
    personId: '',
    programme: input.programme,
    post: input.post,
    villageId: input.village.id,
    channel: input.channel,
    nominatedOn: input.nominatedOn,
  });
  try {
    view = await activities.recordCadreNomination({
      caseId: input.caseId,
      workflowId: workflowInfo().workflowId,
      eventId: uuid4(),
      programme,
      post: input.post,
      villageId: input.village.id,
      channel: input.channel,
      nominatedOn: input.nominatedOn,
      person: input.person,
      recordedBy: input.recordedBy,
    });
    state = { ...opened.state, personId: view.person.id };
    status = 'OPEN';
  } catch (error) {
    rejection = ruleViolationFrom(error);
    if (!rejection) {
      // Data no retry can store, or a store that stayed down: nothing recorded, the case ends.
      return endNotRecorded(error, (failure) => {
        notRecorded = failure;
        status = 'NOT_RECORDED';
      });
    }
    status = 'REJECTED';
    await condition(allHandlersFinished);
    return { caseId: input.caseId, status, programme, deadlines: [] };
  }

  /** Overdue signals whose recording failed: when to try each again (the case carries on meanwhile). */
  const deferred = new Map<string, number>();
  for (;;) {
    const today = chinaLocalDate(new Date());
    for (const deadline of cadreCaseDeadlines(state)) {
      const key = `${deadline.kind}:${deadline.due}`;
      // Overdue the day after the due day.
      if (signalled.has(key) || compareLocalDates(today, deadline.due) <= 0) continue;
      if ((deferred.get(key) ?? 0) > Date.now()) continue;
      try {
        await activities.recordCadreDeadline({
          caseId: input.caseId,
          eventId: uuid4(),
          programme,
          kind: deadline.kind,
          due: deadline.due,
          occurredOn: today,
        });
      } catch (error) {
        if (!patched(TIMED_WORK_PATCH)) throw error;
        log.warn('overdue signal not recorded; trying again later', { key, error: String(error) });
        deferred.set(key, Date.now() + TIMED_WORK_RETRY_MS);
        continue;
      }
      deferred.delete(key);
      signalled.add(key);
    }
    if (referral && !referral.started) {
      // The reservist outlives this case: its own workflow, abandoned (not cancelled) when this one ends.
      await startChild(reservistWorkflow, {
        workflowId: reservistWorkflowId(referral.entryId),
        parentClosePolicy: 'ABANDON',
        args: [
          {
            entryId: referral.entryId,
            village: referral.target.village,
            townshipId: referral.target.townshipId,
            category: referral.category,
            channel: 'ORGANISATION',
            by: `村干部招引（${programme.name}）试用期满退出，转入后备库`,
            recommendedOn: referral.on,
            person: input.person,
            policy: referral.target.policy,
            recordedBy: referral.recordedBy,
          },
        ],
      });
      referral.started = true;
    }
    if (state.status === 'CLOSED') break;
    const upcoming = cadreCaseDeadlines(state)
      .filter((deadline) => !signalled.has(`${deadline.kind}:${deadline.due}`))
      .map((deadline) =>
        Math.max(
          startOfChinaDay(deadline.due) + 24 * 60 * 60 * 1000,
          deferred.get(`${deadline.kind}:${deadline.due}`) ?? 0,
        ),
      );
    const seen = version;
    const changed = () => version !== seen;
    const wake = upcoming.length > 0 ? Math.min(...upcoming) : undefined;
    if (wake === undefined) await condition(changed);
    else if (wake > Date.now()) await condition(changed, wake - Date.now());
  }
  status = 'CLOSED';
  await condition(allHandlersFinished);
  return { caseId: input.caseId, status, programme, view: view, state, deadlines: [] };
}
