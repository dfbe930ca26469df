#!/usr/bin/env node
// Runs a compiled entry point of dist/ for the commands used beside a running stack (`auth:token`,
// `infra:status`, `db:seed`, `targets:rebuild`, …):
//
//   node scripts/built.mjs [--app-env] [dist/<entry>.js [args…]]   (no entry: only make sure that dist/ is built)
//
// --app-env: the entry gets the environment the apps of the profile run with (database, Kafka, Temporal, keys;
// XIANFENG_PROFILE, else dev), under what the caller's environment sets itself.
//
// It builds only when dist/ holds no build, and then with every line of the build on stderr, so that stdout
// holds only what the command prints (`BRANCH=$(npm run -s auth:token -- …)`). A build older than the sources
// is used as it is, with a note on stderr: rebuilding would delete and rewrite dist/ under the apps that run
// from it. `npm run build` (or `npm start`) rebuilds when that is what you mean.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

// Node's version and the locked npm dependencies first (installs them when missing; its output on stderr).
import './ensure-deps.mjs';

const root = join(import.meta.dirname, '..');
/** Written by scripts/build.mjs once a build has completed. */
const STAMP = join(root, 'dist', '.build-stamp');
/** What the build compiles (see scripts/build.mjs); specs and the generated Prisma client are left out. */
const SOURCES = ['apps', 'libs', 'workflows', 'deploy', 'prisma', 'test/bench', 'test/support'];
const appEnv = process.argv[2] === '--app-env';
const [entry, ...args] = process.argv.slice(appEnv ? 3 : 2);
const entryPath = entry ? join(root, entry) : undefined;
const built = entryPath ?? join(root, 'dist', 'deploy', 'local', 'cli.js');

if (!existsSync(STAMP) && !existsSync(built)) {
  process.stderr.write('dist/ has no build: building it first (npm run build) …\n');
  execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs')], {
    cwd: root,
    stdio: ['ignore', 2, 2],
  });
} else {
  const builtAt = statSync(existsSync(STAMP) ? STAMP : built).mtimeMs;
  const changed = newerSource(builtAt);
  if (changed) {
    process.stderr.write(
      `note: ${changed} changed after the build in dist/, which runs as it is; ` +
        '`npm run build` (with the apps stopped) takes the change\n',
    );
  }
}

if (entryPath) {
  const env = appEnv ? { ...(await appEnvironment()), ...process.env } : process.env;
  const child = spawn(process.execPath, [entryPath, ...args], { cwd: process.cwd(), stdio: 'inherit', env });
  // Ctrl-C reaches the child from the terminal by itself; a signal sent to this process alone is passed on.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      if (signal !== 'SIGINT') child.kill(signal);
    });
  }
  child.on('exit', (code, signal) => {
    if (!signal) process.exit(code ?? 1);
    process.removeAllListeners(signal);
    process.kill(process.pid, signal); // end as the child ended
  });
}

/** What deploy/local/profiles.ts gives the apps of the profile (from the build, as the apps have it). */
async function appEnvironment() {
  // A CommonJS module compiled by SWC: its exports arrive on `default` when imported from ESM.
  const module = await import(join(root, 'dist/deploy/local/profiles.js'));
  const profiles = module.default ?? module;
  return profiles.appEnvironment(profiles.profile(process.env.XIANFENG_PROFILE ?? 'dev'));
}

/** The first compiled source (TypeScript or the Prisma schema) modified after `time`, if any. */
function newerSource(time) {
  for (const top of SOURCES) {
    const dir = join(root, top);
    if (!existsSync(dir)) continue;
    for (const item of readdirSync(dir, { recursive: true, withFileTypes: true })) {
      if (!item.isFile() || !/(?<!\.spec)\.ts$|\.prisma$/.test(item.name)) continue;
      const path = join(item.parentPath, item.name);
      if (path.includes(join('persistence', 'src', 'generated'))) continue;
      if (statSync(path).mtimeMs > time) return relative(root, path);
    }
  }
  return undefined;
}
