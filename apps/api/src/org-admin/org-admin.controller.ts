import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Param,
  Patch,
  Post,
  Query,
  Res,
  applyDecorators,
} from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { type Response } from 'express';

import { CurrentPrincipal } from '@app/auth';
import { ApiProblems } from '@app/config';
import { type Principal } from '@app/domain';

import { ApiDryRun, DryRun } from '../dry-run';
import { ApiFileBody, FileBody } from './file-body';
import {
  CloseOrgUnitDto,
  CreateOrgUnitDto,
  ExportQueryDto,
  MoveOrgUnitDto,
  OrgUnitHistoryQueryDto,
  UpdateOrgUnitDto,
} from './org-admin.dto';
import { ImportResultResponse, OrgUnitAdminResponse, OrgUnitHistoryResponse } from './org-admin.responses';
import { OrgAdminService } from './org-admin.service';
import {
  type DownloadFile,
  OrgTransferService,
  type UploadedFile,
  acceptedFormat,
} from './org-transfer.service';
import { FILE_MEDIA_TYPES } from './tabular-file';

const ADMIN_REFUSALS =
  'ROLE_NOT_PERMITTED (only an ORG_DEPARTMENT_OFFICER of an org department), OUT_OF_SCOPE (outside the county ' +
  'it serves, or the county committee itself), DELEGATION_NOT_ACTIVE';
const ID_OR_CODE = ApiParam({
  name: 'idOrCode',
  description: 'Org unit id (UUID) or code',
  example: 'DX-DZ-NC',
});
const IMPORT_PROBLEMS = ApiProblems({
  400: 'REQUEST_VALIDATION_FAILED (dryRun), IMPORT_FILE_UNREADABLE (not a CSV or xlsx file)',
  403: ADMIN_REFUSALS,
  404: 'ORG_UNIT_NOT_FOUND',
  409: 'ORG_UNIT_CLOSED (the unit imported under)',
  413: 'PAYLOAD_TOO_LARGE (HTTP_FILE_BODY_LIMIT_KB)',
  415: 'UNSUPPORTED_MEDIA_TYPE: send text/csv or the xlsx media type',
  422:
    'IMPORT_ROWS_INVALID: nothing imported; `rowErrors` lists every bad row as { row, column, code, message } ' +
    '(codes: IMPORT_FILE_EMPTY, IMPORT_COLUMN_MISSING/UNKNOWN/DUPLICATE, IMPORT_VALUE_REQUIRED, IMPORT_VALUE_INVALID, ' +
    'IMPORT_TEXT_TOO_LONG, IMPORT_DATE_INVALID, IMPORT_DATE_IN_FUTURE, IMPORT_DUPLICATE_ROW, ORG_UNIT_UNKNOWN, ' +
    'OUT_OF_SCOPE, ORG_UNIT_CLOSED, ORG_UNIT_CODE_TAKEN, ORG_UNIT_KIND_CHANGED, ORG_UNIT_PARENT_CHANGED, ' +
    'ORG_UNIT_PARENT_CYCLE, ORG_UNIT_KIND_NOT_ALLOWED, NATIONAL_ID_MALFORMED, NATIONAL_ID_CHECK_DIGIT_INVALID, ' +
    'BIRTH_DATE_MISMATCH, GENDER_MISMATCH, PARTY_AGE_FROM_NOT_APPLICABLE, DISCIPLINE_REQUIRED, ' +
    'DISCIPLINE_IMPACT_NOT_APPLICABLE, RIGHTS_RESTORED_NOT_APPLICABLE, MEMBERSHIP_UNIT_KIND_NOT_ALLOWED, ' +
    'MEMBERSHIP_OUTSIDE_SCOPE)',
});
const ApiFileExport = (what: string): MethodDecorator =>
  applyDecorators(
    ApiProduces(...Object.values(FILE_MEDIA_TYPES)),
    ApiHeader({
      name: 'Accept',
      required: false,
      description: 'the xlsx media type for a workbook; otherwise (text/csv, */*, none) CSV with a BOM',
    }),
    ApiOkResponse({
      description: `${what}, in exactly the shape its import reads`,
      content: Object.fromEntries(
        Object.values(FILE_MEDIA_TYPES).map((type) => [
          type,
          { schema: { type: 'string', format: 'binary' } },
        ]),
      ),
    }),
    ApiProblems({ 403: ADMIN_REFUSALS, 404: 'ORG_UNIT_NOT_FOUND' }),
  );

