import { type ActionHandlers, type Transition, dispatch } from '../../kernel/case-machine';
import { applyNoticeAction, closeNotice } from '../../kernel/public-notice';
import { violation } from '../../kernel/rules/rule-violation';
import { type LocalDate } from '../../kernel/time/local-date';
import { negativeRecordApplies } from '../../cadre/qualification';
import { checkReserveEntry } from '../reserve-pool';
import { type ReserveAction } from './actions';
import {
  RESERVE_ARTICLE as ARTICLE,
  type RemovalCode,
  type ReserveContext,
  type ReservistEvent,
  type ReservistState,
} from './state';

type Result = Transition<ReservistState, ReservistEvent>;

/** Records a validated action: the new state and the events it produces. */
export function applyReserveAction(
  state: ReservistState,
  action: ReserveAction,
  ctx: ReserveContext,
): Result {
  return dispatch(FACTS, state, action, ctx, { state: { ...state, lastDate: action.date }, events: [] });
}

/** Ends the entry on `date` before it reached the pool, for these reasons. */
const refuser =
  (state: ReservistState, date: LocalDate) =>
  (reasons: readonly { code: string; reason: string }[], extra: Partial<ReservistState> = {}): Result => ({
    state: {
      ...state,
      lastDate: date,
      ...extra,
      status: 'NOT_ADMITTED',
      left: { code: 'NOT_ADMITTED', reason: reasons.map((reason) => reason.reason).join('；'), on: date },
    },
    events: [{ kind: 'not-admitted', date, reasons }],
  });

/** Removes the reservist on `date` (an entry still entering is not admitted instead). */
const remover =
  (state: ReservistState, date: LocalDate) =>
  (code: RemovalCode, reason: string, reviewId?: string): Result => {
    if (state.status === 'ENTERING') return refuser(state, date)([{ code, reason }]);
    return {
      state: { ...state, lastDate: date, status: 'REMOVED', left: { code, reason, on: date } },
      events: [{ kind: 'removed', date, code, reason, ...(reviewId ? { reviewId } : {}) }],
    };
  };

const recordNotice = (
  state: ReservistState,
  action: Extract<ReserveAction, { type: 'START_NOTICE' | 'RECORD_OBJECTION' }>,
): Result => ({
  state: { ...state, lastDate: action.date, notice: applyNoticeAction(state.notice, action) },
  events: [],
});

