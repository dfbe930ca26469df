import {
  allHandlersFinished,
  condition,
  continueAsNew,
  defineQuery,
  defineUpdate,
  patched,
  proxyActivities,
  setHandler,
  uuid4,
  workflowInfo,
} from '@temporalio/workflow';

import type {
  ApplicantReference,
  CaseTaskCommand,
  MemberCaseView,
  RecordMemberActionCommand,
  RecordApplicationFields,
} from '@app/contracts';
import {
  ACTION_STEP,
  CHINA_WORKING_DAYS,
  type CaseContext,
  type CaseDeadline,
  type LocalDate,
  type LocalOverlay,
  type MemberAction,
  type MemberActionType,
  type MemberCaseState,
  type MemberRuleSet,
  type ImportProvenance,
  type OrgUnit,
  type RuleViolation,
  type StepActor,
  actionWarnings,
  addDays,
  caseParties,
  applyOverlays,
  chinaLocalDate,
  compareLocalDates,
  importedMark,
  memberCaseMachine,
  memberRuleSet,
  replayMemberHistory,
  reviewedSoFar,
  stepOfAction,
} from '@app/domain';

import { CaseLifecycle, type CaseStatus } from '../shared/case-lifecycle';
import { CaseUpdates, type DryRunAnswer } from '../shared/case-updates';
import { DeadlineLoop, type TimedWork, type TimedWorkMemory } from '../shared/deadline-loop';
import { ACTIVITY_OPTIONS } from '../shared/recording-failure';
import { throwViolations } from '../shared/rule-violation-failure';
import { memberCaseViewAfter } from '../shared/view-after';
import type { MemberDevelopmentActivities } from './activities';

/**
 * One workflow per application (入党申请), from step 1 to 正式党员 (DOMAIN.md §1). Every human action is the
 * `recordAction` update: its validator runs the domain rules (libs/domain) against the case as recorded and
 * rejects with {code, article, message}; an accepted action is recorded by one idempotent activity
 * (dossier + read model + outbox) and then applied. Deadlines (T1, T2, T7, T8, T9, T10, T12) are timers that
 * emit warning and overdue signals. At each stage boundary the workflow continues as new with the case state.
 *
 * Changing this code: running cases replay their history against the new code, so any change to the
 * order of commands (activities, timers, continue-as-new) must be guarded with `patched('<change-id>')`,
 * keeping the old branch until no running workflow needs it. The same holds for rules in libs/domain:
 * the update handler checks them again in turn (to serialise concurrent updates), and that check runs on
 * replay, so a rule change that can flip an outcome for running cases goes behind a `patched` flag in
 * CaseContext.versions (see conversionReviews). Replay tests of recorded histories
 * (test/integration/workflow-histories.replay.int-spec.ts) catch mistakes; the national rule set and the
 * local overlays are pinned by content in the input, so correcting rule data never touches running cases.
 */
export interface MemberDevelopmentInput {
  readonly caseId: string;
  /** Fingerprint of the request that started the case, so a reused Idempotency-Key can be told apart. */
  readonly requestFingerprint: string;
  readonly branch: OrgUnit;
  /**
   * The national rule set, pinned by content when the case started: a later correction of the rule data
   * changes neither the rules of running cases nor their timers (which replay requires to stay the same).
   */
  readonly ruleSet?: MemberRuleSet;
  /** Local overlays in force for the branch when the case started, pinned by content. */
  readonly overlays?: readonly LocalOverlay[];
  /** The applicant as a person id; histories recorded before references carry name and ID number instead. */
  readonly application: Omit<RecordApplicationFields, 'caseId' | 'workflowId' | 'eventId' | 'tasks'> &
    ApplicantReference;
  /**
   * A case brought in from paper (application.imported says from where): its steps after step 1, checked
   * again here as a whole before anything is recorded, then recorded in order before the case answers. Deadline
   * signals whose day passed before the import are history, not fresh alerts.
   */
  readonly importedHistory?: readonly MemberAction[];
  /** Carried over by continue-as-new: the case as recorded so far (and the deadline signals sent or deferred). */
  readonly continued?: TimedWorkMemory & {
    readonly state: MemberCaseState;
    readonly view: MemberCaseView;
    readonly timeline: readonly TimelineEntry[];
    /** Ids of recent completed updates: a retried request after continue-as-new is answered, not redone. */
    readonly completedUpdates?: readonly string[];
  };
}

export interface TimelineEntry {
  readonly step: number;
  readonly type: MemberActionType | 'APPLICATION_SUBMITTED';
  readonly date: LocalDate;
  readonly actingBodyId: string;
}

export interface AvailableAction {
  readonly type: MemberActionType;
  readonly step: number;
  readonly stepName: string | null;
  readonly actor: StepActor | 'ANY_AUTHORISED';
}

