import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { CurrentPrincipal } from '@app/auth';
import { ApiProblems } from '@app/config';
import { type Principal } from '@app/domain';

import { ApiDryRun, DryRun } from '../../dry-run';
import { MemberCaseImportDto } from './member-case-import.dto';
import { MemberCaseImportResponse } from './member-case-import.response';
import { type MemberCaseImportResult, MemberCaseImportService } from './member-case-import.service';

@ApiTags('member-cases 发展党员')
@ApiProblems({ 504: true })
@Controller('v1/member-cases/imports')
export class MemberCaseImportController {
  constructor(private readonly imports: MemberCaseImportService) {}

  @Post()
  @HttpCode(200)
  @ApiDryRun()
  @ApiOperation({
    operationId: 'importMemberCases',
    summary:
      '在办案件导入: bring in cases that started on paper with their history (county org department). Every case ' +
      'is checked step by step by the same rules as recording live; unless all are clean nothing is imported. ' +
      'Imported records are marked with the source and the importer; deadlines already past are history.',
  })
  @ApiOkResponse({ type: MemberCaseImportResponse, description: 'Each case with its outcome' })
  @ApiProblems({
    400: 'REQUEST_VALIDATION_FAILED (the envelope: source, cases)',
    403: 'ROLE_NOT_PERMITTED (not the county org department)',
    422: 'IMPORT_HAS_ERRORS (every case with its problems, in `cases`; nothing imported)',
  })
  import(
    @CurrentPrincipal() principal: Principal,
    @Body() dto: MemberCaseImportDto,
    @DryRun() dryRun: boolean,
  ): Promise<MemberCaseImportResult> {
    return this.imports.import(principal, dto, dryRun);
  }
}
