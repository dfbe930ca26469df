import { type LocalDate } from '../../kernel/time/local-date';
import { type CadreCaseState } from './state';

export type CadreDeadlineKind = 'JOINT_REVIEW_DUE' | 'TRIAL_END';

/**
 * What the case owes by a date a rule sets: the departments' joint-review answers, and the trial review when
 * the trial ends. (The notice's end only allows the next step; it is in `notice.end`.)
 */
export function cadreCaseDeadlines(
  state: CadreCaseState,
): { readonly kind: CadreDeadlineKind; readonly due: LocalDate }[] {
  if (state.status === 'CLOSED') return [];
  if (state.stage === 'JOINT_REVIEW' && state.jointReview) {
    return [{ kind: 'JOINT_REVIEW_DUE', due: state.jointReview.due }];
  }
  if (state.stage === 'TRIAL' && state.trial) return [{ kind: 'TRIAL_END', due: state.trial.end }];
  return [];
}
