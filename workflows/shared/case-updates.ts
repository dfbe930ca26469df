import type { QueryDefinition, UpdateDefinition } from '@temporalio/common';
import { setHandler } from '@temporalio/workflow';

import type { RuleViolation } from '@app/domain';

import { throwViolations } from './rule-violation-failure';
import { SerialUpdates } from './serial-updates';

/** How many completed update ids a case remembers for retries (carried across continue-as-new). */
export const MAX_REMEMBERED_UPDATES = 200;

/** One case's human actions: how the update handler checks, records and answers them. */
export interface CaseUpdateHandler<A, V> {
  /** The rules the action breaks against the case as recorded (checked on receipt and again in turn). */
  readonly validate: (action: A) => readonly RuleViolation[];
  /** Records the valid action (one activity) and moves the case on; answers the case's view. */
  readonly record: (action: A) => Promise<V>;
  /** The answer to a retried update id that was applied before: the case's current view. */
  readonly previous: () => V;
  /** Until when accepted updates wait (the case's first recording); at once when left out. */
  readonly ready?: () => boolean;
  /**
   * Decisions taken in turn, before the action is validated again: `patched()` calls that change the rules for
   * this action (never made in a validator, which must not add commands).
   */
  readonly inTurn?: (action: A) => void;
  /**
   * The view recording the valid action would answer, computed without recording (no activity, no id drawn
   * from the workflow's random source: a query must leave the workflow as it was). None before the case's
   * first recording.
   */
  readonly preview: (action: A) => V | undefined;
}

/** What a dry run of an action answers: the rules it breaks, or the view recording it would answer. */
export type DryRunAnswer<V> =
  | { readonly violations: readonly RuleViolation[]; readonly view?: undefined }
  | { readonly violations?: undefined; readonly view: V };

/** The violation a dry run answers before the case's first step is recorded (the update would wait for it). */
const NOT_RECORDED: RuleViolation = { code: 'CASE_NOT_RECORDED', article: null, message: '案件尚未记录' };

/**
 * The update loop of a case workflow (member, cadre, reservist): each action is validated on receipt (a broken
 * rule rejects the update before it enters the history), then applied alone and in turn, validated again
 * against the case as it is by then (an earlier action may have changed what is allowed), recorded through one
 * activity and answered with the view. A retried update id is answered, not applied again, also after
 * continue-as-new (the ids carried over). Every applied action counts as a change the deadline loop wakes for.
 */
export class CaseUpdates {
  private readonly serial: SerialUpdates;
  private version = 0;

  /**
   * `completed`: ids carried over a continue-as-new; `remember`: how many to keep at most (a run started before
   * a workflow continued as new kept them all, and keeps doing so on replay).
   */
  constructor(completed?: readonly string[], remember = MAX_REMEMBERED_UPDATES) {
    this.serial = new SerialUpdates(completed, remember);
  }

  /**
   * For a workflow that began to continue as new later in its life (cadre, reservist): a first run remembers
   * every update id, as such runs always did (and do on replay); a continued run the most recent ones it carried.
   */
  static ofLongLivedCase(continued?: { readonly completedUpdates: readonly string[] }): CaseUpdates {
    return continued
      ? new CaseUpdates(continued.completedUpdates)
      : new CaseUpdates([], Number.POSITIVE_INFINITY);
  }

  /**
   * Sets the handler of `update` (with its validator), and of `dryRun`: the same checks against the case as it
   * stands, answering the violations or the view, recording nothing.
   */
  handle<A, V>(
    update: UpdateDefinition<V, [A]>,
    dryRun: QueryDefinition<DryRunAnswer<V>, [A]>,
    handler: CaseUpdateHandler<NoInfer<A>, NoInfer<V>>,
  ): void {
    setHandler(dryRun, (action: A): DryRunAnswer<V> => {
      const violations = handler.validate(action);
      if (violations.length > 0) return { violations };
      const view = handler.ready?.() === false ? undefined : handler.preview(action);
      return view === undefined ? { violations: [NOT_RECORDED] } : { view };
    });
    setHandler(
      update,
      (action: A) =>
        this.serial.apply(
          async () => {
            handler.inTurn?.(action);
            throwViolations(handler.validate(action));
            const answer = await handler.record(action);
            this.version++;
            return answer;
          },
          handler.previous,
          handler.ready,
        ),
      {
        validator: (action: A) => {
          if (!this.serial.alreadyApplied()) throwViolations(handler.validate(action));
        },
      },
    );
  }

  /** Runs the workflow's own work on the case (an age-out) alone, in turn with the updates. */
  exclusive<T>(work: () => Promise<T>): Promise<T> {
    return this.serial.exclusive(work);
  }

  /** A test that turns true once an action has been applied after this call. */
  changedSince(): () => boolean {
    const seen = this.version;
    return () => this.version !== seen;
  }

  /** The most recent completed update ids, oldest first, at most MAX_REMEMBERED_UPDATES (to carry over). */
  completedIds(): string[] {
    return this.serial.completedIds().slice(-MAX_REMEMBERED_UPDATES);
  }
}
