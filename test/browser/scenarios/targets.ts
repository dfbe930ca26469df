import { readFile } from 'node:fs/promises';

import { type Locator, type Page } from 'playwright-core';

import { chinaLocalDate } from '../../../libs/domain/src';
import { rowsOf, workbookOf } from '../../support/workbook';
import {
  type ConsoleStack,
  accessibilityViolations,
  screenshot,
  signedInPage,
} from '../support/console-stack';

const PLANNER = 'dz-organiser';
const TOWNSHIP = 'DX-DZ';

/** The 发展党员 metrics the dashboard opens with, by the names the console gives them. */
const MEMBER_METRICS: Readonly<Record<string, string>> = {
  applicants: '入党申请人',
  activists: '入党积极分子',
  'development-targets': '发展对象',
  'new-probationary-members': '发展党员（预备党员）',
  conversions: '预备党员转正',
};

interface UnitFigures {
  readonly orgUnit: { readonly code: string; readonly name: string };
  readonly actuals: Readonly<Record<string, number>>;
  readonly quotas: Readonly<Record<string, number | null>>;
}
interface Progress extends UnitFigures {
  readonly children: readonly UnitFigures[];
}
interface Forecast {
  readonly orgUnit: { readonly name: string };
  readonly metrics: Readonly<Record<string, { readonly status: string }>>;
  readonly children: readonly Omit<Forecast, 'children'>[];
}
interface Shares {
  readonly orgUnit: { readonly code: string };
  readonly cadres: { readonly serving: number; readonly share: number | null };
  readonly secretaries: { readonly serving: number; readonly share: number | null };
  readonly children: readonly Omit<Shares, 'children'>[];
}

/** The cells' texts of the table row whose first cell reads `first`. */
async function rowCells(table: Locator, first: string): Promise<string[]> {
  const row = table
    .locator('tbody tr')
    .filter({ has: table.page().getByRole('cell', { name: first, exact: true }) });
  return (await row.first().locator('td').allTextContents()).map((text) => text.trim());
}

/** Every chart box on the page has drawn its canvas at a size. */
async function expectChartsDrawn(page: Page, atLeast: number): Promise<void> {
  const canvases = page.locator('[role="img"] canvas');
  await page.waitForFunction(`document.querySelectorAll('[role="img"] canvas').length >= ${atLeast}`);
  for (const canvas of await canvases.all()) {
    const box = await canvas.boundingBox();
    expect(box?.width ?? 0).toBeGreaterThan(100);
    expect(box?.height ?? 0).toBeGreaterThan(100);
  }
}

