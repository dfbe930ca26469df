import {
  type Client,
  ScheduleAlreadyRunning,
  ScheduleNotFoundError,
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
} from '@temporalio/client';
import { ActivityFailure, ApplicationFailure } from '@temporalio/common';

import { type TemporalConfig } from '@app/config';
import {
  CaseAlreadyOpen,
  CaseClosed,
  CaseNotFound,
  CaseRulesBroken,
  EngineTimeout,
  EngineUnavailable,
  type MemberAction,
  type OrgUnit,
  RecordingDelayed,
  RecordingNotCompleted,
  RecordingRejected,
  ReviewScheduleNotFound,
  violation,
} from '@app/domain';
import {
  type CadreActionInput,
  type CadreRecruitmentInput,
  type MemberDevelopmentInput,
  type ReserveActionInput,
  type ReservistInput,
} from '@app/workflows';
import { DATA_ERROR_FAILURE, notRecordedFailure } from '@app/workflows/shared/recording-failure';
import { ruleViolationFailure } from '@app/workflows/shared/rule-violation-failure';

import { TemporalTimeoutError } from '../temporal-deadlines';
import {
  TemporalCadreCaseGateway,
  TemporalMemberCaseGateway,
  TemporalReservistGateway,
} from './temporal-case-gateways';
import { TemporalReviewScheduleGateway } from './temporal-review-schedule.gateway';

const config = { TEMPORAL_TASK_QUEUE: 'q', TEMPORAL_CALL_TIMEOUT_MS: 2500 } as TemporalConfig;

/** A Temporal client whose every workflow call fails with `error` (or answers `answer`). */
function fakeClient(outcome: { error?: Error; answer?: unknown }) {
  const settle = jest.fn(() =>
    outcome.error === undefined ? Promise.resolve(outcome.answer) : Promise.reject(outcome.error),
  );
  const handle = { executeUpdate: settle, query: settle };
  const getHandle = jest.fn(() => handle);
  const client = { workflow: { executeUpdateWithStart: settle, getHandle } } as unknown as Client;
  return { client, settle, getHandle };
}

/** An update that failed because its recording activity failed with `cause`, as the client hands it over. */
const updateFailed = (cause: Error, retryState: 'NON_RETRYABLE_FAILURE' | 'MAXIMUM_ATTEMPTS_REACHED') =>
  new WorkflowUpdateFailedError(
    'Workflow Update failed',
    new ActivityFailure('Activity task failed', 'recordMemberAction', '1', retryState, 'worker', cause),
  );
const dataError = () =>
  ApplicationFailure.create({
    type: DATA_ERROR_FAILURE,
    message: 'the database refused the data',
    details: [{ sqlState: '22021', prismaCode: 'P2039' }],
    nonRetryable: true,
  });
const broken = (code: string, existingId?: string) =>
  new WorkflowUpdateFailedError(
    'Workflow Update failed',
    ruleViolationFailure({ ...violation(code, '§3', '违反'), ...(existingId ? { existingId } : {}) }),
  );
const grpcError = (code: number, details: string) =>
  Object.assign(new Error(`${code} ${details}`), { code, details, metadata: {} });

const memberInput = { caseId: 'c-1' } as MemberDevelopmentInput;
const memberAction = { type: 'RECORD_OATH' } as MemberAction;

const member = (outcome: { error?: Error; answer?: unknown }) => {
  const fake = fakeClient(outcome);
  return { ...fake, gateway: new TemporalMemberCaseGateway(fake.client, config) };
};
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );

