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

/** Transaction-scoped advisory lock key ("XFOB") serialising outbox publishing across relay instances. */
const RELAY_LOCK_KEY = 0x58464f42;

@Injectable()
export class OutboxRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * Publishes the oldest unpublished events through `publish` and marks them published, in one
   * transaction that holds the relay lock: however many relays run, one batch is in flight at a time and
   * each case's events leave in commit order. Returns undefined when another relay holds the lock.
   * If `publish` throws, nothing is marked and the events are retried; if the process dies after
   * publishing but before the commit, they are published again (consumers dedupe by event id).
   */
  async publishBatch(
    limit: number,
    publish: (events: readonly PendingOutboxEvent[]) => Promise<void>,
  ): Promise<number | undefined> {
    return this.prisma.$transaction(
      async (tx) => {
        const [lock] = await tx.$queryRaw<
          { locked: boolean }[]
        >`SELECT pg_try_advisory_xact_lock(${RELAY_LOCK_KEY}::bigint) AS locked`;
        if (!lock?.locked) return undefined;
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
          WHERE published_at IS NULL ORDER BY seq LIMIT ${limit}`;
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

  /** Events committed and not yet published, and how long the oldest has waited (0 when none). */
  async pending(): Promise<{ count: number; oldestAgeSeconds: number }> {
    const [row] = await this.prisma.$queryRaw<{ count: bigint; oldest_age_seconds: number | null }[]>`
      SELECT count(*) AS count, EXTRACT(EPOCH FROM now() - min(created_at))::float8 AS oldest_age_seconds
      FROM outbox_event WHERE published_at IS NULL`;
    return { count: Number(row?.count ?? 0), oldestAgeSeconds: row?.oldest_age_seconds ?? 0 };
  }
}
