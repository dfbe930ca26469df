import { type Page } from 'playwright-core';

import {
  type ConsoleStack,
  accessibilityViolations,
  screenshot,
  signedInPage,
  startConsoleStack,
} from './support/console-stack';

/** Signing in and 我的待办: the demo county's branch sees its own tasks, the overdue ones marked. */
describe('console: sign-in and inbox (browser)', () => {
  let stack: ConsoleStack;
  let page: Page;

  beforeAll(async () => {
    stack = await startConsoleStack('inbox');
  }, 600_000);

  afterAll(async () => {
    await stack?.close();
  });

  it('offers the demo users on the sign-in page and comes back to the page asked for', async () => {
    const context = await stack.browser.newContext({
      locale: 'zh-CN',
      viewport: { width: 1440, height: 900 },
    });
    const anonymous = await context.newPage();
    await anonymous.goto(`${stack.url}/backlog`);
    await anonymous.waitForURL(/\/signin\?next=%2Fbacklog$/);
    await anonymous.getByRole('button', { name: /陈志强/ }).waitFor();
    await screenshot(anonymous, 'signin');
    expect(await accessibilityViolations(anonymous)).toEqual([]);
    await context.close();
  });

  it("shows a branch's open tasks with counts per stage, the overdue talk marked", async () => {
    page = await signedInPage(stack, 'dc-b1-secretary', '/inbox');
    const table = page.getByRole('table');
    await table.getByRole('row').nth(1).waitFor();
    await expect(page.getByText('已逾期').first().isVisible()).resolves.toBe(true);
    const overdueTag = table.locator('.ant-tag-error').first();
    await expect(overdueTag.textContent()).resolves.toMatch(/已逾期\d+天/);
    await screenshot(page, 'inbox');
    expect(await accessibilityViolations(page)).toEqual([]);
  });
});
