import 'reflect-metadata';

import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

import { type Page, chromium } from 'playwright-core';

import { ApiModule } from '../../apps/api/src/api.module';
import { setupConsole } from '../../apps/api/src/console/serve-console';
import { RelayModule } from '../../apps/relay/src/relay.module';
import { TargetsModule } from '../../apps/targets/src/targets.module';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { seedDemo, summaryLines } from '../../deploy/local/demo';
import { down, migrate, seed, up } from '../../deploy/local/infra';
import { createDatabase, dropDatabase } from '../../deploy/local/postgres';
import { appEnvironment, authDir, databaseUrl, profile, projectRoot } from '../../deploy/local/profiles';
import { mintLocalToken } from '../../libs/auth/src';
import { chinaLocalDate } from '../../libs/domain/src';
import { DEMO_USERS } from '../../prisma/seed/demo-users';
import { machine, percentile, writeResult } from './bench-support';
import { boot, listening } from '../support/apps';

/**
 * The console's pages on the test profile at the demo data size, in Debian's Chromium against every app on the
 * real servers (`npm run bench:console`, BENCH_RUNS each): per page, the first load in a fresh browser context
 * (nothing cached: navigation to the page's data on screen, every spinner gone) and a load with the console's
 * files cached, and the longest of the page's API calls (request start to last byte, as the browser saw it).
 * The budgets (issue 14): first load under 2 s, each page's data under 300 ms. Results: bench-results/console.json.
 */
const bench = profile('test');
const DATABASE = 'xianfeng_bench_console';
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** BENCH_PAGES=backlog,targets measures only those pages. */
const ONLY = process.env.BENCH_PAGES?.split(',').filter(Boolean);
/**
 * BENCH_CPU_PROFILE=1 also records the page's main-thread CPU profile during its last first load (where the
 * time between the files and the data on screen goes), written to bench-results/console-<page>.cpuprofile:
 * open it in Chromium's DevTools (Performance) or summarise it with scripts/cpuprofile-summary.mjs.
 */
const CPU_PROFILE = process.env.BENCH_CPU_PROFILE === '1';
/** Each page with what shows that its data is on screen. */
const PAGES: readonly {
  readonly name: string;
  readonly path: string;
  readonly user: string;
  readonly ready: string;
}[] = [
  { name: 'signin', path: '/signin', user: '', ready: 'main button' },
  { name: 'inbox', path: '/inbox', user: 'dc-b1-committee-member', ready: 'tbody tr.ant-table-row' },
  { name: 'cases', path: '/cases', user: 'dz-organiser', ready: 'tbody tr.ant-table-row' },
  { name: 'backlog', path: '/backlog', user: 'dz-organiser', ready: 'tbody tr.ant-table-row' },
  { name: 'targets', path: '/targets', user: 'dz-organiser', ready: '[role="img"] canvas' },
  { name: 'reserve', path: '/reserve', user: 'dz-organiser', ready: 'tbody tr.ant-table-row' },
  { name: 'org', path: '/org', user: 'zzb-officer', ready: '[role="tree"] .ant-tree-treenode' },
];

/** The page's data is on screen: its own content shows and no spinner or skeleton is left. */
async function dataOnScreen(page: Page, ready: string): Promise<void> {
  await page.locator(ready).first().waitFor();
  // `.first()` of a selector re-evaluated on each poll: detached once nothing matches any more.
  await page.locator('.ant-spin-spinning, .ant-skeleton-active').first().waitFor({ state: 'detached' });
}

interface Load {
  /** Navigation to the page's data on screen. */
  readonly loadMs: number;
  /** Navigation to the first API call: the page's files fetched, parsed and run. */
  readonly bootMs: number;
  /** First API call sent to the last answer received before the data showed (calls in sequence add up). */
  readonly dataMs: number;
  readonly slowestApiMs: number;
  /** Every request of the load (files and API calls), from navigation: where the time went. */
  readonly timeline: readonly { readonly path: string; readonly startMs: number; readonly endMs: number }[];
}

