import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';

import { AccessService } from '@app/auth';
import { Clock, ProblemError } from '@app/config';
import { OFFICE_ROLES, type Principal, delegationViolations, violation } from '@app/domain';
import { type DelegationView, DelegationsRepository } from '@app/persistence';

import { IdempotencyService } from '../idempotency/idempotency.service';
import { type CreateDelegationDto } from './delegation.dto';

@Injectable()
export class DelegationsService {
  constructor(
    private readonly delegations: DelegationsRepository,
    private readonly access: AccessService,
    private readonly clock: Clock,
    private readonly idempotency: IdempotencyService,
  ) {}

  async create(principal: Principal, dto: CreateDelegationDto, key?: string): Promise<DelegationView> {
    const roles = [...new Set(dto.roles ?? principal.roles.filter((role) => OFFICE_ROLES.includes(role)))];
    const request = {
      delegate: dto.delegate,
      roles,
      validFrom: new Date(dto.validFrom),
      validUntil: new Date(dto.validUntil),
    };
    const violations = delegationViolations(principal, request, this.clock.now());
    const chained = violations.find((v) => v.code === 'DELEGATION_CHAIN_FORBIDDEN');
    if (chained) this.access.refuse(principal, chained, dto.delegate);
    if (violations.length > 0) throw ProblemError.fromViolations('DELEGATION', violations);
    return this.idempotency.run(
      principal,
      key,
      { endpoint: 'POST /v1/delegations', request: dto, resourceId: (token) => token.id('delegation') },
      (token) =>
        this.delegations.create({
          id: token ? token.id('delegation') : randomUUID(),
          delegatorSubject: principal.subject,
          delegatorName: principal.name,
          delegateSubject: dto.delegate,
          orgUnitId: principal.orgUnit.id,
          roles,
          validFrom: request.validFrom,
          validUntil: request.validUntil,
          reason: dto.reason,
        }),
    );
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
