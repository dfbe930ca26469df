import { type NoticeRule } from '../../kernel/public-notice';
import { type RuleViolation, violation } from '../../kernel/rules/rule-violation';
import { type LocalDate } from '../../kernel/time/local-date';
import { CADRE_POSTS, type CadreProgramme, NATIONAL_MINIMUM } from '../programmes';
import { type CadreCaseState } from './state';

const ARTICLE_NOTICE = NATIONAL_MINIMUM.article;
export const ARTICLE_ELECTION = '村民委员会组织法 §15';

export function jointReviewState(state: CadreCaseState, programme: CadreProgramme) {
  const answers = state.jointReview?.answers ?? {};
  const pending = programme.jointReviewDepartments.filter((department) => !answers[department]);
  const concerns = Object.values(answers).some((answer) => answer.result === 'CONCERN');
  return { pending, concerns, resolved: !!state.jointReview?.concernsResolved };
}

/** The pre-appointment notice (任前公示). */
export const cadreNoticeRule = (programme: CadreProgramme): NoticeRule => ({
  name: '任前公示',
  minWorkingDays: programme.noticeWorkingDays,
  article: ARTICLE_NOTICE,
  then: '办理任职',
});

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
  return violation('TRIAL_NOT_ENDED', null, `试用期至${end}届满`, 'date');
}
