import { type Page } from 'playwright-core';

import { type CaseJob, demoPerson, runCase } from '../../../deploy/local/demo/cases';
import { CHINA_WORKING_DAYS, type LocalDate, addDays, chinaLocalDate } from '../../../libs/domain/src';
import {
  type ConsoleStack,
  accessibilityViolations,
  screenshot,
  signedInPage,
} from '../support/console-stack';

const ORGANISER = 'dz-organiser';
const COUNTY = 'zzb-officer';

interface Reservist {
  readonly code: string;
  readonly name: string;
  readonly village: 'DX-DZ-DC' | 'DX-DZ-XC' | 'DX-DZ-NC';
  /** Days before today the notice (公示) started: five working days later it ends. */
  readonly noticeStartedDaysAgo: number;
}

// People of the scenario's own (a series the demo county does not use), recommended to 东镇's villages.
const RESERVISTS: readonly Reservist[] = [
  { code: 'bl1', name: '苗青山', village: 'DX-DZ-DC', noticeStartedDaysAgo: 20 },
  { code: 'bl2', name: '柯晓岚', village: 'DX-DZ-XC', noticeStartedDaysAgo: 16 },
  // Its notice is still running: closing it today is refused (NOTICE_NOT_FINISHED).
  { code: 'bl3', name: '甘子墨', village: 'DX-DZ-NC', noticeStartedDaysAgo: 1 },
];

/** 三推二审一选一公示 up to a notice that started `noticeStartedDaysAgo` days ago, as the demo county records it. */
function reservistJob(reservist: Reservist, index: number, today: LocalDate): CaseJob {
  const noticeStart = addDays(today, -reservist.noticeStartedDaysAgo);
  const recommended = addDays(noticeStart, -12);
  const noticeEnd = CHINA_WORKING_DAYS.lastDayOfPeriod(noticeStart, 5).value;
  const step = (days: number, as: string, path: string, body: object) => ({
    as,
    path,
    body: { date: addDays(recommended, days), ...body },
  });
  return {
    kind: 'reserve',
    code: `console-${reservist.code}`,
    name: reservist.name,
    label: 'entering',
    group: 'LOCAL_GRADUATE',
    open: {
      as: ORGANISER,
      body: {
        village: reservist.village,
        category: 'LOCAL_GRADUATE',
        channel: 'ORGANISATION',
        by: '村党组织',
        recommendedOn: recommended,
        person: demoPerson(500, index, reservist.name, '1998-05-20', index % 2 === 0 ? 'M' : 'F'),
      },
    },
    steps: [
      step(1, ORGANISER, 'recommendations', { channel: 'MEMBERS_AND_MASSES', by: '党员群众' }),
      step(3, ORGANISER, 'qualification-review', {
        education: 'BACHELOR',
        politicalStatus: 'LEAGUE_MEMBER',
        negativeRecords: [],
      }),
      step(6, COUNTY, 'joint-vetting', {
        departments: ['纪委监委', '公安局', '信访局'].map((department) => ({
          department,
          result: 'PASS',
          note: '',
        })),
      }),
      step(10, ORGANISER, 'selection', {
        approved: true,
        committeeVote: { members: 9, present: 8, yes: 8 },
        minutesRef: `党委会纪要〔${recommended.slice(0, 4)}〕9${index}号`,
      }),
      { as: ORGANISER, path: 'notice', body: { date: noticeStart, end: noticeEnd, scope: '村务公开栏' } },
    ],
  };
}

/** The rows of the backlog's task table (the second table: the first is the summary's). */
const taskRows = (page: Page) => page.getByRole('table').nth(1).locator('tbody tr.ant-table-row');

