import { Controller, Get, applyDecorators } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { CurrentPrincipal } from '@app/auth';
import { ApiProblems } from '@app/config';
import { type Principal } from '@app/domain';

import { CaseId } from '../case-endpoints';
import {
  AvailableActionResponse,
  CasePlanResponse,
  MemberAvailableActionResponse,
} from './available-action.response';
import { AvailableActionsService } from './available-actions.service';
import { CadreCaseActionsKind } from './cadre-case-actions.kind';
import { MemberCaseActionsKind } from './member-case-actions.kind';
import { ReserveEntryActionsKind } from './reserve-entry-actions.kind';

/** The documentation every kind's available-actions endpoint shares. */
function documented(operationId: string, notFound: string, type = AvailableActionResponse): MethodDecorator {
  return applyDecorators(
    ApiOperation({
      operationId,
      summary: 'The actions that can be taken now: who, where, with what body, from which date',
    }),
    ApiOkResponse({
      type: [type],
      description:
        'Each action the case allows now with its Chinese name, acting org units, endpoint, body schema, ' +
        'an example body valid today (when `notYet` is empty) and the earliest date it may carry',
    }),
    ApiProblems({ 404: notFound, 504: true }),
  );
}

/** The documentation every kind's plan endpoint shares. */
function plan(operationId: string, notFound: string): MethodDecorator {
  return applyDecorators(
    ApiOperation({
      operationId,
      summary:
        "The case's calendar: each next step's earliest date, deadline and cap, with the rule behind each",
      description:
        'Working days are counted with the holiday calendar (调休 make-up days included). `earliestBy`, ' +
        '`dueBy` and `capBy` name the rule and article behind each date; `deadlines` lists every date the ' +
        "case's rules set.",
    }),
    ApiOkResponse({ type: CasePlanResponse }),
    ApiProblems({ 404: notFound, 504: true }),
  );
}

/** GET …/{id}/available-actions and …/{id}/plan for every case kind; read access as for the case itself. */
@Controller('v1')
export class AvailableActionsController {
  constructor(
    private readonly service: AvailableActionsService,
    private readonly member: MemberCaseActionsKind,
    private readonly cadre: CadreCaseActionsKind,
    private readonly reserve: ReserveEntryActionsKind,
  ) {}

  @Get('member-cases/:id/available-actions')
  @ApiTags('member-cases 发展党员')
  @documented('listAvailableMemberActions', 'MEMBER_CASE_NOT_FOUND', MemberAvailableActionResponse)
  memberCase(
    @CurrentPrincipal() principal: Principal,
    @CaseId() id: string,
  ): Promise<AvailableActionResponse[]> {
    return this.service.list(this.member, principal, id);
  }

  @Get('cadre-cases/:id/available-actions')
  @ApiTags('cadre-cases 村干部招引')
  @documented('listAvailableCadreActions', 'CADRE_CASE_NOT_FOUND')
  cadreCase(
    @CurrentPrincipal() principal: Principal,
    @CaseId() id: string,
  ): Promise<AvailableActionResponse[]> {
    return this.service.list(this.cadre, principal, id);
  }

  @Get('reserve-pool/entries/:id/available-actions')
  @ApiTags('reserve-pool 村两委后备库')
  @documented('listAvailableReserveActions', 'RESERVE_ENTRY_NOT_FOUND')
  reserveEntry(
    @CurrentPrincipal() principal: Principal,
    @CaseId() id: string,
  ): Promise<AvailableActionResponse[]> {
    return this.service.list(this.reserve, principal, id);
  }

  @Get('member-cases/:id/plan')
  @ApiTags('member-cases 发展党员')
  @plan('getMemberCasePlan', 'MEMBER_CASE_NOT_FOUND')
  memberPlan(@CurrentPrincipal() principal: Principal, @CaseId() id: string): Promise<CasePlanResponse> {
    return this.service.plan(this.member, principal, id);
  }

  @Get('cadre-cases/:id/plan')
  @ApiTags('cadre-cases 村干部招引')
  @plan('getCadreCasePlan', 'CADRE_CASE_NOT_FOUND')
  cadrePlan(@CurrentPrincipal() principal: Principal, @CaseId() id: string): Promise<CasePlanResponse> {
    return this.service.plan(this.cadre, principal, id);
  }

  @Get('reserve-pool/entries/:id/plan')
  @ApiTags('reserve-pool 村两委后备库')
  @plan('getReserveEntryPlan', 'RESERVE_ENTRY_NOT_FOUND')
  reservePlan(@CurrentPrincipal() principal: Principal, @CaseId() id: string): Promise<CasePlanResponse> {
    return this.service.plan(this.reserve, principal, id);
  }
}
