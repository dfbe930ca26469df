import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { projectRoot } from '../../deploy/local/profiles';
import { MigrationError, applyMigrations, listMigrations } from '../../libs/persistence/src';
import { emptyDatabase, withDatabase } from '../support/database';

const MIGRATIONS = join(projectRoot(), 'prisma', 'migrations');

function copyOfMigrations(): string {
  const dir = mkdtempSync(join(tmpdir(), 'xf-migrations-'));
  cpSync(MIGRATIONS, dir, { recursive: true });
  return dir;
}

describe('applyMigrations (prisma migrate deploy compatible)', () => {
  it('applies every migration once, recording SHA-256 checksums of the files in _prisma_migrations', async () => {
    const url = await emptyDatabase('once');
    const names = listMigrations(MIGRATIONS);
    expect(names.length).toBeGreaterThan(0);

    expect(await applyMigrations(url, MIGRATIONS)).toEqual({ applied: names, alreadyApplied: [] });
    expect(await applyMigrations(url, MIGRATIONS)).toEqual({ applied: [], alreadyApplied: names });

    const rows = await withDatabase(
      (db) =>
        db.query<{
          migration_name: string;
          checksum: string;
          applied_steps_count: number;
          finished_at: Date | null;
          rolled_back_at: Date | null;
        }>(
          'SELECT migration_name, checksum, applied_steps_count, finished_at, rolled_back_at FROM _prisma_migrations ORDER BY migration_name',
        ),
      url,
    );
    expect(rows.rows).toEqual(
      names.map((name) => ({
        migration_name: name,
        checksum: createHash('sha256')
          .update(readFileSync(join(MIGRATIONS, name, 'migration.sql')))
          .digest('hex'),
        applied_steps_count: 1,
        finished_at: expect.any(Date),
        rolled_back_at: null,
      })),
    );
  });

  it('serialises concurrent runs with the migrate advisory lock', async () => {
    const url = await emptyDatabase('concurrent');
    const results = await Promise.all([applyMigrations(url, MIGRATIONS), applyMigrations(url, MIGRATIONS)]);
    expect(results.flatMap((result) => result.applied)).toEqual(listMigrations(MIGRATIONS));
  });

  it('stops at a failed migration, records its error, and refuses to go on until it is resolved', async () => {
    const url = await emptyDatabase('failed');
    const dir = copyOfMigrations();
    try {
      mkdirSync(join(dir, '99991231000000_broken'));
      writeFileSync(
        join(dir, '99991231000000_broken', 'migration.sql'),
        'CREATE TABLE ok_part (id int);\nSELECT no_such_column FROM ok_part;\n',
      );
      await expect(applyMigrations(url, dir)).rejects.toThrow(MigrationError);
      const failed = await withDatabase(
        (db) =>
          db.query<{ finished_at: Date | null; logs: string }>(
            `SELECT finished_at, logs FROM _prisma_migrations WHERE migration_name = '99991231000000_broken'`,
          ),
        url,
      );
      expect(failed.rows[0]).toMatchObject({
        finished_at: null,
        logs: expect.stringContaining('no_such_column'),
      });
      // The script ran as one transaction: its first statement was rolled back too.
      const table = await withDatabase((db) => db.query(`SELECT to_regclass('ok_part') AS t`), url);
      expect(table.rows[0]).toEqual({ t: null });
      await expect(applyMigrations(url, dir)).rejects.toThrow(/P3009/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a migration edited after it was applied', async () => {
    const url = await emptyDatabase('edited');
    const dir = copyOfMigrations();
    try {
      await applyMigrations(url, dir);
      const [first] = listMigrations(dir);
      writeFileSync(
        join(dir, first!, 'migration.sql'),
        `${readFileSync(join(dir, first!, 'migration.sql'), 'utf8')}\n-- edited\n`,
      );
      await expect(applyMigrations(url, dir)).rejects.toThrow(/edited after it was applied/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
