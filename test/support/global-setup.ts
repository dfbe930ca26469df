import 'reflect-metadata';

import { down, migrate, seed, up } from '../../deploy/local/infra';
import { createDatabase, dropDatabase } from '../../deploy/local/postgres';
import { testProfile } from './test-profile';

let started: Promise<void> | undefined;

/**
 * Starts fresh test servers once per run (both projects call this; the second call reuses the first):
 * whatever an earlier, interrupted run left behind is wiped first, so every run begins empty.
 */
export default async function globalSetup(): Promise<void> {
  started ??= (async () => {
    await down(testProfile);
    await up(testProfile);
    await dropDatabase(testProfile, testProfile.postgres.database);
    await createDatabase(testProfile, testProfile.postgres.database);
    await migrate(testProfile);
    await seed(testProfile);
  })();
  await started;
}
