import { definitionsField } from '../../kernel/case-machine';
import { CLOSING_STEPS, type ClosingAction } from './steps/closing';
import { type CadreStep, type CadreSteps } from './steps/define';
import { type CadreNoticeAction, NOTICE_STEPS } from './steps/notice';
import { PLACEMENT_STEPS, type PlacementAction } from './steps/placement';
import { QUALIFICATION_STEPS, type QualificationAction } from './steps/qualification';
import { SELECTION_STEPS, type SelectionAction } from './steps/selection';

/**
 * Every action on a recruitment case after the nomination (P2–P9), each declared with its definition (stages,
 * actor, rules, what it records) in the file of its phase under `steps/`.
 */
export type CadreAction =
  QualificationAction | SelectionAction | CadreNoticeAction | PlacementAction | ClosingAction;
export type CadreActionType = CadreAction['type'];

/** Every action's definition, in the order of the flow. */
export const CADRE_ACTION_DEFINITIONS: CadreSteps<CadreAction> = {
  ...QUALIFICATION_STEPS,
  ...SELECTION_STEPS,
  ...NOTICE_STEPS,
  ...PLACEMENT_STEPS,
  ...CLOSING_STEPS,
};

/** The definition of the action's type, typed for the action as a whole. */
export function cadreActionDefinition(action: CadreAction): CadreStep<CadreAction> {
  return CADRE_ACTION_DEFINITIONS[action.type] as CadreStep<CadreAction>;
}

/** Who acts for each step: the township committee runs the case, the county keeps the register. */
export const CADRE_ACTION_ACTORS: Record<CadreActionType, CadreStep<CadreAction>['actor']> = definitionsField(
  CADRE_ACTION_DEFINITIONS,
  'actor',
);
