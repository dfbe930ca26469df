import {
  type ApprovalRoute,
  type LocalDate,
  type MemberAction,
  type MemberStanding,
  type OrgUnit,
} from '@app/domain';

import { actionDtos, actionRoutes, bodyDate } from '../../action-route';
import * as Dto from './member-action.dto';

/** What a member action's builder is given besides its body (MemberCaseActionsService resolves it). */
export interface MemberActionContext {
  /** What every action carries: the business date, the acting org unit, the evidence. */
  readonly base: {
    readonly date: LocalDate;
    readonly actingBody: OrgUnit;
    readonly evidence?: readonly string[];
  };
  /** The approval route of the case's branch under its rule set (422 when the branch has none). */
  readonly route: () => Promise<ApprovalRoute>;
  /** The standing of the persons a body names (422 PERSON_UNKNOWN for one not known). */
  readonly standings: (personIds: readonly string[], field: string) => Promise<MemberStanding[]>;
  /** An org unit a body names by id or code (422 ORG_UNIT_UNKNOWN). */
  readonly orgUnit: (reference: string, field: string) => Promise<OrgUnit>;
}

/** What every committee decision carries (steps 17 and 24). */
async function approval(
  { resolutionReceived, approved, committeeVote }: Dto.ApprovalDto,
  ctx: MemberActionContext,
) {
  return {
    route: await ctx.route(),
    resolutionReceived: bodyDate(resolutionReceived, 'resolutionReceived'),
    approved,
    committeeVote: { ...committeeVote },
  };
}

