import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';

import { type LocalDate, type OrgUnit, type OrgUnitKind, encodeOrgPath } from '@app/domain';

import { type OrgUnit as OrgUnitRow, type Prisma } from '../generated/prisma/client';
import { PrismaService } from '../prisma.service';
import { asDate, dateOnly } from './dates';
import { toOrgUnit } from './org-units.repository';

/** Who changed the tree (the signed-in officer; a stand-in acts in the name of the delegator's unit). */
export interface OrgActor {
  readonly subject: string;
  readonly name: string;
}

export const ORG_UNIT_CHANGE_KINDS = [
  'CREATED',
  'RENAMED',
  'APPROVAL_AUTHORITY_CHANGED',
  'MOVED',
  'CLOSED',
  'IMPORTED',
] as const;
export type OrgUnitChangeKind = (typeof ORG_UNIT_CHANGE_KINDS)[number];

/** A unit as administration reads it: the domain unit with its depth, the day it closed, its parent's code. */
export interface OrgUnitRecord extends OrgUnit {
  readonly depth: number;
  readonly closedOn: LocalDate | null;
  readonly parentCode: string | null;
}

/** A unit's fields as the history stores them before and after a change. */
export interface OrgUnitSnapshot {
  readonly code: string;
  readonly name: string;
  readonly kind: OrgUnitKind;
  readonly parentId: string | null;
  readonly parentCode: string | null;
  readonly path: string;
  readonly canApproveMembership: boolean;
  readonly closedOn: LocalDate | null;
}

export interface OrgUnitChangeView {
  readonly id: string;
  readonly kind: OrgUnitChangeKind;
  readonly actor: OrgActor;
  readonly recordedAt: string;
  readonly before: OrgUnitSnapshot | null;
  readonly after: Record<string, unknown>;
  readonly source: string | null;
}

/** An open task of a case under a unit that sits with a body the unit would leave by a move. */
export interface StrandedTask {
  readonly workflowKind: string;
  readonly caseId: string;
  readonly action: string;
  readonly orgUnitCode: string;
}

/** What keeps a unit open: each list holds ids (codes for units), at most a few of each, and their total. */
export interface CloseBlockers {
  readonly openChildren: { readonly total: number; readonly sample: readonly string[] };
  readonly openMemberCases: { readonly total: number; readonly sample: readonly string[] };
  readonly openCadreCases: { readonly total: number; readonly sample: readonly string[] };
  readonly openReserveEntries: { readonly total: number; readonly sample: readonly string[] };
  readonly partyMembers: { readonly total: number; readonly sample: readonly string[] };
}

/** Reserve entries still in the pool (the others have left it: USED, REMOVED, NOT_ADMITTED). */
export const OPEN_RESERVE_STATUSES = ['ENTERING', 'ACTIVE', 'LISTED_FOR_INSPECTION'] as const;

