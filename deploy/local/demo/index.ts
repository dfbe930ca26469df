import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { type LocalDate, chinaLocalDate, parseLocalDate } from '@app/domain';

import { type Profile, authDir } from '../profiles';
import { seedDemo, summaryLines } from './seed';

export { type DemoReport, type DemoSeedOptions, seedDemo, summaryLines } from './seed';

/**
 * The demo's business day, kept in the profile's data folder: the day of the first seeding. Every later
 * run dates its requests from the same day, so their Idempotency-Keys and bodies are the same as before and
 * the cases found from the earlier run are left as they are.
 */
export function demoAnchor(p: Profile): LocalDate {
  const file = join(p.dataDir, 'demo-data.json');
  if (existsSync(file)) {
    const { anchor } = JSON.parse(readFileSync(file, 'utf8')) as { anchor?: string };
    const parsed = parseLocalDate(anchor ?? '');
    if (parsed) return parsed;
  }
  const anchor = chinaLocalDate(new Date());
  mkdirSync(p.dataDir, { recursive: true });
  writeFileSync(file, `${JSON.stringify({ anchor }, null, 2)}\n`);
  return anchor;
}

/**
 * `npm start`, once the apps are ready: seeds the demo county through the API (cases in every stage, the
 * reserve pool and its review, quotas) and prints one line per kind. A failure is printed on stderr, the apps
 * keep running. XIANFENG_DEMO_DATA=off skips it.
 */
export async function seedDemoData(p: Profile): Promise<void> {
  if (process.env.XIANFENG_DEMO_DATA === 'off') return;
  try {
    process.stdout.write('seeding demo data through the API …\n');
    const report = await seedDemo({
      apiUrl: `http://127.0.0.1:${p.apps.api}`,
      targetsUrl: `http://127.0.0.1:${p.apps.targets}`,
      authDir: authDir(p),
      anchor: demoAnchor(p),
    });
    const { lines, failures } = summaryLines(report);
    process.stdout.write(`${lines.join('\n')}\n`);
    if (failures.length > 0) process.stderr.write(`${failures.join('\n')}\n`);
  } catch (error) {
    process.stderr.write(
      `demo data FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
  }
}
