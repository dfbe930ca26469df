import { Controller, Get, Query } from '@nestjs/common';

import { TargetsQueryDto } from './dto/targets-query.dto';
import { type TargetsProgress, TargetsService } from './targets.service';

@Controller('v1/targets')
export class TargetsController {
  constructor(private readonly targets: TargetsService) {}

  /** Actuals for an org unit (its whole subtree) and for each of its children, for one year. */
  @Get()
  progress(@Query() query: TargetsQueryDto): Promise<TargetsProgress> {
    return this.targets.progress(query.orgUnit, query.year);
  }
}
