import {
  type Connection,
  type ConnectionOptions,
  type ScheduleClientInterceptor,
  type WorkflowClientInterceptor,
  WorkflowUpdateRPCTimeoutOrCancelledError,
  WorkflowUpdateStage,
  defaultGrpcRetryOptions,
  isGrpcDeadlineError,
  isGrpcServiceError,
  makeGrpcRetryInterceptor,
} from '@temporalio/client';
import { temporal } from '@temporalio/proto';

import { EngineTimeout, EngineUnavailable } from '@app/domain';

/** gRPC status UNAVAILABLE: the server could not be reached (after the SDK's own retries). */
const GRPC_UNAVAILABLE = 14;

/** Temporal did not answer within the deadline (the edge answers 504); the call may still take effect. */
export class TemporalTimeoutError extends EngineTimeout {}

/** Temporal could not be reached (the edge answers 503): nothing was done; try again later. */
export class TemporalUnavailableError extends EngineUnavailable {}

function isUnavailable(error: unknown): boolean {
  for (let current = error; current instanceof Error; current = current.cause) {
    if (isGrpcServiceError(current) && (current.code as number) === GRPC_UNAVAILABLE) return true;
  }
  return false;
}

/**
 * The domain error a failed Temporal call amounts to, if it is one of transport: past its deadline (an
 * EngineTimeout, also for an update whose wait was cut short) or Temporal unreachable (EngineUnavailable).
 * Anything else is the caller's to translate.
 */
export function temporalCallError(
  error: unknown,
  timeoutMs: number,
): EngineTimeout | EngineUnavailable | undefined {
  if (error instanceof EngineTimeout || error instanceof EngineUnavailable) return error;
  if (isGrpcDeadlineError(error) || error instanceof WorkflowUpdateRPCTimeoutOrCancelledError) {
    return new TemporalTimeoutError(timeoutMs, error);
  }
  if (isUnavailable(error)) return new TemporalUnavailableError(error);
  return undefined;
}

type GrpcInterceptor = NonNullable<ConnectionOptions['interceptors']>[number];

/**
 * The connection's gRPC interceptors: every single call gets a deadline when it has none (a hung server cannot
 * hold any call, even those no client interceptor sees: schedule handles, health checks), then the SDK's retries
 * of transient statuses, fewer than its default so an unreachable server answers UNAVAILABLE within the deadline.
 */
export function temporalGrpcInterceptors(timeoutMs: number): GrpcInterceptor[] {
  // Changes only the options: the next call is handed back as it is (grpc-js uses only its interface).
  const deadline: GrpcInterceptor = (options, nextCall) =>
    nextCall(
      options.deadline === undefined || options.deadline === Infinity
        ? { ...options, deadline: Date.now() + timeoutMs }
        : options,
    ) as ReturnType<GrpcInterceptor>;
  return [deadline, makeGrpcRetryInterceptor(defaultGrpcRetryOptions({ maxAttempts: 5 }))];
}

const COMPLETED_STAGE =
  temporal.api.enums.v1.UpdateWorkflowExecutionLifecycleStage
    .UPDATE_WORKFLOW_EXECUTION_LIFECYCLE_STAGE_COMPLETED;

/**
 * Client interceptors giving every workflow and schedule operation one deadline (`timeoutMs` from now, unless
 * the caller set one with `client.withDeadline`) for all the calls it makes, and turning a missed deadline or an
 * unreachable server into a domain error (TemporalTimeoutError, TemporalUnavailableError: 504 and 503 at the edge).
 *
 * An update waited for to completion is waited for here, within the same deadline: the SDK would otherwise keep
 * polling for the outcome after the interceptor returned, with no deadline at all, for as long as the workflow
 * takes (an activity that keeps retrying). Update-with-start is always waited for to completion.
 */
export function temporalDeadlineInterceptors(
  connection: Connection,
  namespace: string,
  timeoutMs: number,
): { workflow: WorkflowClientInterceptor[]; schedule: ScheduleClientInterceptor[] } {
  const bounded = async <T>(call: () => Promise<T>): Promise<T> => {
    const deadline = connection.callContextStorage.getStore()?.deadline;
    try {
      return deadline === undefined
        ? await connection.withDeadline(Date.now() + timeoutMs, call)
        : await call();
    } catch (error) {
      throw temporalCallError(error, timeoutMs) ?? error;
    }
  };
  /**
   * Polls for an update's outcome within the deadline of the enclosing `bounded` call. The server answers a poll
   * with no outcome a little before the deadline; what is left then is too short to wait for.
   */
  const outcomeOf = async (
    workflowId: string,
    runId: string | undefined,
    updateId: string,
  ): Promise<temporal.api.update.v1.IOutcome> => {
    const deadline = connection.callContextStorage.getStore()?.deadline;
    const endsAt = deadline === undefined ? Infinity : new Date(deadline).getTime();
    for (;;) {
      const { outcome } = await connection.workflowService.pollWorkflowExecutionUpdate({
        namespace,
        updateRef: { workflowExecution: { workflowId, runId }, updateId },
        waitPolicy: { lifecycleStage: COMPLETED_STAGE },
      });
      if (outcome) return outcome;
      if (endsAt - Date.now() < 1000) throw new TemporalTimeoutError(timeoutMs, undefined);
    }
  };

  const workflow: WorkflowClientInterceptor = {
    startWithDetails: (input, next) => bounded(() => next(input)),
    signal: (input, next) => bounded(() => next(input)),
    signalWithStart: (input, next) => bounded(() => next(input)),
    query: (input, next) => bounded(() => next(input)),
    describe: (input, next) => bounded(() => next(input)),
    terminate: (input, next) => bounded(() => next(input)),
    cancel: (input, next) => bounded(() => next(input)),
    startUpdate: (input, next) =>
      bounded(async () => {
        const output = await next(input);
        // The SDK passes the stage it waits for along with the input (not part of the input's type).
        const stage = (input as { waitForStage?: unknown }).waitForStage;
        if (output.outcome || stage !== WorkflowUpdateStage.COMPLETED) return output;
        const { workflowId } = input.workflowExecution;
        return { ...output, outcome: await outcomeOf(workflowId, output.workflowRunId, output.updateId) };
      }),
    startUpdateWithStart: (input, next) =>
      bounded(async () => {
        const output = await next(input);
        if (output.updateOutcome) return output;
        const { workflowId, runId } = output.workflowExecution;
        return {
          ...output,
          updateOutcome: await outcomeOf(
            workflowId ?? input.workflowStartOptions.workflowId,
            runId,
            output.updateId,
          ),
        };
      }),
  };
  const schedule: ScheduleClientInterceptor = {
    create: (input, next) => bounded(() => next(input)),
  };
  return { workflow: [workflow], schedule: [schedule] };
}
