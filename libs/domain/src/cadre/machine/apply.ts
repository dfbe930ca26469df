import { type Transition } from '../../kernel/case-machine';
import { type CadreAction, cadreActionDefinition } from './actions';
import { type CadreCaseState, type CadreContext, type CadreEvent } from './state';

/** Records a validated action: the new state and the events it produces. */
export function applyCadreAction(
  state: CadreCaseState,
  action: CadreAction,
  ctx: CadreContext,
): Transition<CadreCaseState, CadreEvent> {
  return cadreActionDefinition(action).apply(state, action, ctx);
}
