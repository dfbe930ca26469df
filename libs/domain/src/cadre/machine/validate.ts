import {
  type ActionHandlers,
  dateOrderViolation,
  dispatch,
  reasonViolations,
} from '../../kernel/case-machine';
import { type NoticeAction, type NoticeRule, checkNoticeAction } from '../../kernel/public-notice';
import { type RuleViolation, violation } from '../../kernel/rules/rule-violation';
import { type LocalDate, compareLocalDates } from '../../kernel/time/local-date';
import { checkCommitteeVote } from '../../member/meeting-vote';
import { CADRE_POSTS, type CadreProgramme, NATIONAL_MINIMUM } from '../programmes';
import { type CadreAction, type CadreActionType } from './actions';
import { type CadreCaseState, type CadreContext, type CadreStage } from './state';

const ARTICLE_NOTICE = NATIONAL_MINIMUM.article;
const ARTICLE_ELECTION = '村民委员会组织法 §15';

/** The stage each action needs. */
export const CADRE_NEEDS: Record<CadreActionType, readonly CadreStage[]> = {
  REVIEW_QUALIFICATION: ['NOMINATED'],
  OPEN_JOINT_REVIEW: ['QUALIFIED'],
  RECORD_DEPARTMENT_OPINION: ['JOINT_REVIEW'],
  RESOLVE_CONCERNS: ['JOINT_REVIEW'],
  RECORD_ASSESSMENT: ['ASSESSMENT'],
  DECIDE: ['DECISION'],
  START_NOTICE: ['NOTICE'],
  RECORD_OBJECTION: ['NOTICE'],
  CLOSE_NOTICE: ['NOTICE'],
  APPOINT: ['PLACEMENT'],
  RECORD_ELECTION: ['PLACEMENT'],
  REVIEW_TRIAL: ['TRIAL'],
  WITHDRAW: ['NOMINATED', 'QUALIFIED', 'JOINT_REVIEW', 'ASSESSMENT', 'DECISION', 'NOTICE', 'PLACEMENT'],
  FILE_WITH_COUNTY: ['CONFIRMED', 'EXITED'],
};

export function jointReviewState(state: CadreCaseState, programme: CadreProgramme) {
  const answers = state.jointReview?.answers ?? {};
  const pending = programme.jointReviewDepartments.filter((department) => !answers[department]);
  const concerns = Object.values(answers).some((answer) => answer.result === 'CONCERN');
  return { pending, concerns, resolved: !!state.jointReview?.concernsResolved };
}

/** Everything that forbids the action now; empty when it may be recorded. */
export function validateCadreAction(
  state: CadreCaseState,
  action: CadreAction,
  ctx: CadreContext,
): RuleViolation[] {
  if (state.status === 'CLOSED') {
    return [violation('CASE_CLOSED', null, '案件已办结')];
  }
  if (!CADRE_NEEDS[action.type].includes(state.stage)) {
    return [violation('STEP_OUT_OF_ORDER', null, `当前阶段（${state.stage}）不能办理此步骤`)];
  }
  const lateDate = dateOrderViolation(action.date, state.lastDate);
  if (lateDate) return [lateDate];
  return dispatch(ACTION_RULES, state, action, ctx, []);
}

/** The pre-appointment notice (任前公示). */
export const cadreNoticeRule = (programme: CadreProgramme): NoticeRule => ({
  name: '任前公示',
  minWorkingDays: programme.noticeWorkingDays,
  article: ARTICLE_NOTICE,
  then: '办理任职',
});

const noticeRule = (state: CadreCaseState, action: NoticeAction, { programme, calendar }: CadreContext) =>
  checkNoticeAction(state.notice, action, cadreNoticeRule(programme), calendar);

