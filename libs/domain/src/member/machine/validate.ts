import { type ActionHandlers, dateOrderViolation, dispatch } from '../../kernel/case-machine';
import { type OrgUnit } from '../../kernel/org/org-unit';
import { type RuleViolation, violation } from '../../kernel/rules/rule-violation';
import { type LocalDate, compareLocalDates } from '../../kernel/time/local-date';
import { checkApprovingBody, checkReviewsComplete } from '../approval-routing';
import { assessMeetingVote, checkCommitteeVote, checkResolutionAdopted } from '../meeting-vote';
import { type EffectiveMemberRules, type ExtraNoticeKind } from '../rule-sets';
import { checkCultivationContacts, checkSponsors } from '../sponsors';
import { type MemberStage } from '../stages';
import {
  checkAcceptanceApprovalTiming,
  checkConversionDiscussionDate,
  checkCultivationPeriod,
  checkDeparture,
  checkDevelopmentTargetNotice,
  checkProbationExtension,
  checkTraining,
} from '../time-rules';
import { ACTION_STEP, type MemberAction, type MemberActionType } from './actions';
import {
  ARCHIVE_SET,
  type CaseContext,
  type ExtraNotices,
  type MemberCaseState,
  latestCaseDate,
  localNoticeOpen,
  localNoticePassed,
  openNotices,
  reviewedSoFar,
  startableNotices,
} from './state';

// Preconditions: the order of the flow. Each returns the message when the action cannot come yet.

type Precondition = (state: MemberCaseState, extraNotices: ExtraNotices) => string | undefined;

const need = (ok: boolean, message: string): string | undefined => (ok ? undefined : message);
const inStage = (state: MemberCaseState, ...stages: MemberStage[]) => stages.includes(state.stage);
const accepted = (s: MemberCaseState) => s.acceptance !== undefined;

export const MEMBER_PRECONDITIONS: Record<MemberActionType, Precondition> = {
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
  const lateDate = dateOrderViolation(action.date, state.lastDate ?? latestCaseDate(state));
  if (lateDate && action.type !== 'RECORD_OBJECTION') return [lateDate];
  const blocked = MEMBER_PRECONDITIONS[action.type](state, rules.extraNotices);
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
  return kind ? localNoticeViolations(state, kind, ctx) : [];
}

