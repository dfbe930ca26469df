import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Module,
  Param,
  Post,
  Put,
  Query,
  Res,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBody,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import { type Response } from 'express';

import { CurrentPrincipal } from '@app/auth';
import { ApiProblems, Clock } from '@app/config';
import { type VerifiedRecords } from '@app/contracts';
import { type Principal } from '@app/domain';
import { type RecordEntry } from '@app/persistence';

import { ApiCaseActions, ApiCaseSnapshot, ApiChainedRecords, CaseId } from '../case-endpoints';
import { ApiDryRun, DryRun } from '../dry-run';
import { ApiIdempotencyKey, IdempotencyKey } from '../idempotency/idempotency';
import * as Dto from './reserve-pool.dto';
import {
  ReserveEntryPreviewResponse,
  ReserveEntryResponse,
  ReserveEntrySnapshotResponse,
  ReservePolicyInForceResponse,
  ReserveReviewDetailResponse,
  ReserveReviewResponse,
  ReviewScheduleResponse,
} from './reserve-pool.responses';
import { ReservePoolService } from './reserve-pool.service';
import { ReserveReviewSchedulesService } from './reserve-review-schedules.service';

const TOWNSHIP = () =>
  ApiParam({ name: 'township', description: 'Township committee (id or code)', example: 'DX-DZ' });

const DOCS = {
  notFound: 'RESERVE_ENTRY_NOT_FOUND',
  closed: 'RESERVE_ENTRY_CLOSED',
  after: 'The entry after the action',
  view: ReserveEntryResponse,
  snapshot: ReserveEntrySnapshotResponse,
};
@ApiTags('reserve-pool 村两委后备库')
@ApiProblems({ 403: 'OUT_OF_SCOPE, BODY_WITHOUT_AUTHORITY, ROLE_NOT_PERMITTED, DELEGATION_NOT_ACTIVE' })
@Controller('v1/reserve-pool')
export class ReservePoolController {
  constructor(
    private readonly service: ReservePoolService,
    private readonly schedules: ReserveReviewSchedulesService,
  ) {}

  @Post('entries')
  @HttpCode(201)
  @ApiOperation({
    operationId: 'recommendReservist',
    summary: '推: recommends a candidate for a village reserve (checked against the policy first)',
  })
  @ApiIdempotencyKey()
  @ApiDryRun()
  @ApiCreatedResponse({
    type: ReserveEntryResponse,
    description: 'The entry (Location: /v1/reserve-pool/entries/{id})',
  })
  @ApiOkResponse({
    type: ReserveEntryPreviewResponse,
    description:
      'dryRun=true: the entry recommending would open (id, workflowId null; person.id null if new)',
  })
  @ApiProblems({
    422:
      'NOT_A_VILLAGE_OF_A_TOWNSHIP, RESERVE_AGE_OVER_LIMIT, NATIONAL_ID_MALFORMED, ORG_UNIT_UNKNOWN, …, ' +
      'IDEMPOTENCY_KEY_REUSED',
    409: 'RESERVE_ENTRY_ALREADY_OPEN (with entryId only when you may read that entry)',
    504: true,
  })
  async recommend(
    @CurrentPrincipal() principal: Principal,
    @Body() dto: Dto.RecommendReservistDto,
    @IdempotencyKey() key: string | undefined,
    @Res({ passthrough: true }) response: Response,
    @DryRun() dryRun: boolean,
  ): Promise<ReserveEntryResponse | ReserveEntryPreviewResponse> {
    if (dryRun) {
      response.status(200);
      return this.service.previewRecommendation(principal, dto);
    }
    const created = await this.service.recommend(principal, dto, key);
    response.location(`/v1/reserve-pool/entries/${created.id}`);
    return created;
  }

  @Get('entries/:id')
  @ApiCaseSnapshot(
    'getReserveEntry',
    'A reservist: status, entry step, recorded facts, age-out day (from the workflow)',
    DOCS,
  )
  get(@CurrentPrincipal() principal: Principal, @CaseId() id: string): Promise<ReserveEntrySnapshotResponse> {
    return this.service.get(principal, id);
  }