/** The rules specific to each action's body (the stage and the date are checked before). */
const ACTION_RULES: Partial<ActionHandlers<CadreAction, CadreCaseState, CadreContext, RuleViolation[]>> = {
  RECORD_DEPARTMENT_OPINION: (state, action, { programme }) => {
    if (!programme.jointReviewDepartments.includes(action.department)) {
      return [
        violation('DEPARTMENT_NOT_IN_JOINT_REVIEW', programme.article, `${action.department}不是联审部门`),
      ];
    }
    if (state.jointReview?.answers[action.department]) {
      return [violation('DEPARTMENT_ALREADY_ANSWERED', null, `${action.department}已反馈联审意见`)];
    }
    return action.result !== 'PASS' && !action.note.trim()
      ? [violation('REASON_REQUIRED', null, '不通过或有疑虑须说明理由')]
      : [];
  },
  RESOLVE_CONCERNS: (state, _action, { programme }) => concernsViolations(state, programme),
  RECORD_ASSESSMENT: (_state, action) => {
    const { participants, favourable } = action.evaluation;
    if (!Number.isInteger(participants) || participants <= 0 || favourable < 0 || favourable > participants) {
      return [violation('EVALUATION_INCONSISTENT', null, '民主测评人数或票数不正确')];
    }
    return action.interviewScore !== null && (action.interviewScore < 0 || action.interviewScore > 100)
      ? [violation('SCORE_OUT_OF_RANGE', null, '面试成绩为0至100分')]
      : [];
  },
  DECIDE: (state, action) => {
    const violations = checkCommitteeVote(action.committeeVote, action.approved, '乡镇党委集体研究决定');
    if (state.post === 'PARTY_SECRETARY' && action.approved && !action.countyConsultationRef) {
      violations.push(violation('COUNTY_CONSULTATION_REQUIRED', null, '村党组织书记人选须先报县委组织部'));
    }
    return violations;
  },
  START_NOTICE: noticeRule,
  RECORD_OBJECTION: noticeRule,
  CLOSE_NOTICE: noticeRule,
  APPOINT: (state) => appointmentViolations(state),
  RECORD_ELECTION: (state, action) => {
    const notElected = electionViolations(state);
    if (notElected.length > 0) return notElected;
    const { eligible, cast, forCandidate } = action.votes;
    return eligible > 0 && cast <= eligible && forCandidate <= cast && cast >= 0 && forCandidate >= 0
      ? []
      : [violation('VOTES_INCONSISTENT', ARTICLE_ELECTION, '选举人数或票数不正确')];
  },
  REVIEW_TRIAL: (state, action, { programme, requireReserveCategory }) => {
    if (requireReserveCategory && action.exitTo === 'RESERVE_POOL' && !action.reserveCategory) {
      return [violation('RESERVE_CATEGORY_REQUIRED', 'DOMAIN §3', '转入后备库须说明后备力量类别')];
    }
    const trial = state.trial!;
    if (compareLocalDates(action.date, trial.end) < 0 && action.outcome !== 'FAIL') {
      return [trialNotEnded(trial.end)];
    }
    if (action.outcome === 'EXTEND') {
      const months = action.extensionMonths ?? 0;
      if (trial.extendedMonths > 0) return [violation('TRIAL_ALREADY_EXTENDED', null, '试用期只能延长一次')];
      if (!Number.isInteger(months) || months < 1 || months > programme.maxTrialExtensionMonths) {
        return [
          violation('TRIAL_EXTENSION_OUT_OF_RANGE', null, `延长1至${programme.maxTrialExtensionMonths}个月`),
        ];
      }
    }
    return action.outcome === 'FAIL' && !action.exitTo
      ? [violation('EXIT_DESTINATION_REQUIRED', null, '须说明转入后备库或解聘')]
      : [];
  },
  WITHDRAW: (_state, action) => reasonViolations(action.reason),
};

/** Concerns raised in the joint review are resolved once every department has answered. */
export function concernsViolations(state: CadreCaseState, programme: CadreProgramme): RuleViolation[] {
  const review = jointReviewState(state, programme);
  if (!review.concerns) return [violation('NO_CONCERNS', null, '联审没有提出疑虑')];
  return review.pending.length > 0
    ? [violation('JOINT_REVIEW_PENDING', programme.article, `尚待反馈：${review.pending.join('、')}`)]
    : [];
}

/** An elected post is filled by its election, never by appointment. */
export function appointmentViolations(state: CadreCaseState): RuleViolation[] {
  const post = CADRE_POSTS[state.post];
  return post.filledBy === 'ELECTION'
    ? [
        violation(
          'ELECTED_POST_CANNOT_BE_APPOINTED',
          ARTICLE_ELECTION,
          `${post.name}由选举产生，须记录选举或补选结果`,
        ),
      ]
    : [];
}

/** Only an elected post is filled by an election. */
export function electionViolations(state: CadreCaseState): RuleViolation[] {
  const post = CADRE_POSTS[state.post];
  return post.filledBy === 'ELECTION'
    ? []
    : [violation('POST_IS_NOT_ELECTED', null, `${post.name}不经选举，由乡镇党委聘任`)];
}

/** P8: the trial is reviewed once it has ended (failing it may come earlier). */
export function trialNotEnded(end: LocalDate): RuleViolation {
  return violation('TRIAL_NOT_ENDED', null, `试用期至${end}届满`);
}