/** Sends a file as a download (written directly: the response interceptors are for JSON bodies). */
function send(response: Response, file: DownloadFile): void {
  response
    .status(200)
    .type(file.mediaType)
    .setHeader('Content-Disposition', `attachment; filename="${file.filename}"`)
    .send(file.body);
}

/** Org-unit administration, import and export by the county org department (issue 13). */
@ApiTags('org administration 组织设置')
@Controller('v1/org-units')
export class OrgAdminController {
  constructor(
    private readonly admin: OrgAdminService,
    private readonly transfer: OrgTransferService,
  ) {}

  @Post()
  @HttpCode(201)
  @ApiDryRun()
  @ApiOperation({ operationId: 'createOrgUnit', summary: 'Set up an org unit under a unit of your county' })
  @ApiCreatedResponse({ type: OrgUnitAdminResponse, description: 'The unit created (or that would be)' })
  @ApiProblems({
    403: ADMIN_REFUSALS,
    409: 'ORG_UNIT_CODE_TAKEN',
    422: 'ORG_UNIT_UNKNOWN (parent), ORG_UNIT_CLOSED (parent), ORG_UNIT_KIND_NOT_ALLOWED',
  })
  create(
    @CurrentPrincipal() principal: Principal,
    @Body() dto: CreateOrgUnitDto,
    @DryRun() dryRun: boolean,
  ): Promise<OrgUnitAdminResponse> {
    return this.admin.create(principal, dto, dryRun);
  }