  @Get('entries/:id/records')
  @ApiChainedRecords(
    'listReserveEntryRecords',
    '一人一档: the reservist records in order, with the hash chain verified',
    DOCS,
  )
  records(
    @CurrentPrincipal() principal: Principal,
    @CaseId() id: string,
  ): Promise<VerifiedRecords<RecordEntry>> {
    return this.service.records(principal, id);
  }

  @Post('entries/:id/:action')
  @ApiCaseActions(Dto.RESERVE_ACTION_ROUTES, DOCS)
  act(
    @CurrentPrincipal() principal: Principal,
    @CaseId() id: string,
    @Param('action') action: string,
    @Body() body: unknown,
    @IdempotencyKey() key: string | undefined,
    @DryRun() dryRun: boolean,
  ): Promise<ReserveEntryResponse> {
    return this.service.act(principal, id, action, body, key, dryRun);
  }

  @Get('reviews')
  @ApiOperation({
    operationId: 'listReserveReviews',
    summary: "A township's half-year reviews (半年分析研判), newest first",
  })
  @ApiQuery({ name: 'township', description: 'Township committee (id or code)', example: 'DX-DZ' })
  @ApiOkResponse({ type: [ReserveReviewResponse], description: 'The reviews, newest first (at most 20)' })
  @ApiProblems({ 422: 'ORG_UNIT_UNKNOWN, NOT_A_TOWNSHIP' })
  reviews(
    @CurrentPrincipal() principal: Principal,
    @Query('township') township: string,
  ): Promise<ReserveReviewResponse[]> {
    return this.service.reviews(principal, township ?? '');
  }

  @Get('reviews/:id')
  @ApiOperation({
    operationId: 'getReserveReview',
    summary: 'A review: shortfalls, task counts and every reservist to decide',
  })
  @ApiOkResponse({ type: ReserveReviewDetailResponse, description: 'The review with its tasks' })
  @ApiProblems({ 404: 'RESERVE_REVIEW_NOT_FOUND' })
  review(
    @CurrentPrincipal() principal: Principal,
    @CaseId() id: string,
  ): Promise<ReserveReviewDetailResponse> {
    return this.service.review(principal, id);
  }

