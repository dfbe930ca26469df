import { Body, Controller, Get, HttpCode, Post, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Response } from 'express';

import { CurrentPrincipal } from '@app/auth';
import { ApiProblems } from '@app/config';
import { type MemberCaseView } from '@app/contracts';
import { type Principal } from '@app/domain';

import { CaseId } from '../case-endpoints';
import { ApiDryRun, DryRun } from '../dry-run';
import { ApiIdempotencyKey, IdempotencyKey } from '../idempotency/idempotency';
import { CreateMemberCaseDto } from './dto/create-member-case.dto';
import { MemberCasePreviewResponse, MemberCaseResponse } from './dto/member-case.response';
import { MemberCaseActionsService } from './actions/member-case-actions.service';
import { type MemberCasePreview, MemberCasesService } from './member-cases.service';

@ApiTags('member-cases 发展党员')
@ApiProblems({ 504: true })
@Controller('v1/member-cases')
export class MemberCasesController {
  constructor(
    private readonly service: MemberCasesService,
    private readonly actions: MemberCaseActionsService,
  ) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({
    operationId: 'createMemberCase',
    summary: '递交入党申请书 (step 1): opens a member-development case',
  })
  @ApiIdempotencyKey()
  @ApiDryRun()
  @ApiCreatedResponse({ type: MemberCaseResponse })
  @ApiOkResponse({
    type: MemberCasePreviewResponse,
    description:
      'dryRun=true: the case recording would open (id, workflowId, createdAt null; personId null for a new person)',
  })
  @ApiProblems({
    422:
      'a rule blocks the application: NATIONAL_ID_MALFORMED, NATIONAL_ID_CHECK_DIGIT_INVALID, BIRTH_DATE_MISMATCH, ' +
      'T15_APPLICANT_UNDER_18 (§5), BRANCH_UNKNOWN, APPLICATION_ORG_NOT_BRANCH (§6), APPLICATION_DATE_IN_FUTURE, …, ' +
      'IDEMPOTENCY_KEY_REUSED',
    409: 'MEMBER_CASE_ALREADY_OPEN (with caseId only when you may read that case), MEMBER_CASE_CLOSED',
  })
  async create(
    @CurrentPrincipal() principal: Principal,
    @Body() dto: CreateMemberCaseDto,
    @IdempotencyKey() idempotencyKey: string | undefined,
    @Res({ passthrough: true }) response: Response,
    @DryRun() dryRun: boolean,
  ): Promise<MemberCaseView | MemberCasePreview> {
    if (dryRun) {
      response.status(200);
      return this.service.previewApplication(principal, dto);
    }
    const created = await this.service.submitApplication(principal, dto, idempotencyKey);
    response.location(`/v1/member-cases/${created.id}`);
    return created;
  }

  @Get(':id')
  @ApiOperation({ operationId: 'getMemberCase', summary: 'A member-development case (read model)' })
  @ApiOkResponse({ type: MemberCaseResponse })
  @ApiProblems({ 404: 'MEMBER_CASE_NOT_FOUND' })
  async get(@CurrentPrincipal() principal: Principal, @CaseId() id: string): Promise<MemberCaseView> {
    await this.actions.readableCase(principal, id);
    return this.service.get(id);
  }
}
