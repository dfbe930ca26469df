import { Controller, Get, Injectable, Logger } from '@nestjs/common';
import { type Info } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { type ActivityInterceptorsFactory } from '@temporalio/worker';

import { Public } from '@app/config';

/** An activity of a case that is failing, or has given up, as an operator sees it. */
export interface FailingActivity {
  readonly workflowId: string;
  readonly runId: string | null;
  readonly activityType: string;
  readonly activityId: string;
  readonly attempt: number;
  /** true: Temporal tries it again (the case waits for it); false: it failed for good (the update failed). */
  readonly retrying: boolean;
  readonly failureType: string;
  readonly message: string;
  readonly firstFailedAt: string;
  readonly lastFailedAt: string;
}

/** An activity running right now (one blocked on a lock shows here with an old `startedAt`). */
export interface RunningActivity {
  readonly workflowId: string;
  readonly activityType: string;
  readonly attempt: number;
  readonly startedAt: string;
}

export interface StuckCasesView {
  readonly failing: readonly FailingActivity[];
  readonly running: readonly RunningActivity[];
  /** Since the worker started: failed attempts, of which refused data, and activities that gave up. */
  readonly counters: {
    readonly failedAttempts: number;
    readonly dataErrors: number;
    readonly gaveUp: number;
  };
}

/** How long an activity that gave up stays listed, and how many are kept at most. */
const GAVE_UP_RETENTION_MS = 24 * 60 * 60 * 1000;
const MAX_LISTED = 500;

/**
 * What this worker's activities are stuck on: every failed attempt with its workflow id (until the activity
 * succeeds, or for a day after it gave up), and the activities running now. Each worker knows only the
 * attempts it ran; Temporal itself (`temporal workflow describe`) has the whole picture of one case.
 */
@Injectable()
export class StuckCases {
  private readonly logger = new Logger('activities');
  private readonly failing = new Map<string, FailingActivity>();
  private readonly running = new Map<object, RunningActivity>();
  private readonly counters = { failedAttempts: 0, dataErrors: 0, gaveUp: 0 };

  /** The worker's activity interceptor: keeps track of every attempt (failures arrive classified). */
  readonly interceptors: ActivityInterceptorsFactory[] = [
    (context) => ({
      inbound: {
        execute: async (input, next) => {
          const token = {};
          this.started(token, context.info);
          try {
            const result = await next(input);
            this.succeeded(context.info);
            return result;
          } catch (error) {
            this.failed(context.info, error);
            throw error;
          } finally {
            this.running.delete(token);
          }
        },
      },
    }),
  ];

  view(): StuckCasesView {
    this.expire();
    return {
      failing: [...this.failing.values()].sort((a, b) => b.lastFailedAt.localeCompare(a.lastFailedAt)),
      running: [...this.running.values()].sort((a, b) => a.startedAt.localeCompare(b.startedAt)),
      counters: { ...this.counters },
    };
  }

  private started(token: object, info: Info): void {
    this.running.set(token, {
      workflowId: info.workflowExecution?.workflowId ?? '',
      activityType: info.activityType,
      attempt: info.attempt,
      startedAt: new Date().toISOString(),
    });
  }

  private succeeded(info: Info): void {
    this.failing.delete(keyOf(info));
  }

  private failed(info: Info, failure: unknown): void {
    const nonRetryable = failure instanceof ApplicationFailure && failure.nonRetryable;
    const maximumAttempts = info.retryPolicy?.maximumAttempts ?? 0;
    const retrying = !nonRetryable && (maximumAttempts === 0 || info.attempt < maximumAttempts);
    const failureType =
      failure instanceof ApplicationFailure ? (failure.type ?? 'Error') : (failure as Error)?.name || 'Error';
    const message = failure instanceof Error ? failure.message : String(failure);
    const now = new Date().toISOString();
    const key = keyOf(info);
    const entry: FailingActivity = {
      workflowId: info.workflowExecution?.workflowId ?? '',
      runId: info.workflowExecution?.runId ?? null,
      activityType: info.activityType,
      activityId: info.activityId,
      attempt: info.attempt,
      retrying,
      failureType,
      message,
      firstFailedAt: this.failing.get(key)?.firstFailedAt ?? now,
      lastFailedAt: now,
    };
    this.failing.delete(key);
    this.failing.set(key, entry);
    this.counters.failedAttempts++;
    if (failureType === 'DataError') this.counters.dataErrors++;
    if (!retrying) this.counters.gaveUp++;
    const line = {
      msg: retrying ? 'activity failed; Temporal retries it' : 'activity failed for good',
      workflowId: entry.workflowId,
      activityType: entry.activityType,
      attempt: entry.attempt,
      failureType,
      error: message,
    };
    // The first failures of a retried activity are routine, and refused data is the client's to correct; a
    // repeated failure, or an activity that gave up otherwise, needs a look.
    if ((retrying && info.attempt < 3) || failureType === 'DataError') this.logger.warn(line);
    else this.logger.error(line);
    this.expire();
  }

  private expire(): void {
    const cutoff = new Date(Date.now() - GAVE_UP_RETENTION_MS).toISOString();
    for (const [key, entry] of this.failing) {
      if (!entry.retrying && entry.lastFailedAt < cutoff) this.failing.delete(key);
    }
    // Oldest first in insertion order: the map is re-inserted on every failure.
    for (const key of this.failing.keys()) {
      if (this.failing.size <= MAX_LISTED) break;
      this.failing.delete(key);
    }
  }
}

const keyOf = (info: Info): string =>
  `${info.workflowExecution?.workflowId ?? ''}/${info.workflowExecution?.runId ?? ''}/${info.activityId}`;

/** GET /health/stuck-cases on the worker: the cases whose activities keep failing, for operators. */
@Public()
@Controller('health')
export class StuckCasesController {
  constructor(private readonly stuck: StuckCases) {}

  @Get('stuck-cases')
  list(): StuckCasesView {
    return this.stuck.view();
  }
}
