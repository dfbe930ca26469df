import { dateOrderViolation, definitionsField } from '../../kernel/case-machine';
import { type RuleViolation, violation } from '../../kernel/rules/rule-violation';
import {
  CADRE_ACTION_DEFINITIONS,
  type CadreAction,
  type CadreActionType,
  cadreActionDefinition,
} from './actions';
import { type CadreCaseState, type CadreContext, type CadreStage } from './state';

/** The stage each action needs. */
export const CADRE_NEEDS: Record<CadreActionType, readonly CadreStage[]> = definitionsField(
  CADRE_ACTION_DEFINITIONS,
  'needs',
);

/** Everything that forbids the action now; empty when it may be recorded. */
export function validateCadreAction(
  state: CadreCaseState,
  action: CadreAction,
  ctx: CadreContext,
): RuleViolation[] {
  if (state.status === 'CLOSED') {
    return [violation('CASE_CLOSED', null, '案件已办结')];
  }
  if (!CADRE_NEEDS[action.type].includes(state.stage)) {
    return [violation('STEP_OUT_OF_ORDER', null, `当前阶段（${state.stage}）不能办理此步骤`)];
  }
  const lateDate = dateOrderViolation(action.date, state.lastDate);
  if (lateDate) return [lateDate];
  return cadreActionDefinition(action).rules?.(state, action, ctx) ?? [];
}