export interface MemberDevelopmentSnapshot {
  readonly caseId: string;
  /** NOT_RECORDED: step 1 could not be stored (see NOT_RECORDED_FAILURE); the workflow has ended. */
  readonly status: CaseStatus;
  readonly ruleSet: string;
  /** Ids of the local overlays pinned on the case. */
  readonly overlays: readonly string[];
  readonly memberCase?: MemberCaseView;
  readonly state?: MemberCaseState;
  readonly deadlines: readonly CaseDeadline[];
  readonly rejection?: RuleViolation;
}

export interface ApplicationRecorded {
  readonly memberCase: MemberCaseView;
  readonly requestFingerprint: string;
}

/** Sent with the start (update-with-start): answers once step 1 is durably recorded, or with the rule it broke. */
export const applicationRecordedUpdate = defineUpdate<ApplicationRecorded>('applicationRecorded');
/** Every later human action (steps 2–25, objections, extension, cancellation, withdrawal, transfer…). */
export const recordActionUpdate = defineUpdate<MemberCaseView, [MemberAction]>('recordAction');
export const caseStateQuery = defineQuery<MemberDevelopmentSnapshot>('caseState');
export const timelineQuery = defineQuery<readonly TimelineEntry[]>('timeline');
export const availableActionsQuery = defineQuery<readonly AvailableAction[]>('availableActions');
/** What recording the action would answer now (its violations, or the case after it), recording nothing. */
export const dryRunActionQuery = defineQuery<DryRunAnswer<MemberCaseView>, [MemberAction]>('dryRunAction');

const activities = proxyActivities<MemberDevelopmentActivities>(ACTIVITY_OPTIONS);

const WARNING_DAYS = 7;

/** The warning and overdue moments of a deadline: a week before, and the day after it is due. */
function signalMoments(
  deadline: CaseDeadline,
): { key: string; level: 'WARNING' | 'OVERDUE'; on: LocalDate }[] {
  const base = `${deadline.kind}:${deadline.due}`;
  return [
    { key: `${base}:WARNING`, level: 'WARNING', on: addDays(deadline.due, -WARNING_DAYS) },
    { key: `${base}:OVERDUE`, level: 'OVERDUE', on: addDays(deadline.due, 1) },
  ];
}

/** The people who may not decide on the case (DOMAIN §5.2 (4)), for inboxes. */
function standAside(state: MemberCaseState): string[] {
  const { candidateId, contactIds, sponsorIds } = caseParties(state);
  return [...new Set([candidateId, ...contactIds, ...sponsorIds])];
}

/**
 * The violations of an imported history replayed from the opened case, the first failing step's only (later
 * steps build on it). Each names the step it came from: `history[i]: …`.
 */
function historyViolations(
  opened: MemberCaseState,
  history: readonly MemberAction[],
  context: CaseContext,
): RuleViolation[] {
  const { broken } = replayMemberHistory(opened, history, context);
  if (!broken) return [];
  const type = history[broken.index]!.type;
  return broken.violations.map((found) => ({
    ...found,
    message: `history[${broken.index}] ${type}: ${found.message}`,
  }));
}

/** The input a continued run carries: the imported history is recorded by then. */
function withoutHistory({
  importedHistory: _history,
  ...input
}: MemberDevelopmentInput): MemberDevelopmentInput {
  return input;
}

/** Serialises an action for the dossier: org units become id and name, nothing else changes. */
function dossierData(action: MemberAction): Record<string, unknown> {
  const unitRef = (unit: OrgUnit) => ({ id: unit.id, name: unit.name });
  const data: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(action)) {
    if (['type', 'date', 'actingBody', 'evidence', 'recordedBy'].includes(key)) continue;
    if (key === 'route') {
      const route = value as { approver: OrgUnit; reviewers: OrgUnit[] };
      data.route = { approver: unitRef(route.approver), reviewers: route.reviewers.map(unitRef) };
    } else if (key === 'toBranch') data.toBranch = unitRef(value as OrgUnit);
    else data[key] = value;
  }
  return data;
}

