import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The container image's entry point: its command names what the container runs, one image for all of them.
 * Paths are relative to dist/ (this file is dist/deploy/image/entrypoint.js).
 */
export const IMAGE_COMMANDS = {
  api: 'apps/api/src/main.js',
  worker: 'apps/worker/src/main.js',
  relay: 'apps/relay/src/main.js',
  targets: 'apps/targets/src/main.js',
  /** Migrations, Kafka topics, Temporal search attributes: once per release, before the apps. */
  setup: 'deploy/image/setup.js',
  'verify-chains': 'apps/api/src/verify-chains.js',
  'targets-rebuild': 'apps/targets/src/rebuild.js',
} as const;

export function commandPath(command: string): string | undefined {
  const relative = (IMAGE_COMMANDS as Record<string, string>)[command];
  return relative === undefined ? undefined : join(__dirname, '../..', relative);
}

if (require.main === module) {
  const [command = ''] = process.argv.slice(2);
  const path = commandPath(command);
  if (!path || !existsSync(path)) {
    process.stderr.write(`usage: <${Object.keys(IMAGE_COMMANDS).join('|')}>; got "${command}"\n`);
    process.exit(64);
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the module is chosen by the command, at run time
  require(path);
}
