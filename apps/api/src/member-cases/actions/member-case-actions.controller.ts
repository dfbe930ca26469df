import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, applyDecorators } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { CurrentPrincipal } from '@app/auth';
import { ApiProblems } from '@app/config';
import { type MemberCaseView, type VerifiedRecords } from '@app/contracts';
import { type MemberActionType, type Principal } from '@app/domain';
import { type ApprovalTaskView, type DossierEntry } from '@app/persistence';
import { type MemberDevelopmentSnapshot } from '@app/workflows';

import { ApiIdempotencyKey, IdempotencyKey } from '../../idempotency/idempotency';
import { MemberCaseTimelineResponse } from '../../openapi/record-chain.response';
import { MemberCaseResponse } from '../dto/member-case.response';
import * as Dto from './member-action.dto';
import {
  ACTION_PATHS,
  type AvailableActionView,
  MemberCaseActionsService,
} from './member-case-actions.service';

/** POST /v1/member-cases/{id}/<path> for one action: 200 with the case, 422 with the broken rule and its article. */
function ActionEndpoint(type: MemberActionType, summary: string): MethodDecorator {
  return applyDecorators(
    Post(ACTION_PATHS[type]),
    HttpCode(200),
    ApiOperation({
      summary,
      description: `Records ${type}. A broken rule answers 422 with its stable code and article.`,
    }),
    ApiOkResponse({ type: MemberCaseResponse, description: 'The case after the action' }),
    ApiIdempotencyKey(),
    ApiProblems({
      422: 'A rule blocks the action (its code and article, every violation), or IDEMPOTENCY_KEY_REUSED; nothing was recorded',
      409: 'CASE_NOT_OPEN, CASE_CLOSED',
    }),
  );
}

const CaseId = () => Param('id', new ParseUUIDPipe());

@ApiTags('member-cases 发展党员')
@ApiProblems({ 404: 'MEMBER_CASE_NOT_FOUND', 504: true })
@Controller('v1/member-cases/:id')
export class MemberCaseActionsController {
  constructor(private readonly actions: MemberCaseActionsService) {}

  @Get('state')
  @ApiOperation({
    summary: 'Current state of the case: stage, recorded facts, deadlines (from the workflow)',
  })
  @ApiOkResponse({ description: 'The workflow state: stage, facts, deadlines, pinned overlays' })
  state(@CurrentPrincipal() principal: Principal, @CaseId() id: string): Promise<MemberDevelopmentSnapshot> {
    return this.actions.state(principal, id);
  }

  @Get('timeline')
  @ApiOperation({ summary: '全程纪实: the dossier records in order, with the hash chain verified' })
  @ApiOkResponse({
    type: MemberCaseTimelineResponse,
    description: 'Each record marked verified; every break of the chain named (which record, how)',
  })
  timeline(
    @CurrentPrincipal() principal: Principal,
    @CaseId() id: string,
  ): Promise<VerifiedRecords<DossierEntry>> {
    return this.actions.timeline(principal, id);
  }

  @Get('tasks')
  @ApiOperation({
    summary: 'Approval tasks of the case: what is awaited, from which org unit, due and hard-cap dates',
  })
  @ApiOkResponse({ description: 'The approval tasks, open and done' })
  tasks(@CurrentPrincipal() principal: Principal, @CaseId() id: string): Promise<ApprovalTaskView[]> {
    return this.actions.caseTasks(principal, id);
  }

  @Get('available-actions')
  @ApiOperation({ summary: 'The actions that can be taken now, by which org units, at which endpoint' })
  @ApiOkResponse({
    description: 'Each available action with its endpoint and the org units that may take it',
  })
  available(@CurrentPrincipal() principal: Principal, @CaseId() id: string): Promise<AvailableActionView[]> {
    return this.actions.availableActions(principal, id);
  }

