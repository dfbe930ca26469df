import { violation } from '../../../kernel/rules/rule-violation';
import { type LocalDate } from '../../../kernel/time/local-date';
import { type ApprovalRoute, checkApprovingBody, checkReviewsComplete } from '../../approval-routing';
import { type MeetingVote, checkCommitteeVote, checkResolutionAdopted } from '../../meeting-vote';
import {
  checkConversionApplicationDate,
  checkConversionDiscussionDate,
  checkProbationExtension,
  extendedProbationEndDate,
} from '../../time-rules';
import { checkReceiptAsRecorded, checkResolutionReceived, conversionNotApplied } from '../checks';
import { type MemberActionOf, type MemberSteps, advance, inStage, need } from './define';

/** Steps 18–24: the probationary member, from filing to the committee's decision on conversion. */
export type ProbationAction =
  | MemberActionOf<'FILE_WITH_ORG_DEPARTMENT'>
  | MemberActionOf<'ASSIGN_TO_GROUP', { readonly partyGroup: string }>
  | MemberActionOf<'RECORD_OATH'>
  | MemberActionOf<'RECORD_PROBATION_VETTING', { readonly summary: string }>
  | MemberActionOf<'APPLY_FOR_CONVERSION'>
  | MemberActionOf<
      'CONVERSION_MEETING',
      {
        readonly vote: MeetingVote;
        readonly proposal: 'CONVERT' | 'EXTEND' | 'CANCEL';
        readonly extensionMonths?: number;
      }
    >
  | MemberActionOf<'RECEIVE_CONVERSION_RESOLUTION', { readonly route: ApprovalRoute }>
  | MemberActionOf<
      'APPROVE_CONVERSION',
      {
        readonly route: ApprovalRoute;
        readonly resolutionReceived: LocalDate;
        readonly approved: boolean;
        readonly committeeVote: { readonly members: number; readonly present: number; readonly yes: number };
      }
    >;

