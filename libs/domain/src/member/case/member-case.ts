import { type WorkingDayCalendar } from '../../calendar/working-days';
import { type OrgUnit } from '../../org/org-unit';
import { type RuleViolation, violation } from '../../rules/rule-violation';
import { type LocalDate, addMonths, compareLocalDates } from '../../time/local-date';
import { checkApprovingBody, checkReviewsComplete } from '../approval-routing';
import { assessMeetingVote, checkCommitteeVote, checkResolutionAdopted } from '../meeting-vote';
import { type EffectiveMemberRules, type ExtraNoticeKind } from '../rule-sets';
import { checkCultivationContacts, checkSponsors } from '../sponsors';
import { type MemberStage } from '../stages';
import { type StepActor } from '../steps';
import {
  type TrainingRecord,
  acceptanceApprovalDeadlines,
  branchMeetingDueDate,
  checkAcceptanceApprovalTiming,
  checkConversionDiscussionDate,
  checkCultivationPeriod,
  checkDeparture,
  checkDevelopmentTargetNotice,
  checkProbationExtension,
  checkTraining,
  conversionApprovalDueDate,
  extendedProbationEndDate,
  nextActivistVettingDue,
  oathDueDate,
  probationEndDate,
  talkDueDate,
} from '../time-rules';
import { ACTION_STEP, LOCAL_NOTICE_STEP, type MemberAction, type MemberActionType } from './actions';

/** What a case has recorded so far: the facts every rule reads. Changed only by applyAction. */
export interface MemberCaseState {
  readonly caseId: string;
  readonly personId: string;
  readonly branch: OrgUnit;
  readonly applicationDate: LocalDate;
  readonly status: 'OPEN' | 'CLOSED';
  readonly stage: MemberStage;
  readonly outcome?: 'FULL_MEMBER' | 'PROBATION_CANCELLED' | 'WITHDRAWN' | 'NOT_RECOGNISED';
  readonly lastStep: number;
  /** Business date of the latest recorded action: no action may be dated before it. */
  readonly lastDate?: LocalDate;
  readonly transferredIn: boolean;
  readonly talkDate?: LocalDate;
  readonly activist?: {
    readonly date: LocalDate;
    readonly filedDate?: LocalDate;
    readonly contacts?: readonly string[];
    readonly vettings: readonly LocalDate[];
  };
  readonly target?: {
    readonly proposedDate: LocalDate;
    readonly consentDate?: LocalDate;
    readonly notice?: {
      readonly start: LocalDate;
      readonly end: LocalDate;
      readonly objections: readonly string[];
      readonly closed?: LocalDate;
    };
    readonly listedDate?: LocalDate;
    readonly sponsors?: readonly string[];
    readonly politicalReviewPassed?: boolean;
    readonly training?: TrainingRecord;
    readonly committeeReviewPassed?: boolean;
    readonly committeeReviewDate?: LocalDate;
    readonly preReviewDate?: LocalDate;
    readonly formNumber?: string;
  };
  readonly acceptance?: {
    readonly meetingDate: LocalDate;
    readonly reviewedBy: readonly string[];
    readonly interviewDate?: LocalDate;
  };
  readonly probation?: {
    readonly start: LocalDate;
    readonly end: LocalDate;
    readonly approvalDate: LocalDate;
    readonly extensions: number;
    readonly filedDate?: LocalDate;
    readonly partyGroup?: string;
    readonly oathDate?: LocalDate;
    readonly vettings: readonly LocalDate[];
    readonly conversionAppliedDate?: LocalDate;
    readonly conversionMeeting?: {
      readonly date: LocalDate;
      readonly proposal: 'CONVERT' | 'EXTEND' | 'CANCEL';
      readonly extensionMonths?: number;
    };
    /** Review-only bodies (党总支 / 村党委) that reviewed the conversion resolution (DOMAIN.md §1.6). */
    readonly conversionReviewedBy?: readonly string[];
    readonly convertedDate?: LocalDate;
    readonly partyAgeFrom?: LocalDate;
  };
  readonly archivedDate?: LocalDate;
  /** Public notices a local overlay adds (before activists, acceptance, conversion). */
  readonly localNotices?: Partial<Record<ExtraNoticeKind, LocalNoticeRecord>>;
}

export interface LocalNoticeRecord {
  readonly start: LocalDate;
  readonly end: LocalDate;
  readonly objections: readonly string[];
  readonly closed?: LocalDate;
  /** The findings on objections affect eligibility: the gated step may not go ahead on this notice. */
  readonly affected?: boolean;
}

type ExtraNotices = EffectiveMemberRules['extraNotices'];
const NOTICE_KINDS: readonly ExtraNoticeKind[] = ['ACTIVIST', 'ACCEPTANCE', 'CONVERSION'];

/** Whether the case is at the point where the local notice of `kind` comes. */
function localNoticeDue(s: MemberCaseState, kind: ExtraNoticeKind): boolean {
  switch (kind) {
    case 'ACTIVIST':
      return s.stage === 'APPLICANT' && !!s.talkDate;
    case 'ACCEPTANCE':
      return !!s.target?.formNumber && !s.acceptance;
    case 'CONVERSION':
      return !!s.probation?.conversionAppliedDate && !s.probation.conversionMeeting;
  }
}
const localNoticeOpen = (s: MemberCaseState, kind: ExtraNoticeKind): boolean =>
  !!s.localNotices?.[kind] && !s.localNotices[kind].closed;
