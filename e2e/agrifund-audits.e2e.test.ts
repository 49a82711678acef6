/**
 * 审计抽查 in the browser (交政办发〔2022〕8号 六、（二）): on a demo install the 县审计局's auditor finds the first draw
 * (every paid project, one finding referred), draws again by a seed of its own, finds a problem and refers it; the
 * 县纪委监委's official receives the lead on a phone and closes it with the outcome.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, login, OUTPUT_DIR, startServer, type TestServer } from './server.js';

describe('涉农资金 审计抽查 in the browser', () => {
  // A demo install: the demo's projects, payments and its first 抽查.
  const ctx = {} as { server: TestServer; browser: Browser };
  beforeAll(async () => {
    [ctx.server, ctx.browser] = await Promise.all([startServer({ DEMO_DATA: 'true' }), launchBrowser()]);
  });
  afterAll(async () => {
    await ctx.browser?.close();
    await ctx.server?.stop();
  });
  const modal = (p: Page) => p.locator('.ant-modal-wrap:visible').last();

  it('draws by a recorded seed, refers a finding, and the 纪委 receives and closes it', async () => {
    const url = ctx.server.url;
    const audit = await ctx.browser.newPage({ viewport: { width: 1366, height: 900 } });
    await login(audit, url, 'shenji');
    await audit.goto(`${url}/agrifund?tab=audits`);
    const first = audit.getByTestId('audit-draw-1');
    await first.getByText('按种子复核一致').waitFor();
    await first.getByText('移交县纪委监委：已移交，待受理').waitFor();

    // A second draw by the auditor's own seed: 10 % of the two paid projects is one.
    await audit.getByLabel('种子（可不填）').fill('二〇二二年第二次');
    await audit.getByRole('button', { name: /^抽\s?取$/ }).click();
    await audit.getByText(/^第 2 次抽查：抽中 1 个项目（种子 二〇二二年第二次）$/).waitFor();
    const second = audit.getByTestId('audit-draw-2');
    await second.locator('button[data-step="fail"]').click();
    await modal(audit).getByLabel('发现的问题').fill('进度节点验收单缺监理签字，资金拨付依据不足');
    await modal(audit).getByLabel('移交县纪委监委').click();
    await audit.locator('.ant-select-dropdown:visible').getByTitle('是（违法违纪案件线索）').click();
    await modal(audit).getByRole('button', { name: /提\s?交/ }).click();
    await second.getByText('移交县纪委监委：已移交，待受理').waitFor();
    // Concluded: the row offers no step any more.
    expect(await second.locator('button[data-step]').count()).toBe(0);
    await audit.screenshot({ path: join(OUTPUT_DIR, 'agrifund-audits.png') });
    await audit.close();

    const jw = await ctx.browser.newPage({ viewport: { width: 390, height: 844 } });
    await login(jw, url, 'jiwei');
    await jw.goto(`${url}/agrifund?tab=audits`);
    const row = jw.getByTestId('audit-leads').getByRole('row').filter({ hasText: '缺监理签字' });
    await row.locator('button[data-step="receive"]').click();
    await jw.locator('.ant-popover:visible, .ant-popconfirm:visible').getByRole('button', { name: /^受\s?理$/ }).click();
    await row.getByText('已受理，查处中').waitFor();
    await row.locator('button[data-step="close"]').click();
    await modal(jw).getByLabel('查处问责结果').fill('责令补正验收手续，对监理单位约谈');
    await modal(jw).getByRole('button', { name: /提\s?交/ }).click();
    await row.getByText('已办结').waitFor();
    await row.getByText('责令补正验收手续，对监理单位约谈').waitFor();
    expect(await jw.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await jw.screenshot({ path: join(OUTPUT_DIR, 'agrifund-lead-phone.png') });
    await jw.close();
  });
});
