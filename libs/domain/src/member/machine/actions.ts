import { definitionsField } from '../../kernel/case-machine';
import { type ExtraNoticeKind } from '../rule-sets';
import { ACCEPTANCE_STEPS, type AcceptanceAction } from './steps/acceptance';
import { ACTIVIST_STEPS, type ActivistAction } from './steps/activist';
import { APPLICANT_STEPS, type ApplicantAction } from './steps/applicant';
import { CLOSING_STEPS, type ClosingAction } from './steps/closing';
import { type MemberStep, type MemberSteps } from './steps/define';
import { DEVELOPMENT_TARGET_STEPS, type DevelopmentTargetAction } from './steps/development-target';
import { NOTICE_STEPS, type NoticeAction } from './steps/notices';
import { PROBATION_STEPS, type ProbationAction } from './steps/probation';

/**
 * Every human action on a member-development case after step 1 (DOMAIN.md §1.2, §1.5), each declared with its
 * definition (step, precondition, rules, what it records) in the file of its phase under `steps/`.
 */
export type MemberAction =
  | ApplicantAction
  | ActivistAction
  | NoticeAction
  | DevelopmentTargetAction
  | AcceptanceAction
  | ProbationAction
  | ClosingAction;

export type MemberActionType = MemberAction['type'];

/** Every action's definition, in the order of the flow. */
export const MEMBER_ACTION_DEFINITIONS: MemberSteps<MemberAction> = {
  ...APPLICANT_STEPS,
  ...ACTIVIST_STEPS,
  ...NOTICE_STEPS,
  ...DEVELOPMENT_TARGET_STEPS,
  ...ACCEPTANCE_STEPS,
  ...PROBATION_STEPS,
  ...CLOSING_STEPS,
};

/** The definition of the action's type, typed for the action as a whole. */
export function memberActionDefinition(action: MemberAction): MemberStep<MemberAction> {
  return MEMBER_ACTION_DEFINITIONS[action.type] as MemberStep<MemberAction>;
}

/** The step each action records (0 for actions outside the 25 steps). */
export const ACTION_STEP: Record<MemberActionType, number> = definitionsField(
  MEMBER_ACTION_DEFINITIONS,
  'step',
);

/**
 * Actions that record a fact with its own date, bounded by their own rules rather than by the case's last step
 * (an objection dated within its notice, the day a committee received a resolution), so they may be entered
 * after later steps; they do not move the case's date on.
 */
export const LATE_DATED_ACTIONS: ReadonlySet<MemberActionType> = new Set<MemberActionType>([
  'RECORD_OBJECTION',
  'RECEIVE_ACCEPTANCE_RESOLUTION',
  'RECEIVE_CONVERSION_RESOLUTION',
]);

/** The step a local notice comes before: activists (3), acceptance (15), conversion (23). */
export const LOCAL_NOTICE_STEP: Record<ExtraNoticeKind, number> = {
  ACTIVIST: 3,
  ACCEPTANCE: 15,
  CONVERSION: 23,
};

/** The step an action records in the dossier (local notices take the step they come before). */
export function stepOfAction(action: MemberAction): number {
  if (action.type === 'START_LOCAL_NOTICE' || action.type === 'CLOSE_LOCAL_NOTICE')
    return LOCAL_NOTICE_STEP[action.notice];
  if (action.type === 'RECORD_OBJECTION' && action.notice) return LOCAL_NOTICE_STEP[action.notice];
  return ACTION_STEP[action.type];
}
