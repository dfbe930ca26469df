import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { CurrentPrincipal } from '@app/auth';
import { ApiProblems } from '@app/config';
import { type Principal } from '@app/domain';

import { ApiIdempotencyKey, IdempotencyKey } from '../../idempotency/idempotency';
import { BulkActionsDto } from './member-action.dto';
import { type BulkResult, MemberCaseBulkService } from './member-case-bulk.service';

@ApiTags('member-cases 发展党员')
@Controller('v1/member-cases/bulk-actions')
export class MemberCaseBulkController {
  constructor(private readonly bulk: MemberCaseBulkService) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Bulk decisions: each item validated and authorised on its own, valid ones recorded, a result per item',
  })
  @ApiIdempotencyKey(true)
  @ApiOkResponse({
    description: '{ applied, failed, results: [{ index, caseId, action, status, case | problem }] }',
  })
  @ApiProblems({
    400: 'REQUEST_VALIDATION_FAILED, IDEMPOTENCY_KEY_REQUIRED, IDEMPOTENCY_KEY_INVALID',
    422: 'IDEMPOTENCY_KEY_REUSED (the key was used for other items)',
    504: true,
  })
  apply(
    @CurrentPrincipal() principal: Principal,
    @Body() dto: BulkActionsDto,
    @IdempotencyKey(true) key: string,
  ): Promise<BulkResult> {
    return this.bulk.apply(principal, dto.items, key);
  }
}
