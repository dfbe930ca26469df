import {
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  HttpCode,
  Module,
  Param,
  ParseUUIDPipe,
  Post,
  Put,
  Query,
  Res,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiExtraModels,
  ApiForbiddenResponse,
  ApiHeader,
  ApiOperation,
  ApiQuery,
  ApiTags,
  ApiUnprocessableEntityResponse,
  getSchemaPath,
} from '@nestjs/swagger';
import { type Response } from 'express';

import { CurrentPrincipal } from '@app/auth';
import { Clock } from '@app/config';
import { type ReserveEntryView, type ReserveReviewView } from '@app/contracts';
import { type Principal, type ReservePolicy } from '@app/domain';
import { type RecordEntry, type ReviewTaskView } from '@app/persistence';
import { type ReservistSnapshot } from '@app/workflows';

import { ProblemResponse } from '../openapi/problem.response';
import * as Dto from './reserve-pool.dto';
import { type ReviewScheduleView, ReservePoolService } from './reserve-pool.service';

const ACTION_DTOS = [...new Set(Object.values(Dto.RESERVE_ACTION_ROUTES).map((route) => route.dto))];

@ApiTags('reserve-pool 村两委后备库')
@ApiBearerAuth()
@ApiForbiddenResponse({ type: ProblemResponse, description: 'OUT_OF_SCOPE, BODY_WITHOUT_AUTHORITY' })
@ApiExtraModels(...ACTION_DTOS)
@Controller('v1/reserve-pool')
export class ReservePoolController {
  constructor(private readonly service: ReservePoolService) {}

