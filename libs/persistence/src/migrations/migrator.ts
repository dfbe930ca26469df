import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

import { Client } from 'pg';

/**
 * Applies prisma/migrations/<name>/migration.sql the way `prisma migrate deploy` does, so a later deploy
 * with the real Prisma engine sees a consistent history: the same `_prisma_migrations` table, SHA-256
 * checksums of the file bytes, the same advisory lock key, and a refusal to go on past a failed migration.
 * (Prisma's schema engine cannot be downloaded on these machines; see README "Schema changes".)
 */
const PRISMA_MIGRATE_LOCK_KEY = 72707369;

const CREATE_MIGRATIONS_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

/**
 * Work SQL cannot do (it needs keys or code), run by the migrator just before the named migration is applied,
 * under the same advisory lock, and only while that migration is still pending. Must be idempotent: a step
 * interrupted half-way runs again from where it stopped.
 */
export interface DataStep {
  readonly name: string;
  /** The migration this step must precede. */
  readonly before: string;
  run(client: Client): Promise<void>;
}

export interface MigrationOptions {
  readonly dataSteps?: readonly DataStep[];
}

export interface MigrationResult {
  readonly applied: readonly string[];
  readonly alreadyApplied: readonly string[];
}

export class MigrationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MigrationError';
  }
}

export function migrationChecksum(script: Buffer): string {
  return createHash('sha256').update(script).digest('hex');
}

export function listMigrations(migrationsDir: string): string[] {
  const lock = join(migrationsDir, 'migration_lock.toml');
  if (!existsSync(lock) || !/provider\s*=\s*"postgresql"/.test(readFileSync(lock, 'utf8'))) {
    throw new MigrationError(`${lock} must exist and name provider = "postgresql"`);
  }
  return readdirSync(migrationsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(migrationsDir, entry.name, 'migration.sql')))
    .map((entry) => entry.name)
    .sort();
}

export async function applyMigrations(
  databaseUrl: string,
  migrationsDir: string,
  options: MigrationOptions = {},
): Promise<MigrationResult> {
  const names = listMigrations(migrationsDir);
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`SET lock_timeout = '10s'`);
    await client.query('SELECT pg_advisory_lock($1)', [PRISMA_MIGRATE_LOCK_KEY]);
    await client.query(`RESET lock_timeout`);
    try {
      await client.query(CREATE_MIGRATIONS_TABLE);
      const failed = await client.query<{ migration_name: string }>(
        `SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NULL AND rolled_back_at IS NULL`,
      );
      if (failed.rowCount) {
        throw new MigrationError(
          `failed migrations must be resolved first (P3009): ${failed.rows.map((row) => row.migration_name).join(', ')}`,
        );
      }
      const doneRows = await client.query<{ migration_name: string; checksum: string }>(
        `SELECT migration_name, checksum FROM "_prisma_migrations" WHERE rolled_back_at IS NULL`,
      );
      const done = new Map(doneRows.rows.map((row) => [row.migration_name, row.checksum]));
      const applied: string[] = [];
      const alreadyApplied: string[] = [];
      for (const name of names) {
        const script = readFileSync(join(migrationsDir, name, 'migration.sql'));
        const checksum = migrationChecksum(script);
        const recorded = done.get(name);
        if (recorded !== undefined) {
          if (recorded !== checksum) {
            throw new MigrationError(
              `migration ${name} was edited after it was applied (checksum ${recorded} ≠ ${checksum})`,
            );
          }
          alreadyApplied.push(name);
          continue;
        }
        for (const step of options.dataSteps ?? []) {
          if (step.before !== name) continue;
          try {
            await step.run(client);
          } catch (error) {
            if (error instanceof MigrationError) throw error;
            throw new MigrationError(`data step "${step.name}" before ${name} failed: ${String(error)}`);
          }
        }
        const id = randomUUID();
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at) VALUES ($1, $2, $3, now())`,
          [id, checksum, name],
        );
        try {
          // No parameters: sent with the simple query protocol, so the script runs as one implicit transaction.
          await client.query(script.toString('utf8'));
        } catch (error) {
          await client.query(`UPDATE "_prisma_migrations" SET logs = $2 WHERE id = $1`, [id, String(error)]);
          throw new MigrationError(`migration ${name} failed: ${String(error)}`);
        }
        await client.query(
          `UPDATE "_prisma_migrations" SET applied_steps_count = applied_steps_count + 1, finished_at = now() WHERE id = $1`,
          [id],
        );
        applied.push(name);
      }
      return { applied, alreadyApplied };
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [PRISMA_MIGRATE_LOCK_KEY]);
    }
  } finally {
    await client.end();
  }
}
