import {
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  HttpCode,
  Injectable,
  Module,
  Param,
  ParseUUIDPipe,
  Post,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiHeader,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  MaxLength,
} from 'class-validator';

import { AccessService, CurrentPrincipal } from '@app/auth';
import { Clock, ProblemError } from '@app/config';
import { OFFICE_ROLES, type Principal, type Role, delegationViolations, violation } from '@app/domain';
import { type DelegationView, DelegationsRepository, nameBasedUuid } from '@app/persistence';

import { ProblemResponse } from '../openapi/problem.response';

export class CreateDelegationDto {
  @ApiProperty({ description: 'Subject (user id) of the stand-in', example: 'dc-b1-committee-member' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  delegate!: string;

  @ApiPropertyOptional({
    description: 'Office roles handed over (default: all the delegator holds)',
    enum: OFFICE_ROLES,
    isArray: true,
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(OFFICE_ROLES.length)
  @IsIn(OFFICE_ROLES, { each: true })
  roles?: Role[];

  @ApiProperty({ format: 'date-time', example: '2026-11-23T00:00:00+08:00' })
  @IsISO8601({ strict: true })
  validFrom!: string;

  @ApiProperty({ format: 'date-time', example: '2026-12-07T00:00:00+08:00' })
  @IsISO8601({ strict: true })
  validUntil!: string;

  @ApiProperty({ example: '书记参加县委党校培训期间' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason!: string;
}

@Injectable()
export class DelegationsService {
  constructor(
    private readonly delegations: DelegationsRepository,
    private readonly access: AccessService,
    private readonly clock: Clock,
  ) {}

  async create(principal: Principal, dto: CreateDelegationDto, key?: string): Promise<DelegationView> {
    const roles = dto.roles ?? principal.roles.filter((role) => OFFICE_ROLES.includes(role));
    const request = {
      delegate: dto.delegate,
      roles,
      validFrom: new Date(dto.validFrom),
      validUntil: new Date(dto.validUntil),
    };
    const violations = delegationViolations(principal, request, this.clock.now());
    const chained = violations.find((v) => v.code === 'DELEGATION_CHAIN_FORBIDDEN');
    if (chained) this.access.refuse(principal, chained, dto.delegate);
    if (violations.length > 0) throw ProblemError.fromViolations(violations);
    return this.delegations.create({
      id: key ? nameBasedUuid(`delegation:${principal.subject}:${key}`) : randomUUID(),
      delegatorSubject: principal.subject,
      delegatorName: principal.name,
      delegateSubject: dto.delegate,
      orgUnitId: principal.orgUnit.id,
      roles,
      validFrom: request.validFrom,
      validUntil: request.validUntil,
      reason: dto.reason,
    });
  }

  list(principal: Principal): Promise<DelegationView[]> {
    return this.delegations.ofSubject(principal.subject, this.clock.now());
  }

  async revoke(principal: Principal, id: string): Promise<DelegationView> {
    const found = await this.delegations.find(id);
    if (!found) throw new ProblemError(404, 'DELEGATION_NOT_FOUND', '代理授权不存在', `no delegation ${id}`);
    if (found.delegator.subject !== principal.subject || principal.actingFor) {
      this.access.refuse(
        principal,
        violation('NOT_THE_DELEGATOR', 'DOMAIN §5.2', '只有委托人本人可以撤销代理'),
        id,
      );
    }
    return (await this.delegations.revoke(id, this.clock.now()))!;
  }
}

@ApiTags('delegations 代理')
@ApiBearerAuth()
@Controller('v1/delegations')
export class DelegationsController {
  constructor(private readonly service: DelegationsService) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary:
      'Hand some of your office roles to a stand-in for a bounded period (≤ 90 days); they act with header Acting-For: <id>',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiUnprocessableEntityResponse({
    type: ProblemResponse,
    description: 'DELEGATION_TO_SELF, DELEGATION_ROLES_NOT_HELD, DELEGATION_PERIOD_INVALID',
  })
  @ApiForbiddenResponse({ type: ProblemResponse, description: 'DELEGATION_CHAIN_FORBIDDEN' })
  create(
    @CurrentPrincipal() principal: Principal,
    @Body() dto: CreateDelegationDto,
    @Headers('idempotency-key') key?: string,
  ): Promise<DelegationView> {
    return this.service.create(principal, dto, key);
  }

  @Get()
  @ApiOperation({ summary: 'Delegations you gave or received that have not ended' })
  list(@CurrentPrincipal() principal: Principal): Promise<DelegationView[]> {
    return this.service.list(principal);
  }

  @Delete(':id')
  @ApiOperation({ summary: 'Revoke a delegation you gave (effective at once)' })
  @ApiForbiddenResponse({ type: ProblemResponse, description: 'NOT_THE_DELEGATOR' })
  revoke(
    @CurrentPrincipal() principal: Principal,
    @Param('id', new ParseUUIDPipe()) id: string,
  ): Promise<DelegationView> {
    return this.service.revoke(principal, id);
  }
}

@Module({ controllers: [DelegationsController], providers: [DelegationsService, Clock] })
export class DelegationsModule {}
