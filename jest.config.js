// @ts-check
/** Jest tiers: unit specs next to the code; integration and e2e suites under test/ against real servers. */
const { readFileSync } = require('node:fs');

const swc = JSON.parse(readFileSync(`${__dirname}/.swcrc`, 'utf8'));
delete swc.$schema;
const transform = { '^.+\\.ts$': ['@swc/jest', { ...swc, jsc: { ...swc.jsc, baseUrl: __dirname } }] };
const moduleNameMapper = {
  '^@app/workflows$': '<rootDir>/workflows',
  '^@app/workflows/(.*)$': '<rootDir>/workflows/$1',
  '^(\\.{1,2}/.*)\\.js$': '$1',
  '^@app/(auth|config|contracts|domain|kafka|persistence|temporal|tracing)$': '<rootDir>/libs/$1/src',
};
const common = {
  rootDir: __dirname,
  transform,
  moduleNameMapper,
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'js', 'json'],
};

/** @type {import('jest').Config} */
module.exports = {
  testTimeout: 120_000,
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs,workflows,deploy}/**/*.spec.ts'] },
    {
      // The deployment files (deploy/), checked statically with helm, kubeconform and the Compose schema: no servers.
      ...common,
      displayName: 'deploy',
      testMatch: ['<rootDir>/test/deploy/**/*.deploy-spec.ts'],
    },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/integration/**/*.int-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
      setupFiles: ['<rootDir>/test/support/env.ts'],
      slowTestThreshold: 30,
    },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
      setupFiles: ['<rootDir>/test/support/env.ts'],
      slowTestThreshold: 60,
    },
    {
      // The web console in Debian's Chromium against the whole stack (needs `npm run build` for dist/console).
      ...common,
      displayName: 'browser',
      testMatch: ['<rootDir>/test/browser/**/*.browser-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
      setupFiles: ['<rootDir>/test/support/env.ts'],
      slowTestThreshold: 120,
    },
  ],
};
