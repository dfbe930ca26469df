import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { CurrentPrincipal } from '@app/auth';
import { ApiProblems } from '@app/config';
import { type Principal } from '@app/domain';
import { type CadreCaseListItem, type MemberCaseListItem, type ReserveEntryListItem } from '@app/persistence';

import {
  CadreCaseListResponse,
  MemberCaseListResponse,
  ReserveEntryListResponse,
} from './case-list.response';
import {
  CadreCaseListQueryDto,
  CadreCaseSearchDto,
  MemberCaseListQueryDto,
  MemberCaseSearchDto,
  ReserveEntryListQueryDto,
  ReserveEntrySearchDto,
} from './case-search.dto';
import { type CaseListPage, CaseSearchService } from './case-search.service';

const FILTERS =
  'within the caller’s scope (or a unit inside it): name (substring), stage, status, dates, overdue; ' +
  'keyset pages (nextCursor), sorted by name (pinyin), date or last change';

@ApiTags('case-lists 案件查询')
@ApiProblems({
  400: 'REQUEST_VALIDATION_FAILED, CURSOR_INVALID',
  403: 'OUT_OF_SCOPE, ROLE_NOT_PERMITTED, DELEGATION_NOT_ACTIVE',
  422: 'ORG_UNIT_UNKNOWN',
})
@Controller('v1')
export class CaseSearchController {
  constructor(private readonly search: CaseSearchService) {}

  @Get('member-cases')
  @ApiOperation({ operationId: 'listMemberCases', summary: `Member-development cases ${FILTERS}` })
  @ApiOkResponse({ type: MemberCaseListResponse })
  listMemberCases(
    @CurrentPrincipal() principal: Principal,
    @Query() query: MemberCaseListQueryDto,
  ): Promise<CaseListPage<MemberCaseListItem>> {
    return this.search.memberCases(principal, query);
  }

  @Post('member-cases/search')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'searchMemberCases',
    summary: 'The member-case list with its filters in the body, and by exact national ID number',
  })
  // No body is no filter: the whole list, as the GET without a query.
  @ApiBody({ type: MemberCaseSearchDto, required: false })
  @ApiOkResponse({ type: MemberCaseListResponse })
  searchMemberCases(
    @CurrentPrincipal() principal: Principal,
    @Body() body: MemberCaseSearchDto,
  ): Promise<CaseListPage<MemberCaseListItem>> {
    return this.search.memberCases(principal, body);
  }

  @Get('cadre-cases')
  @ApiOperation({
    operationId: 'listCadreCases',
    summary: `Cadre recruitment cases ${FILTERS}, programme and post`,
  })
  @ApiOkResponse({ type: CadreCaseListResponse })
  listCadreCases(
    @CurrentPrincipal() principal: Principal,
    @Query() query: CadreCaseListQueryDto,
  ): Promise<CaseListPage<CadreCaseListItem>> {
    return this.search.cadreCases(principal, query);
  }

  @Post('cadre-cases/search')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'searchCadreCases',
    summary: 'The cadre-case list with its filters in the body, and by exact national ID number',
  })
  // No body is no filter: the whole list, as the GET without a query.
  @ApiBody({ type: CadreCaseSearchDto, required: false })
  @ApiOkResponse({ type: CadreCaseListResponse })
  searchCadreCases(
    @CurrentPrincipal() principal: Principal,
    @Body() body: CadreCaseSearchDto,
  ): Promise<CaseListPage<CadreCaseListItem>> {
    return this.search.cadreCases(principal, body);
  }

  @Get('reserve-pool/entries')
  @ApiOperation({
    operationId: 'listReserveEntries',
    summary: `Reservists ${FILTERS}, category and status`,
  })
  @ApiOkResponse({ type: ReserveEntryListResponse })
  listReserveEntries(
    @CurrentPrincipal() principal: Principal,
    @Query() query: ReserveEntryListQueryDto,
  ): Promise<CaseListPage<ReserveEntryListItem>> {
    return this.search.reserveEntries(principal, query);
  }

  @Post('reserve-pool/entries/search')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'searchReserveEntries',
    summary: 'The reservist list with its filters in the body, and by exact national ID number',
  })
  // No body is no filter: the whole list, as the GET without a query.
  @ApiBody({ type: ReserveEntrySearchDto, required: false })
  @ApiOkResponse({ type: ReserveEntryListResponse })
  searchReserveEntries(
    @CurrentPrincipal() principal: Principal,
    @Body() body: ReserveEntrySearchDto,
  ): Promise<CaseListPage<ReserveEntryListItem>> {
    return this.search.reserveEntries(principal, body);
  }
}
