import { Body, Controller, HttpCode, Module, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { CurrentPrincipal } from '@app/auth';
import { ApiProblems } from '@app/config';
import { type Principal } from '@app/domain';

import { CadreCasesModule } from '../cadre-cases/cadre-cases.controller';
import { ApiDryRun, DryRun } from '../dry-run';
import { ApiIdempotencyKey, IdempotencyKey } from '../idempotency/idempotency';
import { BulkActionsDto } from '../member-cases/actions/member-action.dto';
import { MemberCasesModule } from '../member-cases/member-cases.module';
import { ReservePoolModule } from '../reserve-pool/reserve-pool.controller';
import { PipelineBulkActionsDto } from './bulk-actions.dto';
import { BulkResultResponse } from './bulk-actions.responses';
import { BulkActionsService } from './bulk-actions.service';

const PROBLEMS = {
  400: 'REQUEST_VALIDATION_FAILED, IDEMPOTENCY_KEY_REQUIRED (unless dryRun=true), IDEMPOTENCY_KEY_INVALID',
  422: 'IDEMPOTENCY_KEY_REUSED (the key was used for other items)',
  504: true,
} as const;

const RESULT =
  '{ applied, failed, results: [{ index, workflowKind, caseId, action, status, case | problem }] }: an item ' +
  'recorded answers status 200 and its case, one not recorded the status and problem of its own endpoint';

@ApiTags('backlog 审批台')
@Controller('v1/bulk-actions')
export class BulkActionsController {
  constructor(private readonly bulk: BulkActionsService) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({
    operationId: 'applyBulkActions',
    summary:
      'Bulk decisions across member, cadre and reserve work: each item validated and authorised on its own, valid ones recorded, a result per item',
  })
  @ApiIdempotencyKey()
  @ApiDryRun()
  @ApiOkResponse({ type: BulkResultResponse, description: RESULT })
  @ApiProblems(PROBLEMS)
  apply(
    @CurrentPrincipal() principal: Principal,
    @Body() dto: PipelineBulkActionsDto,
    @IdempotencyKey() key: string | undefined,
    @DryRun() dryRun: boolean,
  ): Promise<BulkResultResponse> {
    return this.bulk.apply(principal, '/v1/bulk-actions', dto.items, key, dryRun);
  }
}

@ApiTags('member-cases 发展党员')
@Controller('v1/member-cases/bulk-actions')
export class MemberCaseBulkController {
  constructor(private readonly bulk: BulkActionsService) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({
    operationId: 'applyMemberBulkActions',
    summary:
      'Bulk decisions on member cases: each item validated and authorised on its own, valid ones recorded, a result per item',
  })
  @ApiIdempotencyKey()
  @ApiDryRun()
  @ApiOkResponse({ type: BulkResultResponse, description: RESULT })
  @ApiProblems(PROBLEMS)
  apply(
    @CurrentPrincipal() principal: Principal,
    @Body() dto: BulkActionsDto,
    @IdempotencyKey() key: string | undefined,
    @DryRun() dryRun: boolean,
  ): Promise<BulkResultResponse> {
    return this.bulk.apply(principal, '/v1/member-cases/bulk-actions', dto.items, key, dryRun);
  }
}

@Module({
  imports: [MemberCasesModule, CadreCasesModule, ReservePoolModule],
  controllers: [BulkActionsController, MemberCaseBulkController],
  providers: [BulkActionsService],
})
export class BulkActionsModule {}
