import { Body, Controller, Delete, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiHeader,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';

import { CurrentPrincipal } from '@app/auth';
import { type Principal } from '@app/domain';
import { type DelegationView } from '@app/persistence';

import { ProblemResponse } from '../openapi/problem.response';
import { CreateDelegationDto } from './delegation.dto';
import { DelegationsService } from './delegations.service';

@ApiTags('delegations 代理')
@ApiBearerAuth()
@Controller('v1/delegations')
export class DelegationsController {
  constructor(private readonly service: DelegationsService) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary:
      'Hand some of your office roles to a stand-in for a bounded period (≤ 90 days); they act with header Acting-For: <id>',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiUnprocessableEntityResponse({
    type: ProblemResponse,
    description: 'DELEGATION_TO_SELF, DELEGATION_ROLES_NOT_HELD, DELEGATION_PERIOD_INVALID',
  })
  @ApiForbiddenResponse({ type: ProblemResponse, description: 'DELEGATION_CHAIN_FORBIDDEN' })
  create(
    @CurrentPrincipal() principal: Principal,
    @Body() dto: CreateDelegationDto,
    @Headers('idempotency-key') key?: string,
  ): Promise<DelegationView> {
    return this.service.create(principal, dto, key);
  }

  @Get()
  @ApiOperation({ summary: 'Delegations you gave or received that have not ended' })
  list(@CurrentPrincipal() principal: Principal): Promise<DelegationView[]> {
    return this.service.list(principal);
  }

  @Delete(':id')
  @ApiOperation({ summary: 'Revoke a delegation you gave (effective at once)' })
  @ApiForbiddenResponse({ type: ProblemResponse, description: 'NOT_THE_DELEGATOR' })
  revoke(
    @CurrentPrincipal() principal: Principal,
    @Param('id', new ParseUUIDPipe()) id: string,
  ): Promise<DelegationView> {
    return this.service.revoke(principal, id);
  }
}