async function load(page: Page, url: string, ready: string, profileTo?: string): Promise<Load> {
  const requests: { path: string; start: number; end: number }[] = [];
  const onFinished = (request: import('playwright-core').Request) => {
    // startTime is wall-clock milliseconds; the others are relative to it (-1 when not reached).
    const timing = request.timing();
    if (timing.responseEnd < 0) return;
    const { pathname, search } = new URL(request.url());
    const start = timing.startTime + Math.max(0, timing.requestStart);
    requests.push({ path: pathname + search, start, end: timing.startTime + timing.responseEnd });
  };
  page.on('requestfinished', onFinished);
  const cdp = profileTo ? await page.context().newCDPSession(page) : undefined;
  if (cdp) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
    await cdp.send('Profiler.start');
  }
  const started = Date.now();
  await page.goto(url);
  await dataOnScreen(page, ready);
  const shown = Date.now();
  if (cdp && profileTo) {
    const { profile: cpu } = await cdp.send('Profiler.stop');
    mkdirSync(dirname(profileTo), { recursive: true });
    writeFileSync(profileTo, JSON.stringify(cpu));
    await cdp.detach();
  }
  // Calls still running (a second page of a list, a chart's details) count for the slowest call too.
  await page.waitForLoadState('networkidle');
  page.off('requestfinished', onFinished);
  const calls = requests.filter((each) => each.path.startsWith('/v1/'));
  const before = calls.filter((call) => call.end <= shown);
  const firstCall = Math.min(...before.map((call) => call.start));
  return {
    loadMs: shown - started,
    bootMs: before.length > 0 ? firstCall - started : shown - started,
    dataMs: before.length > 0 ? Math.max(...before.map((call) => call.end)) - firstCall : 0,
    slowestApiMs: Math.max(0, ...calls.map((call) => call.end - call.start)),
    timeline: requests
      .sort((a, b) => a.start - b.start)
      .map((each) => ({
        path: each.path,
        startMs: Math.round(each.start - started),
        endMs: Math.round(each.end - started),
      })),
  };
}

const stats = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return { p50: Math.round(percentile(sorted, 50)), max: Math.round(sorted[sorted.length - 1] ?? NaN) };
};

async function main(): Promise<void> {
  const consoleDir = join(projectRoot(), 'dist', 'console');
  if (!existsSync(join(consoleDir, 'index.html'))) throw new Error('no dist/console: npm run build');
  await down(bench);
  await up(bench);
  await dropDatabase(bench, DATABASE);
  await createDatabase(bench, DATABASE);
  await migrate(bench, DATABASE);
  await seed(bench, DATABASE);
  Object.assign(process.env, appEnvironment(bench), {
    DATABASE_URL: databaseUrl(bench, DATABASE),
    LOG_LEVEL: 'error',
    CONSOLE_DIR: consoleDir,
    TARGETS_CONSUMER_GROUP: `xianfeng-targets-bench-${randomUUID()}`,
    TARGETS_ALERTS_INTERVAL_SECONDS: '0',
    RATE_LIMIT_PER_ADDRESS: '0',
    RATE_LIMIT_PER_CALLER: '0',
  });
  const targets = await boot(TargetsModule);
  const targetsUrl = await listening(targets);
  process.env.TARGETS_UPSTREAM_URL = targetsUrl;
  const apps = [targets, await boot(WorkerModule), await boot(RelayModule)];
  const api = await boot(ApiModule, setupConsole);
  apps.push(api);
  const url = await listening(api);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  try {
    const demo = await seedDemo({
      apiUrl: url,
      targetsUrl,
      authDir: authDir(bench),
      anchor: chinaLocalDate(new Date()),
    });
    const { failures } = summaryLines(demo);
    if (failures.length > 0) throw new Error(failures.join('\n'));
    const pages = [];
    for (const each of PAGES.filter((candidate) => !ONLY || ONLY.includes(candidate.name))) {
      const cold: Load[] = [];
      const warm: Load[] = [];
      for (let run = 0; run < RUNS; run++) {
        const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
        if (each.user) {
          const token = await mintLocalToken(authDir(bench), DEMO_USERS[each.user]!);
          const session = JSON.stringify({
            token,
            expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
            user: { subject: each.user, name: DEMO_USERS[each.user]!.name, orgUnit: '', roles: [] },
          });
          await context.addInitScript(
            `sessionStorage.setItem('xianfeng.session', ${JSON.stringify(session)})`,
          );
        }
        const page = await context.newPage();
        const profileTo =
          CPU_PROFILE && run === RUNS - 1
            ? join(projectRoot(), 'bench-results', `console-${each.name}.cpuprofile`)
            : undefined;
        cold.push(await load(page, `${url}${each.path}`, each.ready, profileTo));
        warm.push(await load(page, `${url}${each.path}`, each.ready));
        await context.close();
      }
      pages.push({
        page: each.name,
        path: each.path,
        user: each.user || null,
        firstLoadMs: stats(cold.map((l) => l.loadMs)),
        cachedLoadMs: stats(warm.map((l) => l.loadMs)),
        firstLoadBootMs: stats(cold.map((l) => l.bootMs)),
        firstLoadDataMs: stats(cold.map((l) => l.dataMs)),
        lastFirstLoadTimeline: cold[cold.length - 1]?.timeline ?? [],
        slowestApiCallMs: stats([...cold, ...warm].map((l) => l.slowestApiMs)),
      });
    }
    writeResult('console', {
      benchmark: 'console pages (issue 14)',
      runs: RUNS,
      budgets: { firstLoadMs: 2000, pageDataMs: 300 },
      machine: machine(),
      pages,
    });
  } finally {
    await browser.close();
    await Promise.all(apps.map((app) => app.close()));
    await down(bench);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
