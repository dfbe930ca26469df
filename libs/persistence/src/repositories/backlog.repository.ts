import { Injectable } from '@nestjs/common';

import { type LocalDate, addDays, encodeOrgPath, type OrgUnit } from '@app/domain';

import { Prisma } from '../generated/prisma/client';
import { PrismaService } from '../prisma.service';

/** Which tasks: always one subtree (the caller's scope or a unit inside it), then optional narrowing. */
export interface BacklogFilter {
  readonly subtree: OrgUnit;
  /** Only tasks awaited from exactly these units (an inbox). */
  readonly orgUnitIds?: readonly string[];
  readonly workflowKind?: string;
  readonly steps?: readonly number[];
  readonly actions?: readonly string[];
  readonly status: 'OPEN' | 'DONE';
  /** Due strictly before this day. */
  readonly dueBefore?: LocalDate;
  /** Past due on `today`. */
  readonly overdue?: boolean;
  /** Not yet overdue but due within this many days of `today`. */
  readonly breachingWithinDays?: number;
  readonly today: LocalDate;
}

/** `due`: soonest deadline first, tasks without one last. `waiting`: longest waiting first. */
export type BacklogSort = 'due' | 'waiting';

export interface BacklogCursor {
  readonly sort: BacklogSort;
  readonly id: string;
  readonly dueOn?: string | null;
  readonly createdAt?: string;
}

export interface BacklogItem {
  readonly id: string;
  readonly caseId: string;
  readonly workflowKind: string;
  readonly action: string;
  readonly step: number;
  readonly orgUnit: { readonly id: string; readonly code: string; readonly name: string };
  readonly dueOn: string | null;
  readonly capOn: string | null;
  readonly status: 'OPEN' | 'DONE';
  readonly createdAt: string;
  readonly candidate: { readonly name: string; readonly stage: string };
  readonly branch: { readonly id: string; readonly code: string; readonly name: string };
}

export interface BacklogPage {
  readonly items: readonly BacklogItem[];
  readonly next: BacklogCursor | null;
}

export interface BacklogSummaryRow {
  /** A child unit of the subtree's root, or the root itself for tasks awaited from the root. */
  readonly orgUnitId: string;
  readonly open: number;
  readonly overdue: number;
  readonly dueWithin7Days: number;
  readonly dueWithin30Days: number;
  readonly dueLater: number;
  readonly noDeadline: number;
  readonly waiting0to7Days: number;
  readonly waiting8to30Days: number;
  readonly waiting31to90Days: number;
  readonly waitingOver90Days: number;
}

interface Row {
  id: string;
  case_id: string;
  workflow_kind: string;
  action: string;
  step: number;
  org_unit_id: string;
  unit_code: string;
  unit_name: string;
  due_on: Date | null;
  cap_on: Date | null;
  status: 'OPEN' | 'DONE';
  created_at: Date;
  candidate_name: string;
  stage: string;
  branch_id: string;
  branch_code: string;
  branch_name: string;
}

const day = (value: Date | null): string | null => (value ? value.toISOString().slice(0, 10) : null);

/**
 * A subtree as a range of materialized paths: every path under "/a/b/" sorts between "/a/b/" and "/a/b0"
 * ('0' follows '/'). Written with the text_pattern_ops operators so the path index serves it whatever the
 * database collation, also from a generic prepared plan (a parameterised LIKE would not).
 */
function subtreeCondition(unit: OrgUnit): Prisma.Sql {
  const prefix = encodeOrgPath(unit.path);
  const upper = `${prefix.slice(0, -1)}0`;
  return Prisma.sql`t.org_path ~>=~ ${prefix} AND t.org_path ~<~ ${upper}`;
}

const asDate = (value: LocalDate | string): Prisma.Sql => Prisma.sql`${value}::date`;

/** Committee backlogs and inboxes over approval_task, one indexed query per page. */
@Injectable()
export class BacklogRepository {
  constructor(private readonly prisma: PrismaService) {}

  async page(
    filter: BacklogFilter,
    sort: BacklogSort,
    limit: number,
    after?: BacklogCursor,
  ): Promise<BacklogPage> {
    const rows: Row[] = [];
    if (sort === 'waiting') {
      const keyset = after
        ? Prisma.sql`AND (t.created_at, t.id) > (${new Date(after.createdAt!)}::timestamptz, ${after.id}::uuid)`
        : Prisma.empty;
      rows.push(...(await this.select(filter, keyset, Prisma.sql`t.created_at, t.id`, limit + 1)));
    } else {
      // Dated tasks in (due, id) order, then undated ones by id: each part is one index-ordered range.
      const inDated = !after || (after.dueOn ?? null) !== null;
      if (inDated) {
        const keyset = after
          ? Prisma.sql`AND (t.due_on, t.id) > (${asDate(after.dueOn!)}, ${after.id}::uuid)`
          : Prisma.empty;
        rows.push(
          ...(await this.select(
            filter,
            Prisma.sql`AND t.due_on IS NOT NULL ${keyset}`,
            Prisma.sql`t.due_on, t.id`,
            limit + 1,
          )),
        );
      }
      if (rows.length <= limit) {
        const keyset = after && !inDated ? Prisma.sql`AND t.id > ${after.id}::uuid` : Prisma.empty;
        rows.push(
          ...(await this.select(
            filter,
            Prisma.sql`AND t.due_on IS NULL ${keyset}`,
            Prisma.sql`t.id`,
            limit + 1 - rows.length,
          )),
        );
      }
    }
    const items = rows.slice(0, limit).map(toItem);
    const last = rows.length > limit ? rows[limit - 1] : undefined;
    return {
      items,
      next: last
        ? {
            sort,
            id: last.id,
            ...(sort === 'waiting'
              ? { createdAt: last.created_at.toISOString() }
              : { dueOn: day(last.due_on) }),
          }
        : null,
    };
  }

