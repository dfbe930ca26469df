#!/usr/bin/env node
// Starts a compiled entry point detached, its output in .local/logs/<name>.log, and returns at once:
//
//   node scripts/background.mjs <name> dist/<entry>.js
//
// `npm test` builds the deployment checks' tools this way while the type check and lint run (they use one core
// each); the test that needs the tools waits for them (see deploy/local/deploy-tools.ts).
import { spawn } from 'node:child_process';
import { mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const [name, entry] = process.argv.slice(2);
if (!name || !entry) {
  console.error('usage: node scripts/background.mjs <name> dist/<entry>.js');
  process.exit(64);
}
mkdirSync(join(root, '.local', 'logs'), { recursive: true });
const log = openSync(join(root, '.local', 'logs', `${name}.log`), 'a');
spawn(process.execPath, [join(root, entry)], {
  cwd: root,
  detached: true,
  stdio: ['ignore', log, log],
}).unref();
