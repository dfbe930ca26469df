import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { projectRoot } from './profiles';

/**
 * The README captures demo tokens in shell variables (`BRANCH=$(npm run -s auth:token -- …)`): the command
 * must print the token and nothing else on stdout, build output included.
 */
describe('README commands', () => {
  const root = projectRoot();

  it('shows the token command this test runs', () => {
    expect(readFileSync(join(root, 'README.md'), 'utf8')).toContain(
      'BRANCH=$(npm run -s auth:token -- dc-b1-committee-member)',
    );
  });

  it('prints only the token on stdout, so that $(…) captures exactly it', () => {
    const stdout = execFileSync('npm', ['run', '-s', 'auth:token', '--', 'dc-b1-committee-member'], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    expect(stdout.trimEnd()).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
  });
});