  @ActionEndpoint('RECORD_TALK', '党组织派人谈话 (step 2; T1: within a month, §7)')
  talk(
    @CurrentPrincipal() principal: Principal,
    @CaseId() id: string,
    @Body() dto: Dto.RecordTalkDto,
    @IdempotencyKey() key?: string,
  ): Promise<MemberCaseView> {
    return this.actions.record(principal, id, 'RECORD_TALK', dto, key);
  }

  @ActionEndpoint('DETERMINE_ACTIVIST', '推荐和确定入党积极分子 (step 3, §8)')
  activist(
    @CurrentPrincipal() principal: Principal,
    @CaseId() id: string,
    @Body() dto: Dto.DetermineActivistDto,
    @IdempotencyKey() key?: string,
  ): Promise<MemberCaseView> {
    return this.actions.record(principal, id, 'DETERMINE_ACTIVIST', dto, key);
  }

  @ActionEndpoint('FILE_ACTIVIST', '报上级党委备案 (step 4, §8)')
  activistFiling(
    @CurrentPrincipal() principal: Principal,
    @CaseId() id: string,
    @Body() dto: Dto.NoFieldsActionDto,
    @IdempotencyKey() key?: string,
  ): Promise<MemberCaseView> {
    return this.actions.record(principal, id, 'FILE_ACTIVIST', dto, key);
  }

  @ActionEndpoint('ASSIGN_CONTACTS', '指定培养联系人: one or two full members (step 5, §9)')
  contacts(
    @CurrentPrincipal() principal: Principal,
    @CaseId() id: string,
    @Body() dto: Dto.AssignContactsDto,
    @IdempotencyKey() key?: string,
  ): Promise<MemberCaseView> {
    return this.actions.record(principal, id, 'ASSIGN_CONTACTS', dto, key);
  }

  @ActionEndpoint('RECORD_ACTIVIST_VETTING', '培养教育考察, every six months (step 6; T2, §11)')
  activistVetting(
    @CurrentPrincipal() principal: Principal,
    @CaseId() id: string,
    @Body() dto: Dto.SummaryDto,
    @IdempotencyKey() key?: string,
  ): Promise<MemberCaseView> {
    return this.actions.record(principal, id, 'RECORD_ACTIVIST_VETTING', dto, key);
  }

  @ActionEndpoint('PROPOSE_DEVELOPMENT_TARGET', '确定发展对象: after a year of cultivation (step 7; T3, §13)')
  developmentTargetProposal(
    @CurrentPrincipal() principal: Principal,
    @CaseId() id: string,
    @Body() dto: Dto.ProposeDevelopmentTargetDto,
    @IdempotencyKey() key?: string,
  ): Promise<MemberCaseView> {
    return this.actions.record(principal, id, 'PROPOSE_DEVELOPMENT_TARGET', dto, key);
  }

  @ActionEndpoint('HIGHER_COMMITTEE_DECISION', '报上级党委同意 (2026) / 备案 (2014) (step 8, §13)')
  developmentTargetDecision(
    @CurrentPrincipal() principal: Principal,
    @CaseId() id: string,
    @Body() dto: Dto.HigherCommitteeDecisionDto,
    @IdempotencyKey() key?: string,
  ): Promise<MemberCaseView> {
    return this.actions.record(principal, id, 'HIGHER_COMMITTEE_DECISION', dto, key);
  }

  @ActionEndpoint('START_NOTICE', '公示: at least five working days (T4, §13)')
  notice(
    @CurrentPrincipal() principal: Principal,
    @CaseId() id: string,
    @Body() dto: Dto.StartNoticeDto,
    @IdempotencyKey() key?: string,
  ): Promise<MemberCaseView> {
    return this.actions.record(principal, id, 'START_NOTICE', dto, key);
  }

