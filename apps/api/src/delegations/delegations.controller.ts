import { Body, Controller, Delete, Get, HttpCode, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { CurrentPrincipal } from '@app/auth';
import { ApiProblems } from '@app/config';
import { type Principal } from '@app/domain';

import { CaseId } from '../case-endpoints';
import { ApiIdempotencyKey, IdempotencyKey } from '../idempotency/idempotency';
import { CreateDelegationDto } from './delegation.dto';
import { DelegationResponse } from './delegation.responses';
import { DelegationsService } from './delegations.service';

@ApiTags('delegations 代理')
@Controller('v1/delegations')
export class DelegationsController {
  constructor(private readonly service: DelegationsService) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({
    operationId: 'createDelegation',
    summary:
      'Hand some of your office roles to a stand-in for a bounded period (≤ 90 days); they act with header Acting-For: <id>',
  })
  @ApiIdempotencyKey()
  @ApiCreatedResponse({
    type: DelegationResponse,
    description: 'The delegation; the stand-in sends Acting-For: <id>',
  })
  @ApiProblems({
    422:
      'DELEGATION_TO_SELF, DELEGATION_ROLES_NOT_HELD, DELEGATION_STARTS_IN_PAST, DELEGATION_PERIOD_INVALID, ' +
      'IDEMPOTENCY_KEY_REUSED',
    403: 'DELEGATION_CHAIN_FORBIDDEN, DELEGATION_NOT_ACTIVE, DELEGATE_OUTSIDE_ORG_UNIT',
  })
  create(
    @CurrentPrincipal() principal: Principal,
    @Body() dto: CreateDelegationDto,
    @IdempotencyKey() key?: string,
  ): Promise<DelegationResponse> {
    return this.service.create(principal, dto, key);
  }

  @Get()
  @ApiOperation({
    operationId: 'listDelegations',
    summary: 'Delegations you gave or received that have not ended',
  })
  @ApiOkResponse({ type: [DelegationResponse], description: 'The delegations' })
  list(@CurrentPrincipal() principal: Principal): Promise<DelegationResponse[]> {
    return this.service.list(principal);
  }

  @Delete(':id')
  @ApiOperation({
    operationId: 'revokeDelegation',
    summary: 'Revoke a delegation you gave (effective at once)',
  })
  @ApiOkResponse({ type: DelegationResponse, description: 'The delegation, revoked' })
  @ApiProblems({ 403: 'NOT_THE_DELEGATOR, DELEGATION_NOT_ACTIVE', 404: 'DELEGATION_NOT_FOUND' })
  revoke(@CurrentPrincipal() principal: Principal, @CaseId() id: string): Promise<DelegationResponse> {
    return this.service.revoke(principal, id);
  }
}
