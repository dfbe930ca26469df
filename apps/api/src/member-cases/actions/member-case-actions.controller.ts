import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { CurrentPrincipal } from '@app/auth';
import { ApiActionRoutes, ApiProblems } from '@app/config';
import { type MemberCaseView, type VerifiedRecords } from '@app/contracts';
import { type Principal } from '@app/domain';
import { type DossierEntry } from '@app/persistence';

import { CaseId } from '../../case-endpoints';
import { actionOperations, routedAction, wildcardPath } from '../../action-route';
import { ApiDryRun, DryRun } from '../../dry-run';
import { ApiIdempotencyKey, IdempotencyKey } from '../../idempotency/idempotency';
import { MemberCaseTimelineResponse } from '../../openapi/record-chain.response';
import { MemberCaseResponse } from '../dto/member-case.response';
import { ApprovalTaskResponse, MemberCaseSnapshotResponse } from '../dto/member-case-state.response';
import { MEMBER_ACTION_ROUTES } from './member-action-routes';
import { MemberCaseActionsService } from './member-case-actions.service';

@ApiTags('member-cases 发展党员')
@ApiProblems({ 404: 'MEMBER_CASE_NOT_FOUND', 504: true })
@Controller('v1/member-cases/:id')
export class MemberCaseActionsController {
  constructor(private readonly actions: MemberCaseActionsService) {}

  @Get('state')
  @ApiOperation({
    operationId: 'getMemberCaseState',
    summary: 'Current state of the case: stage, recorded facts, deadlines (from the workflow)',
  })
  @ApiOkResponse({
    type: MemberCaseSnapshotResponse,
    description: 'The workflow state: stage, facts, deadlines, pinned overlays',
  })
  state(@CurrentPrincipal() principal: Principal, @CaseId() id: string): Promise<MemberCaseSnapshotResponse> {
    return this.actions.state(principal, id);
  }

  @Get('timeline')
  @ApiOperation({
    operationId: 'getMemberCaseTimeline',
    summary: '全程纪实: the dossier records in order, with the hash chain verified',
  })
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
    operationId: 'listMemberCaseTasks',
    summary: 'Approval tasks of the case: what is awaited, from which org unit, due and hard-cap dates',
  })
  @ApiOkResponse({ type: [ApprovalTaskResponse], description: 'The approval tasks, open ones first' })
  tasks(@CurrentPrincipal() principal: Principal, @CaseId() id: string): Promise<ApprovalTaskResponse[]> {
    return this.actions.caseTasks(principal, id);
  }

  @Post('*action')
  @HttpCode(200)
  @ApiActionRoutes(
    'action',
    actionOperations(
      MEMBER_ACTION_ROUTES,
      (type) => `Records ${type}. A broken rule answers 422 with its stable code and article.`,
    ),
  )
  @ApiOkResponse({ type: MemberCaseResponse, description: 'The case after the action' })
  @ApiIdempotencyKey()
  @ApiDryRun()
  @ApiProblems({
    422: 'A rule blocks the action (its code and article, every violation), or IDEMPOTENCY_KEY_REUSED; nothing was recorded',
    409: 'CASE_NOT_OPEN, CASE_CLOSED',
  })
  async act(
    @CurrentPrincipal() principal: Principal,
    @CaseId() id: string,
    @Param('action') action: string[],
    @Body() body: unknown,
    @IdempotencyKey() key?: string,
    @DryRun() dryRun = false,
  ): Promise<MemberCaseView> {
    const { type, dto } = await routedAction(MEMBER_ACTION_ROUTES, wildcardPath(action), body);
    return this.actions.record(principal, id, type, dto, key, dryRun);
  }
}
