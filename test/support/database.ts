import { randomBytes } from 'node:crypto';

import { Client } from 'pg';

import { createDatabase } from '../../deploy/local/postgres';
import { TEMPLATE_DATABASE, testProfile } from './test-profile';

/**
 * Gives the calling test file a database of its own, copied from the migrated and seeded template,
 * and points DATABASE_URL (read by the apps at boot) at it.
 */
export async function useIsolatedDatabase(label: string): Promise<string> {
  const name = `xf_${label.replace(/[^a-z0-9_]/gi, '_').toLowerCase()}_${randomBytes(4).toString('hex')}`;
  process.env.DATABASE_URL = await createDatabase(testProfile, name, { template: TEMPLATE_DATABASE });
  return process.env.DATABASE_URL;
}

/** An empty database (no migrations), for tests of the migrations themselves. */
export function emptyDatabase(label: string): Promise<string> {
  return createDatabase(testProfile, `xf_${label}_${randomBytes(4).toString('hex')}`);
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
