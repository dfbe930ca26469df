import { dateOrderViolation, definitionsField } from '../../kernel/case-machine';
import { type RuleViolation, violation } from '../../kernel/rules/rule-violation';
import {
  RESERVE_ACTION_DEFINITIONS,
  type ReserveAction,
  type ReserveActionType,
  reserveActionDefinition,
} from './actions';
import {
  RESERVE_ARTICLE as ARTICLE,
  type ReserveContext,
  type ReserveEntryStep,
  type ReservistState,
  type ReservistStatus,
  isReservistOpen,
} from './state';

/** The entry step (while entering) or the pool status each action needs. */
export const RESERVE_NEEDS: Record<ReserveActionType, readonly (ReserveEntryStep | ReservistStatus)[]> =
  definitionsField(RESERVE_ACTION_DEFINITIONS, 'needs');

export function stepAllows(state: ReservistState, type: ReserveActionType): boolean {
  const needs = RESERVE_NEEDS[type];
  return needs.includes(state.status) || (state.status === 'ENTERING' && needs.includes(state.entryStep));
}

/** Everything that forbids the action now; empty when it may be recorded. */
export function validateReserveAction(
  state: ReservistState,
  action: ReserveAction,
  ctx: ReserveContext,
): RuleViolation[] {
  if (!isReservistOpen(state)) {
    return [violation('RESERVE_ENTRY_CLOSED', ARTICLE, '该人员已出库、已使用或未入库')];
  }
  if (!stepAllows(state, action.type)) {
    return [
      violation('STEP_OUT_OF_ORDER', ARTICLE, `当前状态（${state.status}/${state.entryStep}）不能办理此步骤`),
    ];
  }
  const lateDate = dateOrderViolation(action.date, state.lastDate);
  if (lateDate) return [lateDate];
  return reserveActionDefinition(action).rules?.(state, action, ctx) ?? [];
}