describe(TemporalMemberCaseGateway.name, () => {
  it('starts the case under its workflow id and answers what the workflow recorded', async () => {
    const { gateway, settle } = member({ answer: { requestFingerprint: 'f' } });
    await expect(gateway.start(memberInput)).resolves.toEqual({ requestFingerprint: 'f' });
    const [, options] = settle.mock.calls[0] as unknown as [
      unknown,
      { startWorkflowOperation: { options: Record<string, unknown> } },
    ];
    expect(options.startWorkflowOperation.options).toMatchObject({
      workflowId: 'member-case-c-1',
      taskQueue: 'q',
      workflowIdConflictPolicy: 'USE_EXISTING',
      workflowIdReusePolicy: 'ALLOW_DUPLICATE_FAILED_ONLY',
      args: [memberInput],
    });
  });

  it('turns the first recording’s "already open" into CaseAlreadyOpen, nothing disclosed yet', async () => {
    const error = await failure(
      member({ error: broken('MEMBER_CASE_ALREADY_OPEN', 'c-0') }).gateway.start(memberInput),
    );
    expect(error).toBeInstanceOf(CaseAlreadyOpen);
    expect(error).toMatchObject({ pipeline: 'MEMBER_DEVELOPMENT', existingId: 'c-0', disclosed: false });
  });

  it('turns other broken rules into CaseRulesBroken, "already open" too once the case acts', async () => {
    const started = await failure(
      member({ error: broken('T15_APPLICANT_UNDER_18') }).gateway.start(memberInput),
    );
    expect(started).toBeInstanceOf(CaseRulesBroken);
    expect(started).toMatchObject({
      pipeline: 'MEMBER_DEVELOPMENT',
      violations: [{ code: 'T15_APPLICANT_UNDER_18', article: '§3' }],
    });
    const acted = await failure(
      member({ error: broken('MEMBER_CASE_ALREADY_OPEN') }).gateway.act('c-1', memberAction),
    );
    expect(acted).toBeInstanceOf(CaseRulesBroken);
  });

  it('turns a closed case’s id into CaseClosed (REOPEN), and a start past its deadline into RecordingDelayed', async () => {
    const taken = new WorkflowExecutionAlreadyStartedError(
      'started',
      'member-case-c-1',
      'memberDevelopmentWorkflow',
    );
    expect(await failure(member({ error: taken }).gateway.start(memberInput))).toEqual(
      new CaseClosed('MEMBER_CASE', 'c-1', 'REOPEN'),
    );
    const late = await failure(member({ error: new TemporalTimeoutError(2500) }).gateway.start(memberInput));
    expect(late).toBeInstanceOf(RecordingDelayed);
    expect(late).toMatchObject({ kind: 'MEMBER_CASE', id: 'c-1' });
  });

  it('acts with the update id given, and turns failed recordings into their domain errors', async () => {
    const { gateway, settle, getHandle } = member({ answer: { id: 'c-1' } });
    await gateway.act('c-1', memberAction, 'u-1');
    expect(getHandle).toHaveBeenCalledWith('member-case-c-1');
    expect(settle.mock.calls[0]).toEqual([expect.anything(), { args: [memberAction], updateId: 'u-1' }]);

    const refused = await failure(
      member({ error: updateFailed(dataError(), 'NON_RETRYABLE_FAILURE') }).gateway.act('c-1', memberAction),
    );
    expect(refused).toBeInstanceOf(RecordingRejected);
    expect(refused).toMatchObject({ refusal: { sqlState: '22021', prismaCode: 'P2039' } });
    const activity = new ActivityFailure(
      'failed',
      'recordApplication',
      '1',
      'NON_RETRYABLE_FAILURE',
      'w',
      dataError(),
    );
    const firstRefused = new WorkflowUpdateFailedError('failed', notRecordedFailure(activity));
    expect(await failure(member({ error: firstRefused }).gateway.start(memberInput))).toBeInstanceOf(
      RecordingRejected,
    );
    const givenUp = updateFailed(new Error('connection lost'), 'MAXIMUM_ATTEMPTS_REACHED');
    expect(await failure(member({ error: givenUp }).gateway.act('c-1', memberAction))).toBeInstanceOf(
      RecordingNotCompleted,
    );
  });

  it('turns a missing workflow into CaseNotFound when read and CaseClosed (ACT) when acted on', async () => {
    const gone = new WorkflowNotFoundError('not found', 'member-case-c-1', undefined);
    expect(await failure(member({ error: gone }).gateway.snapshot('c-1'))).toEqual(
      new CaseNotFound('MEMBER_CASE', 'c-1'),
    );
    expect(await failure(member({ error: gone }).gateway.availableActions('c-1'))).toBeInstanceOf(
      CaseNotFound,
    );
    expect(await failure(member({ error: gone }).gateway.act('c-1', memberAction))).toEqual(
      new CaseClosed('MEMBER_CASE', 'c-1', 'ACT'),
    );
  });

  it('turns the transport’s failures into EngineTimeout and EngineUnavailable, and leaves defects as they are', async () => {
    const late = await failure(member({ error: grpcError(4, 'Deadline exceeded') }).gateway.snapshot('c-1'));
    expect(late).toBeInstanceOf(EngineTimeout);
    expect(late).toMatchObject({ timeoutMs: 2500 });
    const down = await failure(
      member({ error: grpcError(14, 'No connection') }).gateway.act('c-1', memberAction),
    );
    expect(down).toBeInstanceOf(EngineUnavailable);
    const defect = new TypeError('x is undefined');
    expect(await failure(member({ error: defect }).gateway.snapshot('c-1'))).toBe(defect);
  });
});

