import { Injectable } from '@nestjs/common';

import { Clock } from '@app/config';
import {
  MEMBER_RULE_SETS,
  type OrgUnit,
  type Principal,
  actionsForRoles,
  compareLocalDates,
  scopeRootId,
  subtreeReadViolation,
} from '@app/domain';
import { type DelegationView, DelegationsRepository, OrgUnitsRepository } from '@app/persistence';

import { inboxActions } from '../backlog/task-kinds';
import {
  type CapabilitiesResponse,
  type DelegationSummaryResponse,
  type MeResponse,
  type OrgUnitRefResponse,
} from './directory.responses';

export const unitRef = ({ id, code, name, kind }: OrgUnit): OrgUnitRefResponse => ({ id, code, name, kind });

/**
 * The caller in context: the unit they act as with the path down to it, their roles, the delegation they act
 * under and those they hold or gave, what each pipeline lets them do as their unit, and where their reading
 * stops. Nothing here is refused: every authenticated caller may know this of themselves.
 */
@Injectable()
export class MeService {
  constructor(
    private readonly orgUnits: OrgUnitsRepository,
    private readonly delegations: DelegationsRepository,
    private readonly clock: Clock,
  ) {}

  async me(principal: Principal): Promise<MeResponse> {
    const now = this.clock.now();
    const unit = principal.orgUnit;
    const rootId = scopeRootId(unit);
    const [ancestry, scopeRoot, delegations, actingFor] = await Promise.all([
      this.orgUnits.ancestry(unit.id),
      rootId === unit.id ? unit : this.orgUnits.find(rootId),
      this.delegations.ofSubject(principal.subject, now),
      principal.actingFor ? this.delegations.find(principal.actingFor.delegationId) : undefined,
    ]);
    const summary = (delegation: DelegationView) => delegationSummary(delegation, now);
    return {
      subject: principal.subject,
      name: principal.name,
      personId: principal.personId,
      unit: {
        ...unitRef(unit),
        canApproveMembership: unit.canApproveMembership,
        path: ancestry.filter((ancestor) => ancestor.id !== unit.id).map(unitRef),
      },
      roles: [...principal.roles],
      actingFor: actingFor ? summary(actingFor) : null,
      delegations: {
        received: delegations.filter((d) => d.delegateSubject === principal.subject).map(summary),
        given: delegations.filter((d) => d.delegator.subject === principal.subject).map(summary),
      },
      may: capabilities(principal),
      readScope: {
        root: unitRef(scopeRoot ?? unit),
        subtree: subtreeReadViolation(principal, scopeRoot ?? unit) === undefined,
      },
    };
  }
}

/** Member steps per rule set by the access rules; cadre and reserve steps as the inbox offers them. */
export function capabilities(principal: Principal): CapabilitiesResponse {
  const pipelines = inboxActions(principal);
  return {
    memberDevelopment: [...MEMBER_RULE_SETS]
      .sort((a, b) => compareLocalDates(b.effectiveFrom, a.effectiveFrom))
      .map((rules) => ({ ruleSet: rules.id, actions: actionsForRoles(principal.roles, rules) })),
    cadreRecruitment: pipelines.CADRE_RECRUITMENT,
    reservePool: pipelines.RESERVE_POOL,
  };
}

function delegationSummary(delegation: DelegationView, now: Date): DelegationSummaryResponse {
  return {
    id: delegation.id,
    delegator: delegation.delegator,
    delegate: delegation.delegateSubject,
    orgUnit: unitRef(delegation.orgUnit),
    roles: [...delegation.roles],
    validFrom: delegation.validFrom,
    validUntil: delegation.validUntil,
    reason: delegation.reason,
    inEffect: Date.parse(delegation.validFrom) <= now.getTime(),
  };
}