const localNoticePassed = (s: MemberCaseState, kind: ExtraNoticeKind): boolean =>
  !!s.localNotices?.[kind]?.closed && !s.localNotices[kind].affected;
const startableNotices = (s: MemberCaseState, extra: ExtraNotices): ExtraNoticeKind[] =>
  NOTICE_KINDS.filter(
    (kind) =>
      extra[kind] && localNoticeDue(s, kind) && !localNoticeOpen(s, kind) && !localNoticePassed(s, kind),
  );
const openNotices = (s: MemberCaseState): ExtraNoticeKind[] =>
  NOTICE_KINDS.filter((kind) => localNoticeOpen(s, kind));

/** Stage changes and other facts other systems care about; the workflow turns them into CloudEvents. */
export type MemberCaseEvent =
  | { readonly type: 'activist-determined'; readonly date: LocalDate }
  | { readonly type: 'development-target-listed'; readonly date: LocalDate }
  | { readonly type: 'development-target-not-listed'; readonly date: LocalDate; readonly reason: string }
  | { readonly type: 'accepted-by-branch'; readonly date: LocalDate }
  | { readonly type: 'acceptance-rejected'; readonly date: LocalDate; readonly step: number }
  | {
      readonly type: 'probationary-admitted';
      readonly date: LocalDate;
      readonly probationStart: LocalDate;
      readonly probationEnd: LocalDate;
    }
  | { readonly type: 'converted'; readonly date: LocalDate; readonly partyAgeFrom: LocalDate }
  | {
      readonly type: 'probation-extended';
      readonly date: LocalDate;
      readonly months: number;
      readonly probationEnd: LocalDate;
    }
  | { readonly type: 'probationary-status-cancelled'; readonly date: LocalDate }
  | { readonly type: 'withdrawn'; readonly date: LocalDate; readonly reason: string }
  | {
      readonly type: 'transferred';
      readonly date: LocalDate;
      readonly fromBranchId: string;
      readonly toBranchId: string;
    }
  | { readonly type: 'not-recognised'; readonly date: LocalDate }
  | { readonly type: 'archived'; readonly date: LocalDate };

export interface CaseContext {
  readonly rules: EffectiveMemberRules;
  readonly calendar: WorkingDayCalendar;
  /** Today in China; no step may be dated in the future. */
  readonly today: LocalDate;
  /**
   * Rules added after cases were already running, switched on per case by the workflow (Temporal
   * `patched`), so that replaying an older case's history gives the outcomes it had. Absent means on.
   */
  readonly versions?: { readonly conversionReviews?: boolean };
}

export function openCase(input: {
  caseId: string;
  personId: string;
  branch: OrgUnit;
  applicationDate: LocalDate;
}): MemberCaseState {
  return { ...input, status: 'OPEN', stage: 'APPLICANT', lastStep: 1, transferredIn: false };
}

// --------------------------------------------------------------------------------------------------------
// Preconditions: the order of the flow. Each returns the message when the action cannot come yet.

type Precondition = (state: MemberCaseState, extraNotices: ExtraNotices) => string | undefined;

const need = (ok: boolean, message: string): string | undefined => (ok ? undefined : message);
const inStage = (state: MemberCaseState, ...stages: MemberStage[]) => stages.includes(state.stage);
const accepted = (s: MemberCaseState) => s.acceptance !== undefined;