/** 目标: a planner's dashboard against the targets app's own answers, and its Excel export. */
export function targetsScenarios(stack: () => ConsoleStack): void {
  describe('目标', () => {
    const year = Number(chinaLocalDate(new Date()).slice(0, 4));
    const get = async <T>(path: string, query: Record<string, string | number>): Promise<T> =>
      (await stack().client.send({ app: 'targets', as: PLANNER, method: 'GET', path, query })).body as T;

    it('a planner reads the dashboard and exports it', async () => {
      const progress = await get<Progress>('/v1/targets', { orgUnit: TOWNSHIP, year });
      const forecast = await get<Forecast>('/v1/targets/forecast', { orgUnit: TOWNSHIP, year });
      const shares = await get<Shares>('/v1/targets/village-cadres', { orgUnit: TOWNSHIP });
      const page = await signedInPage(stack(), PLANNER, '/targets');

      const unitCard = page.locator('.ant-card', { hasText: `${progress.orgUnit.name}（含下级）计划与完成` });
      const unitTable = unitCard.getByRole('table');
      await unitTable.getByRole('cell', { name: '入党积极分子', exact: true }).waitFor();
      // The township's bars, its children's and the two 8595 gauges.
      await expectChartsDrawn(page, 4);
      for (const [metric, name] of Object.entries(MEMBER_METRICS)) {
        const [, quota, actual] = await rowCells(unitTable, name);
        expect({ metric, quota, actual }).toEqual({
          metric,
          quota: String(progress.quotas[metric] ?? '—'),
          actual: String(progress.actuals[metric]),
        });
      }
      // Every metric behind today, of the township and of each child, is listed with its severity.
      const alerts = page.locator('.ant-card', { hasText: '进度预警' }).first();
      const behind = [forecast, ...forecast.children].flatMap((unit) =>
        Object.entries(unit.metrics)
          .filter(([, figures]) => figures.status === 'UNREACHABLE' || figures.status === 'BEHIND_PACE')
          .map(([metric, figures]) => ({ unit: unit.orgUnit.name, metric, status: figures.status })),
      );
      if (behind.length === 0) {
        await alerts.getByText(/各项已下达计划的指标进度正常/).waitFor();
      } else {
        const unreachable = behind.filter((each) => each.status === 'UNREACHABLE').length;
        await expect(alerts.getByRole('alert').first().textContent()).resolves.toContain(
          `${unreachable}项预计无法完成，${behind.length - unreachable}项进度滞后`,
        );
        // The table lists the worst first, a page at a time: look for one of the township's worst.
        const township = behind.filter(
          (each) => MEMBER_METRICS[each.metric] && each.unit === forecast.orgUnit.name,
        );
        const first = township.find((each) => each.status === 'UNREACHABLE') ?? township[0];
        if (first) {
          const listed = alerts
            .locator('tbody tr')
            .filter({ hasText: MEMBER_METRICS[first.metric] })
            .filter({ hasText: first.unit });
          await expect(listed.first().textContent()).resolves.toContain(
            first.status === 'UNREACHABLE' ? '预计无法完成' : '进度滞后',
          );
        }
      }
      await screenshot(page, 'targets');
      expect(await accessibilityViolations(page)).toEqual([]);

      const downloading = page.waitForEvent('download');
      await page.getByRole('button', { name: '导出Excel' }).click();
      const download = await downloading;
      expect(download.suggestedFilename()).toBe(`${TOWNSHIP}-targets-${year}.xlsx`);
      const workbook = await workbookOf(await readFile(await download.path()));
      const sheet = rowsOf(workbook, '计划与完成');
      for (const unit of [progress, ...progress.children]) {
        for (const [metric, actual] of Object.entries(unit.actuals)) {
          const row = sheet.find((r) => r['组织代码'] === unit.orgUnit.code && r['指标代码'] === metric);
          expect({
            unit: unit.orgUnit.code,
            metric,
            quota: row?.['计划数'],
            actual: row?.['完成数'],
          }).toEqual({
            unit: unit.orgUnit.code,
            metric,
            quota: unit.quotas[metric] ?? null,
            actual,
          });
        }
      }
      const cadreSheet = rowsOf(workbook, '村干部学历结构');
      for (const unit of [shares, ...shares.children]) {
        const row = cadreSheet.find(
          (r) => r['组织代码'] === unit.orgUnit.code && r['对象'] === '村“两委”成员',
        );
        expect([row?.['在任人数'], row?.['占比']]).toEqual([unit.cadres.serving, unit.cadres.share]);
      }
      await page.context().close();
    });

    it('drills down into a village and shows its 8595 shares, and the county sees its townships', async () => {
      const page = await signedInPage(stack(), PLANNER, '/targets');
      const children = page.locator('.ant-card', { hasText: '下级单位' });
      await children.getByRole('button', { name: '东村党委' }).click();
      await page.waitForURL(/unit=DX-DZ-DC/);
      await page.locator('.ant-breadcrumb').getByText('东镇党委').waitFor();
      await page
        .locator('.ant-card', { hasText: '东村党委（含下级）计划与完成' })
        .getByRole('table')
        .waitFor();
      const shares = await get<Shares>('/v1/targets/village-cadres', { orgUnit: 'DX-DZ-DC' });
      const gauges = page.locator('.ant-card', { hasText: '村干部学历结构（8595）' });
      await gauges
        .getByText(new RegExp(`在任${shares.cadres.serving}人`))
        .first()
        .waitFor();
      await expectChartsDrawn(page, 3);
      await screenshot(page, 'targets-village');
      expect(await accessibilityViolations(page)).toEqual([]);
      await page.context().close();

      const county = await signedInPage(stack(), 'zzb-officer', '/targets');
      await county
        .locator('.ant-card', { hasText: '下级单位' })
        .getByRole('button', { name: '西镇党委' })
        .waitFor();
      await county.getByText('村干部选任', { exact: true }).click();
      await county.getByRole('cell', { name: '全部项目：任职', exact: true }).waitFor();
      await expectChartsDrawn(county, 4);
      await screenshot(county, 'targets-county-cadres');
      expect(await accessibilityViolations(county)).toEqual([]);
      await county.context().close();
    });
  });
}
