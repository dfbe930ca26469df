import { type ActionHandlers, type Transition, dispatch } from '../../kernel/case-machine';
import { applyNoticeAction, closeNotice } from '../../kernel/public-notice';
import { type LocalDate, addMonths } from '../../kernel/time/local-date';
import { assessQualification } from '../qualification';
import { type CadreAction } from './actions';
import { type CadreCaseState, type CadreContext, type CadreEvent, type CadreOutcome } from './state';
import { jointReviewState } from './validate';

type Result = Transition<CadreCaseState, CadreEvent>;

/** Records a validated action: the new state and the events it produces. */
export function applyCadreAction(state: CadreCaseState, action: CadreAction, ctx: CadreContext): Result {
  return dispatch(FACTS, state, action, ctx, { state: { ...state, lastDate: action.date }, events: [] });
}

/** Closes the case on `date` with `outcome`. */
const closer =
  (state: CadreCaseState, date: LocalDate) =>
  (outcome: CadreOutcome, extra: Partial<CadreCaseState> = {}): CadreCaseState => ({
    ...state,
    lastDate: date,
    ...extra,
    status: 'CLOSED',
    outcome,
  });

const recordNotice = (
  state: CadreCaseState,
  action: Extract<CadreAction, { type: 'START_NOTICE' | 'RECORD_OBJECTION' }>,
): Result => ({
  state: { ...state, lastDate: action.date, notice: applyNoticeAction(state.notice, action) },
  events: [],
});

/** P7: appointed, or elected (a vote that does not elect closes the case). */
function placed(
  state: CadreCaseState,
  action: Extract<CadreAction, { type: 'APPOINT' | 'RECORD_ELECTION' }>,
  { programme }: CadreContext,
): Result {
  const date = action.date;
  const next = { ...state, lastDate: action.date };
  const close = closer(state, action.date);
  const mode = action.type === 'APPOINT' ? 'APPOINTMENT' : action.mode;
  if (action.type === 'RECORD_ELECTION') {
    const { eligible, cast, forCandidate } = action.votes;
    // 选举有效须过半数有选举权的人参加投票，候选人获得参加投票的人过半数的选票始得当选.
    if (!(2 * cast > eligible && 2 * forCandidate > cast)) {
      return {
        state: close('NOT_ELECTED'),
        events: [{ kind: 'disqualified', date, reasons: [{ code: 'NOT_ELECTED', reason: '未当选' }] }],
      };
    }
  }
  const trial = { start: date, end: addMonths(date, programme.trialMonths), extendedMonths: 0 };
  return {
    state: { ...next, stage: 'TRIAL', placement: { mode, on: date, termEnd: action.termEnd }, trial },
    events: [
      {
        kind: 'appointed',
        date,
        post: state.post,
        mode,
        termEnd: action.termEnd,
        trialEnd: trial.end,
        ...(state.qualification?.education ? { education: state.qualification.education } : {}),
      },
    ],
  };
}

