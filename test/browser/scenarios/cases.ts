import { randomUUID } from 'node:crypto';

import { type Page } from 'playwright-core';

import { demoPerson } from '../../../deploy/local/demo/cases';
import {
  type ConsoleStack,
  accessibilityViolations,
  screenshot,
  signedInPage,
} from '../support/console-stack';

const ORGANISER = 'dc-b1-committee-member';
const BRANCH = 'DX-DZ-DC-B1';
// A person of the test's own (a series the demo county does not use): no other scenario relies on the case.
const APPLICANT = demoPerson(400, 0, '柳青禾', '2003-05-12', 'F');

/** `date` moved by `days` (business dates are plain days). */
function shift(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

interface Problem {
  readonly violations?: readonly { message: string; article: string | null; field?: string }[];
}

interface TimelineBody {
  readonly records: readonly { action: string }[];
  readonly chain: { valid: boolean };
}

/** The form item (label, control and the messages under it) of the field labelled `label`. */
const formItem = (page: Page, label: string) =>
  page.locator('.ant-form-item').filter({ has: page.getByRole('textbox', { name: label, exact: true }) });

async function setDate(page: Page, label: string, date: string): Promise<void> {
  const input = page.getByRole('textbox', { name: label, exact: true });
  await input.click();
  await input.fill(date);
  await input.press('Enter');
}

/** 案件: the search finds a case, its page shows every tab, an action's form checks before it records. */
export function casesScenarios(stack: () => ConsoleStack): void {
  describe('案件 and the action forms', () => {
    let caseId = '';
    let applied = '';
    let page: Page;

    const timeline = async (): Promise<TimelineBody> =>
      (
        await stack().client.send({
          as: ORGANISER,
          method: 'GET',
          path: `/v1/member-cases/${caseId}/timeline`,
        })
      ).body as TimelineBody;

    beforeAll(async () => {
      applied = shift(stack().demo.anchor, -5);
      const created = await stack().client.send({
        as: ORGANISER,
        method: 'POST',
        path: '/v1/member-cases',
        body: { ...APPLICANT, branch: BRANCH, applicationDate: applied },
        idempotencyKey: randomUUID(),
      });
      caseId = (created.body as { id: string }).id;
      page = await signedInPage(stack(), ORGANISER, '/cases');
    }, 120_000);

    afterAll(async () => {
      await page?.context().close();
    });

    it('finds a case by name and opens it', async () => {
      await page.getByRole('tab', { name: '发展党员' }).waitFor();
      await page.getByLabel('姓名或身份证号').fill(APPLICANT.name);
      await page.getByRole('button', { name: '查询' }).click();
      await page.waitForURL((url) => url.searchParams.get('name') === APPLICANT.name);
      await page.getByText('已显示1条，已全部显示').waitFor();
      const link = page.getByRole('link', { name: APPLICANT.name });
      expect(await page.locator('tbody tr.ant-table-row').count()).toBe(1);
      await screenshot(page, 'cases-list');
      expect(await accessibilityViolations(page)).toEqual([]);
      await link.click();
      await page.waitForURL((url) => url.pathname === `/cases/member/${caseId}`);
      await page.getByRole('heading', { name: APPLICANT.name }).waitFor();
    });

    it('shows the case: stage, what may be done, the plan, the record and the tasks', async () => {
      await page.getByRole('button', { name: '办理 党组织派人谈话' }).waitFor();
      await page.getByText('入党申请人 · 第1步').waitFor();
      await screenshot(page, 'case-actions');
      expect(await accessibilityViolations(page)).toEqual([]);
      const tabs: readonly [string, string, string][] = [
        ['计划', 'case-plan', '后续步骤'],
        ['全程纪实', 'case-timeline', '哈希链校验通过：1条记录完整、未被篡改'],
        ['待办任务', 'case-tasks', '第2步 党组织派人谈话'],
      ];
      for (const [tab, name, shows] of tabs) {
        await page.getByRole('tab', { name: tab }).click();
        await page.getByRole('tabpanel').getByText(shows).waitFor();
        await screenshot(page, name);
        expect(await accessibilityViolations(page)).toEqual([]);
      }
      await page.getByRole('tab', { name: '办理' }).click();
    });

    it('an organizer records a talk and sees a rule violation beside the field', async () => {
      await page.getByRole('button', { name: '办理 党组织派人谈话' }).click();
      await page.waitForURL((url) => url.searchParams.get('action') === 'RECORD_TALK');
      // A talk before the application: the API's words for it, with the article when the rule has one.
      const early = shift(applied, -3);
      const refused = await stack().client.send({
        as: ORGANISER,
        method: 'POST',
        path: `/v1/member-cases/${caseId}/talk`,
        query: { dryRun: 'true' },
        body: { date: early, actingBody: BRANCH, talker: '李秀英（组织委员）', summary: '了解入党动机' },
        accept: [422],
      });
      const violation = (refused.body as Problem).violations?.find((found) => found.field === 'date');
      if (!violation) throw new Error(`no violation of the date: ${JSON.stringify(refused.body)}`);
      const shown = `${violation.message}${violation.article ? `（${violation.article}）` : ''}`;

      await setDate(page, '业务日期', early);
      await page.getByRole('button', { name: '预检' }).click();
      const dateItem = formItem(page, '业务日期');
      await dateItem.getByText(shown, { exact: true }).waitFor();
      await page.getByRole('alert').filter({ hasText: '违反发展党员工作规定' }).waitFor();
      await screenshot(page, 'case-form-violation');
      expect(await accessibilityViolations(page)).toEqual([]);

      // 保存 checks first: refused, nothing is recorded.
      await page.getByRole('button', { name: '保存' }).click();
      await dateItem.getByText(shown, { exact: true }).waitFor();
      expect((await timeline()).records.map((record) => record.action)).not.toContain('RECORD_TALK');

      await setDate(page, '业务日期', stack().demo.anchor);
      await dateItem.getByText(shown, { exact: true }).waitFor({ state: 'detached' });
      await page.getByRole('button', { name: '保存' }).click();
      await page.getByText('已保存：党组织派人谈话').waitFor();
      await page.waitForURL((url) => url.searchParams.get('tab') === 'timeline');
      await page
        .locator('[data-record-action="RECORD_TALK"]')
        .getByText('党组织派人谈话', { exact: true })
        .waitFor();
      await page.getByText('哈希链校验通过：2条记录完整、未被篡改').waitFor();
      const after = await timeline();
      expect(after.records.map((record) => record.action)).toEqual(['application-submitted', 'RECORD_TALK']);
      expect(after.chain.valid).toBe(true);
      await screenshot(page, 'case-timeline-after-talk');
    });

    it("shows the article of a time rule beside the date it breaks (an activist's proposal, checked only)", async () => {
      // 姜丽 (demo county) became an activist under a year ago: T3 holds her proposal back (§13).
      const found = await stack().client.send({
        as: ORGANISER,
        method: 'POST',
        path: '/v1/member-cases/search',
        body: { name: '姜丽', stage: 'ACTIVIST' },
      });
      const activist = (found.body as { items: { id: string }[] }).items[0];
      if (!activist) throw new Error('no activist 姜丽 in the demo county');
      await page.goto(`${stack().url}/cases/member/${activist.id}?action=PROPOSE_DEVELOPMENT_TARGET`);
      await setDate(page, '业务日期', stack().demo.anchor);
      await page.getByRole('button', { name: '预检' }).click();
      const message = formItem(page, '业务日期').getByText(/须经过1年以上培养教育和考察.*（§13）$/);
      await message.waitFor();
      await screenshot(page, 'case-form-article');
      await page.goto(`${stack().url}/cases/member/${caseId}`);
    });

    it('asks to confirm before a step that closes the case', async () => {
      await page.getByRole('tab', { name: '办理' }).click();
      await page.getByRole('button', { name: '办理 撤回入党申请' }).click();
      await page.getByRole('textbox', { name: '理由', exact: true }).fill('本人书面申请撤回');
      await page.getByRole('button', { name: '保存' }).click();
      const dialog = page.getByRole('dialog', { name: '确认撤回入党申请？' });
      await dialog.waitFor();
      await expect(dialog.textContent()).resolves.toContain('保存后本案件将结束');
      await screenshot(page, 'case-close-confirm');
      expect(await accessibilityViolations(page)).toEqual([]);
      await dialog.getByRole('button', { name: '取消' }).click();
      await dialog.waitFor({ state: 'hidden' });
      // Not confirmed: the case stays open with the same record.
      expect((await timeline()).records).toHaveLength(2);
      const found = await stack().client.send({
        as: ORGANISER,
        method: 'GET',
        path: `/v1/member-cases/${caseId}`,
      });
      expect((found.body as { status: string }).status).toBe('OPEN');
    });
  });
}
