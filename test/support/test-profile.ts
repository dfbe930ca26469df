import { appEnvironment, profile } from '../../deploy/local/profiles';

/** The servers `npm test` starts for itself (ports distinct from the dev profile's). */
export const testProfile = profile('test');
/** Migrated and seeded once per run; each test file works on its own copy. */
export const TEMPLATE_DATABASE = testProfile.postgres.database;
export const testEnvironment = (): Record<string, string> => ({
  ...appEnvironment(testProfile),
  LOG_LEVEL: 'warn',
  // Suites and the fuzz run send thousands of requests as one caller from one address; the limits themselves
  // are tested with low values in test/e2e/http-edge.e2e-spec.ts.
  RATE_LIMIT_PER_ADDRESS: '1000000',
  RATE_LIMIT_PER_CALLER: '1000000',
});
