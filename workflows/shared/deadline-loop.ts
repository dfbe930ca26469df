import { allHandlersFinished, condition, log, patched, workflowInfo } from '@temporalio/workflow';

import { type LocalDate, chinaLocalDate, compareLocalDates, startOfChinaDay } from '@app/domain';

import type { CaseUpdates } from './case-updates';
import { type CaseVisibility, CaseVisibilityPublisher } from './case-visibility';
import { TIMED_WORK_PATCH, TIMED_WORK_RETRY_MS } from './recording-failure';

/** Work a case owes on a day: a deadline's warning or overdue signal, a reservist's removal at the age limit. */
export interface TimedWork {
  /** Names the work: each key is done once (the keys done are carried across continue-as-new). */
  readonly key: string;
  /** The day it falls due (from the start of that day in China). */
  readonly on: LocalDate;
  /** What the log calls it when it fails ("deadline signal"). */
  readonly what: string;
  /** Does it (through an activity); if it fails, it is tried again TIMED_WORK_RETRY_MS later. */
  readonly run: (today: LocalDate) => Promise<void>;
}

/** What the deadline loop carries across continue-as-new. */
export interface TimedWorkMemory {
  /** Keys of the work done. */
  readonly signalled: readonly string[];
  /** Work that failed: its key and when to try it again (ms since the epoch); left out when there is none. */
  readonly deferred?: readonly (readonly [string, number])[];
}

export interface DeadlineLoopOptions {
  readonly updates: CaseUpdates;
  /** The work the case owes, done or not, as the case stands (asked again on every turn). */
  readonly work: () => readonly TimedWork[];
  /** Runs on every turn after the due work (a cadre case's referral to the reserve pool). */
  readonly afterWork?: () => Promise<void>;
  /** Whether the case has ended: the loop returns. */
  readonly closed: () => boolean;
  /** Whether to continue as new now: the loop waits until no handler runs, then calls `continueAsNew`. */
  readonly continueAsNewNow: () => boolean;
  /** Continues as new with the case and `memory` (never returns). */
  readonly continueAsNew: (memory: TimedWorkMemory) => Promise<never>;
  /**
   * Failed work is tried again as soon as an action changed the case, not only after the retry delay (the
   * reservist's age-out always was).
   */
  readonly retryOnChange?: boolean;
  /** Where the case stands, for its search attributes (published on every turn it has changed). */
  readonly visibility: () => CaseVisibility;
}

/** History events after which a long-lived case continues as new at its next quiet point. */
export const HISTORY_EVENT_LIMIT = 2_000;

/**
 * Whether a long-lived case (cadre, reservist) continues as new now: the server suggests it, or its history has
 * passed `limit` events. Behind `patchId`: histories recorded before the change replay as they ran.
 */
export function historyFull(patchId: string, limit = HISTORY_EVENT_LIMIT): boolean {
  const info = workflowInfo();
  return (info.continueAsNewSuggested || info.historyLength > limit) && patched(patchId);
}

/**
 * The deadline loop of a case workflow, until the case ends: on each turn it does the work whose day has come
 * (each key once; a failure is logged and deferred by TIMED_WORK_RETRY_MS while the case carries on), continues
 * as new when asked to at a quiet point, publishes where the case stands (its search attributes), then
 * sleeps until the next work is due or an action changes the case.
 */
export class DeadlineLoop {
  private readonly signalled: Set<string>;
  /** Work whose recording failed: when to try each again. */
  private readonly deferred: Map<string, number>;
  private readonly visibility = new CaseVisibilityPublisher();

  constructor(memory?: TimedWorkMemory) {
    this.signalled = new Set(memory?.signalled ?? []);
    this.deferred = new Map(memory?.deferred ?? []);
  }

  async run(options: DeadlineLoopOptions): Promise<void> {
    for (;;) {
      await this.doDue(options.work(), chinaLocalDate(new Date()));
      await options.afterWork?.();
      if (options.closed()) {
        this.visibility.publish(options.visibility());
        return;
      }
      if (options.continueAsNewNow()) {
        await condition(allHandlersFinished);
        await options.continueAsNew(this.memory());
      }
      // Not before continuing as new: the next run publishes where the case stands then.
      this.visibility.publish(options.visibility());
      await this.sleep(options);
    }
  }

  /** What to carry across continue-as-new. */
  memory(): TimedWorkMemory {
    return {
      signalled: [...this.signalled],
      ...(this.deferred.size > 0 ? { deferred: [...this.deferred] } : {}),
    };
  }

  private async doDue(work: readonly TimedWork[], today: LocalDate): Promise<void> {
    for (const item of work) {
      if (this.signalled.has(item.key) || compareLocalDates(today, item.on) < 0) continue;
      if ((this.deferred.get(item.key) ?? 0) > Date.now()) continue;
      try {
        await item.run(today);
      } catch (error) {
        if (!patched(TIMED_WORK_PATCH)) throw error;
        log.warn(`${item.what} not recorded; trying again later`, { key: item.key, error: String(error) });
        this.deferred.set(item.key, Date.now() + TIMED_WORK_RETRY_MS);
        continue;
      }
      this.deferred.delete(item.key);
      this.signalled.add(item.key);
    }
  }

  /** Until the next work is due (or may be tried again), or an action changed the case. */
  private async sleep(options: DeadlineLoopOptions): Promise<void> {
    const upcoming = options
      .work()
      .filter((item) => !this.signalled.has(item.key))
      .map((item) => Math.max(startOfChinaDay(item.on), this.deferred.get(item.key) ?? 0));
    const wake = upcoming.length > 0 ? Math.min(...upcoming) : undefined;
    const changed = options.updates.changedSince();
    if (wake === undefined) await condition(changed);
    else if (wake > Date.now()) await condition(changed, wake - Date.now());
    if (options.retryOnChange && changed()) this.deferred.clear();
  }
}