  /** Open tasks of the subtree counted per child unit, by deadline and by time waiting. */
  async summary(filter: BacklogFilter, now: Date): Promise<BacklogSummaryRow[]> {
    const childPosition = filter.subtree.path.length + 2; // "/root/…/unit/child/…": split_part is 1-based
    const today = asDate(filter.today);
    const rows = await this.prisma.$queryRaw<
      { child: string; [bucket: string]: string | bigint }[]
    >(Prisma.sql`
      SELECT split_part(t.org_path, '/', ${childPosition}) AS child,
        count(*) AS open,
        count(*) FILTER (WHERE t.due_on < ${today}) AS overdue,
        count(*) FILTER (WHERE t.due_on >= ${today} AND t.due_on <= ${today} + 7) AS due7,
        count(*) FILTER (WHERE t.due_on > ${today} + 7 AND t.due_on <= ${today} + 30) AS due30,
        count(*) FILTER (WHERE t.due_on > ${today} + 30) AS later,
        count(*) FILTER (WHERE t.due_on IS NULL) AS undated,
        count(*) FILTER (WHERE t.created_at > ${now}::timestamptz - interval '8 days') AS w7,
        count(*) FILTER (WHERE t.created_at <= ${now}::timestamptz - interval '8 days'
                           AND t.created_at > ${now}::timestamptz - interval '31 days') AS w30,
        count(*) FILTER (WHERE t.created_at <= ${now}::timestamptz - interval '31 days'
                           AND t.created_at > ${now}::timestamptz - interval '91 days') AS w90,
        count(*) FILTER (WHERE t.created_at <= ${now}::timestamptz - interval '91 days') AS wmore
      FROM approval_task t
      WHERE ${this.where(filter)}
      GROUP BY 1`);
    const n = (value: string | bigint | undefined) => Number(value ?? 0);
    return rows.map((row) => ({
      orgUnitId: row.child === '' ? filter.subtree.id : row.child,
      open: n(row.open),
      overdue: n(row.overdue),
      dueWithin7Days: n(row.due7),
      dueWithin30Days: n(row.due30),
      dueLater: n(row.later),
      noDeadline: n(row.undated),
      waiting0to7Days: n(row.w7),
      waiting8to30Days: n(row.w30),
      waiting31to90Days: n(row.w90),
      waitingOver90Days: n(row.wmore),
    }));
  }

  private where(filter: BacklogFilter): Prisma.Sql {
    const conditions: Prisma.Sql[] = [
      subtreeCondition(filter.subtree),
      Prisma.sql`t.status = ${filter.status}::task_status`,
    ];
    if (filter.orgUnitIds)
      conditions.push(Prisma.sql`t.org_unit_id = ANY(${[...filter.orgUnitIds]}::uuid[])`);
    if (filter.workflowKind) conditions.push(Prisma.sql`t.workflow_kind = ${filter.workflowKind}`);
    if (filter.steps) conditions.push(Prisma.sql`t.step = ANY(${[...filter.steps]}::smallint[])`);
    if (filter.actions) conditions.push(Prisma.sql`t.action = ANY(${[...filter.actions]}::text[])`);
    if (filter.dueBefore) conditions.push(Prisma.sql`t.due_on < ${asDate(filter.dueBefore)}`);
    if (filter.overdue) conditions.push(Prisma.sql`t.due_on < ${asDate(filter.today)}`);
    if (filter.breachingWithinDays !== undefined) {
      const until = addDays(filter.today, filter.breachingWithinDays);
      conditions.push(Prisma.sql`t.due_on >= ${asDate(filter.today)} AND t.due_on <= ${asDate(until)}`);
    }
    return Prisma.join(conditions, ' AND ');
  }

  private select(
    filter: BacklogFilter,
    extra: Prisma.Sql,
    orderBy: Prisma.Sql,
    limit: number,
  ): Promise<Row[]> {
    if (limit <= 0) return Promise.resolve([]);
    return this.prisma.$queryRaw<Row[]>(Prisma.sql`
      SELECT t.id, t.case_id, t.workflow_kind, t.action, t.step, t.org_unit_id, u.code AS unit_code,
             u.name AS unit_name, t.due_on, t.cap_on, t.status, t.created_at, p.name AS candidate_name,
             c.stage::text AS stage, c.branch_id, b.code AS branch_code, b.name AS branch_name
      FROM (
        SELECT * FROM approval_task t
        WHERE ${this.where(filter)} ${extra}
        ORDER BY ${orderBy}
        LIMIT ${limit}
      ) t
      JOIN org_unit u ON u.id = t.org_unit_id
      JOIN member_case c ON c.id = t.case_id
      JOIN org_unit b ON b.id = c.branch_id
      JOIN person p ON p.id = c.person_id
      ORDER BY ${orderBy}`);
  }
}

function toItem(row: Row): BacklogItem {
  return {
    id: row.id,
    caseId: row.case_id,
    workflowKind: row.workflow_kind,
    action: row.action,
    step: row.step,
    orgUnit: { id: row.org_unit_id, code: row.unit_code, name: row.unit_name },
    dueOn: day(row.due_on),
    capOn: day(row.cap_on),
    status: row.status,
    createdAt: row.created_at.toISOString(),
    candidate: { name: row.candidate_name, stage: row.stage },
    branch: { id: row.branch_id, code: row.branch_code, name: row.branch_name },
  };
}
