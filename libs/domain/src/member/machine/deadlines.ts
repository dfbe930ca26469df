import { type Deadline } from '../../kernel/case-machine';
import { addMonths } from '../../kernel/time/local-date';
import {
  acceptanceApprovalDeadlines,
  branchMeetingDueDate,
  conversionApprovalDueDate,
  nextActivistVettingDue,
  oathDueDate,
  talkDueDate,
} from '../time-rules';
import { type CaseContext, type MemberCaseState } from './state';

export type DeadlineKind =
  | 'T1_TALK'
  | 'T2_ACTIVIST_VETTING'
  | 'T4_NOTICE_END'
  | 'T7_BRANCH_MEETING'
  | 'T8_ACCEPTANCE_APPROVAL'
  | 'T8_ACCEPTANCE_APPROVAL_CAP'
  | 'T9_OATH'
  | 'T10_PROBATION_END'
  | 'T12_CONVERSION_APPROVAL'
  | 'SLA_ACTIVIST_FILING'
  | 'SLA_PRE_REVIEW';

/** Hard caps refuse the action after the date; the others warn and escalate. */
export type CaseDeadline = Deadline<DeadlineKind>;

/**
 * The dates the workflow must watch for the case as it stands. `ctx.resolutionReceived` is when the approving
 * committee received the branch resolution (T8/T12 anchor), known once the branch has reported it.
 */
export function caseDeadlines(state: MemberCaseState, ctx: CaseContext): CaseDeadline[] {
  if (state.status === 'CLOSED') return [];
  const { rules, resolutionReceived } = ctx;
  const deadlines: CaseDeadline[] = [];
  if (state.stage === 'APPLICANT' && !state.talkDate)
    deadlines.push({ kind: 'T1_TALK', due: talkDueDate(rules, state.applicationDate), hard: false });
  if (state.stage === 'ACTIVIST' && state.activist) {
    deadlines.push({
      kind: 'T2_ACTIVIST_VETTING',
      due: nextActivistVettingDue(rules, state.activist.date, state.activist.vettings),
      hard: false,
    });
  }
  const filingSla = rules.slas.activistFiling;
  if (filingSla && state.stage === 'ACTIVIST' && state.activist && !state.activist.filedDate) {
    deadlines.push({
      kind: 'SLA_ACTIVIST_FILING',
      due: addMonths(state.activist.date, filingSla.months),
      hard: false,
    });
  }
  const notice = state.target?.notice;
  if (notice && !notice.closed) deadlines.push({ kind: 'T4_NOTICE_END', due: notice.end, hard: false });
  const preReviewSla = rules.slas.preReview;
  if (
    preReviewSla &&
    state.target?.committeeReviewPassed &&
    state.target.committeeReviewDate &&
    !state.target.preReviewDate
  ) {
    deadlines.push({
      kind: 'SLA_PRE_REVIEW',
      due: addMonths(state.target.committeeReviewDate, preReviewSla.months),
      hard: false,
    });
  }
  if (state.target?.preReviewDate && !state.acceptance) {
    const due = branchMeetingDueDate(rules, state.target.preReviewDate);
    if (due) deadlines.push({ kind: 'T7_BRANCH_MEETING', due, hard: false });
  }
  if (state.acceptance && state.stage === 'DEVELOPMENT_TARGET' && resolutionReceived) {
    const { due, cap } = acceptanceApprovalDeadlines(rules, resolutionReceived);
    deadlines.push(
      { kind: 'T8_ACCEPTANCE_APPROVAL', due, hard: false },
      { kind: 'T8_ACCEPTANCE_APPROVAL_CAP', due: cap, hard: true },
    );
  }
  const probation = state.probation;
  if (probation && state.stage === 'PROBATIONARY') {
    const oath = oathDueDate(rules, probation.approvalDate);
    if (oath && !probation.oathDate) deadlines.push({ kind: 'T9_OATH', due: oath, hard: false });
    if (!probation.conversionMeeting)
      deadlines.push({ kind: 'T10_PROBATION_END', due: probation.end, hard: false });
    if (probation.conversionMeeting && resolutionReceived) {
      deadlines.push({
        kind: 'T12_CONVERSION_APPROVAL',
        due: conversionApprovalDueDate(rules, resolutionReceived),
        hard: false,
      });
    }
  }
  return deadlines;
}

/** The article of the rule set that sets each kind of deadline (the SLAs are local overlays: none). */
export function deadlineArticle(kind: DeadlineKind, { rules }: CaseContext): string | null {
  switch (kind) {
    case 'T1_TALK':
      return rules.talk.article;
    case 'T2_ACTIVIST_VETTING':
      return rules.activistVetting.article;
    case 'T4_NOTICE_END':
      return rules.developmentTarget.notice?.article ?? rules.developmentTarget.article;
    case 'T7_BRANCH_MEETING':
      return rules.branchMeeting.article;
    case 'T8_ACCEPTANCE_APPROVAL':
    case 'T8_ACCEPTANCE_APPROVAL_CAP':
      return rules.acceptanceApproval.article;
    case 'T9_OATH':
      return rules.oath.article;
    case 'T10_PROBATION_END':
      return rules.probation.article;
    case 'T12_CONVERSION_APPROVAL':
      return rules.conversionApproval.article;
    case 'SLA_ACTIVIST_FILING':
    case 'SLA_PRE_REVIEW':
      return null;
  }
}
