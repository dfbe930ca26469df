import { type CaseMachine } from '../../kernel/case-machine';
import { type RuleViolation } from '../../kernel/rules/rule-violation';
import { type OrgUnit } from '../../kernel/org/org-unit';
import { type LocalDate } from '../../kernel/time/local-date';
import { type StepActor } from '../steps';
import { ACTION_STEP, type MemberAction } from './actions';
import { applyAction } from './apply';
import { availableMemberActions } from './available';
import { type DeadlineKind, caseDeadlines, deadlineArticle } from './deadlines';
import { type CaseContext, type MemberCaseEvent, type MemberCaseState, openCase } from './state';
import { memberOpenTasks } from './tasks';
import { validateAction } from './validate';

/** Opening a member-development case: step 1, the application the branch received. */
export interface MemberCaseOpening {
  readonly caseId: string;
  readonly personId: string;
  readonly branch: OrgUnit;
  readonly applicationDate: LocalDate;
}

/** Member development (DOMAIN §1): application to full membership in 25 steps. */
export const memberCaseMachine: CaseMachine<
  MemberCaseState,
  MemberAction,
  MemberCaseEvent,
  CaseContext,
  MemberCaseOpening,
  StepActor,
  DeadlineKind
> = {
  kind: 'MEMBER_DEVELOPMENT',
  actionTypes: Object.keys(ACTION_STEP) as MemberAction['type'][],
  open: (input) => ({ state: openCase(input), events: [] }),
  validate: validateAction,
  apply: applyAction,
  deadlines: caseDeadlines,
  openTasks: memberOpenTasks,
  availableActions: availableMemberActions,
  deadlineArticle,
};

/**
 * A recorded history replayed from `opened` (a case brought in from paper): each action checked against the case
 * as the ones before left it, then applied. Stops at the first action that breaks a rule (the later ones build on
 * it): its index and violations, the case as it stood before it, and whether the history admitted the person
 * as a probationary member.
 */
export function replayMemberHistory(
  opened: MemberCaseState,
  history: readonly MemberAction[],
  context: CaseContext,
): {
  readonly state: MemberCaseState;
  readonly broken?: { readonly index: number; readonly violations: readonly RuleViolation[] };
  readonly admitsProbationary: boolean;
} {
  let state = opened;
  let admitsProbationary = false;
  for (const [index, action] of history.entries()) {
    const violations = memberCaseMachine.validate(state, action, context);
    if (violations.length > 0) return { state, broken: { index, violations }, admitsProbationary };
    const applied = memberCaseMachine.apply(state, action, context);
    admitsProbationary ||= applied.events.some((event) => event.type === 'probationary-admitted');
    state = applied.state;
  }
  return { state, admitsProbationary };
}
