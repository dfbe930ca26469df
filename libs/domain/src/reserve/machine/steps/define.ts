import { type ActionOf, type Transition } from '../../../kernel/case-machine';
import { type RefusalReason, type RuleViolation } from '../../../kernel/rules/rule-violation';
import { type LocalDate } from '../../../kernel/time/local-date';
import {
  type RemovalCode,
  type ReserveContext,
  type ReserveEntryStep,
  type ReservistEvent,
  type ReservistState,
  type ReservistStatus,
} from '../state';

/** What every reserve action carries: its business date. */
export interface ReserveActionBase {
  readonly date: LocalDate;
}

/** A reserve action of `Type` with its own fields (none for an action that only carries its date). */
export type ReserveActionOf<Type extends string, Fields = unknown> = ActionOf<
  ReserveActionBase,
  Type,
  Fields
>;

export type ReserveTransition = Transition<ReservistState, ReservistEvent>;

/** One action's definition: the entry step or status it needs, who records it, its rules and what it records. */
export interface ReserveStep<A extends ReserveActionOf<string>> {
  /** The entry step (while entering) or the pool status the action needs. */
  readonly needs: readonly (ReserveEntryStep | ReservistStatus)[];
  /** Who records it: the township committee runs the pool; absent for what the workflow enters itself. */
  readonly actor?: 'TOWNSHIP' | 'TOWNSHIP_OR_COUNTY' | 'NOMINATOR';
  /** The rules specific to the action's body (the step and the date are checked before). */
  readonly rules?: (state: ReservistState, action: A, ctx: ReserveContext) => RuleViolation[];
  /** What the action records (the rules were checked by validateReserveAction). */
  readonly apply: (state: ReservistState, action: A, ctx: ReserveContext) => ReserveTransition;
}

/** The definitions of a set of actions, one per action type, each typed with its own action's body. */
export type ReserveSteps<A extends ReserveActionOf<string>> = {
  readonly [T in A['type']]: ReserveStep<Extract<A, { readonly type: T }>>;
};

/** Ends the entry on `date` before it reached the pool, for these reasons. */
export const refuser =
  (state: ReservistState, date: LocalDate) =>
  (reasons: readonly RefusalReason[], extra: Partial<ReservistState> = {}): ReserveTransition => ({
    state: {
      ...state,
      lastDate: date,
      ...extra,
      status: 'NOT_ADMITTED',
      left: { code: 'NOT_ADMITTED', reason: reasons.map((reason) => reason.reason).join('；'), on: date },
    },
    events: [{ type: 'not-admitted', date, reasons }],
  });

/** Removes the reservist on `date` (an entry still entering is not admitted instead). */
export const remover =
  (state: ReservistState, date: LocalDate) =>
  (code: RemovalCode, reason: string, reviewId?: string): ReserveTransition => {
    if (state.status === 'ENTERING') return refuser(state, date)([{ code, reason }]);
    return {
      state: { ...state, lastDate: date, status: 'REMOVED', left: { code, reason, on: date } },
      events: [{ type: 'removed', date, code, reason, ...(reviewId ? { reviewId } : {}) }],
    };
  };
