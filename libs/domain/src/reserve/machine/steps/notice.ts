import {
  type NoticeAction,
  applyNoticeAction,
  checkNoticeAction,
  closeNotice,
} from '../../../kernel/public-notice';
import { violation } from '../../../kernel/rules/rule-violation';
import { reserveNoticeRule } from '../checks';
import { type ReserveContext, type ReservistState } from '../state';
import { type ReserveSteps, type ReserveTransition, refuser } from './define';

/** The notice before entry (公示), the last entry step. */
export type ReserveNoticeAction = NoticeAction;

const noticeRule = (state: ReservistState, action: NoticeAction, ctx: ReserveContext) =>
  checkNoticeAction(state.notice, action, reserveNoticeRule(ctx.policy), ctx.calendar);

const recordNotice = (
  state: ReservistState,
  action: Extract<NoticeAction, { type: 'START_NOTICE' | 'RECORD_OBJECTION' }>,
): ReserveTransition => ({
  state: { ...state, lastDate: action.date, notice: applyNoticeAction(state.notice, action) },
  events: [],
});

export const NOTICE_STEPS: ReserveSteps<ReserveNoticeAction> = {
  START_NOTICE: {
    needs: ['SELECTED'],
    actor: 'TOWNSHIP',
    rules: (state, action, ctx) =>
      state.notice ? [violation('NOTICE_ALREADY_STARTED', null, '已公示')] : noticeRule(state, action, ctx),
    apply: recordNotice,
  },
  RECORD_OBJECTION: { needs: ['SELECTED'], actor: 'TOWNSHIP', rules: noticeRule, apply: recordNotice },
  CLOSE_NOTICE: {
    needs: ['SELECTED'],
    actor: 'TOWNSHIP',
    rules: noticeRule,
    apply: (state, action) => {
      const date = action.date;
      const next: ReservistState = { ...state, lastDate: action.date };
      const notAdmitted = refuser(state, action.date);
      const { notice, upheld } = closeNotice(state.notice!, action);
      return upheld.length > 0
        ? notAdmitted(upheld, { notice })
        : {
            state: { ...next, notice, status: 'ACTIVE', enteredOn: date },
            events: [{ type: 'admitted', date }],
          };
    },
  },
};
