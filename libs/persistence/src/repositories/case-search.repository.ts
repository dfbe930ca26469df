import { Injectable } from '@nestjs/common';

import { type LocalDate, type OrgUnit, addDays, encodeOrgPath, startOfChinaDay } from '@app/domain';

import { Prisma } from '../generated/prisma/client';
import { PrismaService } from '../prisma.service';
import { type WorkflowKind } from './approval-tasks';
import { maskNationalId } from './persons';

/** What a case list is ordered by, each with the case id as tiebreak: name (pinyin), its own date, last change. */
export const CASE_SORTS = ['name', 'date', 'updated'] as const;
export type CaseSort = (typeof CASE_SORTS)[number];
export type SortOrder = 'asc' | 'desc';

/** Where a keyset page starts: after the row with this sort key (name, YYYY-MM-DD, ISO instant) and id. */
export interface CaseSearchCursor {
  readonly key: string;
  readonly id: string;
}

/** Filters every case list takes; the subtree is always there (the caller's scope or a unit inside it). */
export interface CaseSearchFilter {
  readonly subtree: OrgUnit;
  /** Substring of the person's name, case-insensitive. */
  readonly name?: string;
  /** HMAC of the national ID number (PersonIdProtector.lookupHash): an exact match, nothing decrypted. */
  readonly nationalIdHmac?: string;
  readonly statuses?: readonly string[];
  /** The case's own date (application, nomination, recommendation), both ends included. */
  readonly dateFrom?: LocalDate;
  readonly dateTo?: LocalDate;
  /** Last change, China-local days, both ends included. */
  readonly updatedFrom?: LocalDate;
  readonly updatedTo?: LocalDate;
  /** true: only cases with an open task past its due date today; false: only cases without one. */
  readonly overdue?: boolean;
  /** Today in China time: what "overdue" is measured against. */
  readonly today: LocalDate;
}

export interface MemberCaseSearch extends CaseSearchFilter {
  readonly stages?: readonly string[];
  readonly steps?: readonly number[];
  readonly ruleSets?: readonly string[];
}

export interface CadreCaseSearch extends CaseSearchFilter {
  readonly stages?: readonly string[];
  readonly programmes?: readonly string[];
  readonly posts?: readonly string[];
}

export interface ReserveEntrySearch extends CaseSearchFilter {
  readonly entrySteps?: readonly string[];
  readonly categories?: readonly string[];
}

export interface CaseSearchPaging {
  readonly sort: CaseSort;
  readonly order: SortOrder;
  readonly limit: number;
  readonly after?: CaseSearchCursor;
}

export interface CaseSearchPage<T> {
  readonly items: readonly T[];
  readonly next: CaseSearchCursor | null;
}

/** A case as every list shows it: who (name and masked ID number only), where, how far, what it waits for. */
export interface CaseListItem {
  readonly id: string;
  readonly person: { readonly id: string; readonly name: string; readonly nationalIdMasked: string };
  /** The case's own unit: the party branch of a member case, the village of a cadre case or reservist. */
  readonly orgUnit: { readonly id: string; readonly code: string; readonly name: string };
  readonly status: string;
  readonly updatedAt: string;
  /** Open tasks of the case (approval_task), the soonest due date among them, and whether one is past it. */
  readonly openTasks: number;
  readonly nextDueOn: string | null;
  readonly overdue: boolean;
}

export interface MemberCaseListItem extends CaseListItem {
  readonly ruleSet: string;
  readonly stage: string;
  readonly currentStep: number;
  readonly applicationDate: string;
}

export interface CadreCaseListItem extends CaseListItem {
  readonly programmeId: string;
  readonly post: string;
  readonly channel: string;
  readonly stage: string;
  readonly outcome: string | null;
  readonly nominatedOn: string;
}

export interface ReserveEntryListItem extends CaseListItem {
  readonly townshipId: string;
  readonly category: string;
  readonly entryStep: string;
  readonly recommendedOn: string;
  readonly enteredOn: string | null;
  readonly leftOn: string | null;
}

type Row = Record<string, unknown> & {
  id: string;
  cursor_key: string | Date;
  person_id: string;
  person_name: string;
  national_id_mask: string;
  unit_id: string;
  unit_code: string;
  unit_name: string;
  status: string;
  updated_at: Date;
  own_date: string;
  open_tasks: number;
  next_due_on: string | null;
  overdue: boolean;
};

/** How one kind of case is stored: its table (aliased c), unit and date columns, and its own columns. */
interface CaseTable {
  readonly kind: WorkflowKind;
  readonly table: Prisma.Sql;
  readonly unit: Prisma.Sql;
  readonly date: Prisma.Sql;
  readonly columns: Prisma.Sql;
}