/** Every write to the tree takes this lock first, so two moves or imports never interleave their path rewrites. */
export async function lockOrgTree(tx: Prisma.TransactionClient): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('xianfeng.org_unit.tree'))`;
}

export function snapshotOf(row: OrgUnitRow, parentCode: string | null): OrgUnitSnapshot {
  return {
    code: row.code,
    name: row.name,
    kind: row.kind,
    parentId: row.parentId,
    parentCode,
    path: row.path,
    canApproveMembership: row.canApproveMembership,
    closedOn: row.closedOn ? dateOnly(row.closedOn) : null,
  };
}

export async function recordChange(
  tx: Prisma.TransactionClient,
  change: {
    readonly orgUnitId: string;
    readonly kind: OrgUnitChangeKind;
    readonly actor: OrgActor;
    readonly before: OrgUnitSnapshot | null;
    readonly after: object;
    readonly source?: string;
  },
): Promise<void> {
  await tx.orgUnitChange.create({
    data: {
      id: randomUUID(),
      orgUnitId: change.orgUnitId,
      kind: change.kind,
      actorSubject: change.actor.subject,
      actorName: change.actor.name,
      ...(change.before ? { before: change.before as unknown as Prisma.InputJsonObject } : {}),
      after: change.after,
      source: change.source ?? null,
    },
  });
}

type SampleRow = { total: bigint; sample: string[] | null };

/**
 * Administration of the org tree by the org department: create, rename, change 审批权, move, close, each in
 * one transaction with its history row (org_unit_change); and the audit of exports.
 */
@Injectable()
export class OrgAdminRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** By id or code, with what administration needs beyond the domain unit. */
  async record(reference: string): Promise<OrgUnitRecord | undefined> {
    const row = await this.prisma.orgUnit.findFirst({
      where: /^[0-9a-f-]{36}$/i.test(reference) ? { id: reference } : { code: reference },
      include: { parent: { select: { code: true } } },
    });
    return row ? toRecord(row, row.parent?.code ?? null) : undefined;
  }

  async codeTaken(code: string): Promise<boolean> {
    return (await this.prisma.orgUnit.count({ where: { code } })) > 0;
  }

  async create(
    unit: {
      readonly code: string;
      readonly name: string;
      readonly kind: OrgUnitKind;
      readonly canApproveMembership: boolean;
    },
    parent: OrgUnitRecord,
    actor: OrgActor,
  ): Promise<OrgUnitRecord> {
    const id = randomUUID();
    const path = [...parent.path, id];
    return this.prisma.$transaction(async (tx) => {
      await lockOrgTree(tx);
      const row = await tx.orgUnit.create({
        data: {
          id,
          code: unit.code,
          name: unit.name,
          kind: unit.kind,
          parentId: parent.id,
          path: encodeOrgPath(path),
          depth: path.length - 1,
          canApproveMembership: unit.canApproveMembership,
        },
      });
      await recordChange(tx, {
        orgUnitId: id,
        kind: 'CREATED',
        actor,
        before: null,
        after: snapshotOf(row, parent.code),
      });
      return toRecord(row, parent.code);
    });
  }

  /** Renames and/or changes 审批权; one history row per kind of change. */
  async update(
    unit: OrgUnitRecord,
    change: { readonly name?: string; readonly canApproveMembership?: boolean },
    actor: OrgActor,
  ): Promise<OrgUnitRecord> {
    return this.prisma.$transaction(async (tx) => {
      await lockOrgTree(tx);
      const before = await tx.orgUnit.findUniqueOrThrow({ where: { id: unit.id } });
      const row = await tx.orgUnit.update({ where: { id: unit.id }, data: change });
      const [was, is] = [snapshotOf(before, unit.parentCode), snapshotOf(row, unit.parentCode)];
      if (before.name !== row.name) {
        await recordChange(tx, { orgUnitId: unit.id, kind: 'RENAMED', actor, before: was, after: is });
      }
      if (before.canApproveMembership !== row.canApproveMembership) {
        await recordChange(tx, {
          orgUnitId: unit.id,
          kind: 'APPROVAL_AUTHORITY_CHANGED',
          actor,
          before: was,
          after: is,
        });
      }
      return toRecord(row, unit.parentCode);
    });
  }

  /**
   * Moves a unit with its whole subtree under a new parent: every path and depth below it is rewritten in one
   * statement, and so are the copies of those paths in the read models that scope by prefix (approval tasks,
   * the targets pipeline and village cadres), so backlogs and progress follow the unit to its new place.
   * Counts already rolled up into the old ancestors stay there: they happened there.
   */
  async move(unit: OrgUnitRecord, parent: OrgUnitRecord, actor: OrgActor): Promise<OrgUnitRecord> {
    const oldPrefix = encodeOrgPath(unit.path);
    const newPath = [...parent.path, unit.id];
    const newPrefix = encodeOrgPath(newPath);
    const shift = newPath.length - unit.path.length;
    return this.prisma.$transaction(async (tx) => {
      await lockOrgTree(tx);
      const before = await tx.orgUnit.findUniqueOrThrow({ where: { id: unit.id } });
      await tx.$executeRaw`
        UPDATE org_unit SET path = ${newPrefix} || substr(path, ${oldPrefix.length + 1}), depth = depth + ${shift}
        WHERE path LIKE ${`${oldPrefix}%`}`;
      await tx.orgUnit.update({ where: { id: unit.id }, data: { parentId: parent.id } });
      for (const table of ['approval_task', 'target_pipeline_case', 'target_village_cadre'] as const) {
        await tx.$executeRawUnsafe(
          `UPDATE ${table} SET org_path = $1 || substr(org_path, $2) WHERE org_path LIKE $3`,
          newPrefix,
          oldPrefix.length + 1,
          `${oldPrefix}%`,
        );
      }
      const row = await tx.orgUnit.findUniqueOrThrow({ where: { id: unit.id } });
      await recordChange(tx, {
        orgUnitId: unit.id,
        kind: 'MOVED',
        actor,
        before: snapshotOf(before, unit.parentCode),
        after: snapshotOf(row, parent.code),
      });
      return toRecord(row, parent.code);
    });
  }

  async close(unit: OrgUnitRecord, closedOn: string, actor: OrgActor): Promise<OrgUnitRecord> {
    return this.prisma.$transaction(async (tx) => {
      await lockOrgTree(tx);
      const before = await tx.orgUnit.findUniqueOrThrow({ where: { id: unit.id } });
      const row = await tx.orgUnit.update({ where: { id: unit.id }, data: { closedOn: asDate(closedOn) } });
      await recordChange(tx, {
        orgUnitId: unit.id,
        kind: 'CLOSED',
        actor,
        before: snapshotOf(before, unit.parentCode),
        after: snapshotOf(row, unit.parentCode),
      });
      return toRecord(row, unit.parentCode);
    });
  }

  /** Units at or under `unit` (what a move rewrites). */
  async subtreeSize(unit: OrgUnit): Promise<number> {
    return this.prisma.orgUnit.count({ where: { path: { startsWith: encodeOrgPath(unit.path) } } });
  }

  /** What keeps a unit from closing: open units under it, open work and party members in its subtree. */
  async closeBlockers(unit: OrgUnit): Promise<CloseBlockers> {
    const prefix = `${encodeOrgPath(unit.path)}%`;
    const open = [...OPEN_RESERVE_STATUSES];
    const [children, memberCases, cadreCases, reserve, members] = await Promise.all([
      this.prisma.$queryRaw<SampleRow[]>`
        SELECT count(*) AS total, (array_agg(code ORDER BY code))[1:5] AS sample FROM org_unit
        WHERE parent_id = ${unit.id}::uuid AND closed_on IS NULL`,
      this.prisma.$queryRaw<SampleRow[]>`
        SELECT count(*) AS total, (array_agg(c.id::text ORDER BY c.id))[1:5] AS sample
        FROM member_case c JOIN org_unit u ON u.id = c.branch_id
        WHERE c.status = 'OPEN' AND u.path LIKE ${prefix}`,
      this.prisma.$queryRaw<SampleRow[]>`
        SELECT count(*) AS total, (array_agg(c.id::text ORDER BY c.id))[1:5] AS sample
        FROM cadre_case c JOIN org_unit u ON u.id = c.village_id
        WHERE c.status = 'OPEN' AND u.path LIKE ${prefix}`,
      this.prisma.$queryRaw<SampleRow[]>`
        SELECT count(*) AS total, (array_agg(e.id::text ORDER BY e.id))[1:5] AS sample
        FROM reserve_entry e JOIN org_unit u ON u.id = e.village_id
        WHERE e.status = ANY(${open}::text[]) AND u.path LIKE ${prefix}`,
      this.prisma.$queryRaw<SampleRow[]>`
        SELECT count(*) AS total, (array_agg(m.person_id::text ORDER BY m.person_id))[1:5] AS sample
        FROM party_membership m JOIN org_unit u ON u.id = m.branch_id
        WHERE u.path LIKE ${prefix}`,
    ]);
    const summary = (rows: SampleRow[]) => ({
      total: Number(rows[0]?.total ?? 0),
      sample: rows[0]?.sample ?? [],
    });
    return {
      openChildren: summary(children),
      openMemberCases: summary(memberCases),
      openCadreCases: summary(cadreCases),
      openReserveEntries: summary(reserve),
      partyMembers: summary(members),
    };
  }

  /**
   * Open tasks of cases under `unit` that sit with a body the unit would leave by moving under `parent`: an
   * ancestor that is not an ancestor afterwards, or the org department of one. A reserve entry also names its
   * township (reserve_entry.township_id, and the half-year reviews by it), so an open entry held for a
   * township being left counts too, as a RESERVE_POOL task of that township.
   */
  async strandedTasks(unit: OrgUnit, parent: OrgUnit): Promise<StrandedTask[]> {
    const staying = new Set(parent.path);
    const leaving = unit.path.slice(0, -1).filter((id) => !staying.has(id));
    if (leaving.length === 0) return [];
    const departments = await this.prisma.orgUnit.findMany({
      where: { parentId: { in: leaving }, kind: 'ORG_DEPARTMENT' },
      select: { id: true },
    });
    const bodies = [...leaving, ...departments.map((department) => department.id)];
    const prefix = `${encodeOrgPath(unit.path)}%`;
    const open = [...OPEN_RESERVE_STATUSES];
    return this.prisma.$queryRaw<StrandedTask[]>`
      SELECT t.workflow_kind AS "workflowKind", t.case_id::text AS "caseId", t.action, o.code AS "orgUnitCode"
      FROM approval_task t JOIN org_unit o ON o.id = t.org_unit_id
      WHERE t.status = 'OPEN' AND t.org_unit_id = ANY(${bodies}::uuid[]) AND (
        (t.workflow_kind = 'MEMBER_DEVELOPMENT' AND t.case_id IN (
          SELECT c.id FROM member_case c JOIN org_unit u ON u.id = c.branch_id WHERE u.path LIKE ${prefix}))
        OR (t.workflow_kind = 'CADRE_RECRUITMENT' AND t.case_id IN (
          SELECT c.id FROM cadre_case c JOIN org_unit u ON u.id = c.village_id WHERE u.path LIKE ${prefix}))
        OR (t.workflow_kind = 'RESERVE_POOL' AND t.case_id IN (
          SELECT e.id FROM reserve_entry e JOIN org_unit u ON u.id = e.village_id WHERE u.path LIKE ${prefix})))
      UNION
      SELECT 'RESERVE_POOL', e.id::text, 'HELD_BY_TOWNSHIP', o.code
      FROM reserve_entry e JOIN org_unit u ON u.id = e.village_id JOIN org_unit o ON o.id = e.township_id
      WHERE u.path LIKE ${prefix} AND e.status = ANY(${open}::text[]) AND e.township_id = ANY(${bodies}::uuid[])
      ORDER BY 1, 2, 3`;
  }

  /** A unit's history, newest first. */
  async history(unitId: string, limit: number): Promise<OrgUnitChangeView[]> {
    const rows = await this.prisma.orgUnitChange.findMany({
      where: { orgUnitId: unitId },
      orderBy: [{ recordedAt: 'desc' }, { id: 'desc' }],
      take: limit,
    });
    return rows.map((row) => ({
      id: row.id,
      kind: row.kind,
      actor: { subject: row.actorSubject, name: row.actorName },
      recordedAt: row.recordedAt.toISOString(),
      before: (row.before ?? null) as OrgUnitSnapshot | null,
      after: row.after as Record<string, unknown>,
      source: row.source,
    }));
  }

  /** Records that an export left the system (the roster carries clear national ID numbers). */
  async recordExport(entry: {
    readonly orgUnitId: string;
    readonly content: 'TREE' | 'ROSTER';
    readonly mediaType: string;
    readonly rowCount: number;
    readonly actor: OrgActor;
  }): Promise<void> {
    await this.prisma.orgDataExport.create({
      data: {
        id: randomUUID(),
        orgUnitId: entry.orgUnitId,
        content: entry.content,
        mediaType: entry.mediaType,
        rowCount: entry.rowCount,
        actorSubject: entry.actor.subject,
        actorName: entry.actor.name,
      },
    });
  }
}

export function toRecord(row: OrgUnitRow, parentCode: string | null): OrgUnitRecord {
  const unit = toOrgUnit(row);
  return { ...unit, depth: unit.path.length - 1, closedOn: unit.closedOn ?? null, parentCode };
}
