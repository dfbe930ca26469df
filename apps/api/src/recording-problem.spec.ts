import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ActivityFailure, ApplicationFailure } from '@temporalio/common';

import { violation } from '@app/domain';
import { DATA_ERROR_FAILURE, notRecordedFailure } from '@app/workflows/shared/recording-failure';
import { ruleViolationFailure } from '@app/workflows/shared/rule-violation-failure';

import { recordingProblem } from './recording-problem';

/** An update failed because its recording activity failed with `cause`, as the client hands it over. */
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

describe(recordingProblem.name, () => {
  it('answers data the database refused with 422 RECORDING_REJECTED', () => {
    const problem = recordingProblem(updateFailed(dataError(), 'NON_RETRYABLE_FAILURE'));
    expect(problem).toMatchObject({ status: 422, code: 'RECORDING_REJECTED', extra: { sqlState: '22021' } });
    expect(problem?.detail).toContain('22021');
  });

  it('answers a case whose first recording was refused the same way', () => {
    const activity = new ActivityFailure(
      'failed',
      'recordApplication',
      '1',
      'NON_RETRYABLE_FAILURE',
      'w',
      dataError(),
    );
    const problem = recordingProblem(new WorkflowUpdateFailedError('failed', notRecordedFailure(activity)));
    expect(problem).toMatchObject({ status: 422, code: 'RECORDING_REJECTED' });
  });

  it('answers a recording whose attempts ran out with 503 RECORDING_FAILED', () => {
    const problem = recordingProblem(updateFailed(new Error('connection lost'), 'MAXIMUM_ATTEMPTS_REACHED'));
    expect(problem).toMatchObject({ status: 503, code: 'RECORDING_FAILED' });
  });

  it('leaves broken rules and other errors to their own mapping', () => {
    const broken = ruleViolationFailure(violation('CASE_CLOSED', null, '案件已办结'));
    expect(recordingProblem(updateFailed(broken, 'NON_RETRYABLE_FAILURE'))).toBeUndefined();
    expect(recordingProblem(new WorkflowUpdateFailedError('failed', broken))).toBeUndefined();
    expect(recordingProblem(new Error('something else'))).toBeUndefined();
  });
});
