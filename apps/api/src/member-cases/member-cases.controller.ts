import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { type Response } from 'express';

import { CurrentPrincipal } from '@app/auth';
import { type MemberCaseView } from '@app/contracts';
import { type Principal } from '@app/domain';

import { ProblemResponse } from '../openapi/problem.response';
import { CreateMemberCaseDto } from './dto/create-member-case.dto';
import { MemberCaseResponse } from './dto/member-case.response';
import { MemberCaseActionsService } from './actions/member-case-actions.service';
import { MemberCasesService } from './member-cases.service';

@ApiTags('member-cases 发展党员')
@Controller('v1/member-cases')
export class MemberCasesController {
  constructor(
    private readonly service: MemberCasesService,
    private readonly actions: MemberCaseActionsService,
  ) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: '递交入党申请书 (step 1): opens a member-development case' })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'retrying with the same key returns the same case',
  })
  @ApiCreatedResponse({ type: MemberCaseResponse })
  @ApiBadRequestResponse({
    type: ProblemResponse,
    description: 'missing or malformed fields (REQUEST_VALIDATION_FAILED)',
  })
  @ApiUnprocessableEntityResponse({
    type: ProblemResponse,
    description:
      'a rule blocks the application: NATIONAL_ID_MALFORMED, NATIONAL_ID_CHECK_DIGIT_INVALID, BIRTH_DATE_MISMATCH, ' +
      'T15_APPLICANT_UNDER_18 (§5), BRANCH_UNKNOWN, APPLICATION_ORG_NOT_BRANCH (§6), APPLICATION_DATE_IN_FUTURE, …',
  })
  @ApiConflictResponse({
    type: ProblemResponse,
    description: 'MEMBER_CASE_ALREADY_OPEN, IDEMPOTENCY_KEY_REUSED',
  })
  async create(
    @CurrentPrincipal() principal: Principal,
    @Body() dto: CreateMemberCaseDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<MemberCaseView> {
    const created = await this.service.submitApplication(principal, dto, idempotencyKey);
    response.location(`/v1/member-cases/${created.id}`);
    return created;
  }

  @Get(':id')
  @ApiOperation({ summary: 'A member-development case (read model)' })
  @ApiOkResponse({ type: MemberCaseResponse })
  @ApiNotFoundResponse({ type: ProblemResponse })
  async get(
    @CurrentPrincipal() principal: Principal,
    @Param('id', new ParseUUIDPipe()) id: string,
  ): Promise<MemberCaseView> {
    await this.actions.readableCase(principal, id);
    return this.service.get(id);
  }
}
