import { Injectable } from '@nestjs/common';

import { type TargetIncrement } from '@app/domain';

import { PrismaService } from '../prisma.service';

@Injectable()
export class TargetActualsRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * Applies the increments of one event exactly once per consumer: the dedupe row and the counts commit
   * together, so a redelivered event finds its row and changes nothing. Returns false for a duplicate.
   */
  async applyOnce(
    consumer: string,
    eventId: string,
    increments: readonly TargetIncrement[],
  ): Promise<boolean> {
    return this.prisma.$transaction(async (tx) => {
      const inserted = await tx.$executeRaw`INSERT INTO processed_event (consumer, event_id)
        VALUES (${consumer}, ${eventId}::uuid) ON CONFLICT DO NOTHING`;
      if (inserted === 0) return false;
      if (increments.length > 0) {
        await tx.$executeRaw`INSERT INTO target_actual (org_unit_id, year, metric, value, updated_at)
          SELECT unnest(${increments.map((i) => i.orgUnitId)}::uuid[]), unnest(${increments.map((i) => i.year)}::smallint[]),
                 unnest(${increments.map((i) => i.metric)}::varchar[]), unnest(${increments.map((i) => i.delta)}::int[]), now()
          ON CONFLICT (org_unit_id, year, metric)
          DO UPDATE SET value = target_actual.value + EXCLUDED.value, updated_at = now()`;
      }
      return true;
    });
  }

  /** Clears every actual and the consumer's dedupe rows, in one transaction (before a rebuild). */
  async reset(consumer: string): Promise<void> {
    await this.prisma.$transaction([
      this.prisma.targetActual.deleteMany({}),
      this.prisma.processedEvent.deleteMany({ where: { consumer } }),
    ]);
  }

  /** Every actual, sorted: what a rebuild must reproduce exactly. */
  async snapshot(): Promise<{ orgUnitId: string; year: number; metric: string; value: number }[]> {
    const rows = await this.prisma.targetActual.findMany({
      orderBy: [{ orgUnitId: 'asc' }, { year: 'asc' }, { metric: 'asc' }],
    });
    return rows.map(({ orgUnitId, year, metric, value }) => ({ orgUnitId, year, metric, value }));
  }

  /** Actuals per org unit for a year: orgUnitId → metric → value. */
  async actuals(orgUnitIds: readonly string[], year: number): Promise<Map<string, Record<string, number>>> {
    const rows = await this.prisma.targetActual.findMany({
      where: { orgUnitId: { in: [...orgUnitIds] }, year },
    });
    const result = new Map<string, Record<string, number>>();
    for (const row of rows) {
      result.set(row.orgUnitId, { ...(result.get(row.orgUnitId) ?? {}), [row.metric]: row.value });
    }
    return result;
  }
}