/** Every step after step 1: POST /v1/member-cases/{id}/<path> with its body, and the action it records. */
export const MEMBER_ACTION_ROUTES = actionRoutes<MemberAction, MemberActionContext>()({
  RECORD_TALK: {
    path: 'talk',
    dto: Dto.RecordTalkDto,
    operationId: 'recordTalk',
    name: '党组织派人谈话',
    summary: '党组织派人谈话 (step 2; T1: within a month, §7)',
    build: ({ talker, summary }, { base }) => ({ type: 'RECORD_TALK', ...base, talker, summary }),
  },
  DETERMINE_ACTIVIST: {
    path: 'activist',
    dto: Dto.DetermineActivistDto,
    operationId: 'determineActivist',
    name: '入党积极分子确定',
    summary: '推荐和确定入党积极分子 (step 3, §8)',
    build: ({ recommendation }, { base }) => ({ type: 'DETERMINE_ACTIVIST', ...base, recommendation }),
  },
  FILE_ACTIVIST: {
    path: 'activist-filing',
    dto: Dto.NoFieldsActionDto,
    operationId: 'fileActivist',
    name: '入党积极分子备案',
    summary: '报上级党委备案 (step 4, §8)',
    build: (_, { base }) => ({ type: 'FILE_ACTIVIST', ...base }),
  },
  ASSIGN_CONTACTS: {
    path: 'cultivation-contacts',
    dto: Dto.AssignContactsDto,
    operationId: 'assignCultivationContacts',
    name: '指定培养联系人',
    summary: '指定培养联系人: one or two full members (step 5, §9)',
    build: async ({ contactIds }, { base, standings }) => ({
      type: 'ASSIGN_CONTACTS',
      ...base,
      contacts: await standings(contactIds, 'contactIds'),
    }),
  },
  RECORD_ACTIVIST_VETTING: {
    path: 'activist-vettings',
    dto: Dto.SummaryDto,
    operationId: 'recordActivistVetting',
    name: '培养教育考察',
    summary: '培养教育考察, every six months (step 6; T2, §11)',
    build: ({ summary }, { base }) => ({ type: 'RECORD_ACTIVIST_VETTING', ...base, summary }),
  },
  PROPOSE_DEVELOPMENT_TARGET: {
    path: 'development-target-proposal',
    dto: Dto.ProposeDevelopmentTargetDto,
    operationId: 'proposeDevelopmentTarget',
    name: '确定发展对象',
    summary: '确定发展对象: after a year of cultivation (step 7; T3, §13)',
    build: ({ opinionsHeard }, { base }) => ({ type: 'PROPOSE_DEVELOPMENT_TARGET', ...base, opinionsHeard }),
  },
  HIGHER_COMMITTEE_DECISION: {
    path: 'development-target-decision',
    dto: Dto.HigherCommitteeDecisionDto,
    operationId: 'decideDevelopmentTarget',
    name: '报上级党委同意',
    summary: '报上级党委同意 (2026) / 备案 (2014) (step 8, §13)',
    build: async ({ consent, reason }, { base, route }) => ({
      type: 'HIGHER_COMMITTEE_DECISION',
      ...base,
      route: await route(),
      consent,
      ...(reason ? { reason } : {}),
    }),
  },
  START_NOTICE: {
    path: 'development-target-notice',
    dto: Dto.StartNoticeDto,
    operationId: 'startDevelopmentTargetNotice',
    name: '发展对象公示',
    summary: '公示: at least five working days (T4, §13)',
    build: ({ end, scope }, { base }) => ({
      type: 'START_NOTICE',
      ...base,
      end: bodyDate(end, 'end'),
      scope,
    }),
  },
  RECORD_OBJECTION: {
    path: 'development-target-notice/objections',
    dto: Dto.RecordObjectionDto,
    operationId: 'recordNoticeObjection',
    name: '公示期间反映的问题',
    summary: '公示期间反映的问题',
    build: ({ objection, notice }, { base }) => ({
      type: 'RECORD_OBJECTION',
      ...base,
      objection,
      ...(notice ? { notice } : {}),
    }),
  },
  CLOSE_NOTICE: {
    path: 'development-target-notice/close',
    dto: Dto.CloseNoticeDto,
    operationId: 'closeDevelopmentTargetNotice',
    name: '发展对象公示结束',
    summary: '公示结束: listed unless the findings affect eligibility (T4, §13)',
    build: ({ affectsEligibility, finding }, { base }) => ({
      type: 'CLOSE_NOTICE',
      ...base,
      affectsEligibility,
      finding,
    }),
  },
  START_LOCAL_NOTICE: {
    path: 'local-notices',
    dto: Dto.StartLocalNoticeDto,
    operationId: 'startLocalNotice',
    name: '本地规定的公示',
    summary: '本地规定的公示 (before activists, acceptance or conversion; local overlay)',
    build: ({ notice, end, scope }, { base }) => ({
      type: 'START_LOCAL_NOTICE',
      ...base,
      notice,
      end: bodyDate(end, 'end'),
      scope,
    }),
  },
  CLOSE_LOCAL_NOTICE: {
    path: 'local-notices/close',
    dto: Dto.CloseLocalNoticeDto,
    operationId: 'closeLocalNotice',
    name: '本地规定的公示结束',
    summary: '本地规定的公示结束 (local overlay)',
    build: ({ notice, affectsEligibility, finding }, { base }) => ({
      type: 'CLOSE_LOCAL_NOTICE',
      ...base,
      notice,
      affectsEligibility,
      finding,
    }),
  },
  DESIGNATE_SPONSORS: {
    path: 'sponsors',
    dto: Dto.DesignateSponsorsDto,
    operationId: 'designateSponsors',
    name: '确定入党介绍人',
    summary: '确定入党介绍人: two full members, discipline restrictions apply (step 9, §14)',
    build: async ({ sponsorIds }, { base, standings }) => ({
      type: 'DESIGNATE_SPONSORS',
      ...base,
      sponsors: await standings(sponsorIds, 'sponsorIds'),
    }),
  },
  RECORD_POLITICAL_REVIEW: {
    path: 'political-review',
    dto: Dto.PoliticalReviewDto,
    operationId: 'recordPoliticalReview',
    name: '进行政治审查',
    summary: '政治审查 with its conclusive finding (step 10, §16)',
    build: ({ passed, conclusionRef }, { base }) => ({
      type: 'RECORD_POLITICAL_REVIEW',
      ...base,
      passed,
      conclusionRef,
    }),
  },
  RECORD_TRAINING: {
    path: 'training',
    dto: Dto.TrainingDto,
    operationId: 'recordTraining',
    name: '开展集中培训',
    summary: '集中培训: three days or 24 class hours (step 11; T5, §17)',
    build: ({ days, classHours, exception }, { base }) => ({
      type: 'RECORD_TRAINING',
      ...base,
      training: { days, classHours, ...(exception ? { exception: { ...exception } } : {}) },
    }),
  },
  COMMITTEE_REVIEW: {
    path: 'committee-review',
    dto: Dto.CommitteeReviewDto,
    operationId: 'recordCommitteeReview',
    name: '党支部委员会审查',
    summary: '党支部委员会审查 (step 12, §18)',
    build: ({ passed, opinion }, { base }) => ({ type: 'COMMITTEE_REVIEW', ...base, passed, opinion }),
  },
  PRE_REVIEW: {
    path: 'pre-review',
    dto: Dto.PreReviewDto,
    operationId: 'recordPreReview',
    name: '上级党委预审',
    summary: '上级党委预审; leaving within three months is a gate (step 13; T6, §18)',
    build: async ({ passed, expectedDeparture, departureJustification }, { base, route }) => ({
      type: 'PRE_REVIEW',
      ...base,
      route: await route(),
      passed,
      expectedDeparture: expectedDeparture ? bodyDate(expectedDeparture, 'expectedDeparture') : null,
      ...(departureJustification ? { departureJustification } : {}),
    }),
  },
  FILL_APPLICATION_FORM: {
    path: 'application-form',
    dto: Dto.ApplicationFormDto,
    operationId: 'fillApplicationForm',
    name: '填写入党志愿书',
    summary: '填写入党志愿书 (step 14, §15)',
    build: ({ formNumber }, { base }) => ({ type: 'FILL_APPLICATION_FORM', ...base, formNumber }),
  },
  BRANCH_MEETING_ACCEPTANCE: {
    path: 'acceptance-meeting',
    dto: Dto.AcceptanceMeetingDto,
    operationId: 'recordAcceptanceMeeting',
    name: '党支部党员大会讨论',
    summary: '党支部党员大会讨论: quorum and votes over should-attend (step 15; T7, §19–§20)',
    build: ({ vote }, { base }) => ({ type: 'BRANCH_MEETING_ACCEPTANCE', ...base, vote: { ...vote } }),
  },
  REVIEW_BY_BODY: {
    path: 'reviews',
    dto: Dto.OpinionDto,
    operationId: 'recordBodyReview',
    name: '党总支审议',
    summary: '党总支 / 村党委 审议 (review only, §22)',
    build: async ({ opinion }, { base, route }) => ({
      type: 'REVIEW_BY_BODY',
      ...base,
      route: await route(),
      opinion,
    }),
  },
  COMMITTEE_INTERVIEW: {
    path: 'committee-interview',
    dto: Dto.CommitteeInterviewDto,
    operationId: 'recordCommitteeInterview',
    name: '上级党委派人谈话',
    summary: '上级党委派人谈话 (step 16, §23)',
    build: ({ interviewer }, { base }) => ({ type: 'COMMITTEE_INTERVIEW', ...base, interviewer }),
  },
  RECEIVE_ACCEPTANCE_RESOLUTION: {
    path: 'acceptance-resolution-receipt',
    dto: Dto.NoFieldsActionDto,
    operationId: 'receiveAcceptanceResolution',
    name: '上级党委收到接收预备党员的决议',
    summary:
      '上级党委收到党支部决议: the day the approving committee received it, from which T8 runs (step 17, §25)',
    build: async (_, ctx) => ({
      type: 'RECEIVE_ACCEPTANCE_RESOLUTION',
      ...ctx.base,
      route: await ctx.route(),
    }),
  },
  APPROVE_ACCEPTANCE: {
    path: 'acceptance-approval',
    dto: Dto.AcceptanceApprovalDto,
    operationId: 'approveAcceptance',
    name: '上级党委审批',
    summary: '上级党委审批: collective vote, within 3 months, never beyond 6 (step 17; T8, §24–§25)',
    build: async (dto, ctx) => ({
      type: 'APPROVE_ACCEPTANCE',
      ...ctx.base,
      ...(await approval(dto, ctx)),
      ...(dto.specialCaseReason ? { specialCaseReason: dto.specialCaseReason } : {}),
    }),
  },
  FILE_WITH_ORG_DEPARTMENT: {
    path: 'acceptance-filing',
    dto: Dto.NoFieldsActionDto,
    operationId: 'fileWithOrgDepartment',
    name: '再上一级党委组织部门备案',
    summary: '再上一级党委组织部门备案 (step 18, §25)',
    build: (_, { base }) => ({ type: 'FILE_WITH_ORG_DEPARTMENT', ...base }),
  },
  ASSIGN_TO_GROUP: {
    path: 'party-group',
    dto: Dto.PartyGroupDto,
    operationId: 'assignToPartyGroup',
    name: '编入党支部和党小组',
    summary: '编入党支部和党小组 (step 19, §28)',
    build: ({ partyGroup }, { base }) => ({ type: 'ASSIGN_TO_GROUP', ...base, partyGroup }),
  },
  RECORD_OATH: {
    path: 'oath',
    dto: Dto.NoFieldsActionDto,
    operationId: 'recordOath',
    name: '入党宣誓',
    summary: '入党宣誓 (step 20; T9, §29)',
    build: (_, { base }) => ({ type: 'RECORD_OATH', ...base }),
  },
  RECORD_PROBATION_VETTING: {
    path: 'probation-vettings',
    dto: Dto.SummaryDto,
    operationId: 'recordProbationVetting',
    name: '继续教育考察',
    summary: '继续教育考察 (step 21, §30)',
    build: ({ summary }, { base }) => ({ type: 'RECORD_PROBATION_VETTING', ...base, summary }),
  },
  APPLY_FOR_CONVERSION: {
    path: 'conversion-application',
    dto: Dto.NoFieldsActionDto,
    operationId: 'applyForConversion',
    name: '提出转正申请',
    summary: '提出转正申请 (step 22, §32)',
    build: (_, { base }) => ({ type: 'APPLY_FOR_CONVERSION', ...base }),
  },
  CONVERSION_MEETING: {
    path: 'conversion-meeting',
    dto: Dto.ConversionMeetingDto,
    operationId: 'recordConversionMeeting',
    name: '党支部党员大会讨论转正',
    summary:
      '党支部党员大会讨论转正: convert, extend (6–12 months, once) or cancel (step 23; T10/T11/T13, §31–§32)',
    build: ({ vote, proposal, extensionMonths }, { base }) => ({
      type: 'CONVERSION_MEETING',
      ...base,
      vote: { ...vote },
      proposal,
      ...(extensionMonths !== undefined ? { extensionMonths } : {}),
    }),
  },
  RECEIVE_CONVERSION_RESOLUTION: {
    path: 'conversion-resolution-receipt',
    dto: Dto.NoFieldsActionDto,
    operationId: 'receiveConversionResolution',
    name: '上级党委收到转正决议',
    summary:
      '上级党委收到党支部转正决议: the day the approving committee received it, from which T12 runs (step 24, §33)',
    build: async (_, ctx) => ({
      type: 'RECEIVE_CONVERSION_RESOLUTION',
      ...ctx.base,
      route: await ctx.route(),
    }),
  },
  APPROVE_CONVERSION: {
    path: 'conversion-approval',
    dto: Dto.ApprovalDto,
    operationId: 'approveConversion',
    name: '上级党委审批转正',
    summary: '上级党委审批转正 (step 24; T12/T14, §33)',
    build: async (dto, ctx) => ({ type: 'APPROVE_CONVERSION', ...ctx.base, ...(await approval(dto, ctx)) }),
  },
  ARCHIVE: {
    path: 'archive',
    dto: Dto.ArchiveDto,
    operationId: 'archiveMemberCase',
    name: '材料归档',
    summary: '材料归档 (step 25, §36)',
    build: ({ documents }, { base }) => ({ type: 'ARCHIVE', ...base, documents }),
  },
  WITHDRAW: {
    path: 'withdrawal',
    dto: Dto.ReasonDto,
    operationId: 'withdrawMemberCase',
    name: '撤回入党申请',
    summary: '撤回入党申请 / 终止',
    build: ({ reason }, { base }) => ({ type: 'WITHDRAW', ...base, reason }),
  },
  TRANSFER: {
    path: 'transfer',
    dto: Dto.TransferDto,
    operationId: 'transferMemberCase',
    name: '组织关系转接',
    summary: '转接: to another 党支部; time keeps counting (§12, §34–§35)',
    build: async ({ toBranch, materialsRef }, { base, orgUnit }) => ({
      type: 'TRANSFER',
      ...base,
      toBranch: await orgUnit(toBranch, 'toBranch'),
      materialsRef,
    }),
  },
  REFUSE_RECOGNITION: {
    path: 'recognition-refusal',
    dto: Dto.ReasonDto,
    operationId: 'refuseRecognition',
    name: '转入不予承认',
    summary: '转入预备党员不予承认 (county org department, §34)',
    build: ({ reason }, { base }) => ({ type: 'REFUSE_RECOGNITION', ...base, reason }),
  },
});

/** The body each action takes: the class its endpoint validates with (the bulk actions validate with it too). */
export const ACTION_DTOS = actionDtos(MEMBER_ACTION_ROUTES);
