import { violation } from '../../../kernel/rules/rule-violation';
import { compareLocalDates } from '../../../kernel/time/local-date';
import { type NegativeRecord, negativeRecordApplies } from '../../../cadre/qualification';
import { type ReserveStatus, type ReviewOutcome, ageOutDate, checkReviewOutcome } from '../../reserve-pool';
import { linkViolations, notAgedOut } from '../checks';
import { RESERVE_ARTICLE as ARTICLE, type ReservistState } from '../state';
import { type ReserveActionOf, type ReserveSteps, remover } from './define';

/** In the pool: half-year review decisions, negative events, the link to a member case, and age-out. */
export type PoolAction =
  | ReserveActionOf<'DECIDE_REVIEW', { readonly reviewId: string; readonly outcome: ReviewOutcome }>
  | ReserveActionOf<'REPORT_NEGATIVE_EVENT', { readonly record: NegativeRecord }>
  | ReserveActionOf<'LINK_MEMBER_CASE', { readonly memberCaseId: string }>
  /** Entered by the workflow on the day the reservist passes the age limit, never by a person. */
  | ReserveActionOf<'AGE_OUT'>;

export const POOL_STEPS: ReserveSteps<PoolAction> = {
  DECIDE_REVIEW: {
    needs: ['ACTIVE', 'LISTED_FOR_INSPECTION'],
    actor: 'TOWNSHIP',
    rules: (state, action) => {
      if (state.reviews[action.reviewId]) {
        return [violation('REVIEW_ALREADY_DECIDED', ARTICLE, '本次分析研判已对该人员作出结论')];
      }
      const outcome = checkReviewOutcome(state.status as ReserveStatus, action.outcome);
      if (outcome.length > 0) return outcome;
      if (action.outcome.kind === 'LIST_FOR_INSPECTION' && !action.outcome.post.trim()) {
        return [violation('POST_REQUIRED', ARTICLE, '列为考察对象须说明拟任岗位', 'post')];
      }
      return [];
    },
    apply: (state, action) => {
      const date = action.date;
      const next: ReservistState = { ...state, lastDate: action.date };
      const remove = remover(state, action.date);
      const { outcome, reviewId } = action;
      const reviews = { ...state.reviews, [reviewId]: outcome.kind };
      const reviewed: ReservistState = { ...next, reviews };
      switch (outcome.kind) {
        case 'RETAIN': {
          const { inspection: _ended, ...rest } = reviewed;
          return { state: { ...rest, status: 'ACTIVE' }, events: [{ type: 'retained', date, reviewId }] };
        }
        case 'LIST_FOR_INSPECTION':
          return {
            state: {
              ...reviewed,
              status: 'LISTED_FOR_INSPECTION',
              inspection: { post: outcome.post, on: date },
            },
            events: [{ type: 'listed-for-inspection', date, reviewId, post: outcome.post }],
          };
        case 'USE':
          return {
            state: { ...reviewed, status: 'USED', used: { cadreCaseId: outcome.cadreCaseId, on: date } },
            events: [{ type: 'used', date, reviewId, cadreCaseId: outcome.cadreCaseId }],
          };
        case 'REMOVE': {
          const removed = remove('REVIEW', outcome.reason, reviewId);
          return { state: { ...removed.state, reviews }, events: removed.events };
        }
      }
      return { state: next, events: [] };
    },
  },
  REPORT_NEGATIVE_EVENT: {
    needs: ['ENTERING', 'ACTIVE', 'LISTED_FOR_INSPECTION'],
    actor: 'TOWNSHIP_OR_COUNTY',
    apply: (state, action) => {
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
  },
  LINK_MEMBER_CASE: {
    needs: ['ENTERING', 'ACTIVE', 'LISTED_FOR_INSPECTION'],
    actor: 'TOWNSHIP',
    rules: (state) => linkViolations(state),
    apply: (state, action) => {
      const date = action.date;
      const next: ReservistState = { ...state, lastDate: action.date };
      return {
        state: { ...next, memberCaseId: action.memberCaseId },
        events: [{ type: 'member-case-linked', date, memberCaseId: action.memberCaseId }],
      };
    },
  },
  AGE_OUT: {
    needs: ['ENTERING', 'ACTIVE', 'LISTED_FOR_INSPECTION'],
    rules: (state, action, ctx) =>
      compareLocalDates(action.date, ageOutDate(state.birthDate, ctx.policy)) < 0
        ? [notAgedOut(state, ctx.policy)]
        : [],
    apply: (state, action, ctx) => {
      const remove = remover(state, action.date);
      return remove('AGED_OUT', `超过${ctx.policy.maxAge}岁，自动出库`);
    },
  },
};
