import { type ActionHandlers, type Transition, dispatch } from '../../kernel/case-machine';
import { type LocalDate } from '../../kernel/time/local-date';
import { assessMeetingVote } from '../meeting-vote';
import { extendedProbationEndDate, probationEndDate } from '../time-rules';
import { ACTION_STEP, type MemberAction } from './actions';
import { type CaseContext, type MemberCaseEvent, type MemberCaseState } from './state';

/** Records a validated action. Call validateAction first: this does not re-check the rules. */
export function applyAction(
  state: MemberCaseState,
  action: MemberAction,
  ctx: CaseContext,
): { state: MemberCaseState; events: MemberCaseEvent[] } {
  const result = applyFacts(state, action, ctx);
  // Objections may arrive late (dated within the notice); every other action moves the case's date on.
  const lastDate = action.type === 'RECORD_OBJECTION' ? state.lastDate : action.date;
  return { ...result, state: { ...result.state, ...(lastDate ? { lastDate } : {}) } };
}

type Result = Transition<MemberCaseState, MemberCaseEvent>;

/** The state with the action's step recorded as reached. */
function advance(state: MemberCaseState, action: MemberAction): MemberCaseState {
  const step = ACTION_STEP[action.type];
  return step > state.lastStep ? { ...state, lastStep: step } : state;
}