  @Post('reviews/:id/decisions')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'decideReserveReview',
    summary: 'Decides one reservist in the review: RETAIN, REMOVE, LIST_FOR_INSPECTION or USE',
  })
  @ApiIdempotencyKey()
  @ApiDryRun()
  @ApiOkResponse({ type: ReserveEntryResponse, description: 'The entry after the decision' })
  @ApiProblems({
    404: 'RESERVE_REVIEW_NOT_FOUND, RESERVE_ENTRY_NOT_FOUND',
    409: 'REVIEW_TASK_NOT_OPEN, RESERVE_ENTRY_CLOSED',
    422: 'ENTRY_NOT_IN_REVIEW_TOWNSHIP, REVIEW_ALREADY_DECIDED, CADRE_CASE_NOT_OF_RESERVIST, …, IDEMPOTENCY_KEY_REUSED',
    504: true,
  })
  decide(
    @CurrentPrincipal() principal: Principal,
    @CaseId() id: string,
    @Body() dto: Dto.ReviewDecisionDto,
    @IdempotencyKey() key: string | undefined,
    @DryRun() dryRun: boolean,
  ): Promise<ReserveEntryResponse> {
    return this.service.decide(principal, id, dto, key, dryRun);
  }

  @Get('policies/:orgUnit')
  @ApiOperation({
    operationId: 'getReservePolicy',
    summary: 'The reserve policy that applies at an org unit (nearest set above, else the default)',
  })
  @ApiParam({ name: 'orgUnit', description: 'Org unit (id or code)', example: 'DX-DZ' })
  @ApiOkResponse({
    type: ReservePolicyInForceResponse,
    description: 'The policy and setAt, the org unit whose policy it is (null: the default)',
  })
  @ApiProblems({ 422: 'ORG_UNIT_UNKNOWN' })
  policy(
    @CurrentPrincipal() principal: Principal,
    @Param('orgUnit') orgUnit: string,
  ): Promise<ReservePolicyInForceResponse> {
    return this.service.policy(principal, orgUnit);
  }

  @Put('policies/:orgUnit')
  @ApiOperation({
    operationId: 'setReservePolicy',
    summary: "Sets a county's or township's reserve policy; new entries pin the policy then in force",
  })
  @ApiParam({ name: 'orgUnit', description: 'County or township (id or code)', example: 'DX-DZ' })
  // Every field is optional, and so is the body: none sets a policy that takes everything from above.
  @ApiBody({ type: Dto.ReservePolicyDto, required: false })
  @ApiOkResponse({ type: ReservePolicyInForceResponse, description: 'The policy now in force there' })
  @ApiProblems({ 422: 'ORG_UNIT_UNKNOWN, POLICY_UNIT_NOT_COUNTY_OR_TOWNSHIP' })
  setPolicy(
    @CurrentPrincipal() principal: Principal,
    @Param('orgUnit') orgUnit: string,
    @Body() dto: Dto.ReservePolicyDto,
  ): Promise<ReservePolicyInForceResponse> {
    return this.service.setPolicy(principal, orgUnit, dto);
  }

  @Put('review-schedules/:township')
  @ApiOperation({
    operationId: 'putReviewSchedule',
    summary: "Creates or updates the township's review Schedule (1 January and 1 July, 09:00 CST)",
  })
  @TOWNSHIP()
  @ApiOkResponse({ type: ReviewScheduleResponse, description: 'The Schedule: next runs' })
  @ApiProblems({ 422: 'ORG_UNIT_UNKNOWN, NOT_A_TOWNSHIP', 504: true })
  putSchedule(
    @CurrentPrincipal() principal: Principal,
    @Param('township') township: string,
  ): Promise<ReviewScheduleResponse> {
    return this.schedules.putSchedule(principal, township);
  }

  @Get('review-schedules/:township')
  @ApiOperation({
    operationId: 'getReviewSchedule',
    summary: 'The review Schedule: next runs and recent runs',
  })
  @TOWNSHIP()
  @ApiOkResponse({ type: ReviewScheduleResponse, description: 'The Schedule' })
  @ApiProblems({ 404: 'REVIEW_SCHEDULE_NOT_FOUND', 422: 'ORG_UNIT_UNKNOWN, NOT_A_TOWNSHIP', 504: true })
  getSchedule(
    @CurrentPrincipal() principal: Principal,
    @Param('township') township: string,
  ): Promise<ReviewScheduleResponse> {
    return this.schedules.getSchedule(principal, township);
  }

  @Delete('review-schedules/:township')
  @HttpCode(204)
  @ApiOperation({
    operationId: 'deleteReviewSchedule',
    summary: 'Removes the review Schedule (reviews already opened run to their end)',
  })
  @TOWNSHIP()
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiProblems({ 404: 'REVIEW_SCHEDULE_NOT_FOUND', 422: 'ORG_UNIT_UNKNOWN, NOT_A_TOWNSHIP', 504: true })
  deleteSchedule(
    @CurrentPrincipal() principal: Principal,
    @Param('township') township: string,
  ): Promise<void> {
    return this.schedules.deleteSchedule(principal, township);
  }

  @Post('review-schedules/:township/runs')
  @HttpCode(202)
  @ApiOperation({
    operationId: 'runReviewScheduleNow',
    summary: "Opens this half year's review now (a second run in the same half year joins it)",
  })
  @TOWNSHIP()
  @ApiAcceptedResponse({ type: ReviewScheduleResponse, description: 'The Schedule, with this run' })
  @ApiProblems({
    404: 'REVIEW_SCHEDULE_NOT_FOUND',
    409: 'a review of this half year is running',
    422: 'ORG_UNIT_UNKNOWN, NOT_A_TOWNSHIP',
    504: true,
  })
  runNow(
    @CurrentPrincipal() principal: Principal,
    @Param('township') township: string,
  ): Promise<ReviewScheduleResponse> {
    return this.schedules.runScheduleNow(principal, township);
  }
}

@Module({
  controllers: [ReservePoolController],
  providers: [ReservePoolService, ReserveReviewSchedulesService, Clock],
  exports: [ReservePoolService],
})
export class ReservePoolModule {}
