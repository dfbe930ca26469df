import { type Transition } from '../../kernel/case-machine';
import { type ReserveAction, reserveActionDefinition } from './actions';
import { type ReserveContext, type ReservistEvent, type ReservistState } from './state';

/** Records a validated action: the new state and the events it produces. */
export function applyReserveAction(
  state: ReservistState,
  action: ReserveAction,
  ctx: ReserveContext,
): Transition<ReservistState, ReservistEvent> {
  return reserveActionDefinition(action).apply(state, action, ctx);
}
