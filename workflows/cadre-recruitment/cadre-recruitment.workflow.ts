import {
  allHandlersFinished,
  condition,
  continueAsNew,
  defineQuery,
  defineUpdate,
  patched,
  proxyActivities,
  setHandler,
  startChild,
  uuid4,
  workflowInfo,
} from '@temporalio/workflow';

import type { CadreCaseView, RecordCadreActionCommand, WorkflowPerson } from '@app/contracts';
import {
  CHINA_WORKING_DAYS,
  type CadreAction,
  type CadreCaseState,
  type CadreDeadlineKind,
  type CadreContext,
  type CadrePost,
  type CadreProgramme,
  type LocalDate,
  type NominationChannel,
  type OrgUnit,
  type RecordedBy,
  type ReserveCategory,
  addDays,
  ageOn,
  cadreCaseMachine,
} from '@app/domain';

import type { ReservePoolActivities, ReserveReferralTarget } from '../reserve-pool/activities';
import { reservistWorkflow, reservistWorkflowId } from '../reserve-pool/reservist.workflow';
import { actionRecordData } from '../shared/action-record';
import { CaseLifecycle, type CaseStatus } from '../shared/case-lifecycle';
import { CaseUpdates, type DryRunAnswer } from '../shared/case-updates';
import { cadreCaseViewAfter } from '../shared/view-after';
import { DeadlineLoop, type TimedWork, type TimedWorkMemory, historyFull } from '../shared/deadline-loop';
import { ACTIVITY_OPTIONS } from '../shared/recording-failure';
import type { CadreRecruitmentActivities } from './activities';

/**
 * One cadre recruitment case (DOMAIN §2.1, P1–P9): nominated through update-with-start, every later step a
 * `recordCadreAction` update checked by the domain rules, overdue signals when the joint review, the notice
 * or the trial runs past its day. The programme is pinned on the case as it was at nomination. When its history
 * grows long the case continues as new at a quiet point, carrying the case, the signals sent or deferred, a
 * referral not yet started and the recent update ids (behind CADRE_CONTINUES_AS_NEW_PATCH).
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
  /**
   * History events after which the run continues as new at its next quiet point (HISTORY_EVENT_LIMIT when left
   * out; tests set a few dozen).
   */
  readonly historyLimit?: number;
  /** Carried over by continue-as-new: the case as recorded so far. */
  readonly continued?: TimedWorkMemory & {
    readonly state: CadreCaseState;
    readonly view: CadreCaseView;
    /** The referral to the reserve pool decided on exit, when its workflow was not started yet. */
    readonly referral?: ReserveReferral;
    /** Ids of recent completed updates: a retried request after continue-as-new is answered, not redone. */
    readonly completedUpdates: readonly string[];
  };
}

/** An exit to the reserve pool refers the person there (推 by the township); started once, after recording. */
export interface ReserveReferral {
  readonly entryId: string;
  readonly category: ReserveCategory;
  readonly on: LocalDate;
  readonly recordedBy: RecordedBy | null;
  readonly target: ReserveReferralTarget;
}

/** An action as the API submits it: the domain action plus who entered it, as which org unit. */
export type CadreActionInput = CadreAction & {
  readonly actingBody: OrgUnit;
  readonly recordedBy?: RecordedBy;
};

export interface CadreSnapshot {
  readonly caseId: string;
  /** NOT_RECORDED: the nomination could not be stored (see NOT_RECORDED_FAILURE); the workflow has ended. */
  readonly status: CaseStatus;
  readonly programme: { readonly id: string; readonly name: string };
  readonly view?: CadreCaseView;
  readonly state?: CadreCaseState;
  readonly deadlines: readonly { readonly kind: CadreDeadlineKind; readonly due: LocalDate }[];
}

export const cadreNominationRecordedUpdate = defineUpdate<CadreCaseView>('cadreNominationRecorded');
export const recordCadreActionUpdate = defineUpdate<CadreCaseView, [CadreActionInput]>('recordCadreAction');
export const cadreStateQuery = defineQuery<CadreSnapshot>('cadreState');
/** What recording the action would answer now (its violations, or the case after it), recording nothing. */
export const dryRunCadreActionQuery = defineQuery<DryRunAnswer<CadreCaseView>, [CadreActionInput]>(
  'dryRunCadreAction',
);

