import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { projectRoot } from '../../deploy/local/profiles';
import { applyMigrations } from '../../libs/persistence/src';
import { emptyDatabase, withDatabase } from '../support/database';

/**
 * The migrated database must be exactly what schema.prisma describes. Both sides are real databases:
 * one built by prisma/migrations, one by the SQL Prisma's own schema engine renders from schema.prisma.
 * What schema.prisma cannot express is added by hand at the end of a migration and listed here.
 */
const NOT_EXPRESSIBLE_IN_PRISMA = {
  indexes: [
    'cadre_case_one_open_per_programme_key',
    'member_case_one_open_per_person_key',
    'reserve_entry_one_open_per_person_key',
  ],
  constraints: ['approval_task approval_task_workflow_kind_check'],
  triggers: [
    'cadre_record_append_only',
    'dossier_record_append_only',
    'outbox_event_notify',
    'reserve_record_append_only',
  ],
  functions: ['append_only', 'dossier_record_append_only', 'outbox_event_notify'],
};

interface CatalogSnapshot {
  enums: string[];
  columns: string[];
  constraints: string[];
  indexes: string[];
  triggers: string[];
  functions: string[];
}

async function snapshot(url: string): Promise<CatalogSnapshot> {
  return withDatabase(async (db) => {
    const list = async (sql: string): Promise<string[]> =>
      (await db.query<{ v: string }>(sql)).rows.map((row) => row.v);
    return {
      enums:
        await list(`SELECT t.typname || ': ' || string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder) AS v
        FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid GROUP BY t.typname ORDER BY 1`),
      columns: await list(`SELECT c.relname || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod)
          || CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE '' END
          || COALESCE(' DEFAULT ' || pg_get_expr(d.adbin, d.adrelid), '') AS v
        FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
        LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
        WHERE n.nspname = 'public' AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
          AND c.relname <> '_prisma_migrations' ORDER BY 1`),
      constraints:
        await list(`SELECT conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid) AS v
        FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text <> '_prisma_migrations' ORDER BY 1`),
      indexes: await list(
        `SELECT indexdef AS v FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' ORDER BY 1`,
      ),
      triggers: await list(`SELECT tgname AS v FROM pg_trigger WHERE NOT tgisinternal ORDER BY 1`),
      functions: await list(
        `SELECT proname AS v FROM pg_proc WHERE pronamespace = 'public'::regnamespace ORDER BY 1`,
      ),
    };
  }, url);
}

describe('schema drift', () => {
  it('prisma/migrations produce exactly the database schema.prisma describes', async () => {
    const migratedUrl = await emptyDatabase('drift_migrated');
    const renderedUrl = await emptyDatabase('drift_rendered');
    await applyMigrations(migratedUrl, join(projectRoot(), 'prisma', 'migrations'));

    const sql = execFileSync(
      process.execPath,
      [join(projectRoot(), 'scripts', 'migration-diff.mjs'), '--from-empty', '--print'],
      {
        cwd: projectRoot(),
        encoding: 'utf8',
        env: { ...process.env, PRISMA6_DIFF_DATABASE_URL: renderedUrl },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    expect(sql).toContain('CREATE TABLE');
    await withDatabase((db) => db.query(sql), renderedUrl);

    const migrated = await snapshot(migratedUrl);
    const rendered = await snapshot(renderedUrl);
    const extraIndexes = migrated.indexes.filter((index) =>
      NOT_EXPRESSIBLE_IN_PRISMA.indexes.some((name) => index.includes(`INDEX ${name} `)),
    );
    const extraConstraints = migrated.constraints.filter((constraint) =>
      NOT_EXPRESSIBLE_IN_PRISMA.constraints.some((name) => constraint.startsWith(`${name} `)),
    );
    expect({
      ...migrated,
      indexes: migrated.indexes.filter((index) => !extraIndexes.includes(index)),
      constraints: migrated.constraints.filter((constraint) => !extraConstraints.includes(constraint)),
    }).toEqual({
      ...rendered,
      triggers: NOT_EXPRESSIBLE_IN_PRISMA.triggers,
      functions: NOT_EXPRESSIBLE_IN_PRISMA.functions,
    });
    expect(extraIndexes).toHaveLength(NOT_EXPRESSIBLE_IN_PRISMA.indexes.length);
    expect(extraConstraints).toHaveLength(NOT_EXPRESSIBLE_IN_PRISMA.constraints.length);
    expect(rendered.triggers).toEqual([]);
  });

  it('keeps the schema snapshot that `npm run db:diff` diffs from in step with schema.prisma', () => {
    // A stale snapshot would make the next generated migration repeat or miss changes.
    expect(readFileSync(join(projectRoot(), 'prisma/migrations/schema.snapshot.prisma'), 'utf8')).toBe(
      readFileSync(join(projectRoot(), 'prisma/schema.prisma'), 'utf8'),
    );
  });
});