const MEMBER: CaseTable = {
  kind: 'MEMBER_DEVELOPMENT',
  table: Prisma.sql`member_case`,
  unit: Prisma.sql`c.branch_id`,
  date: Prisma.sql`c.application_date`,
  columns: Prisma.sql`c.rule_set, c.stage::text AS stage, c.current_step`,
};
const CADRE: CaseTable = {
  kind: 'CADRE_RECRUITMENT',
  table: Prisma.sql`cadre_case`,
  unit: Prisma.sql`c.village_id`,
  date: Prisma.sql`c.nominated_on`,
  columns: Prisma.sql`c.programme_id, c.post, c.channel, c.stage, c.outcome`,
};
const RESERVE: CaseTable = {
  kind: 'RESERVE_POOL',
  table: Prisma.sql`reserve_entry`,
  unit: Prisma.sql`c.village_id`,
  date: Prisma.sql`c.recommended_on`,
  columns: Prisma.sql`c.township_id, c.category, c.entry_step, c.entered_on::text AS entered_on,
    c.left_on::text AS left_on`,
};

/**
 * A subtree holding less than this share of the org tree (a county of a province, a township) is listed by
 * fetching its cases unit by unit and sorting them; a larger one (a city, the province) by walking the sort
 * index and skipping other subtrees' cases, which finds a page after a few rows.
 */
const NARROW_SHARE = 0.05;
/** Pinyin order for names (ICU, shipped with Debian's PostgreSQL). */
const NAME_ORDER = Prisma.raw('COLLATE "zh-x-icu"');

const asDate = (value: string): Prisma.Sql => Prisma.sql`${value}::date`;

/** The subtree as a range of materialized paths (see BacklogRepository): the path index serves it. */
function pathRange(unit: OrgUnit, alias: Prisma.Sql): Prisma.Sql {
  const prefix = encodeOrgPath(unit.path);
  return Prisma.sql`${alias}.path ~>=~ ${prefix} AND ${alias}.path ~<~ ${`${prefix.slice(0, -1)}0`}`;
}

/** A LIKE pattern for a substring, the wildcards in it taken literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

/**
 * Case lists over the read models (member_case, cadre_case, reserve_entry) within a subtree: filters, keyset
 * pages in one of three orders, and per case its open tasks from approval_task. Hand-written SQL on the pool,
 * as the backlog's, with the plan shape chosen by how much of the tree the subtree holds.
 */
@Injectable()
export class CaseSearchRepository {
  constructor(private readonly prisma: PrismaService) {}

  async memberCases(
    filter: MemberCaseSearch,
    paging: CaseSearchPaging,
  ): Promise<CaseSearchPage<MemberCaseListItem>> {
    const extra = [
      ...(filter.stages ? [Prisma.sql`c.stage::text = ANY(${[...filter.stages]}::text[])`] : []),
      ...(filter.steps ? [Prisma.sql`c.current_step = ANY(${[...filter.steps]}::smallint[])`] : []),
      ...(filter.ruleSets ? [Prisma.sql`c.rule_set = ANY(${[...filter.ruleSets]}::text[])`] : []),
    ];
    return this.page(MEMBER, filter, extra, paging, (row, base) => ({
      ...base,
      ruleSet: row.rule_set as string,
      stage: row.stage as string,
      currentStep: row.current_step as number,
      applicationDate: row.own_date,
    }));
  }

  async cadreCases(
    filter: CadreCaseSearch,
    paging: CaseSearchPaging,
  ): Promise<CaseSearchPage<CadreCaseListItem>> {
    const extra = [
      ...(filter.stages ? [Prisma.sql`c.stage = ANY(${[...filter.stages]}::text[])`] : []),
      ...(filter.programmes ? [Prisma.sql`c.programme_id = ANY(${[...filter.programmes]}::text[])`] : []),
      ...(filter.posts ? [Prisma.sql`c.post = ANY(${[...filter.posts]}::text[])`] : []),
    ];
    return this.page(CADRE, filter, extra, paging, (row, base) => ({
      ...base,
      programmeId: row.programme_id as string,
      post: row.post as string,
      channel: row.channel as string,
      stage: row.stage as string,
      outcome: row.outcome as string | null,
      nominatedOn: row.own_date,
    }));
  }

  /** Reservists: `statuses` are the entry statuses (ENTERING, ACTIVE, …), `entrySteps` where entering ones stand. */
  async reserveEntries(
    filter: ReserveEntrySearch,
    paging: CaseSearchPaging,
  ): Promise<CaseSearchPage<ReserveEntryListItem>> {
    const extra = [
      ...(filter.entrySteps ? [Prisma.sql`c.entry_step = ANY(${[...filter.entrySteps]}::text[])`] : []),
      ...(filter.categories ? [Prisma.sql`c.category = ANY(${[...filter.categories]}::text[])`] : []),
    ];
    return this.page(RESERVE, filter, extra, paging, (row, base) => ({
      ...base,
      townshipId: row.township_id as string,
      category: row.category as string,
      entryStep: row.entry_step as string,
      recommendedOn: row.own_date,
      enteredOn: row.entered_on as string | null,
      leftOn: row.left_on as string | null,
    }));
  }