const PRECONDITIONS: Record<MemberActionType, Precondition> = {
  RECORD_TALK: (s) =>
    need(inStage(s, 'APPLICANT') && !s.talkDate, '谈话应在递交入党申请书后、确定入党积极分子前进行'),
  DETERMINE_ACTIVIST: (s) => need(inStage(s, 'APPLICANT') && !!s.talkDate, '确定入党积极分子前须派人谈话'),
  FILE_ACTIVIST: (s) =>
    need(
      inStage(s, 'ACTIVIST') && !!s.activist && !s.activist.filedDate,
      '须先确定入党积极分子，且只备案一次',
    ),
  ASSIGN_CONTACTS: (s) => need(inStage(s, 'ACTIVIST'), '培养联系人为入党积极分子指定'),
  RECORD_ACTIVIST_VETTING: (s) =>
    need(inStage(s, 'ACTIVIST') && !!s.activist?.contacts, '考察须在指定培养联系人后进行'),
  PROPOSE_DEVELOPMENT_TARGET: (s) =>
    need(
      inStage(s, 'ACTIVIST') && !!s.activist?.filedDate && !!s.activist.contacts && !s.target,
      '确定发展对象前须完成入党积极分子备案并指定培养联系人',
    ),
  HIGHER_COMMITTEE_DECISION: (s) =>
    need(
      !!s.target && !s.target.consentDate && !s.target.listedDate,
      '须先由党支部委员会研究提出发展对象人选',
    ),
  START_NOTICE: (s) => need(!!s.target?.consentDate && !s.target.notice, '公示须在上级党委同意后进行'),
  RECORD_OBJECTION: (s) =>
    need(
      (!!s.target?.notice && !s.target.notice.closed) || openNotices(s).length > 0,
      '公示期间方可登记反映意见',
    ),
  START_LOCAL_NOTICE: (s, extra) => need(startableNotices(s, extra).length > 0, '当前没有须进行的公示'),
  CLOSE_LOCAL_NOTICE: (s) => need(openNotices(s).length > 0, '没有进行中的公示'),
  CLOSE_NOTICE: (s) => need(!!s.target?.notice && !s.target.notice.closed, '没有进行中的公示'),
  DESIGNATE_SPONSORS: (s) =>
    need(
      inStage(s, 'DEVELOPMENT_TARGET') && !s.target?.preReviewDate && !accepted(s),
      '入党介绍人为发展对象确定',
    ),
  RECORD_POLITICAL_REVIEW: (s) =>
    need(
      inStage(s, 'DEVELOPMENT_TARGET') && !s.target?.preReviewDate && !accepted(s),
      '政治审查对发展对象进行',
    ),
  RECORD_TRAINING: (s) =>
    need(
      inStage(s, 'DEVELOPMENT_TARGET') && !s.target?.preReviewDate && !accepted(s),
      '集中培训对发展对象进行',
    ),
  COMMITTEE_REVIEW: (s) =>
    need(
      inStage(s, 'DEVELOPMENT_TARGET') &&
        !!s.target?.sponsors &&
        s.target.politicalReviewPassed !== undefined &&
        !!s.target.training &&
        !s.target.preReviewDate &&
        !accepted(s),
      '党支部委员会审查前须确定入党介绍人、完成政治审查和集中培训',
    ),
  PRE_REVIEW: (s) =>
    need(
      s.target?.committeeReviewPassed === true && !s.target.preReviewDate,
      '预审前须经党支部委员会审查合格',
    ),
  FILL_APPLICATION_FORM: (s) =>
    need(!!s.target?.preReviewDate && !s.target.formNumber, '预审合格后方可填写入党志愿书'),
  BRANCH_MEETING_ACCEPTANCE: (s) =>
    need(!!s.target?.formNumber && !accepted(s), '党支部党员大会讨论前须填写入党志愿书'),
  REVIEW_BY_BODY: (s) =>
    need(
      (accepted(s) && inStage(s, 'DEVELOPMENT_TARGET')) ||
        (inStage(s, 'PROBATIONARY') && !!s.probation?.conversionMeeting),
      '审议须在党支部党员大会通过后、上级党委审批前进行',
    ),
  COMMITTEE_INTERVIEW: (s) =>
    need(
      accepted(s) && inStage(s, 'DEVELOPMENT_TARGET') && !s.acceptance?.interviewDate,
      '谈话在党支部党员大会通过后、审批前进行',
    ),
  APPROVE_ACCEPTANCE: (s) =>
    need(
      !!s.acceptance?.interviewDate && inStage(s, 'DEVELOPMENT_TARGET'),
      '审批前须由党委委员或组织员同发展对象谈话',
    ),
  FILE_WITH_ORG_DEPARTMENT: (s) =>
    need(!!s.probation && !s.probation.filedDate, '审批后报上级党委组织部门备案一次'),
  ASSIGN_TO_GROUP: (s) => need(inStage(s, 'PROBATIONARY'), '预备党员编入党支部和党小组'),
  RECORD_OATH: (s) => need(inStage(s, 'PROBATIONARY') && !s.probation?.oathDate, '入党宣誓在批准后进行一次'),
  RECORD_PROBATION_VETTING: (s) => need(inStage(s, 'PROBATIONARY'), '对预备党员进行教育考察'),
  APPLY_FOR_CONVERSION: (s) =>
    need(inStage(s, 'PROBATIONARY') && !s.probation?.conversionAppliedDate, '预备党员提出转正申请'),
  CONVERSION_MEETING: (s) =>
    need(
      inStage(s, 'PROBATIONARY') && !s.probation?.conversionMeeting,
      '预备党员方可讨论转正、延长预备期或取消资格',
    ),
  APPROVE_CONVERSION: (s) => need(!!s.probation?.conversionMeeting, '审批转正前须由党支部党员大会讨论'),
  ARCHIVE: (s) => need(s.stage === 'FULL_MEMBER' && !s.archivedDate, '转正后归档'),
  WITHDRAW: (s) => need(s.stage !== 'FULL_MEMBER', '已转为正式党员'),
  TRANSFER: () => undefined,
  REFUSE_RECOGNITION: (s) =>
    need(inStage(s, 'PROBATIONARY') && s.transferredIn, '仅对转入的预备党员作不予承认处理'),
};

/**
 * Warnings recorded with an accepted action: facts that do not block it but must be visible in the
 * dossier. A working-day count reaching into a year whose official holidays are not published yet is an
 * estimate (Monday–Friday): the result is provisional until the year is added to CALENDAR_OVERRIDES.
 */
export function actionWarnings(
  state: MemberCaseState,
  action: MemberAction,
  ctx: CaseContext,
): RuleViolation[] {
  const notice =
    action.type === 'CLOSE_NOTICE'
      ? state.target?.notice
      : action.type === 'CLOSE_LOCAL_NOTICE'
        ? state.localNotices?.[action.notice]
        : undefined;
  if (!notice || !ctx.calendar.countBetween(notice.start, notice.end).provisional) return [];
  return [
    violation(
      'CALENDAR_PROVISIONAL',
      null,
      `公示期（${notice.start}至${notice.end}）跨入尚未公布节假日安排的年份，工作日数为暂定结果`,
    ),
  ];
}

/** Who has reviewed the resolution now awaiting approval: the acceptance, or the conversion decision. */
export function reviewedSoFar(state: MemberCaseState): readonly string[] {
  return state.stage === 'PROBATIONARY'
    ? (state.probation?.conversionReviewedBy ?? [])
    : (state.acceptance?.reviewedBy ?? []);
}

