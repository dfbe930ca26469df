import { type OpenTask } from '../../kernel/case-machine';
import { type PipelineActor, pipelineTask } from '../../cadre/machine/tasks';
import { type ReserveActionType } from './actions';
import { type ReservistState } from './state';

/**
 * The entry step a reservist waits for (三推二审一选一公示). Half-year review decisions are not derived from the
 * entry: a review opens them for every reservist of the township at once (see the reserve-review workflow).
 */
export function reservistOpenTasks(state: ReservistState): OpenTask<ReserveActionType, PipelineActor>[] {
  const task = pipelineTask<ReserveActionType>;
  if (state.status !== 'ENTERING') return [];
  switch (state.entryStep) {
    case 'RECOMMENDED':
      return [task('REVIEW_QUALIFICATION', 2)];
    case 'QUALIFIED':
      return [task('RECORD_VETTING', 3)];
    case 'VETTED':
      return [task('SELECT', 4)];
    case 'SELECTED':
      return state.notice
        ? [task('CLOSE_NOTICE', 5, 'TOWNSHIP', state.notice.end)]
        : [task('START_NOTICE', 5)];
  }
}

/** The step number a half-year review decision has in the backlog (after the five entry steps). */
export const RESERVE_REVIEW_STEP = 6;