const activities = proxyActivities<CadreRecruitmentActivities>(ACTIVITY_OPTIONS);

const reserveActivities =
  proxyActivities<Pick<ReservePoolActivities, 'reserveReferralTarget'>>(ACTIVITY_OPTIONS);

/** `patched()` id: a cadre case continues as new when its history grows long (before, it never did). */
export const CADRE_CONTINUES_AS_NEW_PATCH = 'cadre-recruitment-continues-as-new';

/**
 * `patched()` id: an exit to the reserve pool must name the reserve category (RESERVE_CATEGORY_REQUIRED). The API
 * asked for it before the workflow did, so cases exited without one before the rule replay as they were.
 */
export const CADRE_RESERVE_CATEGORY_PATCH = 'cadre-reserve-category-required';

// eslint-disable-next-line max-lines-per-function -- the entry function holds the run's handlers and loops
export async function cadreRecruitmentWorkflow(input: CadreRecruitmentInput): Promise<CadreSnapshot> {
  let ctx: CadreContext = {
    programme: input.programme,
    calendar: CHINA_WORKING_DAYS,
    // Runs started since the rule have it from the start, so the validator refuses on receipt.
    requireReserveCategory: patched(CADRE_RESERVE_CATEGORY_PATCH),
  };
  const programme = { id: input.programme.id, name: input.programme.name };
  const { continued } = input;
  const lifecycle = new CaseLifecycle(Boolean(continued));
  let state: CadreCaseState | undefined = continued?.state;
  let view: CadreCaseView | undefined = continued?.view;
  const updates = CaseUpdates.ofLongLivedCase(continued);
  let referral: ReserveReferral | undefined = continued?.referral;
  /** Whether the referral's reservist workflow was started (by this run). */
  let referralStarted = false;

  /** The case's deadlines as the state query shows them: kind and due day. */
  const deadlinesOf = (of: CadreCaseState) =>
    cadreCaseMachine.deadlines(of, ctx).map(({ kind, due }) => ({ kind, due }));
  setHandler(cadreStateQuery, () => ({
    caseId: input.caseId,
    status: lifecycle.status,
    programme,
    ...(view ? { view } : {}),
    ...(state ? { state, deadlines: deadlinesOf(state) } : { deadlines: [] }),
  }));
  lifecycle.answerCreation(cadreNominationRecordedUpdate, () => view!);
  /** Where an exit to the reserve pool leads, decided before the exit is recorded so its event says so. */
  const referTo = async (
    before: CadreCaseState,
    next: CadreCaseState,
    action: CadreActionInput,
  ): Promise<{ outcome: string; entryId: string | null } | undefined> => {
    if (
      next.exit?.destination !== 'RESERVE_POOL' ||
      !next.exit.reserveCategory ||
      before.exit ||
      !patched('cadre-exit-to-reserve-pool')
    ) {
      return undefined;
    }
    const target = await reserveActivities.reserveReferralTarget(input.village.id, before.personId);
    if (!target) return { outcome: 'NO_TOWNSHIP', entryId: null };
    if (target.openEntryId) return { outcome: 'ALREADY_IN_POOL', entryId: target.openEntryId };
    if (ageOn(input.person.birthDate, next.exit.on) > target.policy.maxAge) {
      return { outcome: 'OVER_AGE_LIMIT', entryId: null };
    }
    const entryId = uuid4();
    referral = {
      entryId,
      category: next.exit.reserveCategory,
      on: next.exit.on,
      recordedBy: action.recordedBy ?? null,
      target,
    };
    return { outcome: 'REFERRED', entryId };
  };
  /** The case after an action, as the read model stores it. */
  const afterOf = (next: CadreCaseState): RecordCadreActionCommand['after'] => ({
    stage: next.stage,
    status: next.status,
    outcome: next.outcome ?? null,
  });
  /** Records a valid action (record, read model, HR events) and moves the case on. */
  const record = async (action: CadreActionInput): Promise<CadreCaseView> => {
    if (!state) throw lifecycle.unrecorded();
    const { state: next, events } = cadreCaseMachine.apply(state, action, ctx);
    const reserveReferral = await referTo(state, next, action);
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
      after: afterOf(next),
      tasks: cadreCaseMachine.openTasks(next, ctx),
      events: events.map(({ type, date, ...details }) => ({
        eventId: uuid4(),
        kind: type,
        occurredOn: date,
        details: type === 'exited' && reserveReferral ? { ...details, reserveReferral } : details,
      })),
    });
    state = next;
    return view;
  };
  updates.handle(recordCadreActionUpdate, dryRunCadreActionQuery, {
    preview: (action) =>
      state && view
        ? cadreCaseViewAfter(view, afterOf(cadreCaseMachine.apply(state, action, ctx).state))
        : undefined,
    validate: (action) => (state ? cadreCaseMachine.validate(state, action, ctx) : []),
    record,
    previous: () => view!,
    ready: lifecycle.recorded,
    // A run started before the rule takes it on at its first exit to the pool after the change (the API asked
    // for the category until then); histories recorded before replay without it.
    inTurn: (action) => {
      if (
        action.type === 'REVIEW_TRIAL' &&
        action.exitTo === 'RESERVE_POOL' &&
        !ctx.requireReserveCategory &&
        patched(CADRE_RESERVE_CATEGORY_PATCH)
      ) {
        ctx = { ...ctx, requireReserveCategory: true };
      }
    },
  });

  if (!continued) {
    const opened = cadreCaseMachine.open({
      caseId: input.caseId,
      personId: '',
      programme: input.programme,
      post: input.post,
      villageId: input.village.id,
      channel: input.channel,
      nominatedOn: input.nominatedOn,
    });
    const recorded = await lifecycle.recordFirst(
      () =>
        activities.recordCadreNomination({
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
          tasks: cadreCaseMachine.openTasks(opened.state, ctx),
        }),
      (stored) => {
        view = stored;
        state = { ...opened.state, personId: stored.person.id };
      },
    );
    if (!recorded) return { caseId: input.caseId, status: lifecycle.status, programme, deadlines: [] };
  }

  /** The overdue signal of each of the case's deadlines (joint review, notice, trial), the day after it is due. */
  const overdueSignals = (): TimedWork[] =>
    cadreCaseMachine.deadlines(state!, ctx).map((deadline) => ({
      key: `${deadline.kind}:${deadline.due}`,
      on: addDays(deadline.due, 1),
      what: 'overdue signal',
      run: (today: LocalDate) =>
        activities.recordCadreDeadline({
          caseId: input.caseId,
          eventId: uuid4(),
          programme,
          kind: deadline.kind,
          due: deadline.due,
          occurredOn: today,
        }),
    }));
  /** The reservist outlives this case: its own workflow, abandoned (not cancelled) when this one ends. */
  const startReferral = async (): Promise<void> => {
    if (!referral || referralStarted) return;
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
    referralStarted = true;
  };
  await new DeadlineLoop(continued).run({
    updates,
    work: overdueSignals,
    afterWork: startReferral,
    closed: () => state!.status === 'CLOSED',
    visibility: () => ({
      kind: 'CADRE_RECRUITMENT',
      unit: input.village,
      stage: state!.stage,
      tasks: cadreCaseMachine.openTasks(state!, ctx),
      deadlines: cadreCaseMachine.deadlines(state!, ctx),
    }),
    continueAsNewNow: () => historyFull(CADRE_CONTINUES_AS_NEW_PATCH, input.historyLimit),
    continueAsNew: (memory) =>
      continueAsNew<typeof cadreRecruitmentWorkflow>({
        ...input,
        continued: {
          state: state!,
          view: view!,
          ...memory,
          ...(referral && !referralStarted ? { referral } : {}),
          completedUpdates: updates.completedIds(),
        },
      }),
  });
  lifecycle.status = 'CLOSED';
  await condition(allHandlersFinished);
  return {
    caseId: input.caseId,
    status: lifecycle.status,
    programme,
    view: view!,
    state: state!,
    deadlines: [],
  };
}
