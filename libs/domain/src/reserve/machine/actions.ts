import { type ReserveStep, type ReserveSteps } from './steps/define';
import { ENTRY_STEPS, type EntryAction } from './steps/entry';
import { NOTICE_STEPS, type ReserveNoticeAction } from './steps/notice';
import { POOL_STEPS, type PoolAction } from './steps/pool';

/**
 * Every action on a reserve entry after the first recommendation, each declared with its definition (entry
 * step or status, actor, rules, what it records) in the file of its phase under `steps/`.
 */
export type ReserveAction = EntryAction | ReserveNoticeAction | PoolAction;
export type ReserveActionType = ReserveAction['type'];

/** Every action's definition, in the order of the flow. */
export const RESERVE_ACTION_DEFINITIONS: ReserveSteps<ReserveAction> = {
  ...ENTRY_STEPS,
  ...NOTICE_STEPS,
  ...POOL_STEPS,
};

/** The definition of the action's type, typed for the action as a whole. */
export function reserveActionDefinition(action: ReserveAction): ReserveStep<ReserveAction> {
  return RESERVE_ACTION_DEFINITIONS[action.type] as ReserveStep<ReserveAction>;
}

/** Who records each action: the township committee runs the pool; the county may report negative events. */
export const RESERVE_ACTION_ACTORS = Object.fromEntries(
  Object.entries(RESERVE_ACTION_DEFINITIONS).flatMap(([type, definition]) =>
    definition.actor ? [[type, definition.actor]] : [],
  ),
) as Record<Exclude<ReserveActionType, 'AGE_OUT'>, NonNullable<ReserveStep<ReserveAction>['actor']>>;
