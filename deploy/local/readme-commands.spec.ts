import { execFileSync, spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';

import { DEMO_USERS } from '../../prisma/seed/demo-users';
import { profile, projectRoot } from './profiles';
import { readme, startTableLinks, tryItBlock } from './readme';
import { startSummary, summaryLinks } from './summary';

/**
 * The README's first hour: the table of what `npm start` prints, and the token command of "Try it", which
 * captures demo tokens in shell variables (`BRANCH=$(npm run -s auth:token -- …)`): it must print the token
 * and nothing else on stdout, and never rebuild dist/ under the running apps. The whole block runs against
 * real apps in test/e2e/readme-examples.e2e-spec.ts.
 */
describe('README commands', () => {
  const root = projectRoot();
  const token = (...args: string[]) =>
    spawnSync('npm', ['run', '-s', 'auth:token', '--', ...args], { cwd: root, encoding: 'utf8' });

  it('shows the links npm start prints, first to last, each one a page a browser opens without a token', () => {
    const printed = summaryLinks(startSummary(profile('dev')));
    expect(startTableLinks(readme())).toEqual(printed);
    expect(printed[0]).toBe('http://127.0.0.1:3000/');
    expect(printed.filter((link) => link.includes('/v1/'))).toEqual([]);
  });

  it('captures the demo tokens with the token command this test runs', () => {
    expect(tryItBlock(readme())).toContain('BRANCH=$(npm run -s auth:token -- dc-b1-committee-member)');
  });

  it('prints the token and a newline, nothing else, and leaves dist/ as it is', () => {
    const stamp = join(root, 'dist', '.build-stamp');
    const before = statSync(stamp).mtimeMs;
    const stdout = execFileSync('npm', ['run', '-s', 'auth:token', '--', 'dc-b1-committee-member'], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    expect(stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    expect(statSync(stamp).mtimeMs).toBe(before);
  });

  it('lists the demo users without a name, and only on stderr for an unknown one', () => {
    const listed = token();
    expect(listed.status).toBe(0);
    expect(
      listed.stdout
        .split('\n')
        .filter(Boolean)
        .map((line) => line.split(' ')[0]),
    ).toEqual(Object.keys(DEMO_USERS));
    const unknown = token('nobody');
    expect({ status: unknown.status, stdout: unknown.stdout }).toEqual({ status: 2, stdout: '' });
    expect(unknown.stderr).toContain('no demo user "nobody"');
  });
});