  @Post('entries')
  @HttpCode(201)
  @ApiOperation({
    summary: '推: recommends a candidate for a village reserve (checked against the policy first)',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiUnprocessableEntityResponse({
    type: ProblemResponse,
    description: 'NOT_A_VILLAGE_OF_A_TOWNSHIP, RESERVE_AGE_OVER_LIMIT, NATIONAL_ID_MALFORMED, …',
  })
  async recommend(
    @CurrentPrincipal() principal: Principal,
    @Body() dto: Dto.RecommendReservistDto,
    @Headers('idempotency-key') key: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ReserveEntryView> {
    const created = await this.service.recommend(principal, dto, key);
    response.location(`/v1/reserve-pool/entries/${created.id}`);
    return created;
  }

  @Get('entries')
  @ApiOperation({ summary: 'Reservists in a subtree, newest recommendation first' })
  list(
    @CurrentPrincipal() principal: Principal,
    @Query() query: Dto.ReserveEntriesQueryDto,
  ): Promise<ReserveEntryView[]> {
    return this.service.list(principal, query);
  }

  @Get('entries/:id')
  @ApiOperation({
    summary: 'A reservist: status, entry step, recorded facts, age-out day (from the workflow)',
  })
  get(
    @CurrentPrincipal() principal: Principal,
    @Param('id', new ParseUUIDPipe()) id: string,
  ): Promise<ReservistSnapshot> {
    return this.service.get(principal, id);
  }

  @Get('entries/:id/records')
  @ApiOperation({ summary: '一人一档: the reservist records in order, with the hash chain verified' })
  records(
    @CurrentPrincipal() principal: Principal,
    @Param('id', new ParseUUIDPipe()) id: string,
  ): Promise<{ records: RecordEntry[]; chainValid: boolean }> {
    return this.service.records(principal, id);
  }

  @Post('entries/:id/:action')
  @HttpCode(200)
  @ApiOperation({
    summary: `二审一选一公示 and later: ${Object.values(Dto.RESERVE_ACTION_ROUTES)
      .map((route) => route.path)
      .join(', ')}`,
    description: 'Each action takes its own body (see the schemas); a broken rule answers 422 with its code.',
  })
  @ApiBody({ schema: { oneOf: ACTION_DTOS.map((dto) => ({ $ref: getSchemaPath(dto) })) } })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiUnprocessableEntityResponse({ type: ProblemResponse })
  act(
    @CurrentPrincipal() principal: Principal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Param('action') action: string,
    @Body() body: unknown,
    @Headers('idempotency-key') key: string | undefined,
  ): Promise<ReserveEntryView> {
    return this.service.act(principal, id, action, body, key);
  }

  @Get('reviews')
  @ApiOperation({ summary: "A township's half-year reviews (半年分析研判), newest first" })
  @ApiQuery({ name: 'township', description: 'Township committee (id or code)', example: 'DX-DZ' })
  reviews(
    @CurrentPrincipal() principal: Principal,
    @Query('township') township: string,
  ): Promise<ReserveReviewView[]> {
    return this.service.reviews(principal, township ?? '');
  }

  @Get('reviews/:id')
  @ApiOperation({ summary: 'A review: shortfalls, task counts and every reservist to decide' })
  review(
    @CurrentPrincipal() principal: Principal,
    @Param('id', new ParseUUIDPipe()) id: string,
  ): Promise<ReserveReviewView & { items: ReviewTaskView[] }> {
    return this.service.review(principal, id);
  }

  @Post('reviews/:id/decisions')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Decides one reservist in the review: RETAIN, REMOVE, LIST_FOR_INSPECTION or USE',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiUnprocessableEntityResponse({ type: ProblemResponse })
  decide(
    @CurrentPrincipal() principal: Principal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: Dto.ReviewDecisionDto,
    @Headers('idempotency-key') key: string | undefined,
  ): Promise<ReserveEntryView> {
    return this.service.decide(principal, id, dto, key);
  }

  @Get('policies/:orgUnit')
  @ApiOperation({
    summary: 'The reserve policy that applies at an org unit (nearest set above, else the default)',
  })
  policy(
    @CurrentPrincipal() principal: Principal,
    @Param('orgUnit') orgUnit: string,
  ): Promise<ReservePolicy & { setAt: string | null }> {
    return this.service.policy(principal, orgUnit);
  }

  @Put('policies/:orgUnit')
  @ApiOperation({
    summary: "Sets a county's or township's reserve policy; new entries pin the policy then in force",
  })
  setPolicy(
    @CurrentPrincipal() principal: Principal,
    @Param('orgUnit') orgUnit: string,
    @Body() dto: Dto.ReservePolicyDto,
  ): Promise<ReservePolicy & { setAt: string | null }> {
    return this.service.setPolicy(principal, orgUnit, dto);
  }

  @Put('review-schedules/:township')
  @ApiOperation({
    summary: "Creates or updates the township's review Schedule (1 January and 1 July, 09:00 CST)",
  })
  putSchedule(
    @CurrentPrincipal() principal: Principal,
    @Param('township') township: string,
  ): Promise<ReviewScheduleView> {
    return this.service.putSchedule(principal, township);
  }

  @Get('review-schedules/:township')
  @ApiOperation({ summary: 'The review Schedule: next runs and recent runs' })
  getSchedule(
    @CurrentPrincipal() principal: Principal,
    @Param('township') township: string,
  ): Promise<ReviewScheduleView> {
    return this.service.getSchedule(principal, township);
  }

  @Delete('review-schedules/:township')
  @HttpCode(204)
  @ApiOperation({ summary: 'Removes the review Schedule (reviews already opened run to their end)' })
  deleteSchedule(
    @CurrentPrincipal() principal: Principal,
    @Param('township') township: string,
  ): Promise<void> {
    return this.service.deleteSchedule(principal, township);
  }

  @Post('review-schedules/:township/runs')
  @HttpCode(202)
  @ApiOperation({
    summary: "Opens this half year's review now (a second run in the same half year joins it)",
  })
  runNow(
    @CurrentPrincipal() principal: Principal,
    @Param('township') township: string,
  ): Promise<ReviewScheduleView> {
    return this.service.runScheduleNow(principal, township);
  }
}

@Module({ controllers: [ReservePoolController], providers: [ReservePoolService, Clock] })
export class ReservePoolModule {}
