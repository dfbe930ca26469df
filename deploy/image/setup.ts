import { join } from 'node:path';

import { Connection } from '@temporalio/client';

import { DatabaseConfig, KafkaConfig, PiiConfig, TemporalConfig, loadSection } from '@app/config';
import { KafkaClient, ensureTopics } from '@app/kafka';
import { PersonIdProtector, migrateDatabase } from '@app/persistence';
import { ensureCaseSearchAttributes, ensureNamespace, waitForNamespace } from '@app/temporal';

function wholeNumber(name: string, value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1)
    throw new Error(`${name} must be a whole number of at least 1`);
  return number;
}

/**
 * The image's `setup` command, run once before a release's apps start (compose: a one-shot service; Helm: a
 * pre-install/pre-upgrade Job). Each step is idempotent and safe to repeat:
 * the database schema (prisma/migrations and their data steps), the Kafka topics with their partition
 * counts, the Temporal namespace (TEMPORAL_NAMESPACE_RETENTION_DAYS, 30, when it must be created) and the
 * search attributes the case workflows publish. Reads the apps' own variables.
 */
async function setup(): Promise<void> {
  const env = process.env;
  const say = (line: string) => process.stdout.write(`${line}\n`);

  const { DATABASE_URL } = loadSection(DatabaseConfig, env);
  // Asked for only when rows from before the national ID was encrypted must be encrypted now.
  const protector = () => PersonIdProtector.fromConfig(loadSection(PiiConfig, env));
  const migrations = await migrateDatabase(
    DATABASE_URL,
    join(__dirname, '../../../prisma/migrations'),
    protector,
  );
  say(`database: ${migrations.applied.length} migration(s) applied`);

  const kafka = loadSection(KafkaConfig, env);
  const replication = wholeNumber(
    'KAFKA_TOPIC_REPLICATION_FACTOR',
    env.KAFKA_TOPIC_REPLICATION_FACTOR ?? '1',
  );
  const created = await ensureTopics(new KafkaClient(kafka).kafka, replication);
  say(`kafka: ${created.length > 0 ? `created ${created.join(', ')}` : 'topics present'}`);

  const temporal = loadSection(TemporalConfig, env);
  const namespace = temporal.TEMPORAL_NAMESPACE;
  const retentionDays = wholeNumber(
    'TEMPORAL_NAMESPACE_RETENTION_DAYS',
    env.TEMPORAL_NAMESPACE_RETENTION_DAYS ?? '30',
  );
  const connection = await Connection.connect({ address: temporal.TEMPORAL_ADDRESS });
  try {
    if (await ensureNamespace(connection.workflowService, namespace, retentionDays))
      say(`temporal: registered namespace ${namespace} (${retentionDays} days' retention)`);
    const added = await waitForNamespace(() =>
      ensureCaseSearchAttributes(connection.operatorService, namespace),
    );
    say(`temporal: ${added.length > 0 ? `registered ${added.join(', ')}` : 'search attributes present'}`);
  } finally {
    await connection.close();
  }
}

setup().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`setup failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
