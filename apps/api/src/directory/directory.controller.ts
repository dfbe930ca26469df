import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';

import { CurrentPrincipal } from '@app/auth';
import { ApiProblems } from '@app/config';
import { type Principal } from '@app/domain';

import { OrgUnitMembersQueryDto, OrgUnitsQueryDto } from './directory.dto';
import {
  MeResponse,
  OrgUnitDetailResponse,
  OrgUnitListResponse,
  PartyMemberPageResponse,
} from './directory.responses';
import { MeService } from './me.service';
import { OrgTreeService } from './org-tree.service';
import { PartyMembersService } from './party-members.service';

const SUBTREE_REFUSALS =
  'OUT_OF_SCOPE (outside your part of the org tree), ROLE_NOT_PERMITTED (no office), DELEGATION_NOT_ACTIVE';
const ID_OR_CODE = ApiParam({
  name: 'idOrCode',
  description: 'Org unit id (UUID) or code',
  example: 'DX-DZ-DC-B1',
});

@ApiTags('directory 组织与人员')
@Controller('v1')
export class DirectoryController {
  constructor(
    private readonly me: MeService,
    private readonly tree: OrgTreeService,
    private readonly members: PartyMembersService,
  ) {}

  @Get('me')
  @ApiOperation({
    operationId: 'getMe',
    summary:
      'The caller in context: unit and path, roles, the delegation acted under and those held or given, ' +
      'the actions each pipeline allows as the unit, the read scope',
  })
  @ApiOkResponse({ type: MeResponse, description: 'The caller' })
  @ApiProblems({ 403: 'DELEGATION_NOT_ACTIVE, DELEGATE_OUTSIDE_ORG_UNIT (Acting-For)' })
  getMe(@CurrentPrincipal() principal: Principal): Promise<MeResponse> {
    return this.me.me(principal);
  }

  @Get('org-units')
  @ApiOperation({
    operationId: 'listOrgUnits',
    summary:
      'Org units under a unit of your read scope (default: its root): levels down, kind, 审批权 and text filters',
  })
  @ApiOkResponse({ type: OrgUnitListResponse, description: 'The unit listed under and the units below it' })
  @ApiProblems({
    400: 'REQUEST_VALIDATION_FAILED',
    403: SUBTREE_REFUSALS,
    422: 'ORG_UNIT_UNKNOWN (under)',
  })
  listOrgUnits(
    @CurrentPrincipal() principal: Principal,
    @Query() query: OrgUnitsQueryDto,
  ): Promise<OrgUnitListResponse> {
    return this.tree.list(principal, query);
  }

  @Get('org-units/:idOrCode')
  @ID_OR_CODE
  @ApiOperation({ operationId: 'getOrgUnit', summary: 'One org unit with its ancestors and children' })
  @ApiOkResponse({ type: OrgUnitDetailResponse, description: 'The unit' })
  @ApiProblems({ 403: SUBTREE_REFUSALS, 404: 'ORG_UNIT_NOT_FOUND' })
  getOrgUnit(
    @CurrentPrincipal() principal: Principal,
    @Param('idOrCode') idOrCode: string,
  ): Promise<OrgUnitDetailResponse> {
    return this.tree.get(principal, idOrCode);
  }

  @Get('org-units/:idOrCode/members')
  @ID_OR_CODE
  @ApiOperation({
    operationId: 'listOrgUnitMembers',
    summary:
      'Party members of a unit (or its subtree) for the sponsor and cultivation-contact pickers: standing, ' +
      'discipline, and whether each may sponsor or cultivate today (sponsor rules of the domain, with reasons)',
  })
  @ApiOkResponse({ type: PartyMemberPageResponse, description: '{ items, nextCursor }' })
  @ApiProblems({
    400: 'REQUEST_VALIDATION_FAILED, CURSOR_INVALID',
    403: SUBTREE_REFUSALS,
    404: 'ORG_UNIT_NOT_FOUND',
  })
  listOrgUnitMembers(
    @CurrentPrincipal() principal: Principal,
    @Param('idOrCode') idOrCode: string,
    @Query() query: OrgUnitMembersQueryDto,
  ): Promise<PartyMemberPageResponse> {
    return this.members.list(principal, idOrCode, query);
  }
}
