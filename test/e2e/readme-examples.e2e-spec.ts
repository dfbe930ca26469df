import { spawn } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';

import { APPS } from '../../deploy/local/apps';
import { projectRoot } from '../../deploy/local/profiles';
import { readme, tryItBlock } from '../../deploy/local/readme';
import { startSummary, summaryLinks } from '../../deploy/local/summary';
import { type RunningApps, startAllApps } from '../support/apps';
import { useIsolatedDatabase } from '../support/database';
import { testProfile } from '../support/test-profile';

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** bash -c script in the project folder, in an environment as bare as a new login shell's. */
function bash(script: string, env: Record<string, string>): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-c', script], {
      cwd: projectRoot(),
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * The README's first hour, run as a reader runs it: the apps listen on the test profile's ports (what
 * `npm start` prints for the test profile), the "Try it" block runs verbatim in bash with only its host:port
 * rewritten to those ports, and `npm run -s auth:token` mints from the test profile's issuer
 * (XIANFENG_PROFILE=test). An extra line on the token command's stdout, a rebuild, a moved endpoint or a
 * changed answer fails here.
 */
describe('README examples', () => {
  let apps: RunningApps;
  const ports = testProfile.apps;

  beforeAll(async () => {
    await useIsolatedDatabase('e2e_readme');
    apps = await startAllApps();
    await Promise.all(APPS.map((name) => apps[name].listen(ports[name], '127.0.0.1')));
  }, 180_000);

  afterAll(async () => {
    await apps?.close();
  });

  it('every link npm start prints answers a GET without a token', async () => {
    const links = summaryLinks(startSummary(testProfile));
    expect(links.length).toBeGreaterThan(0);
    const answers = await Promise.all(
      links.map(async (link) => ({ link, status: (await fetch(link)).status })),
    );
    expect(answers).toEqual(links.map((link) => ({ link, status: 200 })));
  });

  it('"Try it" creates a case, lists its talk in the inbox, and answers the summary and targets as JSON', async () => {
    const script = tryItBlock(readme())
      .replaceAll('127.0.0.1:3000', `127.0.0.1:${ports.api}`)
      .replaceAll('127.0.0.1:3003', `127.0.0.1:${ports.targets}`);
    expect(script).not.toMatch(/127\.0\.0\.1:300\d/);
    const stamp = join(projectRoot(), 'dist', '.build-stamp');
    const builtAt = statSync(stamp).mtimeMs;

    const run = await bash(script, {
      HOME: process.env.HOME ?? '/root',
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      XIANFENG_PROFILE: 'test',
      ...(process.env.XIANFENG_TEST_SLOT ? { XIANFENG_TEST_SLOT: process.env.XIANFENG_TEST_SLOT } : {}),
    });

    // Each curl prints one line of JSON; anything else (a problem, an empty answer) shows with the block's stderr.
    const lines = run.stdout.split('\n').filter((line) => line !== '');
    const context = `stdout:\n${run.stdout}\nstderr:\n${run.stderr}`;
    expect({ code: run.code, lines: lines.length, context }).toEqual({ code: 0, lines: 4, context });
    const [created, inbox, summary, targets] = lines.map((line) => JSON.parse(line) as unknown);
    const caseId = (created as { id?: unknown }).id;

    expect(created).toMatchObject({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      status: 'OPEN',
      currentStep: 1,
      applicant: { name: '张三', nationalIdMasked: '*****************7' },
    });
    expect(inbox).toMatchObject({
      orgUnit: { code: 'DX-DZ-DC-B1' },
      items: expect.arrayContaining([
        expect.objectContaining({
          caseId,
          action: 'RECORD_TALK',
          endpoint: `/v1/member-cases/${String(caseId)}/talk`,
        }),
      ]),
    });
    expect(summary).toMatchObject({ orgUnit: { code: 'DX-DZ' }, total: { open: expect.any(Number) } });
    expect((summary as { total: { open: number } }).total.open).toBeGreaterThanOrEqual(1);
    expect(targets).toMatchObject({
      orgUnit: { code: 'DX-DZ' },
      year: new Date().getFullYear(),
      actuals: expect.objectContaining({ applicants: expect.any(Number) }),
    });

    // Beside running apps the commands use dist/ as built: no rebuild under them.
    expect(statSync(stamp).mtimeMs).toBe(builtAt);
  }, 120_000);
});
