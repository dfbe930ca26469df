import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { type Response } from 'express';

import { AccessService, CurrentPrincipal } from '@app/auth';
import { ApiProblems } from '@app/config';
import { type Principal } from '@app/domain';

import { TargetsQueryDto } from './dto/targets-query.dto';
import { XLSX_MEDIA_TYPE, targetsWorkbook } from './targets-export.workbook';
import { TargetsForecastService } from './targets-forecast.service';
import { TargetsService } from './targets.service';

export class TargetsExportQueryDto extends TargetsQueryDto {
  @ApiPropertyOptional({
    enum: ['xlsx'],
    default: 'xlsx',
    description: 'the file format (an xlsx workbook; named in the link, since a browser cannot set Accept)',
  })
  @IsOptional()
  @IsIn(['xlsx'])
  format?: 'xlsx';
}

/** The targets dashboard as a file for the planners' own reports (the console's 导出Excel). */
@ApiTags('targets 目标')
@Controller('v1/targets')
export class TargetsExportController {
  constructor(
    private readonly targets: TargetsService,
    private readonly forecasts: TargetsForecastService,
    private readonly access: AccessService,
  ) {}

  /** Read as GET /v1/targets is: whoever may read the unit's subtree may export it. */
  @Get('export')
  @ApiOperation({
    operationId: 'exportTargets',
    summary:
      'Quotas, actuals, forecasts and open pace alerts of a unit and each child for a year, and the 8595 ' +
      'shares, as an xlsx workbook',
  })
  @ApiProduces(XLSX_MEDIA_TYPE)
  @ApiOkResponse({
    description:
      'A workbook with the sheets 计划与完成 (GET /v1/targets), 年末预测 (…/forecast), 进度预警 (…/alerts), ' +
      '村干部学历结构 (…/village-cadres) and 说明; figures are numbers, one row per unit and metric',
    content: { [XLSX_MEDIA_TYPE]: { schema: { type: 'string', format: 'binary' } } },
  })
  @ApiProblems({ 404: 'ORG_UNIT_NOT_FOUND', 403: 'OUT_OF_SCOPE, ROLE_NOT_PERMITTED, DELEGATION_NOT_ACTIVE' })
  async export(
    @CurrentPrincipal() principal: Principal,
    @Query() query: TargetsExportQueryDto,
    @Res() response: Response,
  ): Promise<void> {
    const unit = await this.targets.orgUnit(query.orgUnit);
    this.access.assertCanReadSubtree(principal, unit);
    const [progress, forecast, alerts, villageCadres] = await Promise.all([
      this.targets.progress(unit, query.year),
      this.forecasts.forecast(unit, query.year),
      this.forecasts.alerts(unit, query.year, false),
      this.targets.villageCadreStructure(unit),
    ]);
    const body = await targetsWorkbook({ progress, forecast, alerts, villageCadres });
    // Written directly, as the org exports are: the response interceptors are for JSON bodies.
    response
      .status(200)
      .type(XLSX_MEDIA_TYPE)
      .setHeader('Content-Disposition', `attachment; filename="${unit.code}-targets-${query.year}.xlsx"`)
      .send(body);
  }
}
