#!/usr/bin/env node
// Summarises a V8 CPU profile (.cpuprofile, e.g. from BENCH_CPU_PROFILE=1 npm run bench:console): self time per
// script file and per function, largest first. Usage: node scripts/cpuprofile-summary.mjs FILE [TOP]
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';

const [file, top = '20'] = process.argv.slice(2);
if (!file) {
  process.stderr.write('usage: node scripts/cpuprofile-summary.mjs FILE.cpuprofile [TOP]\n');
  process.exit(2);
}
const profile = JSON.parse(readFileSync(file, 'utf8'));
const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
// Each sample names the node running then; the gap to the next sample is the time it ran.
const selfMs = new Map();
for (let index = 0; index < profile.samples.length; index++) {
  const delta = (profile.timeDeltas[index + 1] ?? 0) / 1000;
  selfMs.set(profile.samples[index], (selfMs.get(profile.samples[index]) ?? 0) + delta);
}
const byFile = new Map();
const byFunction = new Map();
let total = 0;
for (const [id, ms] of selfMs) {
  const { callFrame } = nodes.get(id);
  const where = callFrame.url
    ? basename(new URL(callFrame.url, 'file:///').pathname)
    : `(${callFrame.functionName || 'native'})`;
  const name = `${callFrame.functionName || '(anonymous)'} ${where}:${callFrame.lineNumber + 1}`;
  byFile.set(where, (byFile.get(where) ?? 0) + ms);
  byFunction.set(name, (byFunction.get(name) ?? 0) + ms);
  total += ms;
}
const print = (title, map) => {
  process.stdout.write(`\n${title}\n`);
  for (const [key, ms] of [...map].sort((a, b) => b[1] - a[1]).slice(0, Number(top))) {
    process.stdout.write(`${ms.toFixed(0).padStart(7)} ms  ${key}\n`);
  }
};
process.stdout.write(`profiled ${total.toFixed(0)} ms`);
print('self time by file', byFile);
print('self time by function', byFunction);