/** The archive set of §36: what goes into the personnel file (or the party-member file). */
export const ARCHIVE_SET = [
  '入党志愿书',
  '入党申请书',
  '培养考察登记表',
  '政审材料',
  '预备党员教育考察登记表',
  '转正申请书',
] as const;

const PRECONDITION_ARTICLE: Partial<Record<MemberActionType, (rules: EffectiveMemberRules) => string>> = {
  DETERMINE_ACTIVIST: (r) => r.talk.article,
  APPROVE_ACCEPTANCE: (r) => r.steps[15]!.article,
  CONVERSION_MEETING: (r) => r.steps[21]!.article,
};

// --------------------------------------------------------------------------------------------------------

/** Every rule the action breaks, empty if it may be recorded. */
export function validateAction(
  state: MemberCaseState,
  action: MemberAction,
  ctx: CaseContext,
): RuleViolation[] {
  const { rules } = ctx;
  if (state.status === 'CLOSED') return [violation('CASE_CLOSED', null, '案件已结束')];
  if (compareLocalDates(action.date, ctx.today) > 0)
    return [violation('DATE_IN_FUTURE', null, `日期${action.date}晚于今天`)];
  const lastDate = state.lastDate ?? latestDate(state);
  if (compareLocalDates(action.date, lastDate) < 0 && action.type !== 'RECORD_OBJECTION') {
    return [
      violation('DATE_BEFORE_PREVIOUS_STEP', null, `日期${action.date}早于已记录的上一步（${lastDate}）`),
    ];
  }
  const blocked = PRECONDITIONS[action.type](state, rules.extraNotices);
  if (blocked) {
    const step = ACTION_STEP[action.type];
    const article =
      PRECONDITION_ARTICLE[action.type]?.(rules) ??
      (step > 0 ? (rules.steps[step - 1]?.article ?? null) : null);
    return [violation('STEP_OUT_OF_ORDER', article, blocked)];
  }
  return [
    ...specificRules(state, action, ctx),
    ...missingLocalNotice(state, action, ctx),
    ...missingDocuments(action, ctx),
  ];
}

/** A local overlay's notice must have run, without findings that affect eligibility, before the step it guards. */
function missingLocalNotice(state: MemberCaseState, action: MemberAction, ctx: CaseContext): RuleViolation[] {
  const kind: ExtraNoticeKind | undefined =
    action.type === 'DETERMINE_ACTIVIST'
      ? 'ACTIVIST'
      : action.type === 'BRANCH_MEETING_ACCEPTANCE'
        ? 'ACCEPTANCE'
        : action.type === 'CONVERSION_MEETING' && action.proposal === 'CONVERT'
          ? 'CONVERSION'
          : undefined;
  const required = kind ? ctx.rules.extraNotices[kind] : undefined;
  if (!kind || !required || localNoticePassed(state, kind)) return [];
  return [
    violation(
      'LOCAL_NOTICE_REQUIRED',
      required.source,
      `须先公示不少于${required.workingDays}个工作日且结果不影响`,
    ),
  ];
}

/** Documents a local overlay requires for the step: each must be among the action's evidence (or archive list). */
function missingDocuments(action: MemberAction, ctx: CaseContext): RuleViolation[] {
  const required = ctx.rules.documents[ACTION_STEP[action.type]] ?? [];
  const provided = new Set([
    ...(action.evidence ?? []),
    ...(action.type === 'ARCHIVE' ? action.documents : []),
  ]);
  const missing = required.filter((document) => !provided.has(document));
  if (missing.length === 0) return [];
  return [
    violation(
      'OVERLAY_DOCUMENT_MISSING',
      ctx.rules.overlays.join(', '),
      `本地规定须提供：${missing.join('、')}`,
    ),
  ];
}

