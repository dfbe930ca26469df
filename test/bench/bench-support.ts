import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';

import { projectRoot } from '../../deploy/local/profiles';

/** Nearest-rank percentile of an ascending list. */
export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
}

export function machine(): { cpus: number; cpu: string | undefined; node: string } {
  return { cpus: cpus().length, cpu: cpus()[0]?.model, node: process.version };
}

/** Writes bench-results/<name>.json and prints it. */
export function writeResult(name: string, result: object): void {
  const dir = join(projectRoot(), 'bench-results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${name}.json`), `${JSON.stringify(result, null, 2)}\n`);
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}
