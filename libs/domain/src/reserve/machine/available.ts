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
import { ageOutDate } from '../reserve-pool';
import { type ReserveActionType } from './actions';
import { type ReserveContext, type ReservistState, isReservistOpen } from './state';
import { linkViolations, notAgedOut, reserveNoticeRule } from './checks';
import { RESERVE_NEEDS, stepAllows } from './validate';

/** What holds back an action the entry's step or status allows: the notice runs its time, age-out waits for the day. */
const GATES: Partial<Record<ReserveActionType, (state: ReservistState, ctx: ReserveContext) => Gate>> = {
  START_NOTICE: (state) =>
    state.notice ? blocked([violation('NOTICE_ALREADY_STARTED', null, '已公示')]) : ANY_DAY,
  RECORD_OBJECTION: (state) => objectionGate(state.notice),
  CLOSE_NOTICE: (state, { policy }) => closeNoticeGate(state.notice, reserveNoticeRule(policy)),
  LINK_MEMBER_CASE: (state) => {
    const violations = linkViolations(state);
    return violations.length > 0 ? blocked(violations) : ANY_DAY;
  },
  AGE_OUT: (state, { policy }) => notBefore(ageOutDate(state.birthDate, policy), notAgedOut(state, policy)),
};

/** The actions the entry's step or status allows, each with the earliest date it may carry, or why not yet. */
export function availableReserveActions(
  state: ReservistState,
  ctx: ReserveContext,
  today: LocalDate,
): AvailableAction<ReserveActionType>[] {
  if (!isReservistOpen(state)) return [];
  return (Object.keys(RESERVE_NEEDS) as ReserveActionType[])
    .filter((type) => stepAllows(state, type))
    .map((type) => availability(type, GATES[type]?.(state, ctx) ?? ANY_DAY, state.lastDate, today));
}
