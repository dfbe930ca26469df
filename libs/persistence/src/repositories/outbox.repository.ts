import { Injectable } from '@nestjs/common';

import { PrismaService } from '../prisma.service';

export interface PendingOutboxEvent {
  readonly id: string;
  readonly seq: bigint;
  readonly aggregateId: string;
  readonly topic: string;
  readonly eventType: string;
  readonly payload: unknown;
}

@Injectable()
export class OutboxRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * Locks the oldest unpublished events, hands them to `publish`, and marks them published in the same
   * transaction. If `publish` throws, nothing is marked and the events are retried; if the process dies
   * after publishing but before the commit, they are published again (consumers dedupe by event id).
   */
  async publishBatch(
    limit: number,
    publish: (events: readonly PendingOutboxEvent[]) => Promise<void>,
  ): Promise<number> {
    return this.prisma.$transaction(
      async (tx) => {
        const rows = await tx.$queryRaw<
          {
            id: string;
            seq: bigint;
            aggregate_id: string;
            topic: string;
            event_type: string;
            payload: unknown;
          }[]
        >`SELECT id, seq, aggregate_id, topic, event_type, payload FROM outbox_event
          WHERE published_at IS NULL ORDER BY seq LIMIT ${limit} FOR UPDATE SKIP LOCKED`;
        if (rows.length === 0) return 0;
        await publish(
          rows.map((row) => ({
            id: row.id,
            seq: row.seq,
            aggregateId: row.aggregate_id,
            topic: row.topic,
            eventType: row.event_type,
            payload: row.payload,
          })),
        );
        const ids = rows.map((row) => row.id);
        await tx.$executeRaw`UPDATE outbox_event SET published_at = now(), attempts = attempts + 1, last_error = NULL
          WHERE id = ANY(${ids}::uuid[])`;
        return rows.length;
      },
      { timeout: 60_000, maxWait: 10_000 },
    );
  }

  /** Notes a failed publish attempt on the oldest pending events (for operators; the relay retries anyway). */
  async recordFailure(limit: number, error: string): Promise<void> {
    await this.prisma
      .$executeRaw`UPDATE outbox_event SET attempts = attempts + 1, last_error = ${error.slice(0, 2000)}
      WHERE id IN (SELECT id FROM outbox_event WHERE published_at IS NULL ORDER BY seq LIMIT ${limit})`;
  }

  async deletePublishedBefore(cutoff: Date): Promise<number> {
    return this.prisma
      .$executeRaw`DELETE FROM outbox_event WHERE published_at IS NOT NULL AND published_at < ${cutoff}`;
  }

  async countPending(): Promise<number> {
    return this.prisma.outboxEvent.count({ where: { publishedAt: null } });
  }
}
