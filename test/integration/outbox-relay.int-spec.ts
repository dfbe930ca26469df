import { type INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';

import { OutboxRelayService } from '../../apps/relay/src/outbox-relay.service';
import { RelayModule } from '../../apps/relay/src/relay.module';
import { createHttpApp } from '../../libs/config/src';
import { eventually, useIsolatedDatabase, withDatabase } from '../support/database';
import { testProfile } from '../support/test-profile';

const kafka = new Kafka({
  clientId: 'relay-test',
  brokers: [`127.0.0.1:${testProfile.kafka.port}`],
  logLevel: logLevel.NOTHING,
});

async function insertEvents(
  topic: string,
  aggregates: readonly string[],
  perAggregate: number,
): Promise<string[]> {
  const ids: string[] = [];
  await withDatabase(async (db) => {
    for (let n = 0; n < perAggregate; n++) {
      for (const aggregate of aggregates) {
        const id = randomUUID();
        ids.push(id);
        await db.query(
          `INSERT INTO outbox_event (id, aggregate_type, aggregate_id, topic, event_type, payload) VALUES ($1, 'test', $2, $3, 'test.v1', $4)`,
          [id, aggregate, topic, JSON.stringify({ id, aggregate, n })],
        );
      }
    }
  });
  return ids;
}

async function startRelay(): Promise<INestApplication> {
  const app = await createHttpApp(RelayModule);
  await app.init();
  return app;
}

describe('outbox relay', () => {
  const topic = `test.relay.${randomUUID()}`;
  const received: { key: string; id: string; n: number }[] = [];
  const reader = kafka.consumer({ groupId: `relay-reader-${randomUUID()}` });
  let relays: INestApplication[] = [];

  beforeAll(async () => {
    await useIsolatedDatabase('outbox_relay');
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({
      waitForLeaders: true,
      topics: [{ topic, numPartitions: 3, replicationFactor: 1 }],
    });
    await admin.disconnect();
    await reader.connect();
    await reader.subscribe({ topic, fromBeginning: true });
    await reader.run({
      eachMessage: ({ message }) => {
        const body = JSON.parse(message.value!.toString()) as { id: string; n: number };
        received.push({ key: message.key!.toString(), id: body.id, n: body.n });
        return Promise.resolve();
      },
    });
    relays = [await startRelay(), await startRelay()];
  });

  afterAll(async () => {
    await reader.disconnect();
    await Promise.all(relays.map((relay) => relay.close()));
  });

  it('publishes every event once, in order per case, with one of two relay instances active', async () => {
    const aggregates = ['case-a', 'case-b', 'case-c', 'case-d'];
    const ids = await insertEvents(topic, aggregates, 30);
    await eventually('all events on the topic', () =>
      Promise.resolve(received.length >= ids.length ? true : undefined),
    );
    await new Promise((resolve) => setTimeout(resolve, 1500)); // a duplicate would arrive within a poll interval
    expect(received.map((r) => r.id).sort()).toEqual([...ids].sort());
    for (const aggregate of aggregates) {
      expect(received.filter((r) => r.key === aggregate).map((r) => r.n)).toEqual([...Array(30).keys()]);
    }
    // Published once at the source, not merely deduplicated downstream.
    expect(relays.reduce((sum, relay) => sum + relay.get(OutboxRelayService).published, 0)).toBe(ids.length);
    const pending = await withDatabase((db) =>
      db.query('SELECT 1 FROM outbox_event WHERE published_at IS NULL'),
    );
    expect(pending.rowCount).toBe(0);
  });

  it('keeps publishing when one of the relays stops', async () => {
    const [stopped, remaining] = relays as [INestApplication, INestApplication];
    await stopped.close();
    relays = [remaining];
    const before = remaining.get(OutboxRelayService).published;
    const ids = await insertEvents(topic, ['case-e'], 5);
    await eventually('the remaining relay to publish', () =>
      Promise.resolve(ids.every((id) => received.some((r) => r.id === id)) ? true : undefined),
    );
    // The broker can deliver a batch before the relay has counted its acknowledgement.
    const published = () => remaining.get(OutboxRelayService).published - before;
    await eventually('the remaining relay to count what it published', () =>
      Promise.resolve(published() >= ids.length ? true : undefined),
    );
    expect(published()).toBe(ids.length);
    expect(received.filter((r) => r.key === 'case-e').map((r) => r.n)).toEqual([0, 1, 2, 3, 4]);
  });
});
