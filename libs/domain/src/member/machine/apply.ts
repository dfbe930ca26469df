import { type Transition } from '../../kernel/case-machine';
import { LATE_DATED_ACTIONS, type MemberAction, memberActionDefinition } from './actions';
import { type CaseContext, type MemberCaseEvent, type MemberCaseState } from './state';

/** Records a validated action. Call validateAction first: this does not re-check the rules. */
export function applyAction(
  state: MemberCaseState,
  action: MemberAction,
  ctx: CaseContext,
): { state: MemberCaseState; events: MemberCaseEvent[] } {
  const result = applyFacts(state, action, ctx);
  // Late-dated facts (an objection, a resolution's receipt) leave the case's date; every other action moves it on.
  const lastDate = LATE_DATED_ACTIONS.has(action.type) ? state.lastDate : action.date;
  return { ...result, state: { ...result.state, ...(lastDate ? { lastDate } : {}) } };
}

/** What the action records, by its definition (the rules were checked by validateAction). */
function applyFacts(
  state: MemberCaseState,
  action: MemberAction,
  ctx: CaseContext,
): Transition<MemberCaseState, MemberCaseEvent> {
  const definition = memberActionDefinition(action);
  return definition.apply(state, action, ctx, definition.step);
}
