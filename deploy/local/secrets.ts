import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

import { type Profile } from './profiles';

/** The key variables of PiiConfig a profile generates for itself. */
const GENERATED = ['TEMPORAL_CODEC_KEYS', 'PERSON_ID_ENCRYPTION_KEYS', 'PERSON_ID_HMAC_KEY'] as const;
const PII_VARIABLES = [
  ...GENERATED,
  'TEMPORAL_CODEC_ACTIVE_KEY',
  'PERSON_ID_ENCRYPTION_ACTIVE_KEY',
  'TEMPORAL_UI_ORIGIN',
] as const;

export function secretsFile(p: Profile): string {
  return join(p.dataDir, 'secrets.json');
}

const key = (): string => randomBytes(32).toString('base64');

/**
 * The profile's personal-data keys: generated on first use and kept in .local/<profile>/secrets.json (owner
 * only), so data encrypted in one run stays readable in the next (the test profile's go with its data).
 * Variables already set in the environment win, as in a deployment.
 */
export function piiEnvironment(p: Profile): Record<string, string> {
  const file = secretsFile(p);
  let stored: Record<string, string>;
  try {
    stored = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    stored = {
      TEMPORAL_CODEC_KEYS: `${p.name}-1:${key()}`,
      PERSON_ID_ENCRYPTION_KEYS: `${p.name}-1:${key()}`,
      PERSON_ID_HMAC_KEY: key(),
    };
    mkdirSync(dirname(file), { recursive: true });
    try {
      // `wx`: of two processes generating at once, the first file wins and both use it.
      writeFileSync(file, JSON.stringify(stored, null, 2) + '\n', { flag: 'wx', mode: 0o600 });
    } catch (raced) {
      if ((raced as NodeJS.ErrnoException).code !== 'EEXIST') throw raced;
      stored = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
    }
  }
  const env: Record<string, string> = {};
  for (const name of GENERATED) env[name] = stored[name]!;
  // The dev server's Temporal UI calls the API's codec endpoint from the browser.
  if (p.temporal.uiPort) env.TEMPORAL_UI_ORIGIN = `http://127.0.0.1:${p.temporal.uiPort}`;
  for (const name of PII_VARIABLES) {
    const set = process.env[name];
    if (set) env[name] = set;
  }
  return env;
}
