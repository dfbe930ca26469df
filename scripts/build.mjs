#!/usr/bin/env node
// Build: generate the Prisma client, then compile apps/, libs/, workflows/, deploy/ and prisma/ to dist/
// with SWC (path aliases rewritten to relative requires), then the web console (apps/console) with Vite to
// dist/console, its API client generated from libs/contracts/openapi first. Type checking is `npm run typecheck`.
import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
// The tools' progress goes to stderr: commands that build first and then print a result on stdout
// (`TOKEN=$(npm run -s auth:token -- …)`) must print only that result.
const run = (args, env = {}) =>
  execFileSync(process.execPath, args, {
    cwd: root,
    stdio: ['inherit', 2, 2],
    env: { ...process.env, ...env },
  });

run([join(root, 'node_modules/prisma/build/index.js'), 'generate'], {
  // `prisma generate` needs no native engine, but the CLI tries to download one unless it is told where one is.
  PRISMA_SCHEMA_ENGINE_BINARY: process.execPath,
  CHECKPOINT_DISABLE: '1',
  PRISMA_HIDE_UPDATE_MESSAGE: '1',
});
rmSync(join(root, 'dist'), { recursive: true, force: true });
run([
  join(root, 'node_modules/@swc/cli/bin/swc.js'),
  'apps',
  'libs',
  'workflows',
  'deploy',
  'prisma',
  'test/bench',
  'test/support',
  '--out-dir',
  'dist',
  '--config-file',
  '.swcrc',
  '--ignore',
  '**/*.spec.ts,apps/console/**',
  '--quiet',
]);
run([join(root, 'scripts/console-client.mjs')]);
run([
  join(root, 'node_modules/vite/bin/vite.js'),
  'build',
  '--config',
  'apps/console/vite.config.mts',
  '--logLevel',
  'warn',
]);
// A complete build: scripts/built.mjs compares the sources with it.
writeFileSync(join(root, 'dist', '.build-stamp'), `${new Date().toISOString()}\n`);