function specificRules(state: MemberCaseState, action: MemberAction, ctx: CaseContext): RuleViolation[] {
  const { rules, calendar } = ctx;
  switch (action.type) {
    case 'ASSIGN_CONTACTS':
      return checkCultivationContacts(rules, action.contacts, state.personId);
    case 'PROPOSE_DEVELOPMENT_TARGET':
      return checkCultivationPeriod(rules, state.activist!.date, action.date);
    case 'HIGHER_COMMITTEE_DECISION':
      return checkApprovingBody(rules, action.route, action.actingBody);
    case 'START_NOTICE': {
      if (!rules.developmentTarget.notice)
        return [
          violation('NOTICE_NOT_REQUIRED', rules.developmentTarget.article, '本案适用的细则不要求此公示'),
        ];
      return compareLocalDates(action.end, action.date) < 0
        ? [violation('NOTICE_ENDS_BEFORE_START', null, '公示结束日期早于开始日期')]
        : [];
    }
    case 'CLOSE_NOTICE': {
      const notice = state.target!.notice!;
      if (compareLocalDates(action.date, notice.end) <= 0) {
        return [
          violation(
            'T4_NOTICE_NOT_FINISHED',
            rules.developmentTarget.notice?.article ?? null,
            `公示于${notice.end}期满后方可结束`,
          ),
        ];
      }
      if (action.affectsEligibility) return [];
      return checkDevelopmentTargetNotice(rules, calendar, notice, action.date).violations;
    }
    case 'RECORD_OBJECTION': {
      const open = action.notice
        ? localNoticeOpen(state, action.notice)
        : !!state.target?.notice && !state.target.notice.closed;
      return open ? [] : [violation('NOTICE_NOT_OPEN', null, '该公示不在公示期内')];
    }
    case 'START_LOCAL_NOTICE': {
      const required = rules.extraNotices[action.notice];
      if (!required) return [violation('NOTICE_NOT_REQUIRED', null, '本案适用的规定不要求此公示')];
      if (!startableNotices(state, rules.extraNotices).includes(action.notice)) {
        return [violation('STEP_OUT_OF_ORDER', required.source, '此公示现在不能开始')];
      }
      return compareLocalDates(action.end, action.date) < 0
        ? [violation('NOTICE_ENDS_BEFORE_START', null, '公示结束日期早于开始日期')]
        : [];
    }
    case 'CLOSE_LOCAL_NOTICE': {
      const required = rules.extraNotices[action.notice];
      const notice = state.localNotices?.[action.notice];
      if (!required || !notice || notice.closed)
        return [violation('NOTICE_NOT_OPEN', null, '该公示不在公示期内')];
      if (compareLocalDates(action.date, notice.end) <= 0) {
        return [violation('LOCAL_NOTICE_NOT_FINISHED', required.source, `公示于${notice.end}期满后方可结束`)];
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
    }
    case 'DESIGNATE_SPONSORS':
      return checkSponsors(rules, action.sponsors, state.personId, action.date);
    case 'RECORD_POLITICAL_REVIEW':
      return action.conclusionRef.trim()
        ? []
        : [
            violation(
              'POLITICAL_REVIEW_CONCLUSION_MISSING',
              rules.politicalReview.article,
              '政治审查须形成结论性材料',
            ),
          ];
    case 'RECORD_TRAINING':
      return checkTraining(rules, action.training);
    case 'COMMITTEE_REVIEW': {
      if (!action.passed) return [];
      const violations = [...checkTraining(rules, state.target!.training)];
      if (state.target!.politicalReviewPassed !== true) {
        violations.push(
          violation(
            'POLITICAL_REVIEW_NOT_PASSED',
            rules.politicalReview.article,
            '未经政治审查或者政治审查不合格的，不能发展入党',
          ),
        );
      }
      return violations;
    }
    case 'PRE_REVIEW': {
      const violations = [...checkApprovingBody(rules, action.route, action.actingBody)];
      if (action.passed)
        violations.push(
          ...checkDeparture(rules, action.expectedDeparture, action.date, action.departureJustification),
        );
      return violations;
    }
    case 'BRANCH_MEETING_ACCEPTANCE':
      return onlyRecordRules(rules, action.vote, state, action.actingBody);
    case 'REVIEW_BY_BODY': {
      if (!action.route.reviewers.some((unit) => unit.id === action.actingBody.id)) {
        return [
          violation(
            'NOT_A_REVIEWING_BODY',
            rules.reviewOnlyBodies.article,
            `${action.actingBody.name}不是本案须审议的党组织`,
          ),
        ];
      }
      return reviewedSoFar(state).includes(action.actingBody.id)
        ? [violation('ALREADY_REVIEWED', rules.reviewOnlyBodies.article, `${action.actingBody.name}已审议`)]
        : [];
    }
    case 'APPROVE_ACCEPTANCE': {
      const violations = [
        ...checkApprovingBody(rules, action.route, action.actingBody),
        ...checkReviewsComplete(rules, action.route, new Set(state.acceptance!.reviewedBy)),
        ...checkCommitteeVote(action.committeeVote, action.approved, rules.steps[16]!.article),
        ...checkResolutionReceived(state.acceptance!.meetingDate, action.resolutionReceived, action.date),
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
    }
    case 'CONVERSION_MEETING': {
      const probation = state.probation!;
      // Whatever the branch proposes (convert, extend, cancel), the meeting must adopt it (§31, §32).
      // A serious violation may cancel probationary status before probation ends (§31); converting or
      // extending waits for the end and for the person's written application (§32).
      const cancelling = action.proposal === 'CANCEL';
      if (!cancelling && !probation.conversionAppliedDate) {
        return [violation('STEP_OUT_OF_ORDER', rules.steps[21]!.article, '讨论转正前须本人提出书面转正申请')];
      }
      const violations = [
        ...(cancelling
          ? []
          : checkConversionDiscussionDate(rules, probation.end, action.date, state.transferredIn)),
        ...(action.actingBody.id === state.branch.id
          ? []
          : [violation('NOT_THE_CASE_BRANCH', null, `${action.actingBody.name}不是本案所在党支部`)]),
        ...checkResolutionAdopted(rules, action.vote),
      ];
      if (action.proposal === 'EXTEND')
        violations.push(...checkProbationExtension(rules, action.extensionMonths ?? 0, probation.extensions));
      return violations;
    }
    case 'APPROVE_CONVERSION':
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
        ),
      ];
    case 'TRANSFER':
      return action.toBranch.kind === 'BRANCH' && action.toBranch.id !== state.branch.id
        ? []
        : [violation('TRANSFER_TARGET_INVALID', null, '须转入另一个党支部')];
    case 'REFUSE_RECOGNITION':
      if (action.actingBody.kind !== 'ORG_DEPARTMENT') {
        return [violation('NOT_AN_ORG_DEPARTMENT', '§34', '不予承认须报县级以上党委组织部门批准')];
      }
      return action.reason.trim() ? [] : [violation('REASON_REQUIRED', null, '须说明理由')];
    case 'WITHDRAW':
      return action.reason.trim() ? [] : [violation('REASON_REQUIRED', null, '须说明理由')];
    case 'ARCHIVE': {
      const missing = ARCHIVE_SET.filter((document) => !action.documents.includes(document));
      return missing.length === 0
        ? []
        : [
            violation(
              'ARCHIVE_INCOMPLETE',
              rules.steps[24]!.article,
              `归档材料不全，缺少：${missing.join('、')}`,
            ),
          ];
    }
    default:
      return [];
  }
}

