import { type INestApplication, type Type } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';

import { OutboxRelayService, toKafkaBatches } from '../../apps/relay/src/outbox-relay.service';
import { RelayModule } from '../../apps/relay/src/relay.module';
import { TargetsModule } from '../../apps/targets/src/targets.module';
import { startKafka, stopKafkaProcess } from '../../deploy/local/kafka';
import { createHttpApp } from '../../libs/config/src';
import { TOPICS } from '../../libs/contracts/src';
import { OutboxRepository, PrismaService } from '../../libs/persistence/src';
import { applicationReceivedEvent } from '../support/fixtures';
import { eventually, useIsolatedDatabase, withDatabase } from '../support/database';
import { testProfile } from '../support/test-profile';

/**
 * Faults against the real servers: whatever dies, every accepted event ends up on the topic and is counted
 * exactly once. Each test has its own database and targets consumer group, so counts are its own.
 */
const kafka = new Kafka({
  clientId: 'faults',
  brokers: [`127.0.0.1:${testProfile.kafka.port}`],
  logLevel: logLevel.NOTHING,
});

async function boot(module: Type<unknown>): Promise<INestApplication> {
  const app = await createHttpApp(module);
  await app.init();
  return app;
}

/**
 * Inserts committed outbox rows (what recorded steps commit): `count` applications in `year` for the seeded
 * branches. Each test uses a year of its own, because its fresh consumer group reads the whole shared topic.
 */
async function commitEvents(count: number, year: number): Promise<string[]> {
  return withDatabase(async (db) => {
    const branches = (
      await db.query<{ id: string; path: string }>(
        `SELECT id, path FROM org_unit WHERE kind = 'BRANCH' ORDER BY code`,
      )
    ).rows;
    const ids: string[] = [];
    for (let n = 0; n < count; n++) {
      const event = applicationReceivedEvent(branches[n % branches.length]!, `${year}-11-20`, {
        gender: 'FEMALE',
        birthDate: '2000-01-01',
      });
      await db.query(
        `INSERT INTO outbox_event (id, aggregate_type, aggregate_id, topic, event_type, payload) VALUES ($1, 'member-case', $2, $3, $4, $5)`,
        [event.id, event.subject, TOPICS.memberDevelopment, event.type, JSON.stringify(event)],
      );
      ids.push(event.id);
    }
    return ids;
  });
}

