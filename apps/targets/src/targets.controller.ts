import { Body, Controller, Get, HttpCode, Param, Put, Query } from '@nestjs/common';

import { AccessService, CurrentPrincipal } from '@app/auth';
import { ProblemError } from '@app/config';
import { type Principal, VILLAGE_ORG_KINDS, cadreActionViolation, violation } from '@app/domain';
import { type AlertView, type RosterMember, VillageCadresRepository } from '@app/persistence';

import {
  AlertsQueryDto,
  OrgUnitQueryDto,
  RosterDto,
  SetQuotaDto,
  TargetsQueryDto,
} from './dto/targets-query.dto';
import { type TargetsForecast, TargetsForecastService } from './targets-forecast.service';
import { type TargetsProgress, TargetsService, type VillageCadreStructure } from './targets.service';

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
  async progress(
    @CurrentPrincipal() principal: Principal,
    @Query() query: TargetsQueryDto,
  ): Promise<TargetsProgress> {
    const unit = await this.targets.orgUnit(query.orgUnit);
    this.access.assertCanReadSubtree(principal, unit);
    return this.targets.progress(unit, query.year);
  }

  /**
   * Year-end forecast per metric for a unit (its subtree) and each child: actual, quota, cases in flight that
   * can still count by 31 December, expected figure and status (ON_TRACK, BEHIND_PACE, UNREACHABLE…).
   */
  @Get('forecast')
  async forecast(
    @CurrentPrincipal() principal: Principal,
    @Query() query: TargetsQueryDto,
  ): Promise<TargetsForecast> {
    const unit = await this.targets.orgUnit(query.orgUnit);
    this.access.assertCanReadSubtree(principal, unit);
    return this.forecasts.forecast(unit, query.year);
  }

  /** Pace alerts of the units in a subtree for a year (open ones; `includeCleared` for the history). */
  @Get('alerts')
  async alerts(
    @CurrentPrincipal() principal: Principal,
    @Query() query: AlertsQueryDto,
  ): Promise<AlertView[]> {
    const unit = await this.targets.orgUnit(query.orgUnit);
    this.access.assertCanReadSubtree(principal, unit);
    return this.forecasts.alerts(unit, query.year, query.includeCleared);
  }

  /** Allocates a planned number top-down: 422 QUOTA_EXCEEDS_PARENT / QUOTA_BELOW_ALLOCATED (§38). */
  @Put('quotas')
  @HttpCode(204)
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
  async villageCadreStructure(
    @CurrentPrincipal() principal: Principal,
    @Query() query: OrgUnitQueryDto,
  ): Promise<VillageCadreStructure & { children: readonly VillageCadreStructure[] }> {
    const unit = await this.targets.orgUnit(query.orgUnit);
    this.access.assertCanReadSubtree(principal, unit);
    return this.targets.villageCadreStructure(unit);
  }

  @Get('village-cadres/:village/roster')
  async roster(
    @CurrentPrincipal() principal: Principal,
    @Param('village') reference: string,
  ): Promise<RosterMember[]> {
    const village = await this.targets.orgUnit(reference);
    this.access.assertCanReadSubtree(principal, village);
    return this.villageCadres.roster(village.id);
  }

  /** Registers a village's incumbent 两委 members (those no recruitment case placed), replacing the last roster. */
  @Put('village-cadres/:village/roster')
  @HttpCode(204)
  async setRoster(
    @CurrentPrincipal() principal: Principal,
    @Param('village') reference: string,
    @Body() dto: RosterDto,
  ): Promise<void> {
    const village = await this.targets.orgUnit(reference);
    const refusal = cadreActionViolation(principal, 'TOWNSHIP_OR_COUNTY', village);
    if (refusal) this.access.refuse(principal, refusal, village.code);
    if (!VILLAGE_ORG_KINDS.has(village.kind)) {
      throw ProblemError.fromViolations([
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
