import { type ActionOf, type Transition } from '../../../kernel/case-machine';
import { type OrgUnit } from '../../../kernel/org/org-unit';
import { type RecordedBy } from '../../../kernel/principal';
import { type RuleViolation } from '../../../kernel/rules/rule-violation';
import { type LocalDate } from '../../../kernel/time/local-date';
import { type EffectiveMemberRules, type ExtraNoticeKind } from '../../rule-sets';
import { type MemberStage } from '../../stages';
import { type CaseContext, type ExtraNotices, type MemberCaseEvent, type MemberCaseState } from '../state';

/**
 * Every human action on a member-development case after step 1 (DOMAIN.md §1.2, §1.5). Facts that need
 * I/O (the acting org unit, the approval route, sponsors' standing) are resolved by the caller before the
 * action reaches the pure rules, so validation stays deterministic inside the workflow.
 */
export interface ActionBase {
  /** Business date of the step (when it happened), not when it is entered. */
  readonly date: LocalDate;
  /** The org unit acting: a branch, its committee or meeting, a reviewing body, the approving committee. */
  readonly actingBody: OrgUnit;
  /** Document references kept in the dossier (minutes, forms, certificates). */
  readonly evidence?: readonly string[];
  /** Who entered it (the recorder of a collective decision, not the body that decided). */
  readonly recordedBy?: RecordedBy;
}

/** A member action of `Type` with its own fields (none for an action that only carries the base). */
export type MemberActionOf<Type extends string, Fields = unknown> = ActionOf<ActionBase, Type, Fields>;

/** The order of the flow: the message when the action cannot come yet, undefined when it may. */
export type Precondition = (state: MemberCaseState, extraNotices: ExtraNotices) => string | undefined;

export type MemberTransition = Transition<MemberCaseState, MemberCaseEvent>;

/** One action's definition: the step it records, when it may come, its rules and what it records. */
export interface MemberStep<A extends MemberActionOf<string>> {
  /** The step the action records (0 for actions outside the 25 steps). */
  readonly step: number;
  readonly precondition: Precondition;
  /** The article a broken precondition cites, when not the step's own. */
  readonly article?: (rules: EffectiveMemberRules) => string;
  /** The local notice (where an overlay requires it) that must have run before the action. */
  readonly localNotice?: (action: A) => ExtraNoticeKind | undefined;
  /** The rules specific to the action's body (the order and the dates are checked before). */
  readonly rules?: (state: MemberCaseState, action: A, ctx: CaseContext) => RuleViolation[];
  /** What the action records (the rules were checked by validateAction); `step` is the definition's. */
  readonly apply: (state: MemberCaseState, action: A, ctx: CaseContext, step: number) => MemberTransition;
}

/** The definitions of a set of actions, one per action type, each typed with its own action's body. */
export type MemberSteps<A extends MemberActionOf<string>> = {
  readonly [T in A['type']]: MemberStep<Extract<A, { readonly type: T }>>;
};

export const need = (ok: boolean, message: string): string | undefined => (ok ? undefined : message);
export const inStage = (state: MemberCaseState, ...stages: MemberStage[]) => stages.includes(state.stage);
export const accepted = (s: MemberCaseState) => s.acceptance !== undefined;

/** The state with `step` recorded as reached. */
export function advance(state: MemberCaseState, step: number): MemberCaseState {
  return step > state.lastStep ? { ...state, lastStep: step } : state;
}

/** The target listed as a development target on `date` (step 8 reached). */
export function listed(state: MemberCaseState, date: LocalDate): MemberTransition {
  return {
    state: {
      ...state,
      stage: 'DEVELOPMENT_TARGET',
      lastStep: Math.max(state.lastStep, 8),
      target: { ...state.target!, listedDate: date },
    },
    events: [{ type: 'development-target-listed', date }],
  };
}