/** A branch general meeting is recorded by the case's own branch and its tally must be valid (quorum included). */
function onlyRecordRules(
  rules: EffectiveMemberRules,
  vote: Parameters<typeof assessMeetingVote>[1],
  state: MemberCaseState,
  body: OrgUnit,
): RuleViolation[] {
  const violations = [...assessMeetingVote(rules, vote).violations];
  if (body.id !== state.branch.id)
    violations.unshift(violation('NOT_THE_CASE_BRANCH', null, `${body.name}不是本案所在党支部`));
  return violations;
}

/** The committee received the branch resolution after the meeting and no later than it decides. */
function checkResolutionReceived(
  meetingDate: LocalDate,
  received: LocalDate,
  decisionDate: LocalDate,
): RuleViolation[] {
  return compareLocalDates(received, meetingDate) >= 0 && compareLocalDates(received, decisionDate) <= 0
    ? []
    : [
        violation(
          'RESOLUTION_RECEIVED_DATE_INVALID',
          null,
          `收到决议的日期须在党员大会（${meetingDate}）之后、审批之前`,
        ),
      ];
}

function latestDate(state: MemberCaseState): LocalDate {
  const dates: (LocalDate | undefined)[] = [
    state.applicationDate,
    state.talkDate,
    state.activist?.date,
    state.activist?.filedDate,
    ...(state.activist?.vettings ?? []),
    state.target?.proposedDate,
    state.target?.consentDate,
    state.target?.notice?.start,
    state.target?.notice?.closed,
    state.target?.listedDate,
    state.target?.preReviewDate,
    state.acceptance?.meetingDate,
    state.acceptance?.interviewDate,
    state.probation?.approvalDate,
    state.probation?.filedDate,
    state.probation?.oathDate,
    ...(state.probation?.vettings ?? []),
    state.probation?.conversionAppliedDate,
    state.probation?.conversionMeeting?.date,
    state.probation?.convertedDate,
  ];
  return dates
    .filter((d): d is LocalDate => d !== undefined)
    .sort(compareLocalDates)
    .at(-1)!;
}

// --------------------------------------------------------------------------------------------------------

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

