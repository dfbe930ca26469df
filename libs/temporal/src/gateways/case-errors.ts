import {
  ScheduleNotFoundError,
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
} from '@temporalio/client';

import {
  CASE_KIND_OF,
  CaseAlreadyOpen,
  CaseClosed,
  CaseNotFound,
  type CasePipeline,
  CaseRulesBroken,
  DomainError,
  RecordingNotCompleted,
  RecordingRejected,
  ReviewScheduleNotFound,
} from '@app/domain';
import { recordingFailureFrom } from '@app/workflows/shared/recording-failure';
import { ruleViolationsFrom } from '@app/workflows/shared/rule-violation-failure';

import { temporalCallError } from '../temporal-deadlines';

/** The code of the violation a case's first recording fails with when the person has one open already. */
const ALREADY_OPEN: Readonly<Record<CasePipeline, string>> = {
  MEMBER_DEVELOPMENT: 'MEMBER_CASE_ALREADY_OPEN',
  CADRE_RECRUITMENT: 'CADRE_CASE_ALREADY_OPEN',
  RESERVE_POOL: 'RESERVE_ENTRY_ALREADY_OPEN',
};

/** A failed recording inside a workflow's answer, as a domain error: the data refused, or given up. */
export function recordingError(error: unknown): RecordingRejected | RecordingNotCompleted | undefined {
  const failure = recordingFailureFrom(error);
  if (!failure) return undefined;
  if (failure.kind === 'UNAVAILABLE') return new RecordingNotCompleted(error);
  return new RecordingRejected(
    { sqlState: failure.details?.sqlState ?? null, prismaCode: failure.details?.prismaCode ?? null },
    error,
  );
}

/** What a case's workflow was asked: to start (update-with-start), to take a step, or to be read (a query). */
export type CaseCall = 'START' | 'ACT' | 'READ';

/**
 * The domain error a failed call to a case's workflow amounts to; the error itself when it is none (a defect).
 * Broken rules come first (a first recording's "already open" is its own error), then what Temporal says
 * about the workflow (closed, not there), a failed recording, and the transport (deadline, unreachable).
 */
export function caseError(
  error: unknown,
  call: {
    readonly pipeline: CasePipeline;
    readonly id: string;
    readonly kind: CaseCall;
    readonly timeoutMs: number;
  },
): unknown {
  if (error instanceof DomainError) return error;
  const { pipeline, id, kind, timeoutMs } = call;
  const violations = ruleViolationsFrom(error);
  const [first, ...rest] = violations;
  if (first) {
    if (kind === 'START' && first.code === ALREADY_OPEN[pipeline]) {
      return new CaseAlreadyOpen(pipeline, first, false, error);
    }
    return new CaseRulesBroken(pipeline, [first, ...rest], error);
  }
  const caseKind = CASE_KIND_OF[pipeline];
  if (error instanceof WorkflowExecutionAlreadyStartedError) {
    return new CaseClosed(caseKind, id, 'REOPEN', undefined, error);
  }
  if (error instanceof WorkflowNotFoundError) {
    // Read, there is no such case; acted on (it was read just before), it has ended since.
    return kind === 'READ'
      ? new CaseNotFound(caseKind, id, error)
      : new CaseClosed(caseKind, id, 'ACT', undefined, error);
  }
  return recordingError(error) ?? temporalCallError(error, timeoutMs) ?? error;
}

/** The domain error a failed call on a township's review schedule amounts to; the error itself when none. */
export function scheduleError(error: unknown, townshipCode: string, timeoutMs: number): unknown {
  if (error instanceof DomainError) return error;
  if (error instanceof ScheduleNotFoundError) return new ReviewScheduleNotFound(townshipCode, error);
  return temporalCallError(error, timeoutMs) ?? error;
}
