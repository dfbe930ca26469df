#!/usr/bin/env node
// Renders the SQL for a schema change with Prisma 6's WebAssembly schema engine (works offline), because
// Prisma 7's `migrate diff` needs a native engine that cannot be downloaded on these machines.
//
//   npm run db:diff -- <migration_name>    writes prisma/migrations/<UTC timestamp>_<name>/migration.sql for the
//                                          change from prisma/migrations/schema.snapshot.prisma (the schema as of
//                                          the last migration) to prisma/schema.prisma, then updates the snapshot
//   node scripts/migration-diff.mjs --from-empty --print    prints the SQL for the whole schema
//
// Needs a reachable PostgreSQL (the Prisma 6 adapter connects even for a pure schema-to-schema diff):
// PRISMA6_DIFF_DATABASE_URL, else DATABASE_URL, else the dev profile's server (npm run infra:up).
import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const schemaFile = join(root, 'prisma/schema.prisma');
const snapshotFile = join(root, 'prisma/migrations/schema.snapshot.prisma');
const args = process.argv.slice(2);
const fromEmpty = args.includes('--from-empty');
const print = args.includes('--print');
const name = args.find((arg) => !arg.startsWith('--'));
if (!print && !/^[a-z0-9_]+$/.test(name ?? '')) {
  console.error('usage: npm run db:diff -- <migration_name in snake_case>   (or --from-empty --print)');
  process.exit(2);
}

/** The dev profile's server (from the build in dist/), so the port is defined in one place. */
async function devDatabaseUrl() {
  // A CommonJS module compiled by SWC: its exports arrive on `default` when imported from ESM.
  const module = await import(join(root, 'dist/deploy/local/profiles.js'));
  const { databaseUrl, profile } = module.default ?? module;
  return databaseUrl(profile('dev'), 'postgres');
}

// Prisma 6 insists on a datasource url; Prisma 7 keeps it out of the schema, so add it to a temporary copy.
const withUrl = (schema) =>
  schema.replace(
    /datasource db \{([^}]*)\}/,
    (_, body) => `datasource db {${body}  url = env("PRISMA6_DIFF_DATABASE_URL")\n}`,
  );

const work = mkdtempSync(join(tmpdir(), 'xianfeng-diff-'));
try {
  const toFile = join(work, 'to.prisma');
  writeFileSync(toFile, withUrl(readFileSync(schemaFile, 'utf8')));
  const from = ['--from-empty'];
  if (!fromEmpty && existsSync(snapshotFile)) {
    const fromFile = join(work, 'from.prisma');
    writeFileSync(fromFile, withUrl(readFileSync(snapshotFile, 'utf8')));
    from.splice(0, 1, '--from-schema-datamodel', fromFile);
  }
  const databaseUrl =
    process.env.PRISMA6_DIFF_DATABASE_URL ?? process.env.DATABASE_URL ?? (await devDatabaseUrl());
  const sql = execFileSync(
    process.execPath,
    [
      join(root, 'node_modules/prisma6/build/index.js'),
      'migrate',
      'diff',
      ...from,
      '--to-schema-datamodel',
      toFile,
      '--script',
      '--config',
      join(root, 'prisma/prisma6.config.ts'),
    ],
    {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      env: {
        ...process.env,
        CHECKPOINT_DISABLE: '1',
        PRISMA_HIDE_UPDATE_MESSAGE: '1',
        // Nothing here needs the native engines; pointing at an existing file stops the CLI from downloading them.
        PRISMA_SCHEMA_ENGINE_BINARY: process.execPath,
        PRISMA_QUERY_ENGINE_LIBRARY: process.execPath,
        PRISMA6_DIFF_DATABASE_URL: databaseUrl,
      },
    },
  );
  if (print) {
    process.stdout.write(sql);
  } else {
    const stamp = new Date().toISOString().replace(/[-:T]/g, '').slice(0, 14);
    const dir = join(root, 'prisma/migrations', `${stamp}_${name}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'migration.sql'), sql);
    copyFileSync(schemaFile, snapshotFile);
    console.log(
      `wrote ${join('prisma/migrations', `${stamp}_${name}`, 'migration.sql')}; review it, add what Prisma cannot express (triggers, functions) at the end`,
    );
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