function applyFacts(
  state: MemberCaseState,
  action: MemberAction,
  ctx: CaseContext,
): { state: MemberCaseState; events: MemberCaseEvent[] } {
  const step = ACTION_STEP[action.type];
  const advanced = step > state.lastStep ? { lastStep: step } : {};
  const date = action.date;
  switch (action.type) {
    case 'RECORD_TALK':
      return { state: { ...state, ...advanced, talkDate: date }, events: [] };
    case 'DETERMINE_ACTIVIST':
      return {
        state: { ...state, ...advanced, stage: 'ACTIVIST', activist: { date, vettings: [] } },
        events: [{ type: 'activist-determined', date }],
      };
    case 'FILE_ACTIVIST':
      return {
        state: { ...state, ...advanced, activist: { ...state.activist!, filedDate: date } },
        events: [],
      };
    case 'ASSIGN_CONTACTS':
      return {
        state: {
          ...state,
          ...advanced,
          activist: { ...state.activist!, contacts: action.contacts.map((c) => c.personId) },
        },
        events: [],
      };
    case 'RECORD_ACTIVIST_VETTING':
      return {
        state: {
          ...state,
          ...advanced,
          activist: { ...state.activist!, vettings: [...state.activist!.vettings, date] },
        },
        events: [],
      };
    case 'PROPOSE_DEVELOPMENT_TARGET':
      return { state: { ...state, ...advanced, target: { proposedDate: date } }, events: [] };
    case 'HIGHER_COMMITTEE_DECISION': {
      if (!action.consent) {
        const { target: _dropped, ...rest } = state;
        return {
          state: rest,
          events: [
            { type: 'development-target-not-listed', date, reason: action.reason ?? '上级党委不同意' },
          ],
        };
      }
      const target = { ...state.target!, consentDate: date };
      // 2014: filing lists the target at once; 2026: consent, then a public notice (T4) before listing.
      if (!ctx.rules.developmentTarget.notice) return listed({ ...state, ...advanced, target }, date);
      return { state: { ...state, ...advanced, target }, events: [] };
    }
    case 'START_NOTICE':
      return {
        state: {
          ...state,
          target: { ...state.target!, notice: { start: date, end: action.end, objections: [] } },
        },
        events: [],
      };
    case 'START_LOCAL_NOTICE':
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
    case 'CLOSE_LOCAL_NOTICE': {
      const closed = {
        ...state.localNotices![action.notice]!,
        closed: date,
        affected: action.affectsEligibility,
      };
      return {
        state: { ...state, localNotices: { ...state.localNotices, [action.notice]: closed } },
        events: [],
      };
    }
    case 'RECORD_OBJECTION': {
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
    }
    case 'CLOSE_NOTICE': {
      if (action.affectsEligibility) {
        const { target: _dropped, ...rest } = state;
        return {
          state: rest,
          events: [{ type: 'development-target-not-listed', date, reason: action.finding }],
        };
      }
      const target = { ...state.target!, notice: { ...state.target!.notice!, closed: date } };
      return listed({ ...state, target }, date);
    }
    case 'DESIGNATE_SPONSORS':
      return {
        state: {
          ...state,
          ...advanced,
          target: { ...state.target!, sponsors: action.sponsors.map((s) => s.personId) },
        },
        events: [],
      };
    case 'RECORD_POLITICAL_REVIEW':
      return {
        state: { ...state, ...advanced, target: { ...state.target!, politicalReviewPassed: action.passed } },
        events: [],
      };
    case 'RECORD_TRAINING':
      return {
        state: { ...state, ...advanced, target: { ...state.target!, training: action.training } },
        events: [],
      };
    case 'COMMITTEE_REVIEW':
      return {
        state: {
          ...state,
          ...advanced,
          target: { ...state.target!, committeeReviewPassed: action.passed, committeeReviewDate: date },
        },
        events: action.passed ? [] : [{ type: 'acceptance-rejected', date, step }],
      };
    case 'PRE_REVIEW': {
      if (!action.passed) {
        // Written notice to the branch; no 志愿书. The committee review has to be done again.
        return {
          state: { ...state, target: { ...state.target!, committeeReviewPassed: undefined } },
          events: [{ type: 'acceptance-rejected', date, step }],
        };
      }
      return {
        state: { ...state, ...advanced, target: { ...state.target!, preReviewDate: date } },
        events: [],
      };
    }
    case 'FILL_APPLICATION_FORM':
      return {
        state: { ...state, ...advanced, target: { ...state.target!, formNumber: action.formNumber } },
        events: [],
      };
    case 'BRANCH_MEETING_ACCEPTANCE': {
      if (!assessMeetingVote(ctx.rules, action.vote).passed) {
        return {
          state: { ...state, lastStep: state.lastStep },
          events: [{ type: 'acceptance-rejected', date, step }],
        };
      }
      return {
        state: { ...state, ...advanced, acceptance: { meetingDate: date, reviewedBy: [] } },
        events: [{ type: 'accepted-by-branch', date }],
      };
    }
    case 'REVIEW_BY_BODY': {
      const reviewer = action.actingBody.id;
      if (state.stage === 'PROBATIONARY') {
        const probation = state.probation!;
        const conversionReviewedBy = [...(probation.conversionReviewedBy ?? []), reviewer];
        return { state: { ...state, probation: { ...probation, conversionReviewedBy } }, events: [] };
      }
      const reviewedBy = [...state.acceptance!.reviewedBy, reviewer];
      return { state: { ...state, acceptance: { ...state.acceptance!, reviewedBy } }, events: [] };
    }
    case 'COMMITTEE_INTERVIEW':
      return {
        state: { ...state, ...advanced, acceptance: { ...state.acceptance!, interviewDate: date } },
        events: [],
      };
    case 'APPROVE_ACCEPTANCE': {
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
          ...state,
          ...advanced,
          stage: 'PROBATIONARY',
          probation: { start, end, approvalDate: date, extensions: 0, vettings: [] },
        },
        events: [{ type: 'probationary-admitted', date, probationStart: start, probationEnd: end }],
      };
    }
    case 'FILE_WITH_ORG_DEPARTMENT':
      return {
        state: { ...state, ...advanced, probation: { ...state.probation!, filedDate: date } },
        events: [],
      };
    case 'ASSIGN_TO_GROUP':
      return {
        state: { ...state, ...advanced, probation: { ...state.probation!, partyGroup: action.partyGroup } },
        events: [],
      };
    case 'RECORD_OATH':
      return {
        state: { ...state, ...advanced, probation: { ...state.probation!, oathDate: date } },
        events: [],
      };
    case 'RECORD_PROBATION_VETTING':
      return {
        state: {
          ...state,
          ...advanced,
          probation: { ...state.probation!, vettings: [...state.probation!.vettings, date] },
        },
        events: [],
      };
    case 'APPLY_FOR_CONVERSION':
      return {
        state: { ...state, ...advanced, probation: { ...state.probation!, conversionAppliedDate: date } },
        events: [],
      };
    case 'CONVERSION_MEETING': {
      const meeting = {
        date,
        proposal: action.proposal,
        ...(action.extensionMonths !== undefined ? { extensionMonths: action.extensionMonths } : {}),
      };
      return {
        state: { ...state, ...advanced, probation: { ...state.probation!, conversionMeeting: meeting } },
        events: [],
      };
    }
    case 'APPROVE_CONVERSION': {
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
            ...state,
            ...advanced,
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
    }
    case 'ARCHIVE':
      return {
        state: { ...state, ...advanced, status: 'CLOSED', outcome: 'FULL_MEMBER', archivedDate: date },
        events: [{ type: 'archived', date }],
      };
    case 'WITHDRAW':
      return {
        state: { ...state, status: 'CLOSED', outcome: 'WITHDRAWN' },
        events: [{ type: 'withdrawn', date, reason: action.reason }],
      };
    case 'TRANSFER':
      // Cultivation time keeps counting (§12); a probationary member's conversion may then be postponed (T13).
      return {
        state: {
          ...state,
          branch: action.toBranch,
          transferredIn: state.transferredIn || state.stage === 'PROBATIONARY',
        },
        events: [
          { type: 'transferred', date, fromBranchId: state.branch.id, toBranchId: action.toBranch.id },
        ],
      };
    case 'REFUSE_RECOGNITION':
      return {
        state: { ...state, status: 'CLOSED', outcome: 'NOT_RECOGNISED' },
        events: [{ type: 'not-recognised', date }],
      };
  }
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

