import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { projectRoot } from './profiles';

/** The README as it stands (the tests of its commands read it, never a copy). */
export function readme(): string {
  return readFileSync(join(projectRoot(), 'README.md'), 'utf8');
}

/** The shell block of "Try it", exactly as a reader copies it. */
export function tryItBlock(text: string): string {
  const at = text.search(/^Try it\b/m);
  if (at < 0) throw new Error('README: no paragraph starting "Try it"');
  const block = /```sh\n([\s\S]*?)```/.exec(text.slice(at));
  if (!block?.[1]) throw new Error('README: no ```sh block after "Try it"');
  return block[1];
}

/** The links in the table of what `npm start` prints, first to last. */
export function startTableLinks(text: string): string[] {
  const at = text.indexOf('`npm start` prints where to look');
  if (at < 0) throw new Error('README: no "`npm start` prints where to look"');
  const lines = text.slice(at).split('\n').slice(1);
  const first = lines.findIndex((line) => line.startsWith('|'));
  const end = lines.findIndex((line, index) => index > first && !line.startsWith('|'));
  const rows = first < 0 ? [] : lines.slice(first, end < 0 ? undefined : end);
  return rows.slice(2).flatMap((row) => row.split('|')[2]?.match(/http:\/\/[^\s,;()`|]+/g) ?? []);
}
