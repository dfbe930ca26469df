import { type RuleViolation, violation } from '../../../kernel/rules/rule-violation';
import { type LocalDate, compareLocalDates } from '../../../kernel/time/local-date';
import { type ExtraNoticeKind } from '../../rule-sets';
import { checkDevelopmentTargetNotice } from '../../time-rules';
import { targetNoticeNotFinished } from '../checks';
import { localNoticeOpen, openNotices, startableNotices } from '../state';
import { type MemberActionOf, type MemberSteps, listed, need } from './define';

/** The development-target notice of step 8 (T4), and the local notices an overlay adds. */
export type NoticeAction =
  | MemberActionOf<'START_NOTICE', { readonly end: LocalDate; readonly scope: string }>
  | MemberActionOf<
      'RECORD_OBJECTION',
      {
        readonly objection: string;
        /** A local notice (overlay); absent for the development-target notice of §13. */
        readonly notice?: ExtraNoticeKind;
      }
    >
  | MemberActionOf<'CLOSE_NOTICE', { readonly affectsEligibility: boolean; readonly finding: string }>
  | MemberActionOf<
      'START_LOCAL_NOTICE',
      { readonly notice: ExtraNoticeKind; readonly end: LocalDate; readonly scope: string }
    >
  | MemberActionOf<
      'CLOSE_LOCAL_NOTICE',
      { readonly notice: ExtraNoticeKind; readonly affectsEligibility: boolean; readonly finding: string }
    >;

/** A notice dated to end before it starts. */
const endsBeforeStart = ({
  date,
  end,
}: {
  readonly date: LocalDate;
  readonly end: LocalDate;
}): RuleViolation[] =>
  compareLocalDates(end, date) < 0
    ? [violation('NOTICE_ENDS_BEFORE_START', null, '公示结束日期早于开始日期', 'end')]
    : [];

export const NOTICE_STEPS: MemberSteps<NoticeAction> = {
  START_NOTICE: {
    step: 8,
    precondition: (s) => need(!!s.target?.consentDate && !s.target.notice, '公示须在上级党委同意后进行'),
    rules: (_state, action, { rules }) => {
      if (!rules.developmentTarget.notice)
        return [
          violation('NOTICE_NOT_REQUIRED', rules.developmentTarget.article, '本案适用的细则不要求此公示'),
        ];
      return endsBeforeStart(action);
    },
    apply: (state, action) => {
      const date = action.date;
      return {
        state: {
          ...state,
          target: { ...state.target!, notice: { start: date, end: action.end, objections: [] } },
        },
        events: [],
      };
    },
  },
  RECORD_OBJECTION: {
    step: 8,
    precondition: (s) =>
      need(
        (!!s.target?.notice && !s.target.notice.closed) || openNotices(s).length > 0,
        '公示期间方可登记反映意见',
      ),
    rules: (state, action) => {
      const open = action.notice
        ? localNoticeOpen(state, action.notice)
        : !!state.target?.notice && !state.target.notice.closed;
      // A local notice named in the body that is not running: the body's choice of notice is wrong.
      return open
        ? []
        : [violation('NOTICE_NOT_OPEN', null, '该公示不在公示期内', action.notice ? 'notice' : undefined)];
    },
    apply: (state, action) => {
      if (action.notice) {
        const local = state.localNotices![action.notice]!;
        const withObjection = { ...local, objections: [...local.objections, action.objection] };
        return {
          state: { ...state, localNotices: { ...state.localNotices, [action.notice]: withObjection } },
          events: [],
        };
      }
      const notice = state.target!.notice!;
      return {
        state: {
          ...state,
          target: {
            ...state.target!,
            notice: { ...notice, objections: [...notice.objections, action.objection] },
          },
        },
        events: [],
      };
    },
  },
  CLOSE_NOTICE: {
    step: 8,
    precondition: (s) => need(!!s.target?.notice && !s.target.notice.closed, '没有进行中的公示'),
    rules: (state, action, { rules, calendar }) => {
      const notice = state.target!.notice!;
      if (compareLocalDates(action.date, notice.end) <= 0) {
        return [targetNoticeNotFinished(rules, notice.end)];
      }
      if (action.affectsEligibility) return [];
      return checkDevelopmentTargetNotice(rules, calendar, notice, action.date).violations;
    },
    apply: (state, action) => {
      const date = action.date;
      if (action.affectsEligibility) {
        const { target: _dropped, ...rest } = state;
        return {
          state: rest,
          events: [{ type: 'development-target-not-listed', date, reason: action.finding }],
        };
      }
      const target = { ...state.target!, notice: { ...state.target!.notice!, closed: date } };
      return listed({ ...state, target }, date);
    },
  },
  START_LOCAL_NOTICE: {
    step: 0,
    precondition: (s, extra) => need(startableNotices(s, extra).length > 0, '当前没有须进行的公示'),
    rules: (state, action, { rules }) => {
      const required = rules.extraNotices[action.notice];
      if (!required) return [violation('NOTICE_NOT_REQUIRED', null, '本案适用的规定不要求此公示', 'notice')];
      if (!startableNotices(state, rules.extraNotices).includes(action.notice)) {
        return [violation('STEP_OUT_OF_ORDER', required.source, '此公示现在不能开始')];
      }
      return endsBeforeStart(action);
    },
    apply: (state, action) => {
      const date = action.date;
      return {
        state: {
          ...state,
          localNotices: {
            ...state.localNotices,
            [action.notice]: { start: date, end: action.end, objections: [] },
          },
        },
        events: [],
      };
    },
  },
  CLOSE_LOCAL_NOTICE: {
    step: 0,
    precondition: (s) => need(openNotices(s).length > 0, '没有进行中的公示'),
    rules: (state, action, { rules, calendar }) => {
      const required = rules.extraNotices[action.notice];
      const notice = state.localNotices?.[action.notice];
      if (!required || !notice || notice.closed)
        return [violation('NOTICE_NOT_OPEN', null, '该公示不在公示期内', 'notice')];
      if (compareLocalDates(action.date, notice.end) <= 0) {
        return [
          violation(
            'LOCAL_NOTICE_NOT_FINISHED',
            required.source,
            `公示于${notice.end}期满后方可结束`,
            'date',
          ),
        ];
      }
      if (action.affectsEligibility) return [];
      const days = calendar.countBetween(notice.start, notice.end).value;
      return days >= required.workingDays
        ? []
        : [
            violation(
              'LOCAL_NOTICE_TOO_SHORT',
              required.source,
              `公示期不少于${required.workingDays}个工作日（${notice.start}至${notice.end}仅${days}个工作日）`,
            ),
          ];
    },
    apply: (state, action) => {
      const date = action.date;
      const closed = {
        ...state.localNotices![action.notice]!,
        closed: date,
        affected: action.affectsEligibility,
      };
      return {
        state: { ...state, localNotices: { ...state.localNotices, [action.notice]: closed } },
        events: [],
      };
    },
  },
};
