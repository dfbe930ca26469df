import 'reflect-metadata';

import { randomUUID } from 'node:crypto';

import { type INestApplication, type Type } from '@nestjs/common';
import { Client } from 'pg';

import { RelayModule } from '../../apps/relay/src/relay.module';
import { TargetsRebuildService } from '../../apps/targets/src/targets-rebuild.service';
import { TargetsModule } from '../../apps/targets/src/targets.module';
import { down, migrate, seed, up } from '../../deploy/local/infra';
import { createDatabase, dropDatabase } from '../../deploy/local/postgres';
import { appEnvironment, databaseUrl, profile } from '../../deploy/local/profiles';
import { createHttpApp } from '../../libs/config/src';
import { TOPICS } from '../../libs/contracts/src';
import { applicationReceivedEvent } from '../support/fixtures';
import { machine, percentile, writeResult } from './bench-support';

/**
 * npm run bench:events — events through the real relay, Kafka and targets consumer on the test profile's
 * servers. A sustained stream of committed outbox rows (what every recorded step commits) is fed in; the
 * lag is processed_event.processed_at − outbox_event.created_at, both stamped by PostgreSQL. Then the
 * targets read model is rebuilt from the start of the topic. Results: bench-results/events.json.
 * Tunables: BENCH_RATE (events/s, default 200), BENCH_SECONDS (default 20).
 */
const RATE = Number(process.env.BENCH_RATE ?? 200);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const TICK_MS = 100;
const bench = profile('test');
const DATABASE = 'xianfeng_bench';

async function boot(module: Type<unknown>): Promise<INestApplication> {
  const app = await createHttpApp(module);
  await app.init();
  return app;
}

async function main(): Promise<void> {
  await down(bench);
  await up(bench);
  await dropDatabase(bench, DATABASE);
  await createDatabase(bench, DATABASE);
  await migrate(bench, DATABASE);
  await seed(bench, DATABASE);
  Object.assign(process.env, appEnvironment(bench), {
    DATABASE_URL: databaseUrl(bench, DATABASE),
    LOG_LEVEL: 'warn',
    TARGETS_CONSUMER_GROUP: `xianfeng-targets-bench-${randomUUID()}`,
  });
  const db = new Client({ connectionString: databaseUrl(bench, DATABASE) });
  await db.connect();
  const [relay, targets] = [await boot(RelayModule), await boot(TargetsModule)];
  try {
    const branches = (
      await db.query<{ id: string; path: string }>(`SELECT id, path FROM org_unit WHERE kind = 'BRANCH'`)
    ).rows;
    const perTick = Math.max(1, Math.round((RATE * TICK_MS) / 1000));
    const ticks = Math.round((SECONDS * 1000) / TICK_MS);
    const started = Date.now();
    let sent = 0;
    for (let tick = 0; tick < ticks; tick++) {
      const values: unknown[] = [];
      const rows: string[] = [];
      for (let i = 0; i < perTick; i++) {
        const event = applicationReceivedEvent(branches[(sent + i) % branches.length]!, '2026-11-20', {
          gender: i % 2 ? 'MALE' : 'FEMALE',
          birthDate: '1999-01-01',
        });
        const n = values.length;
        rows.push(`($${n + 1}, 'member-case', $${n + 2}, $${n + 3}, $${n + 4}, $${n + 5})`);
        values.push(event.id, event.subject, TOPICS.memberDevelopment, event.type, JSON.stringify(event));
      }
      await db.query(
        `INSERT INTO outbox_event (id, aggregate_type, aggregate_id, topic, event_type, payload) VALUES ${rows.join(', ')}`,
        values,
      );
      sent += perTick;
      const next = started + (tick + 1) * TICK_MS;
      if (next > Date.now()) await new Promise((resolve) => setTimeout(resolve, next - Date.now()));
    }
    const feedSeconds = (Date.now() - started) / 1000;
    for (;;) {
      const { rows } = await db.query<{ n: string }>(
        `SELECT count(*)::text AS n FROM processed_event WHERE consumer = 'targets'`,
      );
      if (Number(rows[0]!.n) >= sent) break;
      if (Date.now() - started > (SECONDS + 120) * 1000)
        throw new Error(`only ${rows[0]!.n} of ${sent} events counted`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const lags = (
      await db.query<{ ms: number }>(
        `SELECT EXTRACT(EPOCH FROM (p.processed_at - o.created_at)) * 1000 AS ms
         FROM outbox_event o JOIN processed_event p ON p.event_id = o.id AND p.consumer = 'targets'`,
      )
    ).rows
      .map((row) => Number(row.ms))
      .sort((a, b) => a - b);
    const rebuild = await targets.get(TargetsRebuildService).rebuild();
    const result = {
      benchmark: 'events',
      date: new Date().toISOString(),
      machine: machine(),
      load: {
        targetRatePerSecond: RATE,
        seconds: SECONDS,
        events: sent,
        achievedRatePerSecond: Math.round(sent / feedSeconds),
      },
      lagMs: {
        p50: Math.round(percentile(lags, 50)),
        p95: Math.round(percentile(lags, 95)),
        p99: Math.round(percentile(lags, 99)),
        max: Math.round(lags.at(-1) ?? NaN),
      },
      rebuild: {
        events: rebuild.events,
        seconds: rebuild.seconds,
        eventsPerSecond: Math.round(rebuild.events / rebuild.seconds),
      },
    };
    writeResult('events', result);
  } finally {
    await Promise.all([relay.close(), targets.close()]);
    await db.end();
    await down(bench);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
