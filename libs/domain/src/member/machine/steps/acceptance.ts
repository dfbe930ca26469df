import { type OrgUnit } from '../../../kernel/org/org-unit';
import { type RuleViolation, violation } from '../../../kernel/rules/rule-violation';
import { type LocalDate } from '../../../kernel/time/local-date';
import { type ApprovalRoute, checkApprovingBody, checkReviewsComplete } from '../../approval-routing';
import { type MeetingVote, assessMeetingVote, checkCommitteeVote } from '../../meeting-vote';
import { type EffectiveMemberRules } from '../../rule-sets';
import { checkAcceptanceApprovalTiming, probationEndDate } from '../../time-rules';
import { checkReceiptAsRecorded, checkResolutionReceived } from '../checks';
import { type MemberCaseState, reviewedSoFar } from '../state';
import { type MemberActionOf, type MemberSteps, accepted, advance, inStage, need } from './define';

/** Steps 15–17: the branch general meeting, the reviews, the interview and the committee's approval. */
export type AcceptanceAction =
  | MemberActionOf<'BRANCH_MEETING_ACCEPTANCE', { readonly vote: MeetingVote }>
  | MemberActionOf<'REVIEW_BY_BODY', { readonly route: ApprovalRoute; readonly opinion: string }>
  | MemberActionOf<'COMMITTEE_INTERVIEW', { readonly interviewer: string }>
  | MemberActionOf<'RECEIVE_ACCEPTANCE_RESOLUTION', { readonly route: ApprovalRoute }>
  | MemberActionOf<
      'APPROVE_ACCEPTANCE',
      {
        readonly route: ApprovalRoute;
        readonly resolutionReceived: LocalDate;
        readonly approved: boolean;
        readonly committeeVote: { readonly members: number; readonly present: number; readonly yes: number };
        readonly specialCaseReason?: string;
      }
    >;

