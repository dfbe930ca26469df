import { Injectable } from '@nestjs/common';

import { type LocalDate } from '@app/domain';

import { PrismaService } from '../prisma.service';
import { OPEN_RESERVE_STATUSES } from './org-admin.repository';

/** Open cases of one pipeline at one stage (a reservist's stage is its entry status). */
export interface StageCount {
  readonly kind: 'member' | 'cadre' | 'reserve';
  readonly stage: string;
  readonly count: number;
}

/** Open approval tasks held in one township's subtree; `township` is null for those held above any township. */
export interface TownshipTaskCount {
  readonly township: string | null;
  readonly open: number;
  readonly overdue: number;
}

/** Whole-tree counts for operators' dashboards (Prometheus gauges), never a person or a case. */
@Injectable()
export class OperationalCountsRepository {
  constructor(private readonly prisma: PrismaService) {}

  async openCasesByStage(): Promise<StageCount[]> {
    const rows = await this.prisma.$queryRaw<{ kind: StageCount['kind']; stage: string; count: bigint }[]>`
      SELECT 'member' AS kind, stage::text AS stage, count(*) AS count FROM member_case
        WHERE status = 'OPEN' GROUP BY stage
      UNION ALL
      SELECT 'cadre', stage, count(*) FROM cadre_case WHERE status = 'OPEN' GROUP BY stage
      UNION ALL
      SELECT 'reserve', status, count(*) FROM reserve_entry
        WHERE status = ANY(${[...OPEN_RESERVE_STATUSES]}::text[]) GROUP BY status`;
    return rows.map((row) => ({ kind: row.kind, stage: row.stage, count: Number(row.count) }));
  }

  /** Open and overdue (due before `today`) tasks of the three pipelines, per township by its code. */
  async openTasksByTownship(today: LocalDate): Promise<TownshipTaskCount[]> {
    const rows = await this.prisma.$queryRaw<{ township: string | null; open: bigint; overdue: bigint }[]>`
      SELECT township.code AS township, count(*) AS open,
             count(*) FILTER (WHERE task.due_on < ${today}::date) AS overdue
      FROM approval_task task
      LEFT JOIN org_unit township
        ON township.kind = 'TOWNSHIP_COMMITTEE' AND task.org_path LIKE township.path || '%'
      WHERE task.status = 'OPEN'
      GROUP BY township.code`;
    return rows.map((row) => ({
      township: row.township,
      open: Number(row.open),
      overdue: Number(row.overdue),
    }));
  }
}