/** Waits until `check` holds (the console's CSP forbids the string functions waitForFunction would send). */
async function until(what: string, check: () => Promise<boolean>, timeout = 30_000): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeout) throw new Error(`waited ${timeout} ms for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Waits until the task table lists `count` rows (after a filter or a refresh). */
const taskCount = (page: Page, count: number) =>
  until(`${count} tasks listed`, async () => (await taskRows(page).count()) === count);

const drawerButton = (page: Page, name: string | RegExp) =>
  page.locator('.ant-drawer').getByRole('button', { name });

/**
 * 审批台: a township's counts per child unit, and a batch of notice closings previewed item by item — two
 * notices have run their course, one has not — then recorded for the accepted two only.
 */
export function backlogScenarios(stack: () => ConsoleStack): void {
  describe('审批台', () => {
    beforeAll(async () => {
      const today = chinaLocalDate(new Date());
      for (const [index, reservist] of RESERVISTS.entries()) {
        await runCase(stack().client, reservistJob(reservist, index, today));
      }
    }, 300_000);

    it("shows the township's open tasks per child unit, by deadline and by time waiting", async () => {
      const summary = (
        await stack().client.send({ as: ORGANISER, method: 'GET', path: '/v1/backlog/summary' })
      ).body as {
        total: { open: number; overdue: number };
        children: { orgUnit: { code: string; name: string }; open: number; overdue: number }[];
      };
      const page = await signedInPage(stack(), ORGANISER, '/backlog');
      const units = page.getByRole('table').first();
      await units
        .getByRole('button', { name: /只看.+的待办/ })
        .first()
        .waitFor();
      for (const child of summary.children) {
        const row = units
          .getByRole('row')
          .filter({ has: page.getByRole('button', { name: `只看${child.orgUnit.name}的待办` }) });
        // 单位, 待办, 已逾期, …
        const cells = await row.getByRole('cell').allTextContents();
        expect(cells.slice(0, 3)).toEqual([child.orgUnit.name, String(child.open), String(child.overdue)]);
      }
      const total = await units.locator('.ant-table-summary').getByRole('cell').allTextContents();
      expect(total.slice(0, 3)).toEqual(['合计', String(summary.total.open), String(summary.total.overdue)]);
      await expect(page.getByRole('img', { name: /东镇党委共有待办\d+项/ }).isVisible()).resolves.toBe(true);
      await taskRows(page).first().waitFor();
      await screenshot(page, 'backlog');
      expect(await accessibilityViolations(page)).toEqual([]);

      // The aging chart by time waiting instead of by deadline.
      await page.getByText('按等待时长').click();
      await until('the chart by time waiting', () =>
        page.getByRole('radio', { name: '按等待时长' }).isChecked(),
      );

      // A child unit's name keeps its tasks only (in the URL, so the view can be linked to).
      const village = summary.children.find((child) => child.open > 0)!;
      await page.getByRole('button', { name: `只看${village.orgUnit.name}的待办` }).click();
      await page.waitForURL((url) => url.searchParams.get('orgUnit') === village.orgUnit.code);
      await taskCount(page, Math.min(village.open, 50));
      await expect(page.getByRole('button', { name: '返回本人全部范围' }).isVisible()).resolves.toBe(true);
      await screenshot(page, 'backlog-child-unit');
      expect(await accessibilityViolations(page)).toEqual([]);
      await page.context().close();
    });

    it('a township clears a mixed batch after the preview', async () => {
      const page = await signedInPage(
        stack(),
        ORGANISER,
        '/backlog?workflowKind=RESERVE_POOL&action=CLOSE_NOTICE',
      );
      const rows = taskRows(page);
      await taskCount(page, 3);
      expect(
        (await rows.allTextContents()).map((text) => RESERVISTS.find((r) => text.includes(r.name))?.name),
      ).toEqual(expect.arrayContaining(RESERVISTS.map((r) => r.name)));
      for (const reservist of RESERVISTS) {
        await page.getByRole('checkbox', { name: new RegExp(`^选择${reservist.name}的`) }).check();
      }
      await expect(page.getByText('已选3项').isVisible()).resolves.toBe(true);
      await screenshot(page, 'backlog-selected');
      await page.getByRole('button', { name: '批量办理' }).click();

      // The decision the three share: today's date (the API's example body), no objections to answer.
      const check = drawerButton(page, '预检');
      await check.waitFor();
      await expect(page.locator('.ant-drawer').getByLabel('业务日期').inputValue()).resolves.toBe(
        chinaLocalDate(new Date()),
      );
      await screenshot(page, 'backlog-bulk-form');
      expect(await accessibilityViolations(page)).toEqual([]);
      await check.click();

      const summary = page.locator('.ant-drawer').getByText('预检结果：可以办理2项，不予办理1项');
      await summary.waitFor();
      const preview = page.locator('.ant-drawer').getByRole('table');
      const previewRow = (name: string) => preview.getByRole('row').filter({ hasText: name });
      for (const accepted of RESERVISTS.slice(0, 2)) {
        await expect(previewRow(accepted.name).getByText('可以办理').isVisible()).resolves.toBe(true);
      }
      const refused = previewRow(RESERVISTS[2]!.name);
      await expect(refused.getByText('不予办理（422）').isVisible()).resolves.toBe(true);
      // The rule's own words: the notice must run its course first.
      expect(await refused.textContent()).toMatch(/公示于\d{4}-\d{2}-\d{2}期满后方可/);
      await drawerButton(page, '确认办理2项').scrollIntoViewIfNeeded();
      await screenshot(page, 'backlog-bulk-preview');
      expect(await accessibilityViolations(page)).toEqual([]);

      await drawerButton(page, '确认办理2项').click();
      const dialog = page.locator('.ant-modal-confirm');
      await dialog.locator('.ant-modal-confirm-title', { hasText: '确认办理2项？' }).waitFor();
      await screenshot(page, 'backlog-bulk-confirm');
      await dialog.getByRole('button', { name: '确认办理' }).click();

      await page.locator('.ant-drawer').getByText('已记录2项').waitFor();
      await dialog.waitFor({ state: 'hidden' });
      const outcome = page.locator('.ant-drawer').getByRole('table');
      expect(await outcome.getByText('已记录').count()).toBe(2);
      await screenshot(page, 'backlog-bulk-recorded');
      expect(await accessibilityViolations(page)).toEqual([]);
      await page.locator('.ant-drawer-footer').getByRole('button', { name: '关闭' }).click();
      await page.locator('.ant-drawer-content-wrapper').waitFor({ state: 'hidden' });

      // The two closed notices left the backlog (the reservists entered the pool); the running one stays.
      await taskCount(page, 1);
      expect(await rows.first().textContent()).toContain(RESERVISTS[2]!.name);
      await screenshot(page, 'backlog-after-batch');
      expect(await accessibilityViolations(page)).toEqual([]);

      for (const [index, reservist] of RESERVISTS.entries()) {
        const listed = (
          await stack().client.send({
            as: ORGANISER,
            method: 'GET',
            path: '/v1/reserve-pool/entries',
            query: { name: reservist.name },
          })
        ).body as { items: { status: string }[] };
        expect(listed.items.map((item) => item.status)).toEqual([index < 2 ? 'ACTIVE' : 'ENTERING']);
      }
      await page.context().close();
    });
  });
}
