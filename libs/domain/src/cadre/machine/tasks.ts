import { type OpenTask } from '../../kernel/case-machine';
import { type LocalDate } from '../../kernel/time/local-date';
import { CADRE_POSTS } from '../programmes';
import { type CadreActionType } from './actions';
import { type CadreCaseState, type CadreContext } from './state';

/** Who acts on a cadre case or a reservist: the township committee above the village, or the county org department. */
export type PipelineActor = 'TOWNSHIP' | 'COUNTY_DEPARTMENT';

/**
 * A step a cadre case or a reservist waits for, as the committees' backlog shows it: who acts, by when, and
 * `ref` when one step is awaited several times at once (one joint-review answer per department, one decision
 * per half-year review).
 */
export type PipelineTask = OpenTask<string, PipelineActor>;

/** A task of a cadre or reserve pipeline (no hard caps there). */
export const pipelineTask = <Type extends string>(
  action: Type,
  step: number,
  actor: PipelineActor = 'TOWNSHIP',
  dueOn: LocalDate | null = null,
  ref = '',
): OpenTask<Type, PipelineActor> => ({ action, step, actor, ref, dueOn, capOn: null });

/** What a recruitment case waits for (P2–P9); nothing once it is closed. */
export function cadreOpenTasks(
  state: CadreCaseState,
  ctx: CadreContext,
): OpenTask<CadreActionType, PipelineActor>[] {
  const task = pipelineTask<CadreActionType>;
  if (state.status === 'CLOSED') return [];
  switch (state.stage) {
    case 'NOMINATED':
      return [task('REVIEW_QUALIFICATION', 2)];
    case 'QUALIFIED':
      return [task('OPEN_JOINT_REVIEW', 3)];
    case 'JOINT_REVIEW': {
      const review = state.jointReview;
      const answers = review?.answers ?? {};
      const pending = ctx.programme.jointReviewDepartments.filter((department) => !answers[department]);
      if (pending.length > 0) {
        return pending.map((department) =>
          task('RECORD_DEPARTMENT_OPINION', 3, 'COUNTY_DEPARTMENT', review?.due ?? null, department),
        );
      }
      return [task('RESOLVE_CONCERNS', 3)];
    }
    case 'ASSESSMENT':
      return [task('RECORD_ASSESSMENT', 4)];
    case 'DECISION':
      return [task('DECIDE', 5)];
    case 'NOTICE':
      return state.notice
        ? [task('CLOSE_NOTICE', 6, 'TOWNSHIP', state.notice.end)]
        : [task('START_NOTICE', 6)];
    case 'PLACEMENT':
      return [task(CADRE_POSTS[state.post].filledBy === 'ELECTION' ? 'RECORD_ELECTION' : 'APPOINT', 7)];
    case 'TRIAL':
      return [task('REVIEW_TRIAL', 8, 'TOWNSHIP', state.trial?.end ?? null)];
    case 'CONFIRMED':
    case 'EXITED':
      return [task('FILE_WITH_COUNTY', 9, 'COUNTY_DEPARTMENT')];
  }
}
