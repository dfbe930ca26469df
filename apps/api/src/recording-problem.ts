import { ProblemError } from '@app/config';
import { recordingFailureFrom } from '@app/workflows/shared/recording-failure';

/**
 * A step whose recording failed inside the workflow, as a problem: data the database refused is the client's to
 * correct (422 RECORDING_REJECTED: nothing was recorded); an activity that kept failing otherwise is the
 * service's (503 RECORDING_FAILED). Either way the case is as it was and takes its next action.
 */
export function recordingProblem(error: unknown): ProblemError | undefined {
  const failure = recordingFailureFrom(error);
  if (!failure) return undefined;
  if (failure.kind === 'DATA') {
    const code = failure.details?.sqlState ?? failure.details?.prismaCode;
    return new ProblemError(
      422,
      'RECORDING_REJECTED',
      '数据无法保存',
      `The database refused the data${code ? ` (${code})` : ''}; nothing was recorded. Correct it and send ` +
        'it again.',
      { sqlState: failure.details?.sqlState ?? null },
    );
  }
  return new ProblemError(
    503,
    'RECORDING_FAILED',
    '暂时无法记录',
    'Recording the step kept failing and was given up; the case is as it was. Send it again later.',
  );
}
