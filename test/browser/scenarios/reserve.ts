import { type Page } from 'playwright-core';

import {
  type ConsoleStack,
  accessibilityViolations,
  screenshot,
  signedInPage,
} from '../support/console-stack';

// 西镇: the demo county opens no review there, so this scenario's review and decision are its own.
const ORGANISER = 'xz-organiser';
const TOWNSHIP = 'DX-XZ';

interface ReviewBody {
  readonly id: string;
  readonly items: readonly {
    entryId: string;
    status: string;
    outcome: string | null;
    entry: { person: { name: string }; status: string };
  }[];
}

const tab = (page: Page, name: string) => page.getByRole('tab', { name });

/**
 * 后备库: the pool's reservists, the township's review schedule (its review opened from there), the review with a
 * task per reservist, and one decision checked and recorded through its form; the policy in force.
 */
export function reserveScenarios(stack: () => ConsoleStack): void {
  describe('后备库', () => {
    it('lists the reservists, opens the half-year review and records a decision through its form', async () => {
      const page = await signedInPage(stack(), ORGANISER, '/reserve');
      const entries = page.getByRole('table');
      await entries.locator('tbody tr.ant-table-row').first().waitFor();
      const names = await entries.locator('tbody tr.ant-table-row td:first-child').allTextContents();
      expect(names.length).toBeGreaterThan(0);
      await screenshot(page, 'reserve-entries');
      expect(await accessibilityViolations(page)).toEqual([]);

      // The schedule: when the next review opens; the organiser opens this half year's review now.
      await tab(page, '研判计划').click();
      await page.getByText('下次开启').waitFor();
      expect(await page.getByText(/\d{4}-(01|07)-01 09:00（北京时间）/).count()).toBe(1);
      await screenshot(page, 'reserve-schedule');
      expect(await accessibilityViolations(page)).toEqual([]);
      await page.getByRole('button', { name: '立即开启本半年研判' }).click();
      await page.locator('.ant-modal-confirm').getByRole('button', { name: '立即开启' }).click();
      await page.getByText('已开启本半年的分析研判').waitFor();

      // The review opens in the workflow a moment later: it lists a task for every reservist in the pool.
      let review: ReviewBody | undefined;
      for (let waited = 0; !review && waited < 60_000; waited += 1000) {
        const listed = (
          await stack().client.send({
            as: ORGANISER,
            method: 'GET',
            path: '/v1/reserve-pool/reviews',
            query: { township: TOWNSHIP },
          })
        ).body as { id: string }[];
        if (listed[0]) {
          review = (
            await stack().client.send({
              as: ORGANISER,
              method: 'GET',
              path: `/v1/reserve-pool/reviews/${listed[0].id}`,
            })
          ).body as ReviewBody;
        } else await new Promise((resolve) => setTimeout(resolve, 1000));
      }
      expect(review?.items.length).toBeGreaterThan(0);
      const task = review!.items.find((item) => item.status === 'OPEN')!;
      const name = task.entry.person.name;

      await tab(page, '分析研判').click();
      // The review's tasks (its dates are a table too: Descriptions).
      const tasks = page
        .getByRole('table')
        .filter({ has: page.getByRole('columnheader', { name: '研判日期' }) });
      await tasks.getByRole('row').filter({ hasText: name }).waitFor();
      expect(await tasks.locator('tbody tr.ant-table-row').count()).toBe(review!.items.length);
      await screenshot(page, 'reserve-review');
      expect(await accessibilityViolations(page)).toEqual([]);

      // The decision form: a post is asked for a listing for inspection; the check is a dry run.
      await page.getByRole('button', { name: `研判${name}` }).click();
      const dialog = page.getByRole('dialog', { name: `研判：${name}` });
      await dialog.waitFor();
      await dialog.getByRole('radio', { name: '列为考察对象' }).check();
      await dialog.getByRole('button', { name: '检查' }).click();
      await dialog.getByText('请填写拟任岗位').waitFor();
      await dialog.getByLabel('拟任岗位').fill('村党组织书记');
      await dialog.getByRole('button', { name: '检查' }).click();
      await dialog.getByText('检查通过，可以记录').waitFor();
      expect(await dialog.textContent()).toContain('库内状态为“列为考察对象”');
      const unchanged = (
        await stack().client.send({
          as: ORGANISER,
          method: 'GET',
          path: `/v1/reserve-pool/reviews/${review!.id}`,
        })
      ).body as ReviewBody;
      expect(unchanged.items.find((item) => item.entryId === task.entryId)?.status).toBe('OPEN');
      await screenshot(page, 'reserve-decision-checked');
      expect(await accessibilityViolations(page)).toEqual([]);

      await dialog.getByRole('button', { name: '记录研判结论' }).click();
      await dialog.waitFor({ state: 'hidden' });
      const row = tasks.getByRole('row').filter({ hasText: name });
      await row.getByText('已研判').waitFor();
      expect(await row.textContent()).toContain('列为考察对象（村党组织书记）');
      await screenshot(page, 'reserve-decision-recorded');
      expect(await accessibilityViolations(page)).toEqual([]);

      const after = (
        await stack().client.send({
          as: ORGANISER,
          method: 'GET',
          path: `/v1/reserve-pool/reviews/${review!.id}`,
        })
      ).body as ReviewBody;
      const decided = after.items.find((item) => item.entryId === task.entryId);
      expect([decided?.status, decided?.outcome, decided?.entry.status]).toEqual([
        'DECIDED',
        'LIST_FOR_INSPECTION',
        'LISTED_FOR_INSPECTION',
      ]);

      await tab(page, '政策').click();
      await page.getByText('年龄上限').waitFor();
      await screenshot(page, 'reserve-policy');
      expect(await accessibilityViolations(page)).toEqual([]);
      await page.context().close();
    });
  });
}
