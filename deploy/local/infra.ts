import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

import { ensureLocalIssuer } from '@app/auth';
import { PiiConfig, loadSection } from '@app/config';
import { PersonIdProtector, migrateDatabase } from '@app/persistence';

import { seedDemoCounty } from '../../prisma/seed/seed';
import { ensureKafkaInstalled, kafkaStatus, startKafka, stopKafka } from './kafka';
import { piiEnvironment } from './secrets';
import { ensurePostgresInstalled, postgresStatus, startPostgres, stopPostgres } from './postgres';
import { type Profile, authDir, databaseUrl, externalDatabaseUrl, projectRoot } from './profiles';
import { ensureTemporalInstalled, temporalStatus, startTemporal, stopTemporal } from './temporal';

async function timed<T>(label: string, work: () => Promise<T>): Promise<T> {
  const started = Date.now();
  const result = await work();
  process.stdout.write(`  ${label.padEnd(11)} ready in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  return result;
}

/**
 * Installs what is missing (cached under .local/tools) and starts PostgreSQL, Temporal and Kafka. Idempotent.
 * Every prerequisite is checked or installed first, one after another (apt and pip must not race), so a
 * missing one fails before anything starts; the servers then start in parallel.
 */
export async function up(p: Profile): Promise<void> {
  mkdirSync(join(p.dataDir, 'logs'), { recursive: true });
  if (!externalDatabaseUrl(p)) ensurePostgresInstalled();
  ensureTemporalInstalled();
  ensureKafkaInstalled();
  process.stdout.write(`starting servers for profile "${p.name}" (data and logs in ${p.dataDir})\n`);
  // The local token issuer's keys: the apps verify bearer tokens against its public half.
  await ensureLocalIssuer(authDir(p));
  await Promise.all([
    timed('PostgreSQL', () => startPostgres(p)),
    timed('Temporal', () => startTemporal(p)),
    timed('Kafka', () => startKafka(p)),
  ]);
}

export async function down(p: Profile): Promise<void> {
  await Promise.all([stopTemporal(p), stopKafka(p), stopPostgres(p)]);
  if (p.ephemeral) rmSync(p.dataDir, { recursive: true, force: true });
}

export async function status(p: Profile): Promise<Record<string, string>> {
  const [postgres, temporal, kafka] = await Promise.all([
    postgresStatus(p),
    temporalStatus(p),
    kafkaStatus(p),
  ]);
  return { postgres, temporal, kafka };
}

export async function migrate(p: Profile, database?: string): Promise<string[]> {
  const result = await migrateDatabase(
    databaseUrl(p, database),
    join(projectRoot(), 'prisma', 'migrations'),
    () => personIdProtector(p),
  );
  return [...result.applied];
}

export async function seed(p: Profile, database?: string): Promise<{ orgUnits: number; people: number }> {
  return seedDemoCounty(databaseUrl(p, database), personIdProtector(p));
}

/** What the migrator's data step and the seed encrypt national ID numbers with, as the apps of the profile do. */
function personIdProtector(p: Profile): PersonIdProtector {
  return PersonIdProtector.fromConfig(loadSection(PiiConfig, piiEnvironment(p)));
}
