import { type ActionHandlers, dateOrderViolation, dispatch } from '../../kernel/case-machine';
import { type NoticeAction, type NoticeRule, checkNoticeAction } from '../../kernel/public-notice';
import { type RuleViolation, violation } from '../../kernel/rules/rule-violation';
import { compareLocalDates } from '../../kernel/time/local-date';
import { checkCommitteeVote } from '../../member/meeting-vote';
import { type ReservePolicy, type ReserveStatus, ageOutDate, checkReviewOutcome } from '../reserve-pool';
import { type ReserveAction, type ReserveActionType } from './actions';
import {
  RESERVE_ARTICLE as ARTICLE,
  type ReserveContext,
  type ReserveEntryStep,
  type ReservistState,
  type ReservistStatus,
  isReservistOpen,
} from './state';

/** The entry step (while entering) or the pool status each action needs. */
export const RESERVE_NEEDS: Record<ReserveActionType, readonly (ReserveEntryStep | ReservistStatus)[]> = {
  RECOMMEND: ['RECOMMENDED'],
  REVIEW_QUALIFICATION: ['RECOMMENDED'],
  RECORD_VETTING: ['QUALIFIED'],
  SELECT: ['VETTED'],
  START_NOTICE: ['SELECTED'],
  RECORD_OBJECTION: ['SELECTED'],
  CLOSE_NOTICE: ['SELECTED'],
  DECIDE_REVIEW: ['ACTIVE', 'LISTED_FOR_INSPECTION'],
  REPORT_NEGATIVE_EVENT: ['ENTERING', 'ACTIVE', 'LISTED_FOR_INSPECTION'],
  LINK_MEMBER_CASE: ['ENTERING', 'ACTIVE', 'LISTED_FOR_INSPECTION'],
  AGE_OUT: ['ENTERING', 'ACTIVE', 'LISTED_FOR_INSPECTION'],
};

export function stepAllows(state: ReservistState, type: ReserveActionType): boolean {
  const needs = RESERVE_NEEDS[type];
  return needs.includes(state.status) || (state.status === 'ENTERING' && needs.includes(state.entryStep));
}

/** Everything that forbids the action now; empty when it may be recorded. */
export function validateReserveAction(
  state: ReservistState,
  action: ReserveAction,
  ctx: ReserveContext,
): RuleViolation[] {
  if (!isReservistOpen(state)) {
    return [violation('RESERVE_ENTRY_CLOSED', ARTICLE, '该人员已出库、已使用或未入库')];
  }
  if (!stepAllows(state, action.type)) {
    return [
      violation('STEP_OUT_OF_ORDER', ARTICLE, `当前状态（${state.status}/${state.entryStep}）不能办理此步骤`),
    ];
  }
  const lateDate = dateOrderViolation(action.date, state.lastDate);
  if (lateDate) return [lateDate];
  return dispatch(ACTION_RULES, state, action, ctx, []);
}

/** The notice before entry (公示). */
export const reserveNoticeRule = (policy: ReservePolicy): NoticeRule => ({
  name: '公示',
  minWorkingDays: policy.noticeWorkingDays,
  article: ARTICLE,
  then: '入库',
});

const noticeRule = (state: ReservistState, action: NoticeAction, ctx: ReserveContext) =>
  checkNoticeAction(state.notice, action, reserveNoticeRule(ctx.policy), ctx.calendar);

/** The rules specific to each action's body (the step and the date are checked before). */
const ACTION_RULES: Partial<ActionHandlers<ReserveAction, ReservistState, ReserveContext, RuleViolation[]>> =
  {
    RECOMMEND: (state, action) =>
      state.recommendations.some((previous) => previous.channel === action.channel)
        ? [violation('RECOMMENDATION_CHANNEL_REPEATED', ARTICLE, '同一推荐渠道已推荐过')]
        : [],
    RECORD_VETTING: (_state, action) => {
      if (action.departments.length === 0) {
        return [violation('VETTING_WITHOUT_DEPARTMENTS', ARTICLE, '联审须有部门意见')];
      }
      return action.departments.some((answer) => answer.result !== 'PASS' && !answer.note.trim())
        ? [violation('REASON_REQUIRED', null, '不通过或有疑虑须说明理由')]
        : [];
    },
    SELECT: (state, action) => {
      const violations = checkCommitteeVote(
        action.committeeVote,
        action.approved,
        '乡镇党委研究确定后备力量人选',
      );
      if (action.approved && state.vettingConcerns?.length && !action.concernsFinding?.trim()) {
        violations.push(violation('CONCERNS_NOT_ADDRESSED', ARTICLE, '联审提出的疑虑须在研究确定时作出结论'));
      }
      return violations;
    },
    START_NOTICE: (state, action, ctx) =>
      state.notice ? [violation('NOTICE_ALREADY_STARTED', null, '已公示')] : noticeRule(state, action, ctx),
    RECORD_OBJECTION: noticeRule,
    CLOSE_NOTICE: noticeRule,
    DECIDE_REVIEW: (state, action) => {
      if (state.reviews[action.reviewId]) {
        return [violation('REVIEW_ALREADY_DECIDED', ARTICLE, '本次分析研判已对该人员作出结论')];
      }
      const outcome = checkReviewOutcome(state.status as ReserveStatus, action.outcome);
      if (outcome.length > 0) return outcome;
      if (action.outcome.kind === 'LIST_FOR_INSPECTION' && !action.outcome.post.trim()) {
        return [violation('POST_REQUIRED', ARTICLE, '列为考察对象须说明拟任岗位')];
      }
      return [];
    },
    LINK_MEMBER_CASE: (state) => linkViolations(state),
    AGE_OUT: (state, action, ctx) =>
      compareLocalDates(action.date, ageOutDate(state.birthDate, ctx.policy)) < 0
        ? [notAgedOut(state, ctx.policy)]
        : [],
  };

/** The workflow removes a reservist for age on the day they pass the limit, not before. */
export function notAgedOut(state: ReservistState, policy: ReservePolicy): RuleViolation {
  return violation('NOT_AGED_OUT', ARTICLE, `${ageOutDate(state.birthDate, policy)}方超龄`);
}

/** A reserve entry links one member-development case, and only while the reservist is not a member yet. */
export function linkViolations(state: ReservistState): RuleViolation[] {
  if (state.memberCaseId) return [violation('MEMBER_CASE_ALREADY_LINKED', null, '已关联入党流程')];
  return state.facts && ['PROBATIONARY_MEMBER', 'FULL_MEMBER'].includes(state.facts.politicalStatus)
    ? [violation('ALREADY_A_MEMBER', ARTICLE, '该后备力量已是党员')]
    : [];
}