/** What each action records (the rules were checked by validateCadreAction). */
const FACTS: ActionHandlers<CadreAction, CadreCaseState, CadreContext, Result> = {
  REVIEW_QUALIFICATION: (state, action, { programme }) => {
    const date = action.date;
    const next = { ...state, lastDate: action.date };
    const close = closer(state, action.date);
    const failures = assessQualification({
      programme,
      post: state.post,
      villageId: state.villageId,
      applicant: action.applicant,
      committeeMemberIds: action.committeeMemberIds,
      onDate: date,
    });
    const qualification = { on: date, failures, education: action.applicant.education };
    return failures.length === 0
      ? { state: { ...next, qualification, stage: 'QUALIFIED' }, events: [{ kind: 'qualified', date }] }
      : {
          state: close('DISQUALIFIED', { qualification }),
          events: [
            { kind: 'disqualified', date, reasons: failures.map(({ code, reason }) => ({ code, reason })) },
          ],
        };
  },
  OPEN_JOINT_REVIEW: (state, action, { programme, calendar }) => {
    const date = action.date;
    const next = { ...state, lastDate: action.date };
    return {
      state: {
        ...next,
        stage: 'JOINT_REVIEW',
        jointReview: {
          opened: date,
          due: calendar.lastDayOfPeriod(date, programme.jointReviewWorkingDays).value,
          answers: {},
        },
      },
      events: [],
    };
  },
  RECORD_DEPARTMENT_OPINION: (state, action, { programme }) => {
    const date = action.date;
    const next = { ...state, lastDate: action.date };
    const close = closer(state, action.date);
    const review = state.jointReview!;
    const answers = {
      ...review.answers,
      [action.department]: { result: action.result, note: action.note, on: date },
    };
    const withAnswer = { ...next, jointReview: { ...review, answers } };
    if (action.result === 'FAIL') {
      return {
        state: close('JOINT_REVIEW_FAILED', { jointReview: withAnswer.jointReview }),
        events: [
          {
            kind: 'disqualified',
            date,
            reasons: [{ code: 'JOINT_REVIEW_FAILED', reason: `${action.department}：${action.note}` }],
          },
        ],
      };
    }
    const status = jointReviewState(withAnswer, programme);
    const done = status.pending.length === 0 && !status.concerns;
    return { state: done ? { ...withAnswer, stage: 'ASSESSMENT' } : withAnswer, events: [] };
  },
  RESOLVE_CONCERNS: (state, action) => {
    const date = action.date;
    const next = { ...state, lastDate: action.date };
    const close = closer(state, action.date);
    const jointReview = { ...state.jointReview!, concernsResolved: { on: date, finding: action.finding } };
    return action.affectsEligibility
      ? {
          state: close('JOINT_REVIEW_FAILED', { jointReview }),
          events: [
            {
              kind: 'disqualified',
              date,
              reasons: [{ code: 'JOINT_REVIEW_CONCERN_UPHELD', reason: action.finding }],
            },
          ],
        }
      : { state: { ...next, jointReview, stage: 'ASSESSMENT' }, events: [] };
  },
  RECORD_ASSESSMENT: (state, action) => {
    const date = action.date;
    const next = { ...state, lastDate: action.date };
    const close = closer(state, action.date);
    const favourableShare = action.evaluation.favourable / action.evaluation.participants;
    const assessment = { on: date, favourableShare, interviewScore: action.interviewScore };
    // 民主测评: more than half rate the candidate 好 or 较好; an interview, where held, is passed at 60.
    const passed = favourableShare > 0.5 && (action.interviewScore === null || action.interviewScore >= 60);
    return passed
      ? { state: { ...next, assessment, stage: 'DECISION' }, events: [] }
      : {
          state: close('ASSESSMENT_FAILED', { assessment }),
          events: [
            { kind: 'disqualified', date, reasons: [{ code: 'ASSESSMENT_FAILED', reason: '考察未通过' }] },
          ],
        };
  },
  DECIDE: (state, action) => {
    const date = action.date;
    const next = { ...state, lastDate: action.date };
    const close = closer(state, action.date);
    return action.approved
      ? {
          state: { ...next, decision: { on: date, minutesRef: action.minutesRef }, stage: 'NOTICE' },
          events: [],
        }
      : {
          state: close('NOT_DECIDED'),
          events: [
            { kind: 'disqualified', date, reasons: [{ code: 'NOT_DECIDED', reason: '乡镇党委会未同意' }] },
          ],
        };
  },
  START_NOTICE: recordNotice,
  RECORD_OBJECTION: recordNotice,
  CLOSE_NOTICE: (state, action) => {
    const date = action.date;
    const next = { ...state, lastDate: action.date };
    const close = closer(state, action.date);
    const { notice, upheld } = closeNotice(state.notice!, action);
    return upheld.length > 0
      ? {
          state: close('NOTICE_OBJECTION_UPHELD', { notice }),
          events: [{ kind: 'disqualified', date, reasons: upheld }],
        }
      : { state: { ...next, notice, stage: 'PLACEMENT' }, events: [] };
  },
  APPOINT: placed,
  RECORD_ELECTION: placed,
  REVIEW_TRIAL: (state, action) => {
    const date = action.date;
    const next = { ...state, lastDate: action.date };
    const trial = state.trial!;
    if (action.outcome === 'PASS') {
      return { state: { ...next, stage: 'CONFIRMED' }, events: [{ kind: 'trial-passed', date }] };
    }
    if (action.outcome === 'EXTEND') {
      const months = action.extensionMonths!;
      const extended = { ...trial, end: addMonths(trial.end, months), extendedMonths: months };
      return {
        state: { ...next, trial: extended },
        events: [{ kind: 'trial-extended', date, months, trialEnd: extended.end }],
      };
    }
    const exit = {
      on: date,
      destination: action.exitTo!,
      reason: action.opinion,
      ...(action.reserveCategory ? { reserveCategory: action.reserveCategory } : {}),
    };
    return {
      state: { ...next, stage: 'EXITED', exit },
      events: [
        { kind: 'trial-failed', date },
        { kind: 'exited', date, destination: exit.destination, reason: exit.reason },
      ],
    };
  },
  WITHDRAW: (state, action) => {
    const close = closer(state, action.date);
    return { state: close('WITHDRAWN'), events: [] };
  },
  FILE_WITH_COUNTY: (state, action) => {
    const date = action.date;
    const next = { ...state, lastDate: action.date };
    return {
      state: {
        ...next,
        filed: { on: date, ref: action.ref },
        status: 'CLOSED',
        outcome: state.stage === 'CONFIRMED' ? 'CONFIRMED' : 'EXITED',
      },
      events: [],
    };
  },
};