export const ACCEPTANCE_STEPS: MemberSteps<AcceptanceAction> = {
  BRANCH_MEETING_ACCEPTANCE: {
    step: 15,
    precondition: (s) => need(!!s.target?.formNumber && !accepted(s), '党支部党员大会讨论前须填写入党志愿书'),
    localNotice: () => 'ACCEPTANCE',
    rules: (state, action, { rules }) => onlyRecordRules(rules, action.vote, state, action.actingBody),
    apply: (state, action, ctx, step) => {
      const date = action.date;
      if (!assessMeetingVote(ctx.rules, action.vote).passed) {
        return {
          state: { ...state, lastStep: state.lastStep },
          events: [{ type: 'acceptance-rejected', date, step }],
        };
      }
      return {
        state: { ...advance(state, step), acceptance: { meetingDate: date, reviewedBy: [] } },
        events: [{ type: 'accepted-by-branch', date }],
      };
    },
  },
  REVIEW_BY_BODY: {
    step: 15,
    precondition: (s) =>
      need(
        (accepted(s) && inStage(s, 'DEVELOPMENT_TARGET')) ||
          (inStage(s, 'PROBATIONARY') && !!s.probation?.conversionMeeting),
        '审议须在党支部党员大会通过后、上级党委审批前进行',
      ),
    rules: (state, action, { rules }) => {
      if (!action.route.reviewers.some((unit) => unit.id === action.actingBody.id)) {
        return [
          violation(
            'NOT_A_REVIEWING_BODY',
            rules.reviewOnlyBodies.article,
            `${action.actingBody.name}不是本案须审议的党组织`,
            'actingBody',
          ),
        ];
      }
      return reviewedSoFar(state).includes(action.actingBody.id)
        ? [
            violation(
              'ALREADY_REVIEWED',
              rules.reviewOnlyBodies.article,
              `${action.actingBody.name}已审议`,
              'actingBody',
            ),
          ]
        : [];
    },
    apply: (state, action) => {
      const reviewer = action.actingBody.id;
      if (state.stage === 'PROBATIONARY') {
        const probation = state.probation!;
        const conversionReviewedBy = [...(probation.conversionReviewedBy ?? []), reviewer];
        return { state: { ...state, probation: { ...probation, conversionReviewedBy } }, events: [] };
      }
      const reviewedBy = [...state.acceptance!.reviewedBy, reviewer];
      return { state: { ...state, acceptance: { ...state.acceptance!, reviewedBy } }, events: [] };
    },
  },
  // T8 runs from the day the approving committee received the branch's resolution (§25), recorded by it.
  RECEIVE_ACCEPTANCE_RESOLUTION: {
    step: 17,
    precondition: (s) =>
      need(
        accepted(s) && inStage(s, 'DEVELOPMENT_TARGET') && !s.acceptance?.resolutionReceived,
        '上级党委在党支部党员大会通过后收到决议，记录一次',
      ),
    rules: (state, action, { rules }) => [
      ...checkApprovingBody(rules, action.route, action.actingBody),
      ...checkResolutionReceived(state.acceptance!.meetingDate, action.date, action.date, 'date'),
    ],
    apply: (state, action) => ({
      state: { ...state, acceptance: { ...state.acceptance!, resolutionReceived: action.date } },
      events: [],
    }),
  },
  COMMITTEE_INTERVIEW: {
    step: 16,
    precondition: (s) =>
      need(
        accepted(s) && inStage(s, 'DEVELOPMENT_TARGET') && !s.acceptance?.interviewDate,
        '谈话在党支部党员大会通过后、审批前进行',
      ),
    apply: (state, action, _ctx, step) => {
      const date = action.date;
      return {
        state: { ...advance(state, step), acceptance: { ...state.acceptance!, interviewDate: date } },
        events: [],
      };
    },
  },
  APPROVE_ACCEPTANCE: {
    step: 17,
    precondition: (s) =>
      need(
        !!s.acceptance?.interviewDate && inStage(s, 'DEVELOPMENT_TARGET'),
        '审批前须由党委委员或组织员同发展对象谈话',
      ),
    article: (r) => r.steps[15]!.article,
    rules: (state, action, { rules }) => {
      const violations = [
        ...checkApprovingBody(rules, action.route, action.actingBody),
        ...checkReviewsComplete(rules, action.route, new Set(state.acceptance!.reviewedBy)),
        ...checkCommitteeVote(action.committeeVote, action.approved, rules.steps[16]!.article),
        ...checkResolutionReceived(
          state.acceptance!.meetingDate,
          action.resolutionReceived,
          action.date,
          'resolutionReceived',
        ),
        ...checkReceiptAsRecorded(state.acceptance!.resolutionReceived, action.resolutionReceived),
      ];
      // T8 applies to the decision either way: approving or not, the committee decides within the limits.
      violations.push(
        ...checkAcceptanceApprovalTiming(
          rules,
          action.resolutionReceived,
          action.date,
          action.specialCaseReason,
        ),
      );
      return violations;
    },
    apply: (state, action, ctx, step) => {
      const date = action.date;
      if (!action.approved) {
        // Not approved: the person stays a development target; acceptance must start again from the committee review.
        const { acceptance: _dropped, ...rest } = state;
        const target = {
          ...state.target!,
          committeeReviewPassed: undefined,
          preReviewDate: undefined,
          formNumber: undefined,
        };
        return { state: { ...rest, target }, events: [{ type: 'acceptance-rejected', date, step }] };
      }
      const start = state.acceptance!.meetingDate;
      const end = probationEndDate(ctx.rules, start);
      return {
        state: {
          ...advance(state, step),
          stage: 'PROBATIONARY',
          probation: { start, end, approvalDate: date, extensions: 0, vettings: [] },
        },
        events: [{ type: 'probationary-admitted', date, probationStart: start, probationEnd: end }],
      };
    },
  },
};

/** A branch general meeting is recorded by the case's own branch and its tally must be valid (quorum included). */
function onlyRecordRules(
  rules: EffectiveMemberRules,
  vote: Parameters<typeof assessMeetingVote>[1],
  state: MemberCaseState,
  body: OrgUnit,
): RuleViolation[] {
  const violations = [...assessMeetingVote(rules, vote).violations];
  if (body.id !== state.branch.id)
    violations.unshift(
      violation('NOT_THE_CASE_BRANCH', null, `${body.name}不是本案所在党支部`, 'actingBody'),
    );
  return violations;
}