/** What each action records (the rules were checked by validateAction). */
const FACTS: ActionHandlers<MemberAction, MemberCaseState, CaseContext, Result> = {
  RECORD_TALK: (state, action) => {
    const date = action.date;
    return { state: { ...advance(state, action), talkDate: date }, events: [] };
  },
  DETERMINE_ACTIVIST: (state, action) => {
    const date = action.date;
    return {
      state: { ...advance(state, action), stage: 'ACTIVIST', activist: { date, vettings: [] } },
      events: [{ type: 'activist-determined', date }],
    };
  },
  FILE_ACTIVIST: (state, action) => {
    const date = action.date;
    return {
      state: { ...advance(state, action), activist: { ...state.activist!, filedDate: date } },
      events: [],
    };
  },
  ASSIGN_CONTACTS: (state, action) => {
    return {
      state: {
        ...advance(state, action),
        activist: { ...state.activist!, contacts: action.contacts.map((c) => c.personId) },
      },
      events: [],
    };
  },
  RECORD_ACTIVIST_VETTING: (state, action) => {
    const date = action.date;
    return {
      state: {
        ...advance(state, action),
        activist: { ...state.activist!, vettings: [...state.activist!.vettings, date] },
      },
      events: [],
    };
  },
  PROPOSE_DEVELOPMENT_TARGET: (state, action) => {
    const date = action.date;
    return { state: { ...advance(state, action), target: { proposedDate: date } }, events: [] };
  },
  HIGHER_COMMITTEE_DECISION: (state, action, ctx) => {
    const date = action.date;
    if (!action.consent) {
      const { target: _dropped, ...rest } = state;
      return {
        state: rest,
        events: [{ type: 'development-target-not-listed', date, reason: action.reason ?? '上级党委不同意' }],
      };
    }
    const target = { ...state.target!, consentDate: date };
    // 2014: filing lists the target at once; 2026: consent, then a public notice (T4) before listing.
    if (!ctx.rules.developmentTarget.notice) return listed({ ...advance(state, action), target }, date);
    return { state: { ...advance(state, action), target }, events: [] };
  },
  START_NOTICE: (state, action) => {
    const date = action.date;
    return {
      state: {
        ...state,
        target: { ...state.target!, notice: { start: date, end: action.end, objections: [] } },
      },
      events: [],
    };
  },
  START_LOCAL_NOTICE: (state, action) => {
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
  CLOSE_LOCAL_NOTICE: (state, action) => {
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
  RECORD_OBJECTION: (state, action) => {
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
  CLOSE_NOTICE: (state, action) => {
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
  DESIGNATE_SPONSORS: (state, action) => {
    return {
      state: {
        ...advance(state, action),
        target: { ...state.target!, sponsors: action.sponsors.map((s) => s.personId) },
      },
      events: [],
    };
  },
  RECORD_POLITICAL_REVIEW: (state, action) => {
    return {
      state: {
        ...advance(state, action),
        target: { ...state.target!, politicalReviewPassed: action.passed },
      },
      events: [],
    };
  },
  RECORD_TRAINING: (state, action) => {
    return {
      state: { ...advance(state, action), target: { ...state.target!, training: action.training } },
      events: [],
    };
  },
  COMMITTEE_REVIEW: (state, action) => {
    const date = action.date;
    const step = ACTION_STEP[action.type];
    return {
      state: {
        ...advance(state, action),
        target: { ...state.target!, committeeReviewPassed: action.passed, committeeReviewDate: date },
      },
      events: action.passed ? [] : [{ type: 'acceptance-rejected', date, step }],
    };
  },
  PRE_REVIEW: (state, action) => {
    const date = action.date;
    const step = ACTION_STEP[action.type];
    if (!action.passed) {
      // Written notice to the branch; no 志愿书. The committee review has to be done again.
      return {
        state: { ...state, target: { ...state.target!, committeeReviewPassed: undefined } },
        events: [{ type: 'acceptance-rejected', date, step }],
      };
    }
    return {
      state: { ...advance(state, action), target: { ...state.target!, preReviewDate: date } },
      events: [],
    };
  },
  FILL_APPLICATION_FORM: (state, action) => {
    return {
      state: { ...advance(state, action), target: { ...state.target!, formNumber: action.formNumber } },
      events: [],
    };
  },
  BRANCH_MEETING_ACCEPTANCE: (state, action, ctx) => {
    const date = action.date;
    const step = ACTION_STEP[action.type];
    if (!assessMeetingVote(ctx.rules, action.vote).passed) {
      return {
        state: { ...state, lastStep: state.lastStep },
        events: [{ type: 'acceptance-rejected', date, step }],
      };
    }
    return {
      state: { ...advance(state, action), acceptance: { meetingDate: date, reviewedBy: [] } },
      events: [{ type: 'accepted-by-branch', date }],
    };
  },
  REVIEW_BY_BODY: (state, action) => {
    const reviewer = action.actingBody.id;
    if (state.stage === 'PROBATIONARY') {
      const probation = state.probation!;
      const conversionReviewedBy = [...(probation.conversionReviewedBy ?? []), reviewer];
      return { state: { ...state, probation: { ...probation, conversionReviewedBy } }, events: [] };
    }
    const reviewedBy = [...state.acceptance!.reviewedBy, reviewer];
    return { state: { ...state, acceptance: { ...state.acceptance!, reviewedBy } }, events: [] };
  },
  COMMITTEE_INTERVIEW: (state, action) => {
    const date = action.date;
    return {
      state: { ...advance(state, action), acceptance: { ...state.acceptance!, interviewDate: date } },
      events: [],
    };
  },
  APPROVE_ACCEPTANCE: (state, action, ctx) => {
    const date = action.date;
    const step = ACTION_STEP[action.type];
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
        ...advance(state, action),
        stage: 'PROBATIONARY',
        probation: { start, end, approvalDate: date, extensions: 0, vettings: [] },
      },
      events: [{ type: 'probationary-admitted', date, probationStart: start, probationEnd: end }],
    };
  },
  FILE_WITH_ORG_DEPARTMENT: (state, action) => {
    const date = action.date;
    return {
      state: { ...advance(state, action), probation: { ...state.probation!, filedDate: date } },
      events: [],
    };
  },
  ASSIGN_TO_GROUP: (state, action) => {
    return {
      state: { ...advance(state, action), probation: { ...state.probation!, partyGroup: action.partyGroup } },
      events: [],
    };
  },
  RECORD_OATH: (state, action) => {
    const date = action.date;
    return {
      state: { ...advance(state, action), probation: { ...state.probation!, oathDate: date } },
      events: [],
    };
  },
  RECORD_PROBATION_VETTING: (state, action) => {
    const date = action.date;
    return {
      state: {
        ...advance(state, action),
        probation: { ...state.probation!, vettings: [...state.probation!.vettings, date] },
      },
      events: [],
    };
  },
  APPLY_FOR_CONVERSION: (state, action) => {
    const date = action.date;
    return {
      state: { ...advance(state, action), probation: { ...state.probation!, conversionAppliedDate: date } },
      events: [],
    };
  },
  CONVERSION_MEETING: (state, action) => {
    const date = action.date;
    const meeting = {
      date,
      proposal: action.proposal,
      ...(action.extensionMonths !== undefined ? { extensionMonths: action.extensionMonths } : {}),
    };
    return {
      state: { ...advance(state, action), probation: { ...state.probation!, conversionMeeting: meeting } },
      events: [],
    };
  },
  APPROVE_CONVERSION: (state, action) => {
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
          ...advance(state, action),
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
  ARCHIVE: (state, action) => {
    const date = action.date;
    return {
      state: { ...advance(state, action), status: 'CLOSED', outcome: 'FULL_MEMBER', archivedDate: date },
      events: [{ type: 'archived', date }],
    };
  },
  WITHDRAW: (state, action) => {
    const date = action.date;
    return {
      state: { ...state, status: 'CLOSED', outcome: 'WITHDRAWN' },
      events: [{ type: 'withdrawn', date, reason: action.reason }],
    };
  },
  TRANSFER: (state, action) => {
    const date = action.date;
    // Cultivation time keeps counting (§12); a probationary member's conversion may then be postponed (T13).
    return {
      state: {
        ...state,
        branch: action.toBranch,
        transferredIn: state.transferredIn || state.stage === 'PROBATIONARY',
      },
      events: [{ type: 'transferred', date, fromBranchId: state.branch.id, toBranchId: action.toBranch.id }],
    };
  },
  REFUSE_RECOGNITION: (state, action) => {
    const date = action.date;
    return {
      state: { ...state, status: 'CLOSED', outcome: 'NOT_RECOGNISED' },
      events: [{ type: 'not-recognised', date }],
    };
  },
};

function applyFacts(state: MemberCaseState, action: MemberAction, ctx: CaseContext): Result {
  return dispatch(FACTS, state, action, ctx, { state, events: [] });
}

function listed(
  state: MemberCaseState,
  date: LocalDate,
): { state: MemberCaseState; events: MemberCaseEvent[] } {
  return {
    state: {
      ...state,
      stage: 'DEVELOPMENT_TARGET',
      lastStep: Math.max(state.lastStep, 8),
      target: { ...state.target!, listedDate: date },
    },
    events: [{ type: 'development-target-listed', date }],
  };
}
