import { testEnvironment } from './test-profile';

// Runs before every integration and e2e file: the apps and clients read their config from here.
// DATABASE_URL is left unset on purpose: each file takes its own copy with useIsolatedDatabase().
const { DATABASE_URL: _perFile, ...shared } = testEnvironment();
Object.assign(process.env, shared);
delete process.env.DATABASE_URL;
