import {
  allHandlersFinished,
  condition,
  continueAsNew,
  defineQuery,
  defineUpdate,
  log,
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
  type OrgUnit,
  type RuleViolation,
  type StepActor,
  actionWarnings,
  addDays,
  applyAction,
  caseParties,
  applyOverlays,
  availableActions,
  caseDeadlines,
  chinaLocalDate,
  compareLocalDates,
  startOfChinaDay,
  memberRuleSet,
  openCase,
  openTasks,
  reviewedSoFar,
  stepOfAction,
  validateAction,
} from '@app/domain';

import {
  ACTIVITY_OPTIONS,
  TIMED_WORK_PATCH,
  TIMED_WORK_RETRY_MS,
  endNotRecorded,
} from '../shared/recording-failure';
import { ruleViolationFailure, ruleViolationFrom, throwViolations } from '../shared/rule-violation-failure';
import { SerialUpdates } from '../shared/serial-updates';
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
 * (test/integration/member-development.replay.int-spec.ts) catch mistakes; the national rule set and the
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
  /** Carried over by continue-as-new: the case as recorded so far. */
  readonly continued?: {
    readonly state: MemberCaseState;
    readonly view: MemberCaseView;
    readonly signalled: readonly string[];
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
  readonly status: 'RECORDING' | 'OPEN' | 'REJECTED' | 'NOT_RECORDED' | 'CLOSED';
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

const activities = proxyActivities<MemberDevelopmentActivities>(ACTIVITY_OPTIONS);

const WARNING_DAYS = 7;
/** How many completed update ids a case remembers for retries (carried across continue-as-new). */
const MAX_REMEMBERED_UPDATES = 200;

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

export async function memberDevelopmentWorkflow(
  input: MemberDevelopmentInput,
): Promise<MemberDevelopmentSnapshot> {
  const rules = applyOverlays(
    input.ruleSet ?? memberRuleSet(input.application.ruleSet),
    input.overlays ?? [],
  );
  // Rule changes that can flip an outcome for running cases are versioned: the handler checks the rules
  // again when it runs, and that happens on replay too. Cases that ran before a change keep the old rule.
  const versions = { conversionReviews: patched('conversion-reviews-by-review-only-bodies') };
  const context = (): CaseContext => ({
    rules,
    calendar: CHINA_WORKING_DAYS,
    today: chinaLocalDate(new Date()),
    versions,
  });

  let status: MemberDevelopmentSnapshot['status'] = input.continued ? 'OPEN' : 'RECORDING';
  let state: MemberCaseState | undefined = input.continued?.state;
  let view: MemberCaseView | undefined = input.continued?.view;
  let rejection: RuleViolation | undefined;
  /** Why step 1 could not be recorded: the creation update answers with it. */
  let notRecorded: Error | undefined;
  const signalled = new Set(input.continued?.signalled ?? []);
  const timeline: TimelineEntry[] = [...(input.continued?.timeline ?? [])];
  const updates = new SerialUpdates(input.continued?.completedUpdates, MAX_REMEMBERED_UPDATES);
  let version = 0;

  /**
   * The T8/T12 anchor: when the approving committee received the branch resolution. Until the approval
   * records the actual date, the meeting date stands in (the earliest it can have been received).
   */
  const resolutionAnchor = (of: MemberCaseState): LocalDate | undefined =>
    of.probation?.conversionMeeting?.date ??
    (of.stage === 'DEVELOPMENT_TARGET' ? of.acceptance?.meetingDate : undefined);
  const deadlines = (): CaseDeadline[] =>
    state ? caseDeadlines(state, context(), resolutionAnchor(state)) : [];
  const tasksOf = (of: MemberCaseState): CaseTaskCommand[] =>
    openTasks(of, context(), resolutionAnchor(of)).map((task) => ({
      ...task,
      doneBy: task.action === 'REVIEW_BY_BODY' ? [...reviewedSoFar(of)] : [],
    }));

  setHandler(caseStateQuery, () => ({
    caseId: input.caseId,
    status,
    ruleSet: rules.id,
    overlays: rules.overlays,
    ...(view ? { memberCase: view } : {}),
    ...(state ? { state } : {}),
    deadlines: deadlines(),
    ...(rejection ? { rejection } : {}),
  }));
  setHandler(timelineQuery, () => timeline);
  setHandler(availableActionsQuery, () =>
    state
      ? availableActions(state, rules.extraNotices).map((type) => {
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
  setHandler(applicationRecordedUpdate, async () => {
    await condition(() => status !== 'RECORDING');
    if (rejection) throw ruleViolationFailure(rejection);
    if (notRecorded) throw notRecorded;
    return { memberCase: view!, requestFingerprint: input.requestFingerprint };
  });

  const validate = (action: MemberAction): RuleViolation[] => {
    if (!state) return [{ code: 'CASE_NOT_RECORDED', article: null, message: '入党申请尚未记录' }];
    return validateAction(state, action, context());
  };
  setHandler(
    recordActionUpdate,
    (action) =>
      // One action at a time: an earlier action may have changed what is allowed, so check again in turn.
      updates.apply(
        async () => {
          throwViolations(validate(action));
          const warnings = actionWarnings(state!, action, context());
          const { state: next, events } = applyAction(state!, action, context());
          view = await activities.recordMemberAction({
            caseId: input.caseId,
            recordId: uuid4(),
            step: stepOfAction(action),
            action: {
              type: action.type,
              date: action.date,
              actingBodyId: action.actingBody.id,
              recordedBy: action.recordedBy ?? null,
              evidence: action.evidence ?? [],
              data: { ...dossierData(action), ...(warnings.length > 0 ? { warnings } : {}) },
            },
            after: {
              stage: next.stage,
              lastStep: next.lastStep,
              status: next.status,
              branchId: next.branch.id,
              standAsidePersonIds: standAside(next),
            },
            tasks: tasksOf(next),
            events: events.map(({ type, date, ...details }) => ({
              eventId: uuid4(),
              kind: type,
              occurredOn: date,
              details,
            })),
          });
          state = next;
          timeline.push({
            step: stepOfAction(action),
            type: action.type,
            date: action.date,
            actingBodyId: action.actingBody.id,
          });
          version++;
          return view;
        },
        () => view!,
      ),
    {
      validator: (action: MemberAction) => {
        if (!updates.alreadyApplied()) throwViolations(validate(action));
      },
    },
  );

  if (!input.continued) {
    try {
      const opened = (personId: string): MemberCaseState =>
        openCase({
          caseId: input.caseId,
          personId,
          branch: input.branch,
          applicationDate: input.application.applicationDate as LocalDate,
        });
      view = await activities.recordApplication({
        ...input.application,
        caseId: input.caseId,
        workflowId: workflowInfo().workflowId,
        eventId: uuid4(),
        tasks: tasksOf(opened('')),
      });
      state = opened(view.applicant.personId);
      timeline.push({
        step: 1,
        type: 'APPLICATION_SUBMITTED',
        date: state.applicationDate,
        actingBodyId: input.branch.id,
      });
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
      return {
        caseId: input.caseId,
        status,
        ruleSet: rules.id,
        overlays: rules.overlays,
        deadlines: [],
        rejection,
      };
    }
  }

  const startStage = state!.stage;
  /** Signals whose recording failed: when to try each again (the case carries on meanwhile). */
  const deferred = new Map<string, number>();
  for (;;) {
    // Emit the warning and overdue signals whose day has come.
    const today = context().today;
    for (const deadline of deadlines()) {
      for (const moment of signalMoments(deadline)) {
        if (signalled.has(moment.key) || compareLocalDates(today, moment.on) < 0) continue;
        if ((deferred.get(moment.key) ?? 0) > Date.now()) continue;
        try {
          await activities.recordDeadlineSignal({
            caseId: input.caseId,
            eventId: uuid4(),
            level: moment.level,
            deadline: { kind: deadline.kind, due: deadline.due, hard: deadline.hard },
            occurredOn: today,
          });
        } catch (error) {
          if (!patched(TIMED_WORK_PATCH)) throw error;
          log.warn('deadline signal not recorded; trying again later', {
            key: moment.key,
            error: String(error),
          });
          deferred.set(moment.key, Date.now() + TIMED_WORK_RETRY_MS);
          continue;
        }
        deferred.delete(moment.key);
        signalled.add(moment.key);
      }
    }
    if (state!.status === 'CLOSED') break;
    if (state!.stage !== startStage || workflowInfo().continueAsNewSuggested) {
      await condition(allHandlersFinished);
      await continueAsNew<typeof memberDevelopmentWorkflow>({
        ...input,
        continued: {
          state: state!,
          view: view!,
          signalled: [...signalled],
          timeline,
          completedUpdates: updates.completedIds(),
        },
      });
    }
    const upcoming = deadlines()
      .flatMap(signalMoments)
      .filter((moment) => !signalled.has(moment.key))
      .map((moment) => Math.max(startOfChinaDay(moment.on), deferred.get(moment.key) ?? 0));
    const wake = upcoming.length > 0 ? Math.min(...upcoming) : undefined;
    const seen = version;
    const changed = () => version !== seen;
    if (wake === undefined) await condition(changed);
    else if (wake > Date.now()) await condition(changed, wake - Date.now());
  }

  status = 'CLOSED';
  await condition(allHandlersFinished);
  return {
    caseId: input.caseId,
    status,
    ruleSet: rules.id,
    overlays: rules.overlays,
    memberCase: view!,
    state: state!,
    deadlines: [],
  };
}
