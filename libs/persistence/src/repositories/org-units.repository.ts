import { Injectable } from '@nestjs/common';

import { type LocalDate, type OrgUnit, decodeOrgPath, encodeOrgPath } from '@app/domain';

import { type OrgUnit as OrgUnitRow } from '../generated/prisma/client';
import { PrismaService } from '../prisma.service';
import { dateOnly } from './dates';

export function toOrgUnit(row: OrgUnitRow): OrgUnit {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    kind: row.kind,
    parentId: row.parentId,
    path: decodeOrgPath(row.path),
    canApproveMembership: row.canApproveMembership,
    // Only on a closed unit: an open unit's value is exactly as before closing existed (workflows carry it).
    ...(row.closedOn ? { closedOn: dateOnly(row.closedOn) } : {}),
  };
}

/**
 * A case-insensitive "contains" filter for text as typed: Prisma passes `%`, `_` and `\` through to LIKE, so
 * they are escaped to match themselves (`%` would otherwise match everything).
 */
export function containsText(text: string): { contains: string; mode: 'insensitive' } {
  return { contains: text.replace(/[\\%_]/g, '\\$&'), mode: 'insensitive' };
}

const nodeSource = (row: OrgUnitRow) => ({ unit: toOrgUnit(row), depth: row.depth });

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A unit as the org tree pickers show it: its depth from the root (0) and how many units are directly under it. */
export interface OrgUnitNode extends OrgUnit {
  readonly depth: number;
  readonly childCount: number;
  /** Day the unit closed (YYYY-MM-DD); null while open. */
  readonly closedOn: LocalDate | null;
}

/** Which units of a subtree to list (GET /v1/org-units); every optional field narrows the list. */
export interface SubtreeUnitsQuery {
  readonly under: OrgUnit;
  /** Levels below `under` (1: its children). */
  readonly levels: number;
  readonly kind?: OrgUnit['kind'];
  readonly canApproveMembership?: boolean;
  /** Name or code contains (case-insensitive). */
  readonly text?: string;
  /** Closed units too (default: open ones only, as pickers want). */
  readonly includeClosed?: boolean;
  readonly offset: number;
  readonly limit: number;
}

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

  /** Units strictly below `under`, at most `levels` down, by depth then code; one more than `limit` if more follow. */
  async subtreeNodes(query: SubtreeUnitsQuery): Promise<OrgUnitNode[]> {
    const top = query.under.path.length - 1;
    const rows = await this.prisma.orgUnit.findMany({
      where: {
        path: { startsWith: encodeOrgPath(query.under.path) },
        depth: { gt: top, lte: top + query.levels },
        ...(query.kind ? { kind: query.kind } : {}),
        ...(query.canApproveMembership === undefined
          ? {}
          : { canApproveMembership: query.canApproveMembership }),
        ...(query.text
          ? { OR: [{ name: containsText(query.text) }, { code: containsText(query.text) }] }
          : {}),
        ...(query.includeClosed ? {} : { closedOn: null }),
      },
      orderBy: [{ depth: 'asc' }, { code: 'asc' }, { id: 'asc' }],
      skip: query.offset,
      take: query.limit + 1,
    });
    return this.nodes(rows.map(nodeSource));
  }

  /** The direct children of a unit by code, each with its own child count. */
  async childNodes(parentId: string): Promise<OrgUnitNode[]> {
    const rows = await this.prisma.orgUnit.findMany({ where: { parentId }, orderBy: { code: 'asc' } });
    return this.nodes(rows.map(nodeSource));
  }

  /** One unit as a node (its depth from its path, its child count; when it closed, as read with it). */
  async node(unit: OrgUnit): Promise<OrgUnitNode> {
    const [node] = await this.nodes([{ unit, depth: unit.path.length - 1 }]);
    return node!;
  }

  private async nodes(units: readonly { unit: OrgUnit; depth: number }[]): Promise<OrgUnitNode[]> {
    const counts = await this.prisma.orgUnit.groupBy({
      by: ['parentId'],
      where: { parentId: { in: units.map(({ unit }) => unit.id) } },
      _count: { _all: true },
    });
    const byParent = new Map(counts.map((count) => [count.parentId, count._count._all]));
    return units.map(({ unit, depth }) => ({
      ...unit,
      depth,
      childCount: byParent.get(unit.id) ?? 0,
      closedOn: unit.closedOn ?? null,
    }));
  }
}
