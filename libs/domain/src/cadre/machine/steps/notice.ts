import {
  type NoticeAction,
  applyNoticeAction,
  checkNoticeAction,
  closeNotice,
} from '../../../kernel/public-notice';
import { cadreNoticeRule } from '../checks';
import { type CadreCaseState, type CadreContext } from '../state';
import { type CadreSteps, type CadreTransition, closer } from './define';

/** P6: the pre-appointment notice (任前公示). */
export type CadreNoticeAction = NoticeAction;

const noticeRule = (state: CadreCaseState, action: NoticeAction, { programme, calendar }: CadreContext) =>
  checkNoticeAction(state.notice, action, cadreNoticeRule(programme), calendar);

const recordNotice = (
  state: CadreCaseState,
  action: Extract<NoticeAction, { type: 'START_NOTICE' | 'RECORD_OBJECTION' }>,
): CadreTransition => ({
  state: { ...state, lastDate: action.date, notice: applyNoticeAction(state.notice, action) },
  events: [],
});

export const NOTICE_STEPS: CadreSteps<CadreNoticeAction> = {
  START_NOTICE: { needs: ['NOTICE'], actor: 'TOWNSHIP', rules: noticeRule, apply: recordNotice },
  RECORD_OBJECTION: { needs: ['NOTICE'], actor: 'TOWNSHIP', rules: noticeRule, apply: recordNotice },
  CLOSE_NOTICE: {
    needs: ['NOTICE'],
    actor: 'TOWNSHIP',
    rules: noticeRule,
    apply: (state, action) => {
      const date = action.date;
      const next = { ...state, lastDate: action.date };
      const close = closer(state, action.date);
      const { notice, upheld } = closeNotice(state.notice!, action);
      return upheld.length > 0
        ? {
            state: close('NOTICE_OBJECTION_UPHELD', { notice }),
            events: [{ type: 'disqualified', date, reasons: upheld }],
          }
        : { state: { ...next, notice, stage: 'PLACEMENT' }, events: [] };
    },
  },
};