  @Patch(':idOrCode')
  @ID_OR_CODE
  @ApiDryRun()
  @ApiOperation({ operationId: 'updateOrgUnit', summary: 'Rename a unit or change its 审批权' })
  @ApiOkResponse({ type: OrgUnitAdminResponse, description: 'The unit after the change' })
  @ApiProblems({ 403: ADMIN_REFUSALS, 404: 'ORG_UNIT_NOT_FOUND', 409: 'ORG_UNIT_CLOSED' })
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('idOrCode') idOrCode: string,
    @Body() dto: UpdateOrgUnitDto,
    @DryRun() dryRun: boolean,
  ): Promise<OrgUnitAdminResponse> {
    return this.admin.update(principal, idOrCode, dto, dryRun);
  }

  @Post(':idOrCode/move')
  @HttpCode(200)
  @ID_OR_CODE
  @ApiDryRun()
  @ApiOperation({
    operationId: 'moveOrgUnit',
    summary:
      'Move a unit and everything under it to a new parent (paths rewritten in one transaction; cases keep ' +
      'their dates, and access and task routing follow the unit to its new place)',
  })
  @ApiOkResponse({ type: OrgUnitAdminResponse, description: 'The unit after the move' })
  @ApiProblems({
    403: ADMIN_REFUSALS,
    404: 'ORG_UNIT_NOT_FOUND',
    409:
      'ORG_UNIT_CLOSED (the unit), ORG_UNIT_MOVE_OPEN_TASKS: open tasks of cases under the unit sit with a body it ' +
      'would leave; `openTasks` lists them ({ workflowKind, caseId, action, orgUnitCode })',
    422: 'ORG_UNIT_UNKNOWN, ORG_UNIT_CLOSED (parent), ORG_UNIT_MOVE_INTO_OWN_SUBTREE, ORG_UNIT_KIND_NOT_ALLOWED',
  })
  move(
    @CurrentPrincipal() principal: Principal,
    @Param('idOrCode') idOrCode: string,
    @Body() dto: MoveOrgUnitDto,
    @DryRun() dryRun: boolean,
  ): Promise<OrgUnitAdminResponse> {
    return this.admin.move(principal, idOrCode, dto, dryRun);
  }

  @Post(':idOrCode/close')
  @HttpCode(200)
  @ID_OR_CODE
  @ApiDryRun()
  @ApiOperation({
    operationId: 'closeOrgUnit',
    summary: 'Close (撤销) a unit with nothing open under it; it stays readable and leaves the pickers',
  })
  @ApiOkResponse({ type: OrgUnitAdminResponse, description: 'The unit, closed' })
  @ApiProblems({
    403: ADMIN_REFUSALS,
    404: 'ORG_UNIT_NOT_FOUND',
    409:
      'ORG_UNIT_CLOSED (already), ORG_UNIT_HAS_OPEN_CHILDREN, ORG_UNIT_HAS_OPEN_CASES, ORG_UNIT_HAS_RESERVE_ENTRIES, ' +
      'ORG_UNIT_HAS_MEMBERS (every one in `violations`; `blockers` counts them with a sample of ids)',
    422: 'ORG_UNIT_CLOSED_ON_IN_FUTURE',
  })
  close(
    @CurrentPrincipal() principal: Principal,
    @Param('idOrCode') idOrCode: string,
    @Body() dto: CloseOrgUnitDto,
    @DryRun() dryRun: boolean,
  ): Promise<OrgUnitAdminResponse> {
    return this.admin.close(principal, idOrCode, dto.closedOn, dryRun);
  }

  @Get(':idOrCode/history')
  @ID_OR_CODE
  @ApiOperation({ operationId: 'getOrgUnitHistory', summary: 'Who changed the unit when, before and after' })
  @ApiOkResponse({ type: OrgUnitHistoryResponse, description: 'The unit and its changes, newest first' })
  @ApiProblems({ 403: ADMIN_REFUSALS, 404: 'ORG_UNIT_NOT_FOUND' })
  history(
    @CurrentPrincipal() principal: Principal,
    @Param('idOrCode') idOrCode: string,
    @Query() query: OrgUnitHistoryQueryDto,
  ): Promise<OrgUnitHistoryResponse> {
    return this.admin.history(principal, idOrCode, query.limit);
  }

  @Post(':idOrCode/imports/tree')
  @HttpCode(200)
  @ID_OR_CODE
  @ApiDryRun()
  @ApiFileBody(
    'Org units to create or update under this unit: columns code, name, kind, parentCode, canApproveMembership ' +
      '(or 组织代码, 组织名称, 组织类别, 上级组织代码, 审批权); see the README',
  )
  @ApiOperation({ operationId: 'importOrgTree', summary: 'Import units under this unit from CSV or xlsx' })
  @ApiOkResponse({ type: ImportResultResponse, description: 'Rows created, updated and unchanged' })
  @IMPORT_PROBLEMS
  importTree(
    @CurrentPrincipal() principal: Principal,
    @Param('idOrCode') idOrCode: string,
    @FileBody() file: UploadedFile,
    @DryRun() dryRun: boolean,
  ): Promise<ImportResultResponse> {
    return this.transfer.importTree(principal, idOrCode, file, dryRun);
  }

  @Post(':idOrCode/imports/roster')
  @HttpCode(200)
  @ID_OR_CODE
  @ApiDryRun()
  @ApiFileBody(
    'Party members held at or under this unit: columns name, nationalId, birthDate, gender, branchCode, status, ' +
      'partyAgeFrom, disciplineKind, disciplineImpactEnds, rightsRestored (or their Chinese labels); see the README',
  )
  @ApiOperation({
    operationId: 'importMemberRoster',
    summary: 'Import the member roster under this unit from CSV or xlsx (people matched by ID number)',
  })
  @ApiOkResponse({ type: ImportResultResponse, description: 'Rows created, updated and unchanged' })
  @IMPORT_PROBLEMS
  importRoster(
    @CurrentPrincipal() principal: Principal,
    @Param('idOrCode') idOrCode: string,
    @FileBody() file: UploadedFile,
    @DryRun() dryRun: boolean,
  ): Promise<ImportResultResponse> {
    return this.transfer.importRoster(principal, idOrCode, file, dryRun);
  }

  @Get(':idOrCode/exports/tree')
  @ID_OR_CODE
  @ApiOperation({ operationId: 'exportOrgTree', summary: 'The open units under this unit as CSV or xlsx' })
  @ApiFileExport('The units')
  async exportTree(
    @CurrentPrincipal() principal: Principal,
    @Param('idOrCode') idOrCode: string,
    @Query() query: ExportQueryDto,
    @Headers('accept') accept: string | undefined,
    @Res() response: Response,
  ): Promise<void> {
    const format = query.format ?? acceptedFormat(accept);
    send(response, await this.transfer.export(principal, idOrCode, 'TREE', format));
  }

  @Get(':idOrCode/exports/roster')
  @ID_OR_CODE
  @ApiOperation({
    operationId: 'exportMemberRoster',
    summary:
      'The members at or under this unit as CSV or xlsx, with clear ID numbers (each export is audited)',
  })
  @ApiFileExport('The members')
  async exportRoster(
    @CurrentPrincipal() principal: Principal,
    @Param('idOrCode') idOrCode: string,
    @Query() query: ExportQueryDto,
    @Headers('accept') accept: string | undefined,
    @Res() response: Response,
  ): Promise<void> {
    const format = query.format ?? acceptedFormat(accept);
    send(response, await this.transfer.export(principal, idOrCode, 'ROSTER', format));
  }
}