/** What each action records (the rules were checked by validateReserveAction). */
const FACTS: ActionHandlers<ReserveAction, ReservistState, ReserveContext, Result> = {
  RECOMMEND: (state, action) => {
    const date = action.date;
    const next: ReservistState = { ...state, lastDate: action.date };
    return {
      state: {
        ...next,
        recommendations: [...state.recommendations, { channel: action.channel, by: action.by, on: date }],
      },
      events: [],
    };
  },
  REVIEW_QUALIFICATION: (state, action, ctx) => {
    const date = action.date;
    const next: ReservistState = { ...state, lastDate: action.date };
    const notAdmitted = refuser(state, action.date);
    const facts = {
      education: action.education,
      politicalStatus: action.politicalStatus,
      negativeRecords: action.negativeRecords,
    };
    const failures = checkReserveEntry(
      {
        ...facts,
        birthDate: state.birthDate,
        category: state.category,
        recommendations: state.recommendations.length,
      },
      ctx.policy,
      date,
    );
    if (
      state.category === 'YOUNG_MEMBER' &&
      !['PROBATIONARY_MEMBER', 'FULL_MEMBER'].includes(action.politicalStatus)
    ) {
      failures.push(violation('RESERVE_CATEGORY_NEEDS_MEMBER', ARTICLE, '“优秀年轻党员”须是党员'));
    }
    return failures.length === 0
      ? { state: { ...next, facts, entryStep: 'QUALIFIED' }, events: [] }
      : notAdmitted(
          failures.map(({ code, message }) => ({ code, reason: message })),
          { facts },
        );
  },
  RECORD_VETTING: (state, action) => {
    const next: ReservistState = { ...state, lastDate: action.date };
    const notAdmitted = refuser(state, action.date);
    const failed = action.departments.filter((answer) => answer.result === 'FAIL');
    return failed.length > 0
      ? notAdmitted(
          failed.map((answer) => ({
            code: 'JOINT_VETTING_FAILED',
            reason: `${answer.department}：${answer.note}`,
          })),
        )
      : {
          state: {
            ...next,
            entryStep: 'VETTED',
            vettingConcerns: action.departments
              .filter((answer) => answer.result === 'CONCERN')
              .map((answer) => `${answer.department}：${answer.note}`),
          },
          events: [],
        };
  },
  SELECT: (state, action) => {
    const next: ReservistState = { ...state, lastDate: action.date };
    const notAdmitted = refuser(state, action.date);
    return action.approved
      ? { state: { ...next, entryStep: 'SELECTED' }, events: [] }
      : notAdmitted([{ code: 'NOT_SELECTED', reason: '乡镇党委未确定为后备力量' }]);
  },
  START_NOTICE: recordNotice,
  RECORD_OBJECTION: recordNotice,
  CLOSE_NOTICE: (state, action) => {
    const date = action.date;
    const next: ReservistState = { ...state, lastDate: action.date };
    const notAdmitted = refuser(state, action.date);
    const { notice, upheld } = closeNotice(state.notice!, action);
    return upheld.length > 0
      ? notAdmitted(upheld, { notice })
      : {
          state: { ...next, notice, status: 'ACTIVE', enteredOn: date },
          events: [{ kind: 'admitted', date }],
        };
  },
  DECIDE_REVIEW: (state, action) => {
    const date = action.date;
    const next: ReservistState = { ...state, lastDate: action.date };
    const remove = remover(state, action.date);
    const { outcome, reviewId } = action;
    const reviews = { ...state.reviews, [reviewId]: outcome.kind };
    const reviewed: ReservistState = { ...next, reviews };
    switch (outcome.kind) {
      case 'RETAIN': {
        const { inspection: _ended, ...rest } = reviewed;
        return { state: { ...rest, status: 'ACTIVE' }, events: [{ kind: 'retained', date, reviewId }] };
      }
      case 'LIST_FOR_INSPECTION':
        return {
          state: {
            ...reviewed,
            status: 'LISTED_FOR_INSPECTION',
            inspection: { post: outcome.post, on: date },
          },
          events: [{ kind: 'listed-for-inspection', date, reviewId, post: outcome.post }],
        };
      case 'USE':
        return {
          state: { ...reviewed, status: 'USED', used: { cadreCaseId: outcome.cadreCaseId, on: date } },
          events: [{ kind: 'used', date, reviewId, cadreCaseId: outcome.cadreCaseId }],
        };
      case 'REMOVE': {
        const removed = remove('REVIEW', outcome.reason, reviewId);
        return { state: { ...removed.state, reviews }, events: removed.events };
      }
    }
    return { state: next, events: [] };
  },
  REPORT_NEGATIVE_EVENT: (state, action) => {
    const date = action.date;
    const next: ReservistState = { ...state, lastDate: action.date };
    const remove = remover(state, action.date);
    const facts = state.facts
      ? { ...state.facts, negativeRecords: [...state.facts.negativeRecords, action.record] }
      : undefined;
    // A negative-list item in its window removes the reservist at once (DOMAIN §3 动态调整).
    const outcome = negativeRecordApplies(action.record, date)
      ? remove('NEGATIVE_EVENT', '出现负面清单情形，自动出库')
      : { state: next, events: [] };
    return { state: { ...outcome.state, ...(facts ? { facts } : {}) }, events: outcome.events };
  },
  LINK_MEMBER_CASE: (state, action) => {
    const date = action.date;
    const next: ReservistState = { ...state, lastDate: action.date };
    return {
      state: { ...next, memberCaseId: action.memberCaseId },
      events: [{ kind: 'member-case-linked', date, memberCaseId: action.memberCaseId }],
    };
  },
  AGE_OUT: (state, action, ctx) => {
    const remove = remover(state, action.date);
    return remove('AGED_OUT', `超过${ctx.policy.maxAge}岁，自动出库`);
  },
};
