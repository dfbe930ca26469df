import {
  type ConsoleStack,
  accessibilityViolations,
  screenshot,
  signedInPage,
} from '../support/console-stack';

/** Signing in and 我的待办: a branch sees its own tasks, the overdue talk marked; the sign-in page comes back. */
export function inboxScenarios(stack: () => ConsoleStack): void {
  describe('sign-in and 我的待办', () => {
    it('offers the demo users on the sign-in page and comes back to the page asked for', async () => {
      const context = await stack().browser.newContext({
        locale: 'zh-CN',
        viewport: { width: 1440, height: 900 },
      });
      const anonymous = await context.newPage();
      await anonymous.goto(`${stack().url}/backlog`);
      await anonymous.waitForURL(/\/signin\?next=%2Fbacklog$/);
      await anonymous.getByRole('button', { name: /陈志强/ }).waitFor();
      await screenshot(anonymous, 'signin');
      expect(await accessibilityViolations(anonymous)).toEqual([]);
      await anonymous.getByRole('button', { name: /陈志强/ }).click();
      await anonymous.waitForURL((url) => url.pathname === '/backlog');
      await context.close();
    });

    it("shows a branch's open tasks with counts per stage, the overdue talk marked", async () => {
      const page = await signedInPage(stack(), 'dc-b1-committee-member', '/inbox');
      const overdue = page.getByRole('table').locator('.ant-tag-error').first();
      await overdue.waitFor();
      expect(await overdue.textContent()).toMatch(/已逾期\d+天/);
      // Each stage option counts its tasks; picking one keeps only its rows.
      const count = async (label: RegExp) =>
        Number(((await page.getByText(label).textContent()) ?? '').replace(/\D/g, ''));
      const total = await count(/^全部 \d+$/);
      const rows = page.getByRole('table').locator('tbody tr.ant-table-row');
      expect(await rows.count()).toBe(Math.min(total, 20));
      const applicants = await count(/^发展党员 · 入党申请人 \d+$/);
      await page.getByText(/^发展党员 · 入党申请人 \d+$/).click();
      await page.waitForFunction(
        `document.querySelectorAll('tbody tr.ant-table-row').length === ${Math.min(applicants, 20)}`,
      );
      expect(applicants).toBeLessThan(total);
      await screenshot(page, 'inbox');
      expect(await accessibilityViolations(page)).toEqual([]);
      // Ant Design's rules come from the style sheet built in the console's theme (zero runtime): what the page
      // inserts itself only sets the theme's CSS variables, and the theme's red marks the page open in the menu.
      const styles = {
        insertedRules: (await page.locator('style').allTextContents()).filter((text) =>
          /[{;]\s*(?!--)[a-z-]+\s*:/.test(text),
        ),
        sheets: await page.locator('link[rel="stylesheet"][href^="/assets/"]').count(),
        selected: await page.evaluate<string>(
          "getComputedStyle(document.querySelector('.ant-menu-item-selected')).backgroundColor",
        ),
      };
      expect(styles).toEqual({ insertedRules: [], sheets: 1, selected: 'rgb(200, 16, 46)' });
      await page.getByRole('link', { name: '办理' }).first().click();
      await page.waitForURL(/\/cases\/member\/[0-9a-f-]{36}\?action=[A-Z_]+$/);
      await page.context().close();
    });
  });
}