  @ActionEndpoint('RECORD_OBJECTION', '公示期间反映的问题')
  objection(
    @CurrentPrincipal() principal: Principal,
    @CaseId() id: string,
    @Body() dto: Dto.RecordObjectionDto,
    @IdempotencyKey() key?: string,
  ): Promise<MemberCaseView> {
    return this.actions.record(principal, id, 'RECORD_OBJECTION', dto, key);
  }

  @ActionEndpoint('CLOSE_NOTICE', '公示结束: listed unless the findings affect eligibility (T4, §13)')
  closeNotice(
    @CurrentPrincipal() principal: Principal,
    @CaseId() id: string,
    @Body() dto: Dto.CloseNoticeDto,
    @IdempotencyKey() key?: string,
  ): Promise<MemberCaseView> {
    return this.actions.record(principal, id, 'CLOSE_NOTICE', dto, key);
  }

  @ActionEndpoint(
    'START_LOCAL_NOTICE',
    '本地规定的公示 (before activists, acceptance or conversion; local overlay)',
  )
  localNotice(
    @CurrentPrincipal() principal: Principal,
    @CaseId() id: string,
    @Body() dto: Dto.StartLocalNoticeDto,
    @IdempotencyKey() key?: string,
  ): Promise<MemberCaseView> {
    return this.actions.record(principal, id, 'START_LOCAL_NOTICE', dto, key);
  }

  @ActionEndpoint('CLOSE_LOCAL_NOTICE', '本地规定的公示结束 (local overlay)')
  closeLocalNotice(
    @CurrentPrincipal() principal: Principal,
    @CaseId() id: string,
    @Body() dto: Dto.CloseLocalNoticeDto,
    @IdempotencyKey() key?: string,
  ): Promise<MemberCaseView> {
    return this.actions.record(principal, id, 'CLOSE_LOCAL_NOTICE', dto, key);
  }

  @ActionEndpoint(
    'DESIGNATE_SPONSORS',
    '确定入党介绍人: two full members, discipline restrictions apply (step 9, §14)',
  )
  sponsors(
    @CurrentPrincipal() principal: Principal,
    @CaseId() id: string,
    @Body() dto: Dto.DesignateSponsorsDto,
    @IdempotencyKey() key?: string,
  ): Promise<MemberCaseView> {
    return this.actions.record(principal, id, 'DESIGNATE_SPONSORS', dto, key);
  }

  @ActionEndpoint('RECORD_POLITICAL_REVIEW', '政治审查 with its conclusive finding (step 10, §16)')
  politicalReview(
    @CurrentPrincipal() principal: Principal,
    @CaseId() id: string,
    @Body() dto: Dto.PoliticalReviewDto,
    @IdempotencyKey() key?: string,
  ): Promise<MemberCaseView> {
    return this.actions.record(principal, id, 'RECORD_POLITICAL_REVIEW', dto, key);
  }

  @ActionEndpoint('RECORD_TRAINING', '集中培训: three days or 24 class hours (step 11; T5, §17)')
  training(
    @CurrentPrincipal() principal: Principal,
    @CaseId() id: string,
    @Body() dto: Dto.TrainingDto,
    @IdempotencyKey() key?: string,
  ): Promise<MemberCaseView> {
    return this.actions.record(principal, id, 'RECORD_TRAINING', dto, key);
  }

  @ActionEndpoint('COMMITTEE_REVIEW', '党支部委员会审查 (step 12, §18)')
  committeeReview(
    @CurrentPrincipal() principal: Principal,
    @CaseId() id: string,
    @Body() dto: Dto.CommitteeReviewDto,
    @IdempotencyKey() key?: string,
  ): Promise<MemberCaseView> {
    return this.actions.record(principal, id, 'COMMITTEE_REVIEW', dto, key);
  }

  @ActionEndpoint('PRE_REVIEW', '上级党委预审; leaving within three months is a gate (step 13; T6, §18)')
  preReview(
    @CurrentPrincipal() principal: Principal,
    @CaseId() id: string,
    @Body() dto: Dto.PreReviewDto,
    @IdempotencyKey() key?: string,
  ): Promise<MemberCaseView> {
    return this.actions.record(principal, id, 'PRE_REVIEW', dto, key);
  }