  private async page<T extends CaseListItem>(
    table: CaseTable,
    filter: CaseSearchFilter,
    extra: readonly Prisma.Sql[],
    paging: CaseSearchPaging,
    toItem: (row: Row, base: CaseListItem) => T,
  ): Promise<CaseSearchPage<T>> {
    const narrow = await this.isNarrow(filter.subtree);
    const rows = await this.query<Row>(pageQuery(table, filter, extra, paging, narrow));
    const items = rows.slice(0, paging.limit).map((row) => toItem(row, baseItem(row)));
    const last = rows.length > paging.limit ? rows[paging.limit - 1] : undefined;
    return {
      items,
      next: last ? { key: sortKeyText(last.cursor_key), id: last.id } : null,
    };
  }

  /**
   * Whether the subtree holds a small share of the org tree (see NARROW_SHARE): its units counted only up to
   * that share, the tree's size from the planner's statistics (a province's 10 000 units counted take longer
   * than the page itself). A table never analysed counts as large.
   */
  private async isNarrow(subtree: OrgUnit): Promise<boolean> {
    const [answer] = await this.query<{ narrow: boolean }>(Prisma.sql`
      WITH share AS (
        SELECT greatest(reltuples, 0) * ${NARROW_SHARE}::float8 AS units
        FROM pg_class WHERE oid = 'org_unit'::regclass)
      SELECT (SELECT count(*) FROM (
                SELECT 1 FROM org_unit u WHERE ${pathRange(subtree, Prisma.sql`u`)}
                LIMIT (SELECT ceil(units)::bigint + 1 FROM share)) inside)
             < (SELECT units FROM share) AS narrow`);
    return answer?.narrow === true;
  }

  private async query<T extends object>(sql: Prisma.Sql): Promise<T[]> {
    return (await this.prisma.pool.query<T>({ text: sql.text, values: sql.values })).rows;
  }
}

function sortKeyText(key: string | Date): string {
  return key instanceof Date ? key.toISOString() : key;
}

function baseItem(row: Row): CaseListItem {
  return {
    id: row.id,
    person: {
      id: row.person_id,
      name: row.person_name,
      nationalIdMasked: maskNationalId(row.national_id_mask),
    },
    orgUnit: { id: row.unit_id, code: row.unit_code, name: row.unit_name },
    status: row.status,
    updatedAt: row.updated_at.toISOString(),
    openTasks: row.open_tasks,
    nextDueOn: row.next_due_on,
    overdue: row.overdue,
  };
}

/** The sort key as selected (raw), as ordered by, and as a cursor value is cast for comparison. */
function sortKey(
  table: CaseTable,
  sort: CaseSort,
  narrow: boolean,
): { raw: Prisma.Sql; ordered: Prisma.Sql; cursor: (value: string) => Prisma.Sql } {
  switch (sort) {
    case 'name':
      return {
        raw: Prisma.sql`p.name`,
        ordered: Prisma.sql`p.name ${NAME_ORDER}`,
        cursor: (value) => Prisma.sql`${value}::text ${NAME_ORDER}`,
      };
    case 'date':
      // A narrow subtree's cases are few: sorting them beats walking the date index (`+ 0` keeps it out).
      return {
        raw: table.date,
        ordered: narrow ? Prisma.sql`${table.date} + 0` : table.date,
        cursor: asDate,
      };
    case 'updated':
      return {
        raw: Prisma.sql`c.updated_at`,
        ordered: narrow ? Prisma.sql`c.updated_at + interval '0 s'` : Prisma.sql`c.updated_at`,
        cursor: (value) => Prisma.sql`${value}::timestamptz`,
      };
  }
}

