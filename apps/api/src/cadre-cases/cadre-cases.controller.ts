import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Module,
  Param,
  ParseUUIDPipe,
  Post,
  Res,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiExtraModels,
  ApiForbiddenResponse,
  ApiHeader,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
  getSchemaPath,
} from '@nestjs/swagger';
import { type Response } from 'express';

import { CurrentPrincipal } from '@app/auth';
import { Clock } from '@app/config';
import { type CadreCaseView } from '@app/contracts';
import { type CadreProgramme, type Principal } from '@app/domain';
import { type RecordEntry } from '@app/persistence';
import { type CadreSnapshot } from '@app/workflows';

import { ProblemResponse } from '../openapi/problem.response';
import * as Dto from './cadre-case.dto';
import { CadreCasesService } from './cadre-cases.service';

const ACTION_DTOS = [...new Set(Object.values(Dto.CADRE_ACTION_ROUTES).map((route) => route.dto))];

@ApiTags('cadre-cases 村干部招引')
@ApiBearerAuth()
@ApiForbiddenResponse({ type: ProblemResponse, description: 'OUT_OF_SCOPE, BODY_WITHOUT_AUTHORITY' })
@ApiExtraModels(...ACTION_DTOS)
@Controller('v1')
export class CadreCasesController {
  constructor(private readonly service: CadreCasesService) {}

  @Get('cadre-programmes')
  @ApiOperation({
    summary: 'The recruitment programmes: criteria, posts, notice, trial (归雁计划, 贤人回村, 定制村干)',
  })
  programmes(): readonly CadreProgramme[] {
    return this.service.programmes();
  }

  @Post('cadre-cases')
  @HttpCode(201)
  @ApiOperation({ summary: 'P1 报名/推荐: opens a recruitment case (checked against the programme first)' })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiUnprocessableEntityResponse({
    type: ProblemResponse,
    description:
      'PROGRAMME_UNKNOWN, POST_NOT_IN_PROGRAMME, AGE_OUT_OF_RANGE, NOT_A_VILLAGE, NATIONAL_ID_MALFORMED, …',
  })
  async nominate(
    @CurrentPrincipal() principal: Principal,
    @Body() dto: Dto.NominateCadreDto,
    @Headers('idempotency-key') key: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CadreCaseView> {
    const created = await this.service.nominate(principal, dto, key);
    response.location(`/v1/cadre-cases/${created.id}`);
    return created;
  }

  @Get('cadre-cases/:id')
  @ApiOperation({ summary: 'A recruitment case: stage, recorded facts, deadlines (from the workflow)' })
  get(
    @CurrentPrincipal() principal: Principal,
    @Param('id', new ParseUUIDPipe()) id: string,
  ): Promise<CadreSnapshot> {
    return this.service.get(principal, id);
  }

  @Get('cadre-cases/:id/records')
  @ApiOperation({ summary: '一人一档: the case records in order, with the hash chain verified' })
  records(
    @CurrentPrincipal() principal: Principal,
    @Param('id', new ParseUUIDPipe()) id: string,
  ): Promise<{ records: RecordEntry[]; chainValid: boolean }> {
    return this.service.records(principal, id);
  }

  @Post('cadre-cases/:id/:action')
  @HttpCode(200)
  @ApiOperation({
    summary: `P2–P9: ${Object.values(Dto.CADRE_ACTION_ROUTES)
      .map((route) => route.path)
      .join(', ')}`,
    description: 'Each action takes its own body (see the schemas); a broken rule answers 422 with its code.',
  })
  @ApiBody({ schema: { oneOf: ACTION_DTOS.map((dto) => ({ $ref: getSchemaPath(dto) })) } })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiUnprocessableEntityResponse({ type: ProblemResponse })
  act(
    @CurrentPrincipal() principal: Principal,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Param('action') action: string,
    @Body() body: unknown,
    @Headers('idempotency-key') key: string | undefined,
  ): Promise<CadreCaseView> {
    return this.service.act(principal, id, action, body, key);
  }
}

@Module({ controllers: [CadreCasesController], providers: [CadreCasesService, Clock] })
export class CadreCasesModule {}
