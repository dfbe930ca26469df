import { type CaseMachine } from '../../kernel/case-machine';
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