// eslint-disable-next-line max-lines-per-function -- the entry function holds the run's handlers and loops
export async function memberDevelopmentWorkflow(
  input: MemberDevelopmentInput,
): Promise<MemberDevelopmentSnapshot> {
  const rules = applyOverlays(
    input.ruleSet ?? memberRuleSet(input.application.ruleSet),
    input.overlays ?? [],
  );
  // Rule changes that can flip an outcome for running cases are versioned: the handler checks the rules
  // again when it runs, and that happens on replay too. Cases that ran before a change keep the old rule.
  const versions = {
    conversionReviews: patched('conversion-reviews-by-review-only-bodies'),
    conversionApplicationDate: patched('conversion-application-after-probation-end'),
  };
  const context = (): CaseContext => ({
    rules,
    calendar: CHINA_WORKING_DAYS,
    today: chinaLocalDate(new Date()),
    versions,
  });

  const lifecycle = new CaseLifecycle(Boolean(input.continued));
  let state: MemberCaseState | undefined = input.continued?.state;
  let view: MemberCaseView | undefined = input.continued?.view;
  const timeline: TimelineEntry[] = [...(input.continued?.timeline ?? [])];
  const updates = new CaseUpdates(input.continued?.completedUpdates);

  /**
   * The T8/T12 anchor: when the approving committee received the branch resolution, as it recorded it
   * (RECEIVE_…_RESOLUTION). Until it does, the meeting date stands in (the earliest it can have been received).
   */
  const resolutionAnchor = (of: MemberCaseState): LocalDate | undefined =>
    of.probation?.conversionMeeting
      ? (of.probation.conversionResolutionReceived ?? of.probation.conversionMeeting.date)
      : of.stage === 'DEVELOPMENT_TARGET'
        ? (of.acceptance?.resolutionReceived ?? of.acceptance?.meetingDate)
        : undefined;
  /** The context the case's deadlines and tasks are derived in: with the T8/T12 anchor of the case. */
  const anchoredContext = (of: MemberCaseState): CaseContext => ({
    ...context(),
    resolutionReceived: resolutionAnchor(of),
  });
  const deadlines = (): CaseDeadline[] =>
    state ? memberCaseMachine.deadlines(state, anchoredContext(state)) : [];
  // Member tasks go to the recording activity without `ref`, as they always have.
  const tasksOf = (of: MemberCaseState): CaseTaskCommand[] =>
    memberCaseMachine.openTasks(of, anchoredContext(of)).map(({ ref: _ref, ...task }) => ({
      ...task,
      doneBy: task.action === 'REVIEW_BY_BODY' ? [...reviewedSoFar(of)] : [],
    }));

  /** The actions the case's order allows now (whatever date they would need). */
  const availableTypes = (of: MemberCaseState): MemberActionType[] => {
    const ctx = context();
    return memberCaseMachine.availableActions(of, ctx, ctx.today).map(({ action }) => action);
  };

  const snapshot = (): MemberDevelopmentSnapshot => ({
    caseId: input.caseId,
    status: lifecycle.status,
    ruleSet: rules.id,
    overlays: rules.overlays,
    ...(view ? { memberCase: view } : {}),
    ...(state ? { state } : {}),
    deadlines: deadlines(),
    ...(lifecycle.rejection ? { rejection: lifecycle.rejection } : {}),
  });
  setHandler(caseStateQuery, snapshot);
  setHandler(timelineQuery, () => timeline);
  setHandler(availableActionsQuery, () =>
    state
      ? availableTypes(state).map((type) => {
          const step = ACTION_STEP[type];
          const definition = step > 0 ? rules.steps[step - 1] : undefined;
          return {
            type,
            step,
            stepName: definition?.name ?? null,
            actor: definition?.actor ?? 'ANY_AUTHORISED',
          };
        })
      : [],
  );
  lifecycle.answerCreation(applicationRecordedUpdate, () => ({
    memberCase: view!,
    requestFingerprint: input.requestFingerprint,
  }));

  /** The case after an action, as the read model stores it. */
  const afterOf = (next: MemberCaseState): RecordMemberActionCommand['after'] => ({
    stage: next.stage,
    lastStep: next.lastStep,
    status: next.status,
    branchId: next.branch.id,
    standAsidePersonIds: standAside(next),
  });
  const imported = input.application.imported;
  /**
   * What recording `action` on the case `of` stores, and the case after it. The ids are drawn here, record
   * first and then each event, in the order they always were (replay depends on it).
   */
  const actionCommand = (
    of: MemberCaseState,
    action: MemberAction,
    mark?: ImportProvenance,
  ): { command: RecordMemberActionCommand; next: MemberCaseState } => {
    const warnings = actionWarnings(of, action, context());
    const { state: next, events } = memberCaseMachine.apply(of, action, context());
    const command: RecordMemberActionCommand = {
      caseId: input.caseId,
      recordId: uuid4(),
      step: stepOfAction(action),
      action: {
        type: action.type,
        date: action.date,
        actingBodyId: action.actingBody.id,
        recordedBy: action.recordedBy ?? null,
        evidence: action.evidence ?? [],
        data: {
          ...dossierData(action),
          ...(warnings.length > 0 ? { warnings } : {}),
          ...(mark ? { imported: importedMark(mark) } : {}),
        },
      },
      after: afterOf(next),
      tasks: tasksOf(next),
      events: events.map(({ type, date, ...details }) => ({
        eventId: uuid4(),
        kind: type,
        occurredOn: date,
        details,
      })),
    };
    return { command, next };
  };
  /** The case moves on after a recorded action. */
  const applied = (next: MemberCaseState, action: MemberAction): void => {
    state = next;
    timeline.push({
      step: stepOfAction(action),
      type: action.type,
      date: action.date,
      actingBodyId: action.actingBody.id,
    });
  };
  /** Records a valid action (dossier, read model, events) and moves the case on. */
  const record = async (action: MemberAction): Promise<MemberCaseView> => {
    const { command, next } = actionCommand(state!, action);
    view = await activities.recordMemberAction(command);
    applied(next, action);
    return view;
  };
  // One action at a time: an earlier action may have changed what is allowed, so each is checked again in turn.
  updates.handle(recordActionUpdate, dryRunActionQuery, {
    validate: (action) =>
      state
        ? memberCaseMachine.validate(state, action, context())
        : [{ code: 'CASE_NOT_RECORDED', article: null, message: '入党申请尚未记录' }],
    record,
    previous: () => view!,
    preview: (action) =>
      state && view
        ? memberCaseViewAfter(view, afterOf(memberCaseMachine.apply(state, action, context()).state))
        : undefined,
  });

  if (!input.continued) {
    const opened = (personId: string): MemberCaseState =>
      memberCaseMachine.open({
        caseId: input.caseId,
        personId,
        branch: input.branch,
        applicationDate: input.application.applicationDate as LocalDate,
      }).state;
    const applicationRecorded = (stored: MemberCaseView): void => {
      view = stored;
      state = opened(stored.applicant.personId);
      timeline.push({
        step: 1,
        type: 'APPLICATION_SUBMITTED',
        date: state.applicationDate,
        actingBodyId: input.branch.id,
      });
    };
    const history = input.importedHistory ?? [];
    const application = {
      ...input.application,
      caseId: input.caseId,
      workflowId: workflowInfo().workflowId,
      eventId: uuid4(),
      tasks: tasksOf(opened('')),
    };
    /**
     * A case from paper: its whole history checked first, then recorded with the application in one
     * transaction (a case is imported whole or not at all), each record marked with where it came from.
     */
    const recordImported = async (personId: string): Promise<MemberCaseView> => {
      throwViolations(historyViolations(opened(personId), history, context()));
      let of = opened(personId);
      const steps = history.map((action) => {
        const { command, next } = actionCommand(of, action, imported);
        of = next;
        return command;
      });
      const stored = await activities.recordImportedCase({
        application: { ...application, personId },
        history: steps,
      });
      applicationRecorded(stored);
      for (const action of history) applied(of, action);
      return stored;
    };
    const recorded = await lifecycle.recordFirst(
      () =>
        history.length > 0 && 'personId' in input.application
          ? recordImported(input.application.personId)
          : activities.recordApplication(application),
      (stored) => {
        if (!state) applicationRecorded(stored);
      },
    );
    if (!recorded) return { ...snapshot(), deadlines: [] };
  }

  const startStage = state!.stage;
  /** The warning and overdue signals of the case's deadlines, each recorded once on its day. */
  const signals = (): TimedWork[] =>
    deadlines().flatMap((deadline) =>
      signalMoments(deadline).map((moment) => ({
        key: moment.key,
        on: moment.on,
        what: 'deadline signal',
        run: (today: LocalDate) =>
          activities.recordDeadlineSignal({
            caseId: input.caseId,
            eventId: uuid4(),
            level: moment.level,
            deadline: { kind: deadline.kind, due: deadline.due, hard: deadline.hard },
            occurredOn: today,
          }),
      })),
    );
  // A case brought in from paper: the signals whose day came before it was brought in are history.
  const pastAtImport: TimedWorkMemory | undefined =
    imported && !input.continued
      ? {
          signalled: signals()
            .filter((work) => compareLocalDates(work.on, imported.importedOn) < 0)
            .map((work) => work.key),
        }
      : undefined;
  await new DeadlineLoop(input.continued ?? pastAtImport).run({
    updates,
    work: signals,
    closed: () => state!.status === 'CLOSED',
    visibility: () => ({
      kind: 'MEMBER_DEVELOPMENT',
      unit: state!.branch,
      stage: state!.stage,
      tasks: memberCaseMachine.openTasks(state!, anchoredContext(state!)),
      deadlines: deadlines(),
    }),
    // At each stage boundary (or when the history grows long) the case goes on in a fresh run.
    continueAsNewNow: () => state!.stage !== startStage || workflowInfo().continueAsNewSuggested,
    continueAsNew: (memory) =>
      continueAsNew<typeof memberDevelopmentWorkflow>({
        ...withoutHistory(input),
        continued: {
          state: state!,
          view: view!,
          ...memory,
          timeline,
          completedUpdates: updates.completedIds(),
        },
      }),
  });

  lifecycle.status = 'CLOSED';
  await condition(allHandlersFinished);
  return { ...snapshot(), deadlines: [] };
}
