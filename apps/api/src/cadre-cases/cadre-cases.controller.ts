import { Body, Controller, Get, HttpCode, Module, Param, Post, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Response } from 'express';

import { CurrentPrincipal } from '@app/auth';
import { ApiProblems, Clock } from '@app/config';
import { type VerifiedRecords } from '@app/contracts';
import { type Principal } from '@app/domain';
import { type RecordEntry } from '@app/persistence';

import { ApiCaseActions, ApiCaseSnapshot, ApiChainedRecords, CaseId } from '../case-endpoints';
import { ApiDryRun, DryRun } from '../dry-run';
import { ApiIdempotencyKey, IdempotencyKey } from '../idempotency/idempotency';
import * as Dto from './cadre-case.dto';
import {
  CadreCasePreviewResponse,
  CadreCaseResponse,
  CadreCaseSnapshotResponse,
  CadreProgrammeResponse,
} from './cadre-case.responses';
import { CadreCasesService } from './cadre-cases.service';

const DOCS = {
  notFound: 'CADRE_CASE_NOT_FOUND',
  closed: 'CASE_CLOSED',
  after: 'The case after the action',
  view: CadreCaseResponse,
  snapshot: CadreCaseSnapshotResponse,
};
@ApiTags('cadre-cases 村干部招引')
@ApiProblems({ 403: 'OUT_OF_SCOPE, BODY_WITHOUT_AUTHORITY, ROLE_NOT_PERMITTED, DELEGATION_NOT_ACTIVE' })
@Controller('v1')
export class CadreCasesController {
  constructor(private readonly service: CadreCasesService) {}

  @Get('cadre-programmes')
  @ApiOperation({
    operationId: 'listCadreProgrammes',
    summary: 'The recruitment programmes: criteria, posts, notice, trial (归雁计划, 贤人回村, 定制村干)',
  })
  @ApiOkResponse({ type: [CadreProgrammeResponse], description: 'Every programme with its criteria' })
  programmes(): readonly CadreProgrammeResponse[] {
    return this.service.programmes();
  }

  @Post('cadre-cases')
  @HttpCode(201)
  @ApiOperation({
    operationId: 'nominateCadre',
    summary: 'P1 报名/推荐: opens a recruitment case (checked against the programme first)',
  })
  @ApiIdempotencyKey()
  @ApiDryRun()
  @ApiCreatedResponse({ type: CadreCaseResponse, description: 'The case (Location: /v1/cadre-cases/{id})' })
  @ApiOkResponse({
    type: CadreCasePreviewResponse,
    description: 'dryRun=true: the case nominating would open (id, workflowId null; person.id null if new)',
  })
  @ApiProblems({
    422:
      'PROGRAMME_UNKNOWN, POST_NOT_IN_PROGRAMME, AGE_OUT_OF_RANGE, NOT_A_VILLAGE, NATIONAL_ID_MALFORMED, …, ' +
      'IDEMPOTENCY_KEY_REUSED',
    409: 'CADRE_CASE_ALREADY_OPEN (with caseId only when you may read that case)',
    504: true,
  })
  async nominate(
    @CurrentPrincipal() principal: Principal,
    @Body() dto: Dto.NominateCadreDto,
    @IdempotencyKey() key: string | undefined,
    @Res({ passthrough: true }) response: Response,
    @DryRun() dryRun: boolean,
  ): Promise<CadreCaseResponse | CadreCasePreviewResponse> {
    if (dryRun) {
      response.status(200);
      return this.service.previewNomination(principal, dto);
    }
    const created = await this.service.nominate(principal, dto, key);
    response.location(`/v1/cadre-cases/${created.id}`);
    return created;
  }

  @Get('cadre-cases/:id')
  @ApiCaseSnapshot(
    'getCadreCase',
    'A recruitment case: stage, recorded facts, deadlines (from the workflow)',
    DOCS,
  )
  get(@CurrentPrincipal() principal: Principal, @CaseId() id: string): Promise<CadreCaseSnapshotResponse> {
    return this.service.get(principal, id);
  }

  @Get('cadre-cases/:id/records')
  @ApiChainedRecords(
    'listCadreCaseRecords',
    '一人一档: the case records in order, with the hash chain verified',
    DOCS,
  )
  records(
    @CurrentPrincipal() principal: Principal,
    @CaseId() id: string,
  ): Promise<VerifiedRecords<RecordEntry>> {
    return this.service.records(principal, id);
  }

  @Post('cadre-cases/:id/:action')
  @ApiCaseActions(Dto.CADRE_ACTION_ROUTES, DOCS)
  act(
    @CurrentPrincipal() principal: Principal,
    @CaseId() id: string,
    @Param('action') action: string,
    @Body() body: unknown,
    @IdempotencyKey() key: string | undefined,
    @DryRun() dryRun: boolean,
  ): Promise<CadreCaseResponse> {
    return this.service.act(principal, id, action, body, key, dryRun);
  }
}

@Module({
  controllers: [CadreCasesController],
  providers: [CadreCasesService, Clock],
  exports: [CadreCasesService],
})
export class CadreCasesModule {}
