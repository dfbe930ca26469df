import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';

import { projectRoot } from '../../deploy/local/profiles';
import { emptyDatabase, withDatabase } from '../support/database';
import { testEnvironment } from '../support/test-profile';

/**
 * The image's `setup` command (deploy/image/setup.ts), built as the image runs it, against the real servers:
 * on an empty database it applies every migration, and run again it changes nothing (compose and the Helm hook
 * run it before every start and upgrade).
 */
describe('the image’s setup command', () => {
  const setup = (env: Record<string, string>) =>
    spawnSync(process.execPath, [join(projectRoot(), 'dist/deploy/image/entrypoint.js'), 'setup'], {
      encoding: 'utf8',
      // Only what a container is given: the apps' variables, no test-only ones.
      env: { PATH: process.env.PATH, ...env },
      timeout: 150_000,
    });

  it('migrates an empty database, has the topics, registers a namespace and its search attributes, and is idempotent', async () => {
    const databaseUrl = await emptyDatabase('image_setup');
    const namespace = `setup-${randomBytes(4).toString('hex')}`;
    const env = { ...testEnvironment(), DATABASE_URL: databaseUrl, TEMPORAL_NAMESPACE: namespace };
    const first = setup(env);
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/^database: \d+ migration\(s\) applied$/m);
    expect(first.stdout).not.toContain('database: 0 migration');
    expect(first.stdout).toMatch(/^kafka: (topics present|created .+)$/m);
    expect(first.stdout).toContain(`temporal: registered namespace ${namespace} (30 days' retention)\n`);
    expect(first.stdout).toContain(
      'temporal: registered XianfengCaseKind, XianfengOrgPath, XianfengStage, XianfengNextStep, XianfengNextDue\n',
    );
    const tables = await withDatabase(
      async (db) =>
        (
          await db.query<{ count: string }>(`SELECT count(*)::text AS count FROM information_schema.tables
           WHERE table_schema = 'public' AND table_name IN ('member_case', 'outbox_event', 'approval_task')`)
        ).rows[0]!.count,
      databaseUrl,
    );
    expect(tables).toBe('3');

    const again = setup(env);
    expect(again.status).toBe(0);
    expect(again.stdout).toBe(
      'database: 0 migration(s) applied\nkafka: topics present\ntemporal: search attributes present\n',
    );
  });

  it('names what is missing and stops', () => {
    const refused = setup({ KAFKA_BROKERS: '127.0.0.1:9', TEMPORAL_ADDRESS: '127.0.0.1:9' });
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('setup failed: Invalid environment variables');
    expect(refused.stderr).toContain('DATABASE_URL');
  });
});
