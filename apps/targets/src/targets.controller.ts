import { Body, Controller, Get, HttpCode, Put, Query } from '@nestjs/common';

import { SetQuotaDto, TargetsQueryDto } from './dto/targets-query.dto';
import { type TargetsProgress, TargetsService } from './targets.service';

@Controller('v1/targets')
export class TargetsController {
  constructor(private readonly targets: TargetsService) {}

  /** Actuals, quotas and attainment for an org unit (its whole subtree) and for each of its children, for one year. */
  @Get()
  progress(@Query() query: TargetsQueryDto): Promise<TargetsProgress> {
    return this.targets.progress(query.orgUnit, query.year);
  }

  /** Allocates a planned number top-down: 422 QUOTA_EXCEEDS_PARENT / QUOTA_BELOW_ALLOCATED (§38). */
  @Put('quotas')
  @HttpCode(204)
  setQuota(@Body() dto: SetQuotaDto): Promise<void> {
    return this.targets.setQuota(dto.orgUnit, dto.year, dto.metric, dto.quota);
  }
}
