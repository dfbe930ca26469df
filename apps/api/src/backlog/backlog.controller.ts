import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { CurrentPrincipal } from '@app/auth';
import { ApiProblems } from '@app/config';
import { type Principal } from '@app/domain';

import { BacklogQueryDto, BacklogSummaryQueryDto, PageQueryDto } from './backlog.dto';
import { BacklogPageResponse, BacklogSummaryResponse } from './backlog.responses';
import { BacklogService } from './backlog.service';

@ApiTags('backlog 待办')
@ApiProblems({
  400: 'REQUEST_VALIDATION_FAILED, CURSOR_INVALID',
  403: 'OUT_OF_SCOPE, ROLE_NOT_PERMITTED, DELEGATION_NOT_ACTIVE',
})
@Controller('v1')
export class BacklogController {
  constructor(private readonly backlog: BacklogService) {}

  @Get('backlog')
  @ApiOperation({
    operationId: 'listBacklog',
    summary:
      'Tasks of member development, cadre recruitment and the reserve pool across a subtree: filters, sorting, keyset pagination (nextCursor); each item names its endpoint',
  })
  @ApiOkResponse({ type: BacklogPageResponse, description: 'A page of tasks: { items, nextCursor }' })
  @ApiProblems({ 400: 'STAGE_OF_OTHER_PIPELINE, CURSOR_INVALID', 404: 'ORG_UNIT_NOT_FOUND' })
  list(
    @CurrentPrincipal() principal: Principal,
    @Query() query: BacklogQueryDto,
  ): Promise<BacklogPageResponse> {
    return this.backlog.list(principal, query);
  }

  @Get('backlog/summary')
  @ApiOperation({
    operationId: 'getBacklogSummary',
    summary: 'Open tasks per child unit, by deadline (overdue, ≤7, ≤30 days…) and by time waiting',
  })
  @ApiOkResponse({ type: BacklogSummaryResponse, description: 'Counts for the unit and for each child' })
  @ApiProblems({ 404: 'ORG_UNIT_NOT_FOUND' })
  summary(
    @CurrentPrincipal() principal: Principal,
    @Query() query: BacklogSummaryQueryDto,
  ): Promise<BacklogSummaryResponse> {
    return this.backlog.summary(principal, query);
  }

  @Get('inbox')
  @ApiOperation({
    operationId: 'listInbox',
    summary:
      'What the caller can act on now in any of the three pipelines, as their own org unit, soonest deadline first',
  })
  @ApiOkResponse({ type: BacklogPageResponse, description: 'A page of tasks: { items, nextCursor }' })
  inbox(
    @CurrentPrincipal() principal: Principal,
    @Query() query: PageQueryDto,
  ): Promise<BacklogPageResponse> {
    return this.backlog.inbox(principal, query);
  }
}
