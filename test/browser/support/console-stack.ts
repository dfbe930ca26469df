import { existsSync, mkdirSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';

import AxeBuilder from '@axe-core/playwright';
import { type Browser, type Page, chromium } from 'playwright-core';

import { ApiModule } from '../../../apps/api/src/api.module';
import { setupConsole } from '../../../apps/api/src/console/serve-console';
import { setupOpenApi } from '../../../apps/api/src/openapi/openapi';
import { setupTargetsOpenApi } from '../../../apps/targets/src/openapi';
import { TargetsModule } from '../../../apps/targets/src/targets.module';
import { WorkerModule } from '../../../apps/worker/src/worker.module';
import { type DemoReport, seedDemo, summaryLines } from '../../../deploy/local/demo';
import { DemoClient } from '../../../deploy/local/demo/client';
import { authDir, projectRoot } from '../../../deploy/local/profiles';
import { DEMO_USERS } from '../../../prisma/seed/demo-users';
import { chinaLocalDate } from '../../../libs/domain/src';
import { useIsolatedDatabase } from '../../support/database';
import { testProfile } from '../../support/test-profile';
import { boot, listening } from '../../support/apps';

/** Debian's Chromium (apt package `chromium`); Playwright's own browser download is not reachable here. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Where the pages' screenshots are kept (test artefacts, git-ignored). */
export const SCREENSHOTS = join(projectRoot(), 'test-results', 'console');

export interface ConsoleStack {
  /** The console and the API, on one origin. */
  readonly url: string;
  readonly demo: DemoReport;
  /** Sends requests as the demo users, as the seeding does (to set a scene up). */
  readonly client: DemoClient;
  readonly browser: Browser;
  close(): Promise<void>;
}

/**
 * The api, worker and targets apps on ports of their own, against this file's own database, the console served
 * by the API from dist/console (`npm run build` writes it), the demo county seeded through the API as
 * `npm start` seeds it, and Debian's Chromium.
 */
export async function startConsoleStack(label: string): Promise<ConsoleStack> {
  // CONSOLE_BUILD_DIR: a console built elsewhere (`vite build --outDir …`); else the profile's dist/console.
  const consoleDir = process.env.CONSOLE_BUILD_DIR ?? join(projectRoot(), 'dist', 'console');
  process.env.CONSOLE_DIR = consoleDir;
  if (!existsSync(join(consoleDir, 'index.html'))) {
    throw new Error(`no console build in ${consoleDir}: run \`npm run build\` first (npm test does)`);
  }
  if (!existsSync(CHROMIUM)) {
    throw new Error(`no Chromium at ${CHROMIUM}: apt-get install chromium fonts-noto-cjk (.ci/run does)`);
  }
  mkdirSync(SCREENSHOTS, { recursive: true });
  await useIsolatedDatabase(`browser_${label}`);
  process.env.TARGETS_CONSUMER_GROUP = `xianfeng-targets-browser-${randomUUID()}`;
  process.env.TARGETS_ALERTS_INTERVAL_SECONDS = '0';
  const targets = await boot(TargetsModule, setupTargetsOpenApi);
  const targetsUrl = await listening(targets);
  process.env.TARGETS_UPSTREAM_URL = targetsUrl;
  // No relay: the demo cases' events stay in this database's outbox, since other suites count what the shared
  // Kafka topics carry for the demo county's units (the targets page shows the quotas, with no actuals counted).
  const [api, worker] = await Promise.all([
    boot(ApiModule, (app) => {
      setupConsole(app);
      setupOpenApi(app);
    }),
    boot(WorkerModule),
  ]);
  const url = await listening(api);
  // Keys of this stack's own: the demo data suite seeds the same county into the same Temporal server.
  const endpoints = {
    apiUrl: url,
    targetsUrl,
    authDir: authDir(testProfile),
    keyPrefix: `xf-demo-${randomUUID()}`,
  };
  let demo: DemoReport;
  let browser: Browser;
  try {
    demo = await seedDemo({ ...endpoints, anchor: chinaLocalDate(new Date()) });
    const { failures } = summaryLines(demo);
    if (failures.length > 0) throw new Error(`demo data failed:\n${failures.join('\n')}`);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      // Root in CI containers: Chromium's sandbox needs user namespaces it may not have.
      args: ['--no-sandbox', '--lang=zh-CN'],
    });
  } catch (error) {
    // Apps left running would keep Jest from ever exiting.
    await Promise.all([api, worker, targets].map((app) => app.close()));
    throw error;
  }
  const client = new DemoClient(endpoints);
  return {
    url,
    demo,
    client,
    browser,
    close: async () => {
      await browser.close();
      // The review Schedules live in the shared Temporal server: leave none behind for the other suites.
      for (const [township, as] of [
        ['DX-DZ', 'dz-organiser'],
        ['DX-XZ', 'xz-organiser'],
      ] as const) {
        await client
          .send({ as, method: 'DELETE', path: `/v1/reserve-pool/review-schedules/${township}` })
          .catch(() => undefined);
      }
      await Promise.all([api, worker, targets].map((app) => app.close()));
      delete process.env.TARGETS_UPSTREAM_URL;
      delete process.env.TARGETS_ALERTS_INTERVAL_SECONDS;
      delete process.env.TARGETS_CONSUMER_GROUP;
    },
  };
}

/** A fresh browser page signed in as a demo user through the sign-in page, as a person would. */
export async function signedInPage(stack: ConsoleStack, user: string, path = '/inbox'): Promise<Page> {
  const context = await stack.browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${stack.url}/signin?next=${encodeURIComponent(path)}`);
  const claims = DEMO_USERS[user];
  if (!claims) throw new Error(`no demo user ${user}`);
  await page.getByRole('button', { name: `以${claims.name}身份登录` }).click();
  await page.waitForURL((url) => url.pathname === path.split('?')[0]);
  return page;
}

/** Keeps a full-page screenshot of what the page shows now as a test artefact (look at them). */
export async function screenshot(page: Page, name: string): Promise<string> {
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/**
 * What axe finds against WCAG 2.1 A and AA on the page as it is now (labels, names, contrast, landmarks), as
 * `rule: target…` lines: a test expects none.
 */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return result.violations.map(
    (violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
  );
}
