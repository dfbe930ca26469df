import { type ActionOf, type Transition } from '../../../kernel/case-machine';
import { type RuleViolation } from '../../../kernel/rules/rule-violation';
import { type LocalDate } from '../../../kernel/time/local-date';
import {
  type CadreCaseState,
  type CadreContext,
  type CadreEvent,
  type CadreOutcome,
  type CadreStage,
} from '../state';

/** What every recruitment action carries: its business date. */
export interface CadreActionBase {
  readonly date: LocalDate;
}

/** A cadre action of `Type` with its own fields (none for an action that only carries its date). */
export type CadreActionOf<Type extends string, Fields = unknown> = ActionOf<CadreActionBase, Type, Fields>;

export type CadreTransition = Transition<CadreCaseState, CadreEvent>;

/** One action's definition: the stages it may come in, who acts, its rules and what it records. */
export interface CadreStep<A extends CadreActionOf<string>> {
  /** The stages the action may come in. */
  readonly needs: readonly CadreStage[];
  /** Who acts: the township committee runs the case, the county keeps the register. */
  readonly actor: 'TOWNSHIP' | 'COUNTY_DEPARTMENT' | 'TOWNSHIP_OR_COUNTY';
  /** The rules specific to the action's body (the stage and the date are checked before). */
  readonly rules?: (state: CadreCaseState, action: A, ctx: CadreContext) => RuleViolation[];
  /** What the action records (the rules were checked by validateCadreAction). */
  readonly apply: (state: CadreCaseState, action: A, ctx: CadreContext) => CadreTransition;
}

/** The definitions of a set of actions, one per action type, each typed with its own action's body. */
export type CadreSteps<A extends CadreActionOf<string>> = {
  readonly [T in A['type']]: CadreStep<Extract<A, { readonly type: T }>>;
};

/** Closes the case on `date` with `outcome`. */
export const closer =
  (state: CadreCaseState, date: LocalDate) =>
  (outcome: CadreOutcome, extra: Partial<CadreCaseState> = {}): CadreCaseState => ({
    ...state,
    lastDate: date,
    ...extra,
    status: 'CLOSED',
    outcome,
  });
