import { Body, Controller, Get, HttpCode, Put, Query } from '@nestjs/common';

import { AccessService, CurrentPrincipal } from '@app/auth';
import { type Principal } from '@app/domain';

import { type AlertView } from '@app/persistence';

import { AlertsQueryDto, SetQuotaDto, TargetsQueryDto } from './dto/targets-query.dto';
import { type TargetsForecast, TargetsForecastService } from './targets-forecast.service';
import { type TargetsProgress, TargetsService } from './targets.service';

@Controller('v1/targets')
export class TargetsController {
  constructor(
    private readonly targets: TargetsService,
    private readonly access: AccessService,
    private readonly forecasts: TargetsForecastService,
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
}
