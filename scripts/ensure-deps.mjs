#!/usr/bin/env node
// First step of `npm start` and `npm test`: checks Node and installs the locked npm dependencies when
// node_modules is missing or older than package-lock.json, so a fresh clone needs no separate install.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  console.error(`Node ${process.versions.node} is too old: install Node 20.19 or newer (22 LTS works too).`);
  process.exit(1);
}

const lockHash = createHash('sha256')
  .update(readFileSync(join(root, 'package-lock.json')))
  .digest('hex');
const stamp = join(root, 'node_modules', '.xianfeng-lock-sha256');
if (!existsSync(stamp) || readFileSync(stamp, 'utf8') !== lockHash) {
  // On stderr, like npm's own output: commands that print a result on stdout run this first.
  console.error('installing npm dependencies pinned by package-lock.json …');
  // Not `npm ci`: the registry mirror lacks some other platforms' optional binaries (e.g. @swc/core-darwin-*),
  // which npm leaves out of the lock, and `npm ci` then rejects the lock. `npm install --no-save`
  // installs the same locked versions and never rewrites package.json or the lock.
  execFileSync('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: root,
    stdio: ['inherit', 2, 2],
  });
  writeFileSync(stamp, lockHash);
}
