import { type Page } from 'playwright-core';

import { nationalIdFor } from '../../support/fixtures';
import {
  type ConsoleStack,
  accessibilityViolations,
  screenshot,
  signedInPage,
} from '../support/console-stack';

const COUNTY = 'zzb-officer';
const HEADER = '姓名,公民身份号码,出生日期,性别,所在党组织代码,党员类别';
/** A person of this scenario's own (a birth date and series the demo county does not use). */
const NEWCOMER = `伍思远,${nationalIdFor('19910309', '871')},1991-03-09,男,DX-XZ-BC,正式`;

interface MemberPage {
  readonly items: readonly { readonly name: string }[];
}

const csv = (name: string, lines: readonly string[]) => ({
  name,
  mimeType: 'text/csv',
  buffer: Buffer.from(`${[HEADER, ...lines].join('\n')}\n`, 'utf8'),
});

/** Opens a unit's branch in the tree (its children are loaded when it opens) and picks a child. */
async function openInTree(page: Page, parent: string, child: string): Promise<void> {
  const tree = page.getByRole('tree', { name: '组织树' });
  const closed = tree.locator('.ant-tree-treenode-switcher-close', {
    has: page.getByText(parent, { exact: true }),
  });
  if ((await closed.count()) > 0) await closed.first().locator('.ant-tree-switcher').click();
  await tree.getByText(child, { exact: true }).click();
  await page.locator('.ant-card-head', { hasText: child }).waitFor();
}

/** 组织: the tree, a unit and its roster, and the county org department's imports with their dry run. */
export function orgScenarios(stack: () => ConsoleStack): void {
  describe('组织', () => {
    it('expands the tree and shows a unit with its members', async () => {
      const page = await signedInPage(stack(), COUNTY, '/org');
      const tree = page.getByRole('tree', { name: '组织树' });
      await tree.getByText('东镇党委', { exact: true }).waitFor();
      await openInTree(page, '东镇党委', '东村党委');
      await page.getByRole('cell', { name: '村党委', exact: true }).first().waitFor();
      await screenshot(page, 'org-tree');
      expect(await accessibilityViolations(page)).toEqual([]);

      await page.getByRole('tab', { name: '党员名册' }).click();
      const expected = (
        await stack().client.send({
          as: COUNTY,
          method: 'GET',
          path: '/v1/org-units/DX-DZ-DC/members',
          query: { subtree: 'true', limit: 20 },
        })
      ).body as MemberPage;
      expect(expected.items.length).toBeGreaterThan(0);
      const roster = page.getByRole('tabpanel').getByRole('table');
      await roster.getByRole('cell', { name: expected.items[0]!.name, exact: true }).waitFor();
      const names = await roster.locator('tbody tr.ant-table-row td:first-child').allTextContents();
      expect(names).toEqual(expected.items.map((member) => member.name));
      await screenshot(page, 'org-roster');
      expect(await accessibilityViolations(page)).toEqual([]);
      await page.context().close();
    });

    it('checks a roster file first: a bad row is shown with its line and field; a clean file is imported', async () => {
      const page = await signedInPage(stack(), COUNTY, '/org');
      await openInTree(page, '示范县委', '西镇党委');
      await page.getByRole('tab', { name: '导入导出' }).click();
      const file = page.locator('input[type=file]');
      await file.setInputFiles(
        csv('roster-bad.csv', [NEWCOMER, '柏青禾,32060219900101123,1990-01-01,女,DX-XZ-BC,正式']),
      );
      // The upload takes the file asynchronously: check once the page names it.
      await page.getByText('roster-bad.csv', { exact: true }).waitFor();
      await page.getByRole('button', { name: '检查（试导入）' }).click();
      await page.getByText('IMPORT_ROWS_INVALID', { exact: false }).first().waitFor();
      const errors = page.getByRole('tabpanel').getByRole('table').first();
      const cells = (
        await errors.locator('tbody tr.ant-table-row').first().locator('td').allTextContents()
      ).map((text) => text.trim());
      expect(cells.slice(0, 2)).toEqual(['3', '公民身份号码']);
      expect(cells[2]).toContain('公民身份号码');
      expect(await page.getByRole('button', { name: '导入', exact: true }).isDisabled()).toBe(true);
      await screenshot(page, 'org-import-dry-run-errors');
      expect(await accessibilityViolations(page)).toEqual([]);

      await file.setInputFiles(csv('roster.csv', [NEWCOMER]));
      await page.getByText('roster.csv', { exact: true }).waitFor();
      await page.getByRole('button', { name: '检查（试导入）' }).click();
      await page.getByText(/检查通过：可以导入到 DX-XZ/).waitFor();
      await screenshot(page, 'org-import-dry-run-clean');
      expect(await accessibilityViolations(page)).toEqual([]);
      await page.getByRole('button', { name: '导入', exact: true }).click();
      await page.getByRole('dialog').getByRole('button', { name: '导入' }).click();
      await page.getByText('已导入到 DX-XZ').waitFor();
      const counts = await page.locator('.ant-descriptions').last().textContent();
      expect(counts).toMatch(/数据行\s*1\s*新增\s*1/);
      const members = (
        await stack().client.send({
          as: COUNTY,
          method: 'GET',
          path: '/v1/org-units/DX-XZ-BC/members',
          query: { q: '伍思远' },
        })
      ).body as MemberPage;
      expect(members.items.map((member) => member.name)).toEqual(['伍思远']);
      await screenshot(page, 'org-import-done');
      await page.context().close();
    });

    it('shows imports and exports disabled, with the reason, to anyone but the org department', async () => {
      const page = await signedInPage(stack(), 'dz-organiser', '/org?tab=transfer');
      await page.getByText('只有县委组织部').waitFor();
      expect(await page.getByRole('button', { name: '检查（试导入）' }).isDisabled()).toBe(true);
      expect(await page.getByRole('button', { name: '导出党员名册（Excel）' }).isDisabled()).toBe(true);
      await screenshot(page, 'org-import-refused');
      expect(await accessibilityViolations(page)).toEqual([]);
      await page.context().close();
    });
  });
}