export const PROBATION_STEPS: MemberSteps<ProbationAction> = {
  FILE_WITH_ORG_DEPARTMENT: {
    step: 18,
    precondition: (s) => need(!!s.probation && !s.probation.filedDate, '审批后报上级党委组织部门备案一次'),
    apply: (state, action, _ctx, step) => {
      const date = action.date;
      return {
        state: { ...advance(state, step), probation: { ...state.probation!, filedDate: date } },
        events: [],
      };
    },
  },
  ASSIGN_TO_GROUP: {
    step: 19,
    precondition: (s) => need(inStage(s, 'PROBATIONARY'), '预备党员编入党支部和党小组'),
    apply: (state, action, _ctx, step) => {
      return {
        state: { ...advance(state, step), probation: { ...state.probation!, partyGroup: action.partyGroup } },
        events: [],
      };
    },
  },
  RECORD_OATH: {
    step: 20,
    precondition: (s) =>
      need(inStage(s, 'PROBATIONARY') && !s.probation?.oathDate, '入党宣誓在批准后进行一次'),
    apply: (state, action, _ctx, step) => {
      const date = action.date;
      return {
        state: { ...advance(state, step), probation: { ...state.probation!, oathDate: date } },
        events: [],
      };
    },
  },
  RECORD_PROBATION_VETTING: {
    step: 21,
    precondition: (s) => need(inStage(s, 'PROBATIONARY'), '对预备党员进行教育考察'),
    apply: (state, action, _ctx, step) => {
      const date = action.date;
      return {
        state: {
          ...advance(state, step),
          probation: { ...state.probation!, vettings: [...state.probation!.vettings, date] },
        },
        events: [],
      };
    },
  },
  APPLY_FOR_CONVERSION: {
    step: 22,
    precondition: (s) =>
      need(inStage(s, 'PROBATIONARY') && !s.probation?.conversionAppliedDate, '预备党员提出转正申请'),
    // Cases that applied early before this rule existed keep their outcome on replay (versions).
    rules: (state, action, { rules, versions }) =>
      versions?.conversionApplicationDate === false
        ? []
        : checkConversionApplicationDate(rules, state.probation!.end, action.date),
    apply: (state, action, _ctx, step) => {
      const date = action.date;
      return {
        state: { ...advance(state, step), probation: { ...state.probation!, conversionAppliedDate: date } },
        events: [],
      };
    },
  },
  CONVERSION_MEETING: {
    step: 23,
    precondition: (s) =>
      need(
        inStage(s, 'PROBATIONARY') && !s.probation?.conversionMeeting,
        '预备党员方可讨论转正、延长预备期或取消资格',
      ),
    article: (r) => r.steps[21]!.article,
    localNotice: (action) => (action.proposal === 'CONVERT' ? 'CONVERSION' : undefined),
    rules: (state, action, { rules }) => {
      const probation = state.probation!;
      // Whatever the branch proposes (convert, extend, cancel), the meeting must adopt it (§31, §32).
      // A serious violation may cancel probationary status before probation ends (§31); converting or
      // extending waits for the end and for the person's written application (§32).
      const cancelling = action.proposal === 'CANCEL';
      if (!cancelling && !probation.conversionAppliedDate) {
        return [conversionNotApplied(rules)];
      }
      const violations = [
        ...(cancelling
          ? []
          : checkConversionDiscussionDate(rules, probation.end, action.date, state.transferredIn)),
        ...(action.actingBody.id === state.branch.id
          ? []
          : [
              violation(
                'NOT_THE_CASE_BRANCH',
                null,
                `${action.actingBody.name}不是本案所在党支部`,
                'actingBody',
              ),
            ]),
        ...checkResolutionAdopted(rules, action.vote),
      ];
      if (action.proposal === 'EXTEND')
        violations.push(...checkProbationExtension(rules, action.extensionMonths ?? 0, probation.extensions));
      return violations;
    },
    apply: (state, action, _ctx, step) => {
      const date = action.date;
      const meeting = {
        date,
        proposal: action.proposal,
        ...(action.extensionMonths !== undefined ? { extensionMonths: action.extensionMonths } : {}),
      };
      return {
        state: { ...advance(state, step), probation: { ...state.probation!, conversionMeeting: meeting } },
        events: [],
      };
    },
  },
  // T12 runs from the day the approving committee received the branch's conversion resolution (§33).
  RECEIVE_CONVERSION_RESOLUTION: {
    step: 24,
    precondition: (s) =>
      need(
        !!s.probation?.conversionMeeting && !s.probation.conversionResolutionReceived,
        '上级党委在党支部党员大会讨论转正后收到决议，记录一次',
      ),
    rules: (state, action, { rules }) => [
      ...checkApprovingBody(rules, action.route, action.actingBody),
      ...checkResolutionReceived(state.probation!.conversionMeeting!.date, action.date, action.date, 'date'),
    ],
    apply: (state, action) => ({
      state: { ...state, probation: { ...state.probation!, conversionResolutionReceived: action.date } },
      events: [],
    }),
  },
  APPROVE_CONVERSION: {
    step: 24,
    precondition: (s) => need(!!s.probation?.conversionMeeting, '审批转正前须由党支部党员大会讨论'),
    rules: (state, action, ctx) => {
      const { rules } = ctx;
      return [
        ...checkApprovingBody(rules, action.route, action.actingBody),
        ...(ctx.versions?.conversionReviews === false
          ? []
          : checkReviewsComplete(rules, action.route, new Set(state.probation!.conversionReviewedBy ?? []))),
        ...checkCommitteeVote(action.committeeVote, action.approved, rules.steps[23]!.article),
        ...checkResolutionReceived(
          state.probation!.conversionMeeting!.date,
          action.resolutionReceived,
          action.date,
          'resolutionReceived',
        ),
        ...checkReceiptAsRecorded(state.probation!.conversionResolutionReceived, action.resolutionReceived),
      ];
    },
    apply: (state, action, _ctx, step) => {
      const date = action.date;
      const probation = state.probation!;
      const meeting = probation.conversionMeeting!;
      if (!action.approved) {
        // The committee sends it back: the branch discusses again.
        const { conversionMeeting: _dropped, conversionReviewedBy: _reviews, ...rest } = probation;
        return { state: { ...state, probation: rest }, events: [] };
      }
      if (meeting.proposal === 'CONVERT') {
        return {
          state: {
            ...advance(state, step),
            stage: 'FULL_MEMBER',
            probation: { ...probation, convertedDate: date, partyAgeFrom: probation.end },
          },
          events: [{ type: 'converted', date, partyAgeFrom: probation.end }],
        };
      }
      if (meeting.proposal === 'EXTEND') {
        const end = extendedProbationEndDate(probation.end, meeting.extensionMonths!);
        const {
          conversionAppliedDate: _a,
          conversionMeeting: _m,
          conversionReviewedBy: _r,
          ...rest
        } = probation;
        return {
          state: { ...state, probation: { ...rest, end, extensions: probation.extensions + 1 } },
          events: [{ type: 'probation-extended', date, months: meeting.extensionMonths!, probationEnd: end }],
        };
      }
      return {
        state: { ...state, status: 'CLOSED', outcome: 'PROBATION_CANCELLED' },
        events: [{ type: 'probationary-status-cancelled', date }],
      };
    },
  },
};