  @ActionEndpoint('FILL_APPLICATION_FORM', '填写入党志愿书 (step 14, §15)')
  applicationForm(
    @CurrentPrincipal() principal: Principal,
    @CaseId() id: string,
    @Body() dto: Dto.ApplicationFormDto,
    @IdempotencyKey() key?: string,
  ): Promise<MemberCaseView> {
    return this.actions.record(principal, id, 'FILL_APPLICATION_FORM', dto, key);
  }

  @ActionEndpoint(
    'BRANCH_MEETING_ACCEPTANCE',
    '党支部党员大会讨论: quorum and votes over should-attend (step 15; T7, §19–§20)',
  )
  acceptanceMeeting(
    @CurrentPrincipal() principal: Principal,
    @CaseId() id: string,
    @Body() dto: Dto.AcceptanceMeetingDto,
    @IdempotencyKey() key?: string,
  ): Promise<MemberCaseView> {
    return this.actions.record(principal, id, 'BRANCH_MEETING_ACCEPTANCE', dto, key);
  }

  @ActionEndpoint('REVIEW_BY_BODY', '党总支 / 村党委 审议 (review only, §22)')
  review(
    @CurrentPrincipal() principal: Principal,
    @CaseId() id: string,
    @Body() dto: Dto.OpinionDto,
    @IdempotencyKey() key?: string,
  ): Promise<MemberCaseView> {
    return this.actions.record(principal, id, 'REVIEW_BY_BODY', dto, key);
  }

  @ActionEndpoint('COMMITTEE_INTERVIEW', '上级党委派人谈话 (step 16, §23)')
  committeeInterview(
    @CurrentPrincipal() principal: Principal,
    @CaseId() id: string,
    @Body() dto: Dto.CommitteeInterviewDto,
    @IdempotencyKey() key?: string,
  ): Promise<MemberCaseView> {
    return this.actions.record(principal, id, 'COMMITTEE_INTERVIEW', dto, key);
  }

  @ActionEndpoint(
    'APPROVE_ACCEPTANCE',
    '上级党委审批: collective vote, within 3 months, never beyond 6 (step 17; T8, §24–§25)',
  )
  acceptanceApproval(
    @CurrentPrincipal() principal: Principal,
    @CaseId() id: string,
    @Body() dto: Dto.AcceptanceApprovalDto,
    @IdempotencyKey() key?: string,
  ): Promise<MemberCaseView> {
    return this.actions.record(principal, id, 'APPROVE_ACCEPTANCE', dto, key);
  }

  @ActionEndpoint('FILE_WITH_ORG_DEPARTMENT', '再上一级党委组织部门备案 (step 18, §25)')
  acceptanceFiling(
    @CurrentPrincipal() principal: Principal,
    @CaseId() id: string,
    @Body() dto: Dto.NoFieldsActionDto,
    @IdempotencyKey() key?: string,
  ): Promise<MemberCaseView> {
    return this.actions.record(principal, id, 'FILE_WITH_ORG_DEPARTMENT', dto, key);
  }

  @ActionEndpoint('ASSIGN_TO_GROUP', '编入党支部和党小组 (step 19, §28)')
  partyGroup(
    @CurrentPrincipal() principal: Principal,
    @CaseId() id: string,
    @Body() dto: Dto.PartyGroupDto,
    @IdempotencyKey() key?: string,
  ): Promise<MemberCaseView> {
    return this.actions.record(principal, id, 'ASSIGN_TO_GROUP', dto, key);
  }

