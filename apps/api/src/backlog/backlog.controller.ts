import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { CurrentPrincipal } from '@app/auth';
import { type Principal } from '@app/domain';

import { ProblemResponse } from '../openapi/problem.response';
import { BacklogQueryDto, BacklogSummaryQueryDto, PageQueryDto } from './backlog.dto';
import { type BacklogPageView, BacklogService, type BacklogSummaryView } from './backlog.service';

@ApiTags('backlog 待办')
@ApiBearerAuth()
@ApiForbiddenResponse({ type: ProblemResponse, description: 'OUT_OF_SCOPE, ROLE_NOT_PERMITTED' })
@Controller('v1')
export class BacklogController {
  constructor(private readonly backlog: BacklogService) {}

  @Get('backlog')
  @ApiOperation({
    summary: 'Approval tasks across a subtree: filters, sorting, keyset pagination (nextCursor)',
  })
  list(@CurrentPrincipal() principal: Principal, @Query() query: BacklogQueryDto): Promise<BacklogPageView> {
    return this.backlog.list(principal, query);
  }

  @Get('backlog/summary')
  @ApiOperation({
    summary: 'Open tasks per child unit, by deadline (overdue, ≤7, ≤30 days…) and by time waiting',
  })
  summary(
    @CurrentPrincipal() principal: Principal,
    @Query() query: BacklogSummaryQueryDto,
  ): Promise<BacklogSummaryView> {
    return this.backlog.summary(principal, query);
  }

  @Get('inbox')
  @ApiOperation({ summary: 'What the caller can act on now, as their own org unit, soonest deadline first' })
  inbox(@CurrentPrincipal() principal: Principal, @Query() query: PageQueryDto): Promise<BacklogPageView> {
    return this.backlog.inbox(principal, query);
  }
}
