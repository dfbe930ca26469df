import { Injectable } from '@nestjs/common';

import { AccessService } from '@app/auth';
import { ProblemError } from '@app/config';
import { type OrgUnit, type Principal, scopeRootId } from '@app/domain';
import { type OrgUnitNode, OrgUnitsRepository } from '@app/persistence';

import { requireOrgUnit } from '../org-unit-reference';
import { type OrgUnitsQueryDto } from './directory.dto';
import {
  type OrgUnitDetailResponse,
  type OrgUnitListResponse,
  type OrgUnitNodeResponse,
} from './directory.responses';
import { unitRef } from './me.service';

export const nodeResponse = (node: OrgUnitNode): OrgUnitNodeResponse => ({
  ...unitRef(node),
  parentId: node.parentId,
  depth: node.depth,
  canApproveMembership: node.canApproveMembership,
  childCount: node.childCount,
  closedOn: node.closedOn,
});

/**
 * The org tree within the caller's read scope: an office (DOMAIN §5.2) and the unit in its part of the tree,
 * as for backlogs; refusals go through AccessService (403, logged).
 */
@Injectable()
export class OrgTreeService {
  constructor(
    private readonly orgUnits: OrgUnitsRepository,
    private readonly access: AccessService,
  ) {}

  async list(principal: Principal, query: OrgUnitsQueryDto): Promise<OrgUnitListResponse> {
    const under = await requireOrgUnit(
      this.orgUnits,
      query.under ?? scopeRootId(principal.orgUnit),
      'under',
      false,
    );
    this.access.assertCanReadSubtree(principal, under);
    const [top, found] = await Promise.all([
      this.orgUnits.node(under),
      this.orgUnits.subtreeNodes({
        under,
        levels: query.depth,
        ...(query.kind ? { kind: query.kind } : {}),
        ...(query.canApproveMembership === undefined
          ? {}
          : { canApproveMembership: query.canApproveMembership }),
        ...(query.q ? { text: query.q } : {}),
        includeClosed: query.includeClosed,
        offset: query.offset,
        limit: query.limit,
      }),
    ]);
    const more = found.length > query.limit;
    return {
      under: nodeResponse(top),
      items: found.slice(0, query.limit).map(nodeResponse),
      nextOffset: more ? query.offset + query.limit : null,
    };
  }

  async get(principal: Principal, reference: string): Promise<OrgUnitDetailResponse> {
    const unit = await this.readable(principal, reference);
    const [node, ancestry, children] = await Promise.all([
      this.orgUnits.node(unit),
      this.orgUnits.ancestry(unit.id),
      this.orgUnits.childNodes(unit.id),
    ]);
    return {
      ...nodeResponse(node),
      ancestors: ancestry.filter((ancestor) => ancestor.id !== unit.id).map(unitRef),
      children: children.map(nodeResponse),
    };
  }

  /** The unit a path names (404 when there is none), if the caller may read its subtree (403 otherwise). */
  async readable(principal: Principal, reference: string): Promise<OrgUnit> {
    const unit = await this.orgUnits.find(reference);
    if (!unit) {
      throw new ProblemError(404, 'ORG_UNIT_NOT_FOUND', '组织不存在', `no org unit ${reference}`);
    }
    this.access.assertCanReadSubtree(principal, unit);
    return unit;
  }
}