// --------------------------------------------------------------------------------------------------------

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

export interface CaseDeadline {
  readonly kind: DeadlineKind;
  readonly due: LocalDate;
  /** Hard caps refuse the action after the date; the others warn and escalate. */
  readonly hard: boolean;
}

/**
 * The dates the workflow must watch for the case as it stands. `resolutionReceived` is when the approving
 * committee received the branch resolution (T8/T12 anchor), known once the branch has reported it.
 */
export function caseDeadlines(
  state: MemberCaseState,
  ctx: CaseContext,
  resolutionReceived?: LocalDate,
): CaseDeadline[] {
  if (state.status === 'CLOSED') return [];
  const { rules } = ctx;
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

/** The actions whose preconditions hold now (rules specific to the action's payload are checked on submit). */
export function availableActions(
  state: MemberCaseState,
  extraNotices: ExtraNotices = {},
): MemberActionType[] {
  if (state.status === 'CLOSED') return [];
  return (Object.keys(PRECONDITIONS) as MemberActionType[]).filter(
    (type) => PRECONDITIONS[type](state, extraNotices) === undefined,
  );
}

/** Something the case waits for: an action due from an actor, with its deadline if a rule sets one. */
export interface CaseTask {
  readonly action: MemberActionType;
  readonly step: number;
  readonly actor: StepActor;
  readonly dueOn: LocalDate | null;
  /** A hard limit after which the action is refused (T8's six months). */
  readonly capOn: LocalDate | null;
}

/** Actions that are always possible but never awaited: they do not make tasks. */
const NOT_AWAITED = new Set<MemberActionType>([
  'WITHDRAW',
  'TRANSFER',
  'REFUSE_RECOGNITION',
  'RECORD_OBJECTION',
  'RECORD_PROBATION_VETTING',
]);

/** One-off steps that stay possible (to correct or adjust) after they are done, but are no longer awaited. */
const DONE: Partial<Record<MemberActionType, (state: MemberCaseState) => boolean>> = {
  ASSIGN_CONTACTS: (s) => !!s.activist?.contacts,
  DESIGNATE_SPONSORS: (s) => !!s.target?.sponsors,
  RECORD_POLITICAL_REVIEW: (s) => s.target?.politicalReviewPassed === true,
  RECORD_TRAINING: (s) => !!s.target?.training,
  COMMITTEE_REVIEW: (s) => s.target?.committeeReviewPassed === true,
  ASSIGN_TO_GROUP: (s) => !!s.probation?.partyGroup,
};

const DEADLINE_OF: Partial<Record<MemberActionType, DeadlineKind>> = {
  RECORD_TALK: 'T1_TALK',
  FILE_ACTIVIST: 'SLA_ACTIVIST_FILING',
  PRE_REVIEW: 'SLA_PRE_REVIEW',
  RECORD_ACTIVIST_VETTING: 'T2_ACTIVIST_VETTING',
  CLOSE_NOTICE: 'T4_NOTICE_END',
  BRANCH_MEETING_ACCEPTANCE: 'T7_BRANCH_MEETING',
  APPROVE_ACCEPTANCE: 'T8_ACCEPTANCE_APPROVAL',
  RECORD_OATH: 'T9_OATH',
  APPLY_FOR_CONVERSION: 'T10_PROBATION_END',
  APPROVE_CONVERSION: 'T12_CONVERSION_APPROVAL',
};

/** The case's open tasks, for the task read model that committee backlogs and inboxes are built on. */
export function openTasks(
  state: MemberCaseState,
  ctx: CaseContext,
  resolutionReceived?: LocalDate,
): CaseTask[] {
  const deadlines = caseDeadlines(state, ctx, resolutionReceived);
  const due = (kind: DeadlineKind | undefined) =>
    deadlines.find((deadline) => deadline.kind === kind)?.due ?? null;
  return availableActions(state, ctx.rules.extraNotices)
    .filter((action) => !NOT_AWAITED.has(action) && !DONE[action]?.(state))
    .flatMap((action): CaseTask[] => {
      // Local notices are posted by the branch before the step they guard; closing one is due at its end.
      if (action === 'START_LOCAL_NOTICE') {
        return startableNotices(state, ctx.rules.extraNotices).map((kind) => ({
          action,
          step: LOCAL_NOTICE_STEP[kind],
          actor: 'BRANCH',
          dueOn: null,
          capOn: null,
        }));
      }
      if (action === 'CLOSE_LOCAL_NOTICE') {
        return openNotices(state).map((kind) => ({
          action,
          step: LOCAL_NOTICE_STEP[kind],
          actor: 'BRANCH',
          dueOn: state.localNotices![kind]!.end,
          capOn: null,
        }));
      }
      const step = ACTION_STEP[action];
      return [
        {
          action,
          step,
          actor: action === 'REVIEW_BY_BODY' ? 'REVIEWING_BODY' : ctx.rules.steps[step - 1]!.actor,
          dueOn: due(DEADLINE_OF[action]),
          capOn: action === 'APPROVE_ACCEPTANCE' ? due('T8_ACCEPTANCE_APPROVAL_CAP') : null,
        },
      ];
    });
}
