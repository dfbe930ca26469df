import { type OpenTask } from '../../kernel/case-machine';
import { type LocalDate } from '../../kernel/time/local-date';
import { type StepActor } from '../steps';
import { ACTION_STEP, LOCAL_NOTICE_STEP, type MemberActionType } from './actions';
import { availableActions } from './available';
import { type DeadlineKind, caseDeadlines } from './deadlines';
import { type CaseContext, type MemberCaseState, openNotices, startableNotices } from './state';

/** Something the case waits for: an action due from an actor, with its deadline if a rule sets one. */
export interface CaseTask {
  readonly action: MemberActionType;
  readonly step: number;
  readonly actor: StepActor;
  readonly dueOn: LocalDate | null;
  /** A hard limit after which the action is refused (T8's six months). */
  readonly capOn: LocalDate | null;
}

/** Actions that are always possible but never awaited: they do not make tasks. */
const NOT_AWAITED = new Set<MemberActionType>([
  'WITHDRAW',
  'TRANSFER',
  'REFUSE_RECOGNITION',
  'RECORD_OBJECTION',
  'RECORD_PROBATION_VETTING',
]);

/** One-off steps that stay possible (to correct or adjust) after they are done, but are no longer awaited. */
const DONE: Partial<Record<MemberActionType, (state: MemberCaseState) => boolean>> = {
  ASSIGN_CONTACTS: (s) => !!s.activist?.contacts,
  DESIGNATE_SPONSORS: (s) => !!s.target?.sponsors,
  RECORD_POLITICAL_REVIEW: (s) => s.target?.politicalReviewPassed === true,
  RECORD_TRAINING: (s) => !!s.target?.training,
  COMMITTEE_REVIEW: (s) => s.target?.committeeReviewPassed === true,
  ASSIGN_TO_GROUP: (s) => !!s.probation?.partyGroup,
};

const DEADLINE_OF: Partial<Record<MemberActionType, DeadlineKind>> = {
  RECORD_TALK: 'T1_TALK',
  FILE_ACTIVIST: 'SLA_ACTIVIST_FILING',
  PRE_REVIEW: 'SLA_PRE_REVIEW',
  RECORD_ACTIVIST_VETTING: 'T2_ACTIVIST_VETTING',
  CLOSE_NOTICE: 'T4_NOTICE_END',
  BRANCH_MEETING_ACCEPTANCE: 'T7_BRANCH_MEETING',
  APPROVE_ACCEPTANCE: 'T8_ACCEPTANCE_APPROVAL',
  RECORD_OATH: 'T9_OATH',
  APPLY_FOR_CONVERSION: 'T10_PROBATION_END',
  APPROVE_CONVERSION: 'T12_CONVERSION_APPROVAL',
};

/**
 * The case's open tasks, for the task read model that committee backlogs and inboxes are built on, each with its
 * `ref`: the local notice (ACTIVIST, ACCEPTANCE, CONVERSION) a notice task is for.
 */
export function memberOpenTasks(
  state: MemberCaseState,
  ctx: CaseContext,
): OpenTask<MemberActionType, StepActor>[] {
  const deadlines = caseDeadlines(state, ctx);
  const due = (kind: DeadlineKind | undefined) =>
    deadlines.find((deadline) => deadline.kind === kind)?.due ?? null;
  return availableActions(state, ctx.rules.extraNotices)
    .filter((action) => !NOT_AWAITED.has(action) && !DONE[action]?.(state))
    .flatMap((action): OpenTask<MemberActionType, StepActor>[] => {
      // Local notices are posted by the branch before the step they guard; closing one is due at its end.
      if (action === 'START_LOCAL_NOTICE') {
        return startableNotices(state, ctx.rules.extraNotices).map((kind) => ({
          action,
          step: LOCAL_NOTICE_STEP[kind],
          actor: 'BRANCH',
          ref: kind,
          dueOn: null,
          capOn: null,
        }));
      }
      if (action === 'CLOSE_LOCAL_NOTICE') {
        return openNotices(state).map((kind) => ({
          action,
          step: LOCAL_NOTICE_STEP[kind],
          actor: 'BRANCH',
          ref: kind,
          dueOn: state.localNotices![kind]!.end,
          capOn: null,
        }));
      }
      const step = ACTION_STEP[action];
      return [
        {
          action,
          step,
          actor: action === 'REVIEW_BY_BODY' ? 'REVIEWING_BODY' : ctx.rules.steps[step - 1]!.actor,
          ref: '',
          dueOn: due(DEADLINE_OF[action]),
          capOn: action === 'APPROVE_ACCEPTANCE' ? due('T8_ACCEPTANCE_APPROVAL_CAP') : null,
        },
      ];
    });
}
