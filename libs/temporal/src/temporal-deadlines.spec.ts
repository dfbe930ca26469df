import { AsyncLocalStorage } from 'node:async_hooks';

import {
  type CallContext,
  type Connection,
  ServiceError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
  type WorkflowQueryInput,
  type WorkflowStartUpdateInput,
  type WorkflowStartUpdateOutput,
} from '@temporalio/client';

import { domainProblem } from '@app/config';

import {
  TemporalTimeoutError,
  TemporalUnavailableError,
  temporalCallError,
  temporalDeadlineInterceptors,
} from './temporal-deadlines';

/** A gRPC error as grpc-js reports it. */
const grpcError = (code: number, details: string) =>
  Object.assign(new Error(`${code} ${details}`), { code, details, metadata: {} });
const DEADLINE_EXCEEDED = 4;
const UNAVAILABLE = 14;

describe(temporalCallError.name, () => {
  it('answers a missed deadline with 504 TEMPORAL_TIMEOUT, however it is wrapped', () => {
    const deadline = grpcError(DEADLINE_EXCEEDED, 'Deadline exceeded');
    for (const error of [
      deadline,
      new ServiceError('Failed to query Workflow', { cause: deadline }),
      new WorkflowUpdateRPCTimeoutOrCancelledError('Workflow update call timeout', { cause: deadline }),
    ]) {
      const found = temporalCallError(error, 2500);
      expect(found).toBeInstanceOf(TemporalTimeoutError);
      const problem = domainProblem(found!);
      expect(problem).toMatchObject({ status: 504, code: 'TEMPORAL_TIMEOUT', extra: { retryAfter: 5 } });
      expect(problem.detail).toContain('2500 ms');
    }
  });

  it('answers an unreachable server with 503 TEMPORAL_UNAVAILABLE', () => {
    const error = new ServiceError('Failed to start', {
      cause: grpcError(UNAVAILABLE, 'No connection established'),
    });
    const found = temporalCallError(error, 2500);
    expect(found).toBeInstanceOf(TemporalUnavailableError);
    expect(domainProblem(found!)).toMatchObject({
      status: 503,
      code: 'TEMPORAL_UNAVAILABLE',
      extra: { retryAfter: 10 },
    });
  });

  it('leaves other failures to the caller', () => {
    expect(temporalCallError(grpcError(5, 'workflow not found'), 2500)).toBeUndefined();
    expect(temporalCallError(new Error('boom'), 2500)).toBeUndefined();
  });
});

describe(temporalDeadlineInterceptors.name, () => {
  const storage = new AsyncLocalStorage<CallContext>();
  const connection = {
    callContextStorage: storage,
    withDeadline: <T>(deadline: number | Date, fn: () => Promise<T>) =>
      storage.run({ ...storage.getStore(), deadline }, fn),
  } as unknown as Connection;
  const [interceptor] = temporalDeadlineInterceptors(connection, 'default', 2500).workflow;
  const input = {} as WorkflowQueryInput;

  it('gives a call without a deadline one, and keeps the caller’s own', async () => {
    const seen = () => Promise.resolve(storage.getStore()?.deadline);
    const before = Date.now();
    const given = (await interceptor!.query!(input, seen)) as number;
    expect(given).toBeGreaterThanOrEqual(before + 2500);
    const own = new Date(before + 60_000);
    expect(await storage.run({ deadline: own }, () => interceptor!.query!(input, seen))).toBe(own);
  });

  it('turns a missed deadline into the problem', async () => {
    const failing = () => Promise.reject(grpcError(DEADLINE_EXCEEDED, 'Deadline exceeded'));
    await expect(interceptor!.query!(input, failing)).rejects.toBeInstanceOf(TemporalTimeoutError);
  });
});

describe('waiting for an update', () => {
  const storage = new AsyncLocalStorage<CallContext>();
  let polls: (object | undefined)[] = [];
  const connection = {
    callContextStorage: storage,
    withDeadline: <T>(deadline: number | Date, fn: () => Promise<T>) =>
      storage.run({ ...storage.getStore(), deadline }, fn),
    workflowService: {
      pollWorkflowExecutionUpdate: () => Promise.resolve({ outcome: polls.shift() }),
    },
  } as unknown as Connection;
  const input = (waitForStage: string) =>
    ({
      workflowExecution: { workflowId: 'member-case-1' },
      waitForStage,
    }) as unknown as WorkflowStartUpdateInput;
  const accepted: WorkflowStartUpdateOutput = { updateId: 'u1', workflowRunId: 'r1' };
  const completed = { success: { payloads: [] } };

  it('waits for the outcome within the deadline when the caller waits for completion', async () => {
    const [interceptor] = temporalDeadlineInterceptors(connection, 'default', 60_000).workflow;
    polls = [undefined, completed];
    const output = await interceptor!.startUpdate!(input('COMPLETED'), () => Promise.resolve(accepted));
    expect(output).toEqual({ ...accepted, outcome: completed });
    // A caller that waits only for acceptance gets the handle at once.
    polls = [completed];
    expect(await interceptor!.startUpdate!(input('ACCEPTED'), () => Promise.resolve(accepted))).toBe(
      accepted,
    );
  });

  it('gives up with 504 when the update is still running as the deadline comes', async () => {
    const [interceptor] = temporalDeadlineInterceptors(connection, 'default', 500).workflow;
    polls = [undefined, undefined, undefined];
    await expect(
      interceptor!.startUpdate!(input('COMPLETED'), () => Promise.resolve(accepted)),
    ).rejects.toBeInstanceOf(TemporalTimeoutError);
  });
});
