import { Body, Controller, Get, HttpCode, Param, Put, Query } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';

import { AccessService, CurrentPrincipal } from '@app/auth';
import { ApiProblems, ProblemError } from '@app/config';
import { type Principal, VILLAGE_ORG_KINDS, cadreActionViolation, violation } from '@app/domain';
import { VillageCadresRepository } from '@app/persistence';

import {
  AlertsQueryDto,
  OrgUnitQueryDto,
  RosterDto,
  SetQuotaDto,
  TargetsQueryDto,
} from './dto/targets-query.dto';
import {
  RosterMemberResponse,
  TargetAlertResponse,
  TargetForecastResponse,
  TargetProgressResponse,
  VillageCadreStructureResponse,
} from './dto/targets.responses';
import { TargetsForecastService } from './targets-forecast.service';
import { TargetsService } from './targets.service';

const VILLAGE = () =>
  ApiParam({ name: 'village', description: 'Village party organisation (id or code)', example: 'DX-DZ-DC' });

@ApiTags('targets 目标')
@ApiProblems({ 404: 'ORG_UNIT_NOT_FOUND', 403: 'OUT_OF_SCOPE, ROLE_NOT_PERMITTED, DELEGATION_NOT_ACTIVE' })
@Controller('v1/targets')
export class TargetsController {
  constructor(
    private readonly targets: TargetsService,
    private readonly access: AccessService,
    private readonly forecasts: TargetsForecastService,
    private readonly villageCadres: VillageCadresRepository,
  ) {}

  /** Actuals, quotas and attainment for an org unit (its whole subtree) and for each of its children, for one year. */
  @Get()
  @ApiOperation({
    operationId: 'getTargetProgress',
    summary: 'Actuals, quotas and attainment for a unit (its subtree) and each child, for a year',
  })
  @ApiOkResponse({
    type: TargetProgressResponse,
    description: 'Figures per metric for the unit and each child',
  })
  async progress(
    @CurrentPrincipal() principal: Principal,
    @Query() query: TargetsQueryDto,
  ): Promise<TargetProgressResponse> {
    const unit = await this.targets.orgUnit(query.orgUnit);
    this.access.assertCanReadSubtree(principal, unit);
    return this.targets.progress(unit, query.year);
  }

  /**
   * Year-end forecast per metric for a unit (its subtree) and each child: actual, quota, cases in flight that
   * can still count by 31 December, expected figure and status (ON_TRACK, BEHIND_PACE, UNREACHABLE…).
   */
  @Get('forecast')
  @ApiOperation({
    operationId: 'getTargetForecast',
    summary: 'Year-end forecast per metric: reachable, expected, status (ON_TRACK, BEHIND_PACE…)',
  })
  @ApiOkResponse({ type: TargetForecastResponse, description: 'The forecast for the unit and each child' })
  async forecast(
    @CurrentPrincipal() principal: Principal,
    @Query() query: TargetsQueryDto,
  ): Promise<TargetForecastResponse> {
    const unit = await this.targets.orgUnit(query.orgUnit);
    this.access.assertCanReadSubtree(principal, unit);
    return this.forecasts.forecast(unit, query.year);
  }

  /** Pace alerts of the units in a subtree for a year (open ones; `includeCleared` for the history). */
  @Get('alerts')
  @ApiOperation({
    operationId: 'listTargetAlerts',
    summary: 'Pace alerts of the units in a subtree for a year',
  })
  @ApiOkResponse({
    type: [TargetAlertResponse],
    description: 'The alerts, open ones first (and cleared ones with includeCleared), latest raised first',
  })
  async alerts(
    @CurrentPrincipal() principal: Principal,
    @Query() query: AlertsQueryDto,
  ): Promise<TargetAlertResponse[]> {
    const unit = await this.targets.orgUnit(query.orgUnit);
    this.access.assertCanReadSubtree(principal, unit);
    return this.forecasts.alerts(unit, query.year, query.includeCleared);
  }

  /** Allocates a planned number top-down: 422 QUOTA_EXCEEDS_PARENT / QUOTA_BELOW_ALLOCATED (§38). */
  @Put('quotas')
  @HttpCode(204)
  @ApiOperation({
    operationId: 'setTargetQuota',
    summary: 'Allocates a quota top-down (never more than the parent has left)',
  })
  @ApiNoContentResponse({ description: 'Allocated' })
  @ApiProblems({ 422: 'QUOTA_EXCEEDS_PARENT, QUOTA_BELOW_ALLOCATED (§38)' })
  async setQuota(@CurrentPrincipal() principal: Principal, @Body() dto: SetQuotaDto): Promise<void> {
    const unit = await this.targets.orgUnit(dto.orgUnit);
    this.access.assertCanPlan(principal, unit);
    await this.targets.setQuota(unit, dto.year, dto.metric, dto.quota);
  }

  /**
   * "8595" (DOMAIN §4.2): serving 两委 members and village party secretaries with 大专 or above, against 85 % and
   * 95 %, for a unit (its subtree) and each child. Counts the cadres placed through recruitment and the
   * incumbents registered on the villages' rosters.
   */
  @Get('village-cadres')
  @ApiOperation({
    operationId: 'getVillageCadreStructure',
    summary: '8595: 两委 members and secretaries with 大专 or above, against 85 % and 95 %',
  })
  @ApiOkResponse({
    type: VillageCadreStructureResponse,
    description: 'The structure of the unit and of each child',
  })
  async villageCadreStructure(
    @CurrentPrincipal() principal: Principal,
    @Query() query: OrgUnitQueryDto,
  ): Promise<VillageCadreStructureResponse> {
    const unit = await this.targets.orgUnit(query.orgUnit);
    this.access.assertCanReadSubtree(principal, unit);
    return this.targets.villageCadreStructure(unit);
  }

  @Get('village-cadres/:village/roster')
  @ApiOperation({ operationId: 'getVillageRoster', summary: "A village's registered incumbent 两委 members" })
  @VILLAGE()
  @ApiOkResponse({ type: [RosterMemberResponse], description: 'The roster, by post' })
  async roster(
    @CurrentPrincipal() principal: Principal,
    @Param('village') reference: string,
  ): Promise<RosterMemberResponse[]> {
    const village = await this.targets.orgUnit(reference);
    this.access.assertCanReadSubtree(principal, village);
    return this.villageCadres.roster(village.id);
  }

  /** Registers a village's incumbent 两委 members (those no recruitment case placed), replacing the last roster. */
  @Put('village-cadres/:village/roster')
  @HttpCode(204)
  @ApiOperation({
    operationId: 'setVillageRoster',
    summary: "Registers a village's incumbent 两委 members, replacing the last roster",
  })
  @VILLAGE()
  @ApiNoContentResponse({ description: 'Registered' })
  @ApiProblems({ 422: 'NOT_A_VILLAGE' })
  async setRoster(
    @CurrentPrincipal() principal: Principal,
    @Param('village') reference: string,
    @Body() dto: RosterDto,
  ): Promise<void> {
    const village = await this.targets.orgUnit(reference);
    const refusal = cadreActionViolation(principal, 'TOWNSHIP_OR_COUNTY', village);
    if (refusal) this.access.refuse(principal, refusal, village.code);
    if (!VILLAGE_ORG_KINDS.has(village.kind)) {
      throw ProblemError.fromViolations('TARGETS', [
        violation('NOT_A_VILLAGE', 'DOMAIN §4.2', `${village.name}不是村级党组织`),
      ]);
    }
    await this.villageCadres.replaceRoster(
      village.id,
      dto.members.map((member) => ({ ...member, since: member.since ?? null })),
      principal.subject,
    );
  }
}