describe(TemporalCadreCaseGateway.name, () => {
  const cadre = (outcome: { error?: Error; answer?: unknown }) => {
    const fake = fakeClient(outcome);
    return { ...fake, gateway: new TemporalCadreCaseGateway(fake.client, config) };
  };
  const input = { caseId: 'k-1' } as CadreRecruitmentInput;

  it('answers its own pipeline’s errors, a start past its deadline being EngineTimeout', async () => {
    expect(
      await failure(cadre({ error: broken('CADRE_CASE_ALREADY_OPEN', 'k-0') }).gateway.start(input)),
    ).toMatchObject({
      pipeline: 'CADRE_RECRUITMENT',
      existingId: 'k-0',
    });
    const closed = await failure(
      cadre({ error: broken('CASE_CLOSED') }).gateway.act('k-1', {} as CadreActionInput),
    );
    expect(closed).toBeInstanceOf(CaseRulesBroken);
    expect(closed).toMatchObject({ pipeline: 'CADRE_RECRUITMENT' });
    const taken = new WorkflowExecutionAlreadyStartedError(
      'started',
      'cadre-case-k-1',
      'cadreRecruitmentWorkflow',
    );
    expect(await failure(cadre({ error: taken }).gateway.start(input))).toEqual(
      new CaseClosed('CADRE_CASE', 'k-1', 'REOPEN'),
    );
    const late = await failure(cadre({ error: new TemporalTimeoutError(2500) }).gateway.start(input));
    expect(late).toBeInstanceOf(EngineTimeout);
    expect(late).not.toBeInstanceOf(RecordingDelayed);
  });
});

describe(TemporalReservistGateway.name, () => {
  const reservist = (outcome: { error?: Error; answer?: unknown }) => {
    const fake = fakeClient(outcome);
    return { ...fake, gateway: new TemporalReservistGateway(fake.client, config) };
  };

  it('starts under the reservist’s workflow id and names its entries', async () => {
    const { gateway, getHandle } = reservist({ answer: {} });
    await gateway.snapshot('e-1');
    expect(getHandle).toHaveBeenCalledWith('reserve-entry-e-1');
    const open = await failure(
      reservist({ error: broken('RESERVE_ENTRY_ALREADY_OPEN', 'e-0') }).gateway.start({
        entryId: 'e-1',
      } as ReservistInput),
    );
    expect(open).toBeInstanceOf(CaseAlreadyOpen);
    const gone = new WorkflowNotFoundError('not found', 'reserve-entry-e-1', undefined);
    expect(await failure(reservist({ error: gone }).gateway.act('e-1', {} as ReserveActionInput))).toEqual(
      new CaseClosed('RESERVE_ENTRY', 'e-1', 'ACT'),
    );
  });
});

describe(TemporalReviewScheduleGateway.name, () => {
  const township = { id: 't-1', code: 'T1' } as OrgUnit;

  it('replaces a schedule that exists, and names a missing one ReviewScheduleNotFound', async () => {
    const update = jest.fn(() => Promise.resolve());
    const remove = jest.fn(() => Promise.reject(new ScheduleNotFoundError('missing', 'reserve-review-t-1')));
    const client = {
      schedule: {
        create: () => Promise.reject(new ScheduleAlreadyRunning('exists', 'reserve-review-t-1')),
        getHandle: () => ({ update, delete: remove }),
      },
    } as unknown as Client;
    const gateway = new TemporalReviewScheduleGateway(client, config);
    await gateway.put(township);
    expect(update).toHaveBeenCalledTimes(1);
    expect(await failure(gateway.remove(township))).toEqual(new ReviewScheduleNotFound('T1'));
  });

  it('turns an unreachable server into EngineUnavailable', async () => {
    const client = {
      schedule: { getHandle: () => ({ trigger: () => Promise.reject(grpcError(14, 'No connection')) }) },
    } as unknown as Client;
    expect(await failure(new TemporalReviewScheduleGateway(client, config).trigger(township))).toBeInstanceOf(
      EngineUnavailable,
    );
  });
});
