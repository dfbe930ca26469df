import {
  ANY_DAY,
  type AvailableAction,
  type Gate,
  availability,
  blocked,
  notBefore,
} from '../../kernel/case-machine';
import { closeNoticeGate, objectionGate } from '../../kernel/public-notice';
import { violation } from '../../kernel/rules/rule-violation';
import { type LocalDate } from '../../kernel/time/local-date';
import { type CadreActionType } from './actions';
import { type CadreCaseState, type CadreContext } from './state';
import {
  appointmentViolations,
  cadreNoticeRule,
  concernsViolations,
  electionViolations,
  jointReviewState,
  trialNotEnded,
} from './checks';
import { CADRE_NEEDS } from './validate';

const unlessViolated = (violations: ReturnType<typeof appointmentViolations>): Gate =>
  violations.length > 0 ? blocked(violations) : ANY_DAY;

/** What holds back an action the stage allows: the notice and the trial run their time, the post decides P7. */
const GATES: Partial<Record<CadreActionType, (state: CadreCaseState, ctx: CadreContext) => Gate>> = {
  RECORD_DEPARTMENT_OPINION: (state, { programme }) =>
    jointReviewState(state, programme).pending.length > 0
      ? ANY_DAY
      : blocked([violation('DEPARTMENT_ALREADY_ANSWERED', null, '联审部门均已反馈意见')]),
  RESOLVE_CONCERNS: (state, { programme }) => unlessViolated(concernsViolations(state, programme)),
  RECORD_OBJECTION: (state) => objectionGate(state.notice),
  CLOSE_NOTICE: (state, { programme }) => closeNoticeGate(state.notice, cadreNoticeRule(programme)),
  APPOINT: (state) => unlessViolated(appointmentViolations(state)),
  RECORD_ELECTION: (state) => unlessViolated(electionViolations(state)),
  // Passing or extending the trial waits for its end; failing it may come earlier.
  REVIEW_TRIAL: (state) => notBefore(state.trial!.end, trialNotEnded(state.trial!.end)),
};

/** The actions the case's stage allows, each with the earliest date it may carry, or why not yet. */
export function availableCadreActions(
  state: CadreCaseState,
  ctx: CadreContext,
  today: LocalDate,
): AvailableAction<CadreActionType>[] {
  if (state.status === 'CLOSED') return [];
  return (Object.keys(CADRE_NEEDS) as CadreActionType[])
    .filter((type) => CADRE_NEEDS[type].includes(state.stage))
    .map((type) => availability(type, GATES[type]?.(state, ctx) ?? ANY_DAY, state.lastDate, today));
}
