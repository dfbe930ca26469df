import { randomBytes } from 'node:crypto';

import { Client } from 'pg';

import { TEMPLATE_DATABASE, testDatabaseUrl } from './test-profile';

/**
 * Gives the calling test file a database of its own, copied from the migrated and seeded template,
 * and points DATABASE_URL (read by the apps at boot) at it.
 */
export async function useIsolatedDatabase(label: string): Promise<string> {
  const name = `xf_${label.replace(/[^a-z0-9_]/gi, '_').toLowerCase()}_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: testDatabaseUrl('postgres') });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${TEMPLATE_DATABASE}"`);
  } finally {
    await admin.end();
  }
  process.env.DATABASE_URL = testDatabaseUrl(name);
  return process.env.DATABASE_URL;
}

/** A plain connection to this file's database for assertions, independent of the code under test. */
export async function withDatabase<T>(
  work: (client: Client) => Promise<T>,
  url = process.env.DATABASE_URL,
): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function rowCounts(tables: readonly string[]): Promise<Record<string, number>> {
  return withDatabase(async (client) => {
    const counts: Record<string, number> = {};
    for (const table of tables) {
      const { rows } = await client.query<{ count: string }>(
        `SELECT count(*)::text AS count FROM "${table}"`,
      );
      counts[table] = Number(rows[0]?.count ?? 0);
    }
    return counts;
  });
}

export async function eventually<T>(
  label: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${label}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
