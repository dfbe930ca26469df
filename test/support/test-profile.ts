import { appEnvironment, profile } from '../../deploy/local/profiles';

/** The servers `npm test` starts for itself (ports distinct from the dev profile's). */
export const testProfile = profile('test');
/** Migrated and seeded once per run; each test file works on its own copy. */
export const TEMPLATE_DATABASE = testProfile.postgres.database;
export const testEnvironment = (): Record<string, string> => ({
  ...appEnvironment(testProfile),
  LOG_LEVEL: 'warn',
});
