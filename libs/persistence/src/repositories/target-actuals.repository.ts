import { Injectable } from '@nestjs/common';

import { type TargetIncrement } from '@app/domain';

import { PrismaService } from '../prisma.service';

@Injectable()
export class TargetActualsRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * Applies many events in one transaction: the dedupe rows are inserted together, only the events that
   * were new count (also when a batch carries the same event twice), and their increments are summed into
   * one upsert. Returns how many events were new.
   */
  async applyBatch(
    consumer: string,
    events: readonly { eventId: string; increments: readonly TargetIncrement[] }[],
  ): Promise<number> {
    if (events.length === 0) return 0;
    return this.prisma.$transaction(async (tx) => {
      const fresh = await tx.$queryRaw<
        { event_id: string }[]
      >`INSERT INTO processed_event (consumer, event_id)
        SELECT ${consumer}, unnest(${events.map((e) => e.eventId)}::uuid[]) ON CONFLICT DO NOTHING RETURNING event_id`;
      const unseen = new Set(fresh.map((row) => row.event_id));
      const sums = new Map<string, TargetIncrement>();
      for (const event of events) {
        if (!unseen.delete(event.eventId)) continue;
        for (const increment of event.increments) {
          const key = `${increment.orgUnitId}|${increment.year}|${increment.metric}`;
          const sum = sums.get(key);
          sums.set(key, sum ? { ...sum, delta: sum.delta + increment.delta } : increment);
        }
      }
      const increments = [...sums.values()];
      if (increments.length > 0) {
        await tx.$executeRaw`INSERT INTO target_actual (org_unit_id, year, metric, value, updated_at)
          SELECT unnest(${increments.map((i) => i.orgUnitId)}::uuid[]), unnest(${increments.map((i) => i.year)}::smallint[]),
                 unnest(${increments.map((i) => i.metric)}::varchar[]), unnest(${increments.map((i) => i.delta)}::int[]), now()
          ON CONFLICT (org_unit_id, year, metric)
          DO UPDATE SET value = target_actual.value + EXCLUDED.value, updated_at = now()`;
      }
      return fresh.length;
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