  @ActionEndpoint('RECORD_OATH', '入党宣誓 (step 20; T9, §29)')
  oath(
    @CurrentPrincipal() principal: Principal,
    @CaseId() id: string,
    @Body() dto: Dto.NoFieldsActionDto,
    @IdempotencyKey() key?: string,
  ): Promise<MemberCaseView> {
    return this.actions.record(principal, id, 'RECORD_OATH', dto, key);
  }

  @ActionEndpoint('RECORD_PROBATION_VETTING', '继续教育考察 (step 21, §30)')
  probationVetting(
    @CurrentPrincipal() principal: Principal,
    @CaseId() id: string,
    @Body() dto: Dto.SummaryDto,
    @IdempotencyKey() key?: string,
  ): Promise<MemberCaseView> {
    return this.actions.record(principal, id, 'RECORD_PROBATION_VETTING', dto, key);
  }

  @ActionEndpoint('APPLY_FOR_CONVERSION', '提出转正申请 (step 22, §32)')
  conversionApplication(
    @CurrentPrincipal() principal: Principal,
    @CaseId() id: string,
    @Body() dto: Dto.NoFieldsActionDto,
    @IdempotencyKey() key?: string,
  ): Promise<MemberCaseView> {
    return this.actions.record(principal, id, 'APPLY_FOR_CONVERSION', dto, key);
  }

  @ActionEndpoint(
    'CONVERSION_MEETING',
    '党支部党员大会讨论转正: convert, extend (6–12 months, once) or cancel (step 23; T10/T11/T13, §31–§32)',
  )
  conversionMeeting(
    @CurrentPrincipal() principal: Principal,
    @CaseId() id: string,
    @Body() dto: Dto.ConversionMeetingDto,
    @IdempotencyKey() key?: string,
  ): Promise<MemberCaseView> {
    return this.actions.record(principal, id, 'CONVERSION_MEETING', dto, key);
  }

  @ActionEndpoint('APPROVE_CONVERSION', '上级党委审批转正 (step 24; T12/T14, §33)')
  conversionApproval(
    @CurrentPrincipal() principal: Principal,
    @CaseId() id: string,
    @Body() dto: Dto.ApprovalDto,
    @IdempotencyKey() key?: string,
  ): Promise<MemberCaseView> {
    return this.actions.record(principal, id, 'APPROVE_CONVERSION', dto, key);
  }

  @ActionEndpoint('ARCHIVE', '材料归档 (step 25, §36)')
  archive(
    @CurrentPrincipal() principal: Principal,
    @CaseId() id: string,
    @Body() dto: Dto.ArchiveDto,
    @IdempotencyKey() key?: string,
  ): Promise<MemberCaseView> {
    return this.actions.record(principal, id, 'ARCHIVE', dto, key);
  }

  @ActionEndpoint('WITHDRAW', '撤回入党申请 / 终止')
  withdraw(
    @CurrentPrincipal() principal: Principal,
    @CaseId() id: string,
    @Body() dto: Dto.ReasonDto,
    @IdempotencyKey() key?: string,
  ): Promise<MemberCaseView> {
    return this.actions.record(principal, id, 'WITHDRAW', dto, key);
  }

  @ActionEndpoint('TRANSFER', '转接: to another 党支部; time keeps counting (§12, §34–§35)')
  transfer(
    @CurrentPrincipal() principal: Principal,
    @CaseId() id: string,
    @Body() dto: Dto.TransferDto,
    @IdempotencyKey() key?: string,
  ): Promise<MemberCaseView> {
    return this.actions.record(principal, id, 'TRANSFER', dto, key);
  }

  @ActionEndpoint('REFUSE_RECOGNITION', '转入预备党员不予承认 (county org department, §34)')
  refuseRecognition(
    @CurrentPrincipal() principal: Principal,
    @CaseId() id: string,
    @Body() dto: Dto.ReasonDto,
    @IdempotencyKey() key?: string,
  ): Promise<MemberCaseView> {
    return this.actions.record(principal, id, 'REFUSE_RECOGNITION', dto, key);
  }
}