/** The local notice of `kind`, where the overlay requires one, has run without findings that affect eligibility. */
export function localNoticeViolations(
  state: MemberCaseState,
  kind: ExtraNoticeKind,
  ctx: CaseContext,
): RuleViolation[] {
  const required = ctx.rules.extraNotices[kind];
  if (!required || localNoticePassed(state, kind)) return [];
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

type Rule = ActionHandlers<MemberAction, MemberCaseState, CaseContext, RuleViolation[]>;

/** The rules specific to each action's body (the order and the dates are checked before). */
const ACTION_RULES: Partial<Rule> = {
  ASSIGN_CONTACTS: (state, action, { rules }) =>
    checkCultivationContacts(rules, action.contacts, state.personId),
  PROPOSE_DEVELOPMENT_TARGET: (state, action, { rules }) =>
    checkCultivationPeriod(rules, state.activist!.date, action.date),
  HIGHER_COMMITTEE_DECISION: (_state, action, { rules }) =>
    checkApprovingBody(rules, action.route, action.actingBody),
  START_NOTICE: (_state, action, { rules }) => {
    if (!rules.developmentTarget.notice)
      return [
        violation('NOTICE_NOT_REQUIRED', rules.developmentTarget.article, '本案适用的细则不要求此公示'),
      ];
    return compareLocalDates(action.end, action.date) < 0
      ? [violation('NOTICE_ENDS_BEFORE_START', null, '公示结束日期早于开始日期')]
      : [];
  },
  CLOSE_NOTICE: (state, action, { rules, calendar }) => {
    const notice = state.target!.notice!;
    if (compareLocalDates(action.date, notice.end) <= 0) {
      return [targetNoticeNotFinished(rules, notice.end)];
    }
    if (action.affectsEligibility) return [];
    return checkDevelopmentTargetNotice(rules, calendar, notice, action.date).violations;
  },
  RECORD_OBJECTION: (state, action) => {
    const open = action.notice
      ? localNoticeOpen(state, action.notice)
      : !!state.target?.notice && !state.target.notice.closed;
    return open ? [] : [violation('NOTICE_NOT_OPEN', null, '该公示不在公示期内')];
  },
  START_LOCAL_NOTICE: (state, action, { rules }) => {
    const required = rules.extraNotices[action.notice];
    if (!required) return [violation('NOTICE_NOT_REQUIRED', null, '本案适用的规定不要求此公示')];
    if (!startableNotices(state, rules.extraNotices).includes(action.notice)) {
      return [violation('STEP_OUT_OF_ORDER', required.source, '此公示现在不能开始')];
    }
    return compareLocalDates(action.end, action.date) < 0
      ? [violation('NOTICE_ENDS_BEFORE_START', null, '公示结束日期早于开始日期')]
      : [];
  },
  CLOSE_LOCAL_NOTICE: (state, action, { rules, calendar }) => {
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
  },
  DESIGNATE_SPONSORS: (state, action, { rules }) =>
    checkSponsors(rules, action.sponsors, state.personId, action.date),
  RECORD_POLITICAL_REVIEW: (_state, action, { rules }) =>
    action.conclusionRef.trim()
      ? []
      : [
          violation(
            'POLITICAL_REVIEW_CONCLUSION_MISSING',
            rules.politicalReview.article,
            '政治审查须形成结论性材料',
          ),
        ],
  RECORD_TRAINING: (_state, action, { rules }) => checkTraining(rules, action.training),
  COMMITTEE_REVIEW: (state, action, { rules }) => {
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
  },
  PRE_REVIEW: (_state, action, { rules }) => {
    const violations = [...checkApprovingBody(rules, action.route, action.actingBody)];
    if (action.passed)
      violations.push(
        ...checkDeparture(rules, action.expectedDeparture, action.date, action.departureJustification),
      );
    return violations;
  },
  BRANCH_MEETING_ACCEPTANCE: (state, action, { rules }) =>
    onlyRecordRules(rules, action.vote, state, action.actingBody),
  REVIEW_BY_BODY: (state, action, { rules }) => {
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
  },
  APPROVE_ACCEPTANCE: (state, action, { rules }) => {
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
  },
  CONVERSION_MEETING: (state, action, { rules }) => {
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
        : [violation('NOT_THE_CASE_BRANCH', null, `${action.actingBody.name}不是本案所在党支部`)]),
      ...checkResolutionAdopted(rules, action.vote),
    ];
    if (action.proposal === 'EXTEND')
      violations.push(...checkProbationExtension(rules, action.extensionMonths ?? 0, probation.extensions));
    return violations;
  },
  APPROVE_CONVERSION: (state, action, ctx) => {
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
      ),
    ];
  },
  TRANSFER: (state, action) =>
    action.toBranch.kind === 'BRANCH' && action.toBranch.id !== state.branch.id
      ? []
      : [violation('TRANSFER_TARGET_INVALID', null, '须转入另一个党支部')],
  REFUSE_RECOGNITION: (_state, action) => {
    if (action.actingBody.kind !== 'ORG_DEPARTMENT') {
      return [violation('NOT_AN_ORG_DEPARTMENT', '§34', '不予承认须报县级以上党委组织部门批准')];
    }
    return action.reason.trim() ? [] : [violation('REASON_REQUIRED', null, '须说明理由')];
  },
  WITHDRAW: (_state, action) =>
    action.reason.trim() ? [] : [violation('REASON_REQUIRED', null, '须说明理由')],
  ARCHIVE: (_state, action, { rules }) => {
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
  },
};

function specificRules(state: MemberCaseState, action: MemberAction, ctx: CaseContext): RuleViolation[] {
  return dispatch(ACTION_RULES, state, action, ctx, []);
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

/** T4: the development-target notice closes after its last day. */
export function targetNoticeNotFinished(rules: EffectiveMemberRules, end: LocalDate): RuleViolation {
  return violation(
    'T4_NOTICE_NOT_FINISHED',
    rules.developmentTarget.notice?.article ?? null,
    `公示于${end}期满后方可结束`,
  );
}

/** Converting or extending probation is discussed on the person's written application (§32). */
export function conversionNotApplied(rules: EffectiveMemberRules): RuleViolation {
  return violation('STEP_OUT_OF_ORDER', rules.steps[21]!.article, '讨论转正前须本人提出书面转正申请');
}