/** Conditions on the case, its person and its open tasks (the subtree is the caller's part of the query). */
function conditions(table: CaseTable, filter: CaseSearchFilter, extra: readonly Prisma.Sql[]): Prisma.Sql[] {
  const where: Prisma.Sql[] = [...extra];
  if (filter.name !== undefined) {
    // A name without cased letters (Chinese) matches the same with LIKE, which is cheaper than ILIKE.
    const like =
      filter.name.toLowerCase() === filter.name.toUpperCase() ? Prisma.sql`LIKE` : Prisma.sql`ILIKE`;
    where.push(Prisma.sql`p.name ${like} ${containsPattern(filter.name)}`);
  }
  if (filter.nationalIdHmac !== undefined)
    where.push(Prisma.sql`p.national_id_hmac = ${filter.nationalIdHmac}`);
  if (filter.statuses) where.push(Prisma.sql`c.status::text = ANY(${[...filter.statuses]}::text[])`);
  if (filter.dateFrom) where.push(Prisma.sql`${table.date} >= ${asDate(filter.dateFrom)}`);
  if (filter.dateTo) where.push(Prisma.sql`${table.date} <= ${asDate(filter.dateTo)}`);
  if (filter.updatedFrom) {
    where.push(Prisma.sql`c.updated_at >= ${new Date(startOfChinaDay(filter.updatedFrom))}::timestamptz`);
  }
  if (filter.updatedTo) {
    const end = new Date(startOfChinaDay(addDays(filter.updatedTo, 1)));
    where.push(Prisma.sql`c.updated_at < ${end}::timestamptz`);
  }
  if (filter.overdue !== undefined) {
    const overdueTask = Prisma.sql`SELECT 1 FROM approval_task t
      WHERE t.workflow_kind = ${table.kind} AND t.case_id = c.id AND t.status = 'OPEN'
        AND t.due_on < ${asDate(filter.today)}`;
    where.push(
      filter.overdue ? Prisma.sql`EXISTS (${overdueTask})` : Prisma.sql`NOT EXISTS (${overdueTask})`,
    );
  }
  return where;
}

/**
 * One page: the ids and sort keys of the page's cases first (one keyset range), then what the rows show,
 * looked up for those cases only. A narrow subtree names its units (`= ANY` over the path index, then the
 * case table's unit index); a wide one joins each case's unit and filters it by path while the sort index
 * is walked in order.
 */
function pageQuery(
  table: CaseTable,
  filter: CaseSearchFilter,
  extra: readonly Prisma.Sql[],
  paging: CaseSearchPaging,
  narrow: boolean,
): Prisma.Sql {
  const key = sortKey(table, paging.sort, narrow);
  const direction = Prisma.raw(paging.order === 'desc' ? 'DESC' : 'ASC');
  const where = conditions(table, filter, extra);
  if (narrow) {
    where.push(Prisma.sql`${table.unit} = ANY(ARRAY(
      SELECT u.id FROM org_unit u WHERE ${pathRange(filter.subtree, Prisma.sql`u`)}))`);
  }
  if (paging.after) {
    const comparison = Prisma.raw(paging.order === 'desc' ? '<' : '>');
    where.push(
      Prisma.sql`(${key.ordered}, c.id) ${comparison} (${key.cursor(paging.after.key)}, ${paging.after.id}::uuid)`,
    );
  }
  const needsPerson =
    paging.sort === 'name' || filter.name !== undefined || filter.nationalIdHmac !== undefined;
  const outerKey =
    paging.sort === 'name' ? Prisma.sql`page.sort_key ${NAME_ORDER}` : Prisma.sql`page.sort_key`;
  return Prisma.sql`
    WITH page AS (
      SELECT c.id, ${key.raw} AS sort_key
      FROM ${table.table} c
      ${needsPerson ? Prisma.sql`JOIN person p ON p.id = c.person_id` : Prisma.empty}
      ${narrow ? Prisma.empty : Prisma.sql`JOIN org_unit su ON su.id = ${table.unit} AND ${pathRange(filter.subtree, Prisma.sql`su`)}`}
      ${where.length > 0 ? Prisma.sql`WHERE ${Prisma.join(where, ' AND ')}` : Prisma.empty}
      ORDER BY ${key.ordered} ${direction}, c.id ${direction}
      LIMIT ${paging.limit + 1})
    SELECT page.id, ${paging.sort === 'date' ? Prisma.sql`page.sort_key::text` : Prisma.sql`page.sort_key`} AS cursor_key,
           c.status::text AS status, c.updated_at, ${table.date}::text AS own_date,
           ${table.columns}, p.id AS person_id, p.name AS person_name, p.national_id_mask,
           u.id AS unit_id, u.code AS unit_code, u.name AS unit_name,
           tk.open_tasks, tk.next_due_on::text AS next_due_on, tk.overdue
    FROM page
    JOIN ${table.table} c ON c.id = page.id
    JOIN person p ON p.id = c.person_id
    JOIN org_unit u ON u.id = ${table.unit}
    CROSS JOIN LATERAL (
      SELECT count(*)::int AS open_tasks, min(t.due_on) AS next_due_on,
             coalesce(bool_or(t.due_on < ${asDate(filter.today)}), false) AS overdue
      FROM approval_task t
      WHERE t.workflow_kind = ${table.kind} AND t.case_id = c.id AND t.status = 'OPEN') tk
    ORDER BY ${outerKey} ${direction}, page.id ${direction}`;
}