/** The county's applicant count for the year and the consumer's dedupe rows for the given events. */
async function counted(ids: readonly string[], year: number): Promise<{ county: number; processed: number }> {
  return withDatabase(async (db) => {
    const county = await db.query<{ value: number }>(
      `SELECT coalesce(sum(value), 0)::int AS value FROM target_actual a JOIN org_unit u ON u.id = a.org_unit_id
       WHERE u.code = 'DX' AND a.metric = 'applicants' AND a.year = $1`,
      [year],
    );
    const processed = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM processed_event WHERE event_id = ANY($1::uuid[])`,
      [ids],
    );
    return { county: county.rows[0]!.value, processed: processed.rows[0]!.n };
  });
}

async function copiesOnTopic(ids: readonly string[]): Promise<Map<string, number>> {
  const wanted = new Set(ids);
  const copies = new Map<string, number>();
  const admin = kafka.admin();
  await admin.connect();
  const ends = await admin.fetchTopicOffsets(TOPICS.memberDevelopment);
  await admin.disconnect();
  const reader = kafka.consumer({ groupId: `faults-reader-${randomUUID()}` });
  await reader.connect();
  await reader.subscribe({ topic: TOPICS.memberDevelopment, fromBeginning: true });
  const remaining = new Set(ends.filter((e) => Number(e.high) > 0).map((e) => e.partition));
  await new Promise<void>((resolve) => {
    void reader.run({
      eachMessage: ({ partition, message }) => {
        try {
          const id = (JSON.parse(message.value!.toString()) as { id?: string }).id;
          if (id && wanted.has(id)) copies.set(id, (copies.get(id) ?? 0) + 1);
        } catch {
          // garbage other suites put on the topic
        }
        const end = ends.find((e) => e.partition === partition)!;
        if (Number(message.offset) + 1 >= Number(end.high)) remaining.delete(partition);
        if (remaining.size === 0) resolve();
        return Promise.resolve();
      },
    });
    if (remaining.size === 0) resolve();
  });
  await reader.disconnect();
  return copies;
}

describe('event faults (real PostgreSQL and Kafka)', () => {
  beforeEach(async () => {
    await useIsolatedDatabase('event_faults');
    process.env.TARGETS_CONSUMER_GROUP = `xianfeng-targets-faults-${randomUUID()}`;
  });

  it('a relay that dies between publishing and committing loses nothing, and the duplicates it leaves are counted once', async () => {
    const ids = await commitEvents(40, 2019);
    // The first relay publishes, then dies before its transaction commits: the rows stay unpublished.
    const prisma = new PrismaService({ DATABASE_URL: process.env.DATABASE_URL!, DATABASE_POOL_SIZE: 2 });
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    await expect(
      new OutboxRepository(prisma).publishBatch(100, async (events) => {
        await producer.sendBatch({ topicMessages: toKafkaBatches(events), acks: -1 });
        throw new Error('relay killed after publishing, before committing');
      }),
    ).rejects.toThrow('relay killed');
    await producer.disconnect();
    await prisma.$disconnect();
    const pending = await withDatabase((db) =>
      db.query('SELECT 1 FROM outbox_event WHERE published_at IS NULL'),
    );
    expect(pending.rowCount).toBe(40);

    // A new relay publishes them all again; the consumer counts each event once.
    const [relay, targets] = [await boot(RelayModule), await boot(TargetsModule)];
    try {
      await eventually(
        'every event counted',
        async () => ((await counted(ids, 2019)).processed === ids.length ? true : undefined),
        60_000,
      );
      expect(await counted(ids, 2019)).toEqual({ county: 40, processed: 40 });
      expect(relay.get(OutboxRelayService).published).toBe(40);
      const copies = await copiesOnTopic(ids);
      expect([...copies.values()].every((n) => n === 2)).toBe(true); // each on the topic twice
      expect(copies.size).toBe(40);
    } finally {
      await Promise.all([relay.close(), targets.close()]);
    }

    // A consumer whose effects committed but whose offsets did not reads the same events again: no change.
    const admin = kafka.admin();
    await admin.connect();
    await admin.resetOffsets({
      groupId: process.env.TARGETS_CONSUMER_GROUP!,
      topic: TOPICS.memberDevelopment,
      earliest: true,
    });
    await admin.disconnect();
    const again = await boot(TargetsModule);
    try {
      const admin2 = kafka.admin();
      await admin2.connect();
      await eventually(
        'the consumer to re-read the topic',
        async () => {
          const ends = await admin2.fetchTopicOffsets(TOPICS.memberDevelopment);
          const [committed] = await admin2.fetchOffsets({
            groupId: process.env.TARGETS_CONSUMER_GROUP!,
            topics: [TOPICS.memberDevelopment],
          });
          return ends.every(
            (end) =>
              Number(end.high) === 0 ||
              Number(committed?.partitions.find((p) => p.partition === end.partition)?.offset ?? -1) >=
                Number(end.high),
          )
            ? true
            : undefined;
        },
        60_000,
      );
      await admin2.disconnect();
      expect(await counted(ids, 2019)).toEqual({ county: 40, processed: 40 });
    } finally {
      await again.close();
    }
  });

  it('keeps every event through a Kafka restart under load', async () => {
    const [relay, targets] = [await boot(RelayModule), await boot(TargetsModule)];
    try {
      const before = await commitEvents(20, 2018);
      await eventually(
        'the first events counted',
        async () => ((await counted(before, 2018)).processed === 20 ? true : undefined),
        60_000,
      );
      await stopKafkaProcess(testProfile);
      const during = await commitEvents(20, 2018); // committed while the broker is down: they wait in the outbox
      await startKafka(testProfile);
      const after = await commitEvents(20, 2018);
      const all = [...before, ...during, ...after];
      await eventually(
        'every event counted after the restart',
        async () => ((await counted(all, 2018)).processed === all.length ? true : undefined),
        120_000,
      );
      expect(await counted(all, 2018)).toEqual({ county: 60, processed: 60 });
      const pending = await withDatabase((db) =>
        db.query('SELECT 1 FROM outbox_event WHERE published_at IS NULL'),
      );
      expect(pending.rowCount).toBe(0);
    } finally {
      await Promise.all([relay.close(), targets.close()]);
    }
  });
});
