import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';

import { type LocalDate, addDays, encodeOrgPath, type OrgUnit } from '@app/domain';

import { Prisma } from '../generated/prisma/client';
import { PrismaService } from '../prisma.service';
import { type ApprovalTaskView } from './approval-tasks';

/** Which tasks: always one subtree (the caller's scope or a unit inside it), then optional narrowing. */
export interface BacklogFilter {
  readonly subtree: OrgUnit;
  /** Only tasks awaited from exactly this unit (an inbox). */
  readonly orgUnitId?: string;
  /** Leave out cases this person must stand aside from (candidate, sponsor, cultivation contact). */
  readonly standAsidePersonId?: string;
  readonly workflowKind?: string;
  readonly steps?: readonly number[];
  readonly actions?: readonly string[];
  /** Only these actions of each pipeline (an inbox: what the caller's roles may do); other kinds left out. */
  readonly actionsByKind?: Readonly<Partial<Record<string, readonly string[]>>>;
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

/** A task as the case's own task list shows it, with what a backlog row needs besides. */
export interface BacklogItem extends Omit<ApprovalTaskView, 'completedAt'> {
  readonly workflowKind: string;
  /** The member candidate, cadre nominee or reservist, and where their case stands (stage or entry step). */
  readonly candidate: { readonly name: string; readonly stage: string };
  /** The case's own unit: the party branch of a member case, the village of a cadre case or reservist. */
  readonly branch: { readonly id: string; readonly code: string; readonly name: string };
}

export interface BacklogPage {
  readonly items: readonly BacklogItem[];
  readonly next: BacklogCursor | null;
}

/** Open tasks by deadline and by time waiting. */
export interface BacklogBuckets {
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

export interface BacklogSummary {
  /** Tasks awaited from the subtree's root unit itself. */
  readonly own: BacklogBuckets;
  /** Every child unit of the root (zeros included), each with its whole subtree. */
  readonly children: readonly ({
    readonly orgUnit: {
      readonly id: string;
      readonly code: string;
      readonly name: string;
      readonly kind: string;
    };
  } & BacklogBuckets)[];
}

interface Row {
  id: string;
  case_id: string;
  workflow_kind: string;
  action: string;
  ref: string;
  step: number;
  org_unit_id: string;
  unit_code: string;
  unit_name: string;
  due_on_day: string | null;
  cap_on_day: string | null;
  status: 'OPEN' | 'DONE';
  created_at: Date;
  candidate_name: string;
  stage: string;
  branch_id: string;
  branch_code: string;
  branch_name: string;
}

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

/** The page's candidate rows as a CTE: one keyset range in index order per sort. */
function candidatesQuery(
  where: Prisma.Sql,
  filter: BacklogFilter,
  sort: BacklogSort,
  limit: number,
  after?: BacklogCursor,
): Prisma.Sql {
  // Whole-tree and first-level subtrees hold most tasks: walking the (status, due_on) index in order and
  // skipping other subtrees' rows finds a page fastest. Deeper subtrees (a county of a province, a
  // township) hold a small share, so their rows are fetched by path and sorted; the planner misjudges
  // that share (it assumes a subtree's tasks are spread evenly), so the ordering expression decides.
  const narrow = filter.subtree.path.length > 2 && !filter.orgUnitId;
  const byDue = narrow ? Prisma.sql`t.due_on + 0, t.id` : Prisma.sql`t.due_on, t.id`;
  const byWaiting = narrow ? Prisma.sql`t.created_at + interval '0 s', t.id` : Prisma.sql`t.created_at, t.id`;
  if (sort === 'waiting') {
    const keyset = after
      ? Prisma.sql`AND (t.created_at, t.id) > (${new Date(after.createdAt!)}::timestamptz, ${after.id}::uuid)`
      : Prisma.empty;
    return Prisma.sql`candidates AS (
        SELECT * FROM approval_task t WHERE ${where} ${keyset} ORDER BY ${byWaiting} LIMIT ${limit + 1})`;
  }
  // Dated tasks in (due, id) order, then, only when they do not fill the page, undated ones by id: two
  // index-ordered ranges in one round trip (the second is skipped by a one-time filter).
  const inUndated = after !== undefined && (after.dueOn ?? null) === null;
  const dated = inUndated
    ? Prisma.sql`AND false`
    : after
      ? Prisma.sql`AND (t.due_on, t.id) > (${asDate(after.dueOn!)}, ${after.id}::uuid)`
      : Prisma.sql`AND t.due_on IS NOT NULL`;
  const undated = inUndated ? Prisma.sql`AND t.id > ${after.id}::uuid` : Prisma.empty;
  return Prisma.sql`dated AS MATERIALIZED (
          SELECT * FROM approval_task t WHERE ${where} ${dated} ORDER BY ${byDue} LIMIT ${limit + 1}),
        undated AS (
          SELECT * FROM approval_task t
          WHERE (SELECT count(*) FROM dated) <= ${limit} AND ${where} AND t.due_on IS NULL ${undated}
          ORDER BY t.id LIMIT ${limit + 1}),
        candidates AS (SELECT * FROM dated UNION ALL SELECT * FROM undated)`;
}

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
    const candidates = candidatesQuery(this.where(filter), filter, sort, limit, after);
    const order = Prisma.raw(sort === 'waiting' ? 't.created_at, t.id' : 't.due_on NULLS LAST, t.id');
    const rows = await this.query<Row>(Prisma.sql`
      WITH ${candidates}
      SELECT t.id, t.case_id, t.workflow_kind, t.action, t.ref, t.step, t.org_unit_id, u.code AS unit_code,
             u.name AS unit_name, t.due_on::text AS due_on_day, t.cap_on::text AS cap_on_day, t.status,
             t.created_at, c.candidate_name, c.stage, c.branch_id, b.code AS branch_code, b.name AS branch_name
      FROM candidates t
      -- One page of rows: look each one up by key (OFFSET 0 keeps the planner from hashing whole tables).
      CROSS JOIN LATERAL (SELECT code, name FROM org_unit WHERE id = t.org_unit_id OFFSET 0) u
      CROSS JOIN LATERAL (
        SELECT mc.stage::text AS stage, mc.branch_id, p.name AS candidate_name
        FROM member_case mc JOIN person p ON p.id = mc.person_id
        WHERE t.workflow_kind = 'MEMBER_DEVELOPMENT' AND mc.id = t.case_id
        UNION ALL
        SELECT cc.stage, cc.village_id, p.name
        FROM cadre_case cc JOIN person p ON p.id = cc.person_id
        WHERE t.workflow_kind = 'CADRE_RECRUITMENT' AND cc.id = t.case_id
        UNION ALL
        SELECT CASE WHEN re.status = 'ENTERING' THEN re.entry_step ELSE re.status END, re.village_id, p.name
        FROM reserve_entry re JOIN person p ON p.id = re.person_id
        WHERE t.workflow_kind = 'RESERVE_POOL' AND re.id = t.case_id
        OFFSET 0) c
      CROSS JOIN LATERAL (SELECT code, name FROM org_unit WHERE id = c.branch_id OFFSET 0) b
      ORDER BY ${order}
      LIMIT ${limit + 1}`);
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
              : { dueOn: last.due_on_day }),
          }
        : null,
    };
  }

  /** Open tasks of the subtree counted per child unit, by deadline and by time waiting. */
  async summary(filter: BacklogFilter, now: Date): Promise<BacklogSummary> {
    const childPosition = filter.subtree.path.length + 2; // "/root/…/unit/child/…": split_part is 1-based
    const today = asDate(filter.today);
    const rows = await this.query<
      { id: string | null; code: string; name: string; kind: string } & Record<string, string>
    >(
      Prisma.sql`
      WITH counts AS (
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
        GROUP BY 1)
      SELECT u.id::text AS id, u.code, u.name, u.kind::text AS kind, c.*
      FROM org_unit u LEFT JOIN counts c ON c.child = u.id::text
      WHERE u.parent_id = ${filter.subtree.id}::uuid
      UNION ALL
      SELECT NULL, NULL, NULL, NULL, c.* FROM counts c WHERE c.child = ''
      ORDER BY code NULLS FIRST`,
    );
    const n = (value: string | undefined | null) => Number(value ?? 0);
    const buckets = (row: Record<string, string>): BacklogBuckets => ({
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
    });
    const own = rows.find((row) => row.id === null);
    return {
      own: buckets(own ?? {}),
      children: rows
        .filter((row) => row.id !== null)
        .map((row) => ({
          orgUnit: { id: row.id!, code: row.code, name: row.name, kind: row.kind },
          ...buckets(row),
        })),
    };
  }

  /**
   * Straight on the pool (see PrismaService.pool), as named prepared statements: a handful of query shapes
   * serve every backlog, so each connection plans a shape once instead of on every page.
   */
  private async query<T extends object>(sql: Prisma.Sql): Promise<T[]> {
    const name = `backlog-${createHash('sha1').update(sql.text).digest('hex').slice(0, 16)}`;
    return (await this.prisma.pool.query<T>({ name, text: sql.text, values: sql.values })).rows;
  }

  private where(filter: BacklogFilter): Prisma.Sql {
    const conditions: Prisma.Sql[] = [
      // An inbox names its unit (inside the subtree by construction): the (unit, status, due) index serves it.
      filter.orgUnitId
        ? Prisma.sql`t.org_unit_id = ${filter.orgUnitId}::uuid`
        : subtreeCondition(filter.subtree),
      Prisma.sql`t.status = ${filter.status}::task_status`,
    ];
    if (filter.standAsidePersonId) {
      const person = filter.standAsidePersonId;
      conditions.push(
        Prisma.sql`NOT EXISTS (SELECT 1 FROM member_case sa WHERE sa.id = t.case_id
                     AND ${person}::uuid = ANY(sa.stand_aside_person_ids))
                   AND NOT EXISTS (SELECT 1 FROM cadre_case sa WHERE sa.id = t.case_id AND sa.person_id = ${person}::uuid)
                   AND NOT EXISTS (SELECT 1 FROM reserve_entry sa
                                   WHERE sa.id = t.case_id AND sa.person_id = ${person}::uuid)`,
      );
    }
    if (filter.workflowKind) conditions.push(Prisma.sql`t.workflow_kind = ${filter.workflowKind}`);
    if (filter.steps) conditions.push(Prisma.sql`t.step = ANY(${[...filter.steps]}::smallint[])`);
    if (filter.actions) conditions.push(Prisma.sql`t.action = ANY(${[...filter.actions]}::text[])`);
    if (filter.actionsByKind) {
      const allowed = Object.entries(filter.actionsByKind).map(
        ([kind, actions = []]) =>
          Prisma.sql`(t.workflow_kind = ${kind} AND t.action = ANY(${[...actions]}::text[]))`,
      );
      conditions.push(allowed.length > 0 ? Prisma.sql`(${Prisma.join(allowed, ' OR ')})` : Prisma.sql`false`);
    }
    if (filter.dueBefore) conditions.push(Prisma.sql`t.due_on < ${asDate(filter.dueBefore)}`);
    if (filter.overdue) conditions.push(Prisma.sql`t.due_on < ${asDate(filter.today)}`);
    if (filter.breachingWithinDays !== undefined) {
      const until = addDays(filter.today, filter.breachingWithinDays);
      conditions.push(Prisma.sql`t.due_on >= ${asDate(filter.today)} AND t.due_on <= ${asDate(until)}`);
    }
    return Prisma.join(conditions, ' AND ');
  }
}

function toItem(row: Row): BacklogItem {
  return {
    id: row.id,
    caseId: row.case_id,
    workflowKind: row.workflow_kind,
    action: row.action,
    ref: row.ref,
    step: row.step,
    orgUnit: { id: row.org_unit_id, code: row.unit_code, name: row.unit_name },
    dueOn: row.due_on_day,
    capOn: row.cap_on_day,
    status: row.status,
    createdAt: row.created_at.toISOString(),
    candidate: { name: row.candidate_name, stage: row.stage },
    branch: { id: row.branch_id, code: row.branch_code, name: row.branch_name },
  };
}
