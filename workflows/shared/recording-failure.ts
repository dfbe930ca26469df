import { ActivityFailure, type ActivityOptions, ApplicationFailure } from '@temporalio/common';
import { allHandlersFinished, condition, patched } from '@temporalio/workflow';

import { RULE_VIOLATION_FAILURE } from './rule-violation-failure';

/**
 * Data the database refuses whatever the number of tries (a NUL byte, a value out of range, a broken
 * constraint): the worker's activities fail with this type and never retry it (apps/worker activity-failures).
 * Details: one `DataErrorDetails`. The message names no stored value, so no personal data enters the history.
 */
export const DATA_ERROR_FAILURE = 'DataError';

export interface DataErrorDetails {
  /** PostgreSQL SQLSTATE (class 22 data exception, class 23 integrity violation), when the database said. */
  readonly sqlState: string | null;
  /** Prisma's error code (P2000, P2007…), when Prisma refused before the database did. */
  readonly prismaCode: string | null;
}

/** A case's first recording failed: its workflow ends (failed) with nothing recorded. */
export const NOT_RECORDED_FAILURE = 'NotRecorded';

/**
 * `patched()` ids of the changes that let a failed recording leave the case usable. Before them a failed first
 * recording failed the workflow with the activity's error, and a failed timed activity failed the case.
 */
export const NOT_RECORDED_PATCH = 'first-recording-failure-ends-case';
export const TIMED_WORK_PATCH = 'timed-work-failure-retried-later';

/**
 * How every workflow calls its activities. Each activity is one idempotent transaction, so a transient
 * failure (connection lost, serialization failure, deadlock, timeout) is retried with backoff; broken rules
 * and data no retry can store fail at once. A transient failure that outlasts the attempts (about a quarter of
 * an hour) fails the activity too, so a stuck dependency surfaces as a failed update instead of holding the
 * case for ever.
 */
export const ACTIVITY_OPTIONS: ActivityOptions = {
  startToCloseTimeout: '30 seconds',
  retry: {
    initialInterval: '1 second',
    backoffCoefficient: 2,
    maximumInterval: '1 minute',
    maximumAttempts: 20,
    nonRetryableErrorTypes: [RULE_VIOLATION_FAILURE, DATA_ERROR_FAILURE],
  },
};

/**
 * When the workflow's own timed work (a deadline signal, an age-out) failed, how long the case waits before
 * trying it again: the case carries on meanwhile instead of failing.
 */
export const TIMED_WORK_RETRY_MS = 60 * 60 * 1000;

/** Why a recording failed, as the API answers it: the data (the client's to correct) or the service. */
export interface RecordingFailure {
  readonly kind: 'DATA' | 'UNAVAILABLE';
  readonly details: DataErrorDetails | null;
}

/**
 * The recording failure inside an error (an update or workflow failure wrapping an activity's), if any: DATA for a
 * DataError, UNAVAILABLE for an activity that failed otherwise (its attempts ran out, it timed out).
 */
export function recordingFailureFrom(error: unknown): RecordingFailure | undefined {
  let activityFailed = false;
  for (let current = error; current instanceof Error; current = current.cause) {
    if (current instanceof ApplicationFailure && current.type === DATA_ERROR_FAILURE) {
      const details = (current.details?.[0] ?? null) as DataErrorDetails | null;
      return { kind: 'DATA', details };
    }
    if (current instanceof ApplicationFailure && current.type === RULE_VIOLATION_FAILURE) return undefined;
    if (current instanceof ActivityFailure) activityFailed = true;
  }
  return activityFailed ? { kind: 'UNAVAILABLE', details: null } : undefined;
}

/** The failure a case's workflow ends with when its first recording failed (`cause`: the activity's failure). */
export function notRecordedFailure(cause: unknown): ApplicationFailure {
  return ApplicationFailure.create({
    type: NOT_RECORDED_FAILURE,
    message: 'the case could not be recorded; nothing was stored',
    nonRetryable: true,
    cause: cause instanceof Error ? cause : undefined,
  });
}

/**
 * Ends a case whose first recording failed for a reason other than a broken rule: `settle` records the failure
 * for the creation update (which answers with it), and once the handlers have answered the workflow fails with
 * it, so the API may start the same workflow id anew (ALLOW_DUPLICATE_FAILED_ONLY). Histories from before
 * NOT_RECORDED_PATCH fail with the activity's error, as they did.
 */
export async function endNotRecorded(
  error: unknown,
  settle: (failure: ApplicationFailure) => void,
): Promise<never> {
  if (!patched(NOT_RECORDED_PATCH)) throw error;
  const failure = notRecordedFailure(error);
  settle(failure);
  await condition(allHandlersFinished);
  throw failure;
}
