import { type RuleViolation, violation } from './rules/rule-violation';
import { type LocalDate, compareLocalDates, maxDate } from './time/local-date';

/**
 * The one shape every case pipeline has (member development, cadre recruitment, the reserve pool): a pure
 * state machine that a workflow drives. Actions are recorded by the people acting for an org unit; the machine
 * says what breaks a rule, what a recorded action changes and which events it raises, what the case owes by
 * when, which steps it waits for, and when each possible step may come.
 */

/** What every action carries: its type and its business date (when it happened, not when it was entered). */
export interface CaseAction {
  readonly type: string;
  readonly date: LocalDate;
}

/** An action of `Type` over a pipeline's `Base` (its date, and for members the acting body) with its own fields. */
export type ActionOf<Base, Type extends string, Fields = unknown> = Base & { readonly type: Type } & Fields;

/** Each action type with its body (everything but `type`), for route tables and generated schemas. */
export type ActionBodies<A extends CaseAction> = {
  readonly [T in A['type']]: Omit<Extract<A, { readonly type: T }>, 'type'>;
};

/** The state after a recorded action and the events it raises. */
export interface Transition<State, Event> {
  state: State;
  events: Event[];
}

/** A date a rule sets for the case. Hard deadlines refuse the action after the date; the others warn. */
export interface Deadline<Kind extends string = string> {
  readonly kind: Kind;
  readonly due: LocalDate;
  readonly hard: boolean;
}

/**
 * A step the case waits for, as committee backlogs show it: the action, its step number, the kind of body that
 * acts, `ref` when one step is awaited several times at once (one answer per department, one notice per kind),
 * the date it is due by and the hard cap after which it is refused.
 */
export interface OpenTask<Type extends string = string, Actor extends string = string> {
  readonly action: Type;
  readonly step: number;
  readonly actor: Actor;
  readonly ref: string;
  readonly dueOn: LocalDate | null;
  readonly capOn: LocalDate | null;
}

/**
 * An action the case's order allows now, with the earliest business date it may carry (never before the case's
 * last recorded step), or null when no date makes it possible yet. `notYet` says why it may not be recorded
 * today: empty when it may.
 */
export interface AvailableAction<Type extends string = string> {
  readonly action: Type;
  readonly earliest: LocalDate | null;
  /** The time rule that sets `earliest` (its code, article and reading); null when only the last step does. */
  readonly earliestBy: RuleViolation | null;
  readonly notYet: readonly RuleViolation[];
}

export interface CaseMachine<
  State,
  Action extends CaseAction,
  Event,
  Context,
  Opening,
  Actor extends string = string,
  DeadlineKind extends string = string,
> {
  /** The workflow kind the machine runs (MEMBER_DEVELOPMENT, CADRE_RECRUITMENT, RESERVE_POOL). */
  readonly kind: string;
  /** Every action type, in the order of the flow. */
  readonly actionTypes: readonly Action['type'][];
  /** The state a new case starts in, with the events its opening raises. */
  open(input: Opening): Transition<State, Event>;
  /** Every rule the action breaks; empty when it may be recorded. */
  validate(state: State, action: Action, ctx: Context): RuleViolation[];
  /** Records a validated action (it does not check the rules again). */
  apply(state: State, action: Action, ctx: Context): Transition<State, Event>;
  /** The dates the workflow watches for the case as it stands. */
  deadlines(state: State, ctx: Context): Deadline<DeadlineKind>[];
  /** The steps the case waits for. */
  openTasks(state: State, ctx: Context): OpenTask<Action['type'], Actor>[];
  /** The actions the order allows now, each with its earliest date or why not yet. */
  availableActions(state: State, ctx: Context, today: LocalDate): AvailableAction<Action['type']>[];
  /** The article a deadline kind comes from (for plans and alerts); null for a local service level. */
  deadlineArticle(kind: DeadlineKind, ctx: Context): string | null;
}

/** One handler per action type, each typed with its own action's body. */
export type ActionHandlers<A extends CaseAction, S, C, R> = {
  readonly [T in A['type']]: (state: S, action: Extract<A, { readonly type: T }>, ctx: C) => R;
};

/** Runs the action's handler; `otherwise` when the table has none for it. */
export function dispatch<A extends CaseAction, S, C, R>(
  handlers: Partial<ActionHandlers<A, S, C, R>>,
  state: S,
  action: A,
  ctx: C,
  otherwise: NoInfer<R>,
): R {
  const handler = handlers[action.type as A['type']] as ((s: S, a: A, c: C) => R) | undefined;
  return handler ? handler(state, action, ctx) : otherwise;
}

/** Every action is dated on or after the case's last recorded step. */
export function dateOrderViolation(date: LocalDate, lastDate: LocalDate): RuleViolation | undefined {
  return compareLocalDates(date, lastDate) < 0
    ? violation('DATE_BEFORE_PREVIOUS_STEP', null, `日期${date}早于已记录的上一步（${lastDate}）`, 'date')
    : undefined;
}

/** A free-text reason that must not be blank (withdrawals, refusals, negative answers): the body's `field`. */
export function reasonViolations(reason: string, message = '须说明理由', field = 'reason'): RuleViolation[] {
  return reason.trim() ? [] : [violation('REASON_REQUIRED', null, message, field)];
}

/**
 * When an action the order allows may come: from a date on (a time rule; null: no date makes it possible
 * yet), and the violations that hold it back until then.
 */
export interface Gate {
  readonly from: LocalDate | null;
  readonly because?: readonly RuleViolation[];
}

/** Any day on or after the last recorded step. */
export const ANY_DAY: Gate = { from: '0000-01-01' as LocalDate };

/** Not before `from`, for the reason the rule gives. */
export function notBefore(from: LocalDate, because: RuleViolation): Gate {
  return { from, because: [because] };
}

/** Not possible on any date until something else happens first. */
export function blocked(because: readonly RuleViolation[]): Gate {
  return { from: null, because };
}

/** The available action a gate makes, for a case whose last step is dated `lastDate`, seen on `today`. */
export function availability<Type extends string>(
  action: Type,
  gate: Gate,
  lastDate: LocalDate,
  today: LocalDate,
): AvailableAction<Type> {
  if (gate.from === null) return { action, earliest: null, earliestBy: null, notYet: gate.because ?? [] };
  const earliest = maxDate(gate.from, lastDate);
  const earliestBy = compareLocalDates(gate.from, lastDate) > 0 ? (gate.because?.[0] ?? null) : null;
  if (compareLocalDates(earliest, today) <= 0) return { action, earliest, earliestBy, notYet: [] };
  const because = gate.because?.length
    ? gate.because
    : [violation('NOT_YET', null, `最早于${earliest}办理`, 'date')];
  return { action, earliest, earliestBy, notYet: because };
}

/**
 * One field of every action's definition, by action type (the steps, stages, actors a definitions table
 * holds), in the table's order.
 */
export function definitionsField<
  Defs extends Readonly<Record<string, object>>,
  Field extends keyof Defs[keyof Defs],
>(definitions: Defs, field: Field): { readonly [T in keyof Defs]: Defs[T][Field] } {
  return Object.fromEntries(
    Object.entries(definitions).map(([type, definition]) => [type, (definition as Defs[keyof Defs])[field]]),
  ) as { readonly [T in keyof Defs]: Defs[T][Field] };
}
