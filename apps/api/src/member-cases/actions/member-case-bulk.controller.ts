import { Body, Controller, Headers, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { CurrentPrincipal } from '@app/auth';
import { ProblemError } from '@app/config';
import { type Principal } from '@app/domain';

import { BulkActionsDto } from './member-action.dto';
import { type BulkResult, MemberCaseBulkService } from './member-case-bulk.service';

@ApiTags('member-cases 发展党员')
@ApiBearerAuth()
@Controller('v1/member-cases/bulk-actions')
export class MemberCaseBulkController {
  constructor(private readonly bulk: MemberCaseBulkService) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Bulk decisions: each item validated and authorised on its own, valid ones recorded, a result per item',
  })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: true,
    description: 'retrying the batch with the same key records nothing twice',
  })
  @ApiOkResponse({
    description: '{ applied, failed, results: [{ index, caseId, action, status, case | problem }] }',
  })
  apply(
    @CurrentPrincipal() principal: Principal,
    @Body() dto: BulkActionsDto,
    @Headers('idempotency-key') key: string | undefined,
  ): Promise<BulkResult> {
    if (!key || key.length > 200) {
      throw new ProblemError(
        400,
        'IDEMPOTENCY_KEY_REQUIRED',
        '缺少幂等键',
        'bulk actions need an Idempotency-Key header (at most 200 characters) so that a retry records nothing twice',
      );
    }
    return this.bulk.apply(principal, dto.items, key);
  }
}
