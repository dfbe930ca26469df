import { type NoticeRule } from '../../kernel/public-notice';
import { type RuleViolation, violation } from '../../kernel/rules/rule-violation';
import { type ReservePolicy, ageOutDate } from '../reserve-pool';
import { RESERVE_ARTICLE as ARTICLE, type ReservistState } from './state';

/** The notice before entry (公示). */
export const reserveNoticeRule = (policy: ReservePolicy): NoticeRule => ({
  name: '公示',
  minWorkingDays: policy.noticeWorkingDays,
  article: ARTICLE,
  then: '入库',
});

/** The workflow removes a reservist for age on the day they pass the limit, not before. */
export function notAgedOut(state: ReservistState, policy: ReservePolicy): RuleViolation {
  return violation('NOT_AGED_OUT', ARTICLE, `${ageOutDate(state.birthDate, policy)}方超龄`, 'date');
}

/** A reserve entry links one member-development case, and only while the reservist is not a member yet. */
export function linkViolations(state: ReservistState): RuleViolation[] {
  if (state.memberCaseId) return [violation('MEMBER_CASE_ALREADY_LINKED', null, '已关联入党流程')];
  return state.facts && ['PROBATIONARY_MEMBER', 'FULL_MEMBER'].includes(state.facts.politicalStatus)
    ? [violation('ALREADY_A_MEMBER', ARTICLE, '该后备力量已是党员')]
    : [];
}
