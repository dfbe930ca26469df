import { Injectable } from '@nestjs/common';

import { type OrgUnit, decodeOrgPath } from '@app/domain';

import { type OrgUnit as OrgUnitRow } from '../generated/prisma/client';
import { PrismaService } from '../prisma.service';

export function toOrgUnit(row: OrgUnitRow): OrgUnit {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    kind: row.kind,
    parentId: row.parentId,
    path: decodeOrgPath(row.path),
    canApproveMembership: row.canApproveMembership,
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@Injectable()
export class OrgUnitsRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** By id or by code, whichever the reference looks like. */
  async find(reference: string): Promise<OrgUnit | undefined> {
    const row = UUID.test(reference)
      ? await this.prisma.orgUnit.findUnique({ where: { id: reference } })
      : await this.prisma.orgUnit.findUnique({ where: { code: reference } });
    return row ? toOrgUnit(row) : undefined;
  }

  /** The unit and its ancestors, from the root down to the unit. */
  async ancestry(unitId: string): Promise<OrgUnit[]> {
    const unit = await this.prisma.orgUnit.findUnique({ where: { id: unitId } });
    if (!unit) return [];
    const ids = decodeOrgPath(unit.path);
    const rows = await this.prisma.orgUnit.findMany({ where: { id: { in: ids } } });
    const byId = new Map(rows.map((row) => [row.id, toOrgUnit(row)]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  /** Org departments (组织部) directly under any of the given units, nearest unit first. */
  async departmentsUnder(unitIds: readonly string[]): Promise<OrgUnit[]> {
    const rows = await this.prisma.orgUnit.findMany({
      where: { parentId: { in: [...unitIds] }, kind: 'ORG_DEPARTMENT' },
    });
    return rows
      .map(toOrgUnit)
      .sort((a, b) => unitIds.indexOf(b.parentId ?? '') - unitIds.indexOf(a.parentId ?? ''));
  }

  /** The top units of the org tree (those without a parent). */
  async roots(): Promise<OrgUnit[]> {
    const rows = await this.prisma.orgUnit.findMany({ where: { parentId: null }, orderBy: { code: 'asc' } });
    return rows.map(toOrgUnit);
  }

  async children(parentId: string): Promise<OrgUnit[]> {
    const rows = await this.prisma.orgUnit.findMany({ where: { parentId }, orderBy: { code: 'asc' } });
    return rows.map(toOrgUnit);
  }
}
