/**
 * The office's side after a Saturday: a demo install's first round (claims and redemptions on 2022-06-11), then the
 * same data two days later, when 2022-06-11 is a whole past day that the platform can report for settlement.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiLogin, clickAndSee, launchBrowser, login, OUTPUT_DIR, startServer, type TestServer } from './server.js';

/** Pick a date range in an Ant Design RangePicker by typing both ends (its label is on both inputs). */
async function pickRange(page: Page, label: string, from: string, to: string) {
  const [start, end] = [page.getByLabel(label).nth(0), page.getByLabel(label).nth(1)];
  await start.click();
  await start.fill(from);
  await start.press('Enter');
  await end.fill(to);
  await end.press('Enter');
}

describe('vouchers after the first Saturday, in the browser', () => {
  let server: TestServer;
  let browser: Browser;
  const dataDir = mkdtempSync(join(tmpdir(), 'xianwu-e2e-settle-'));
  beforeAll(async () => {
    browser = await launchBrowser();
    // The demo's first round happens at 2022-06-11 10:30 …
    const saturday = await startServer({ DEMO_DATA: 'true', VOUCHER_CLOCK_START: '2022-06-11T10:30:00+08:00' }, { dataDir });
    await saturday.stop();
    // … and the office comes back on Monday morning, still inside round 1.
    server = await startServer({ DEMO_DATA: 'true', VOUCHER_CLOCK_START: '2022-06-13T09:00:00+08:00' }, { dataDir });
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const officePage = async (username: string) => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await login(page, server.url, username);
    await page.goto(`${server.url}/voucher-dashboard`);
    return page;
  };

  it('opens the settlement range on the first round, not before the campaign', { timeout: 120_000 }, async () => {
    const page = await officePage('gongxin');
    const range = page.getByLabel('结算日期');
    // The dashboard loads twice (the range is known once the campaign is): the tab is opened again until its picker shows.
    await expect
      .poll(
        async () => {
          await page.getByRole('tab', { name: '结算', exact: true }).click();
          return [await range.nth(0).inputValue({ timeout: 3000 }).catch(() => ''), await range.nth(1).inputValue({ timeout: 3000 }).catch(() => '')];
        },
        { timeout: 90_000 },
      )
      .toEqual(['2022-06-11', '2022-07-31']);
    await page.close();
  });

  it('runs a statement 平台报送 → 县工信局审核 → 县财政局备案 → 结算 on the 资金与结算 tab, each by its body', async () => {
    const bank = await officePage('jianhang');
    await bank.getByRole('tab', { name: '资金与结算' }).click();
    await pickRange(bank, '结算期间', '2022-06-11', '2022-06-12');
    await clickAndSee(bank.getByRole('button', { name: '报送结算单（投放平台）' }), bank.getByText('结算单已报送'));
    const row = bank.getByRole('row').filter({ hasText: '2022-06-11 至 2022-06-12' });
    // The demo's 300 redemptions of the Saturday, with the amount in 大写.
    await expect.poll(async () => (await row.getByRole('cell').nth(1).textContent())?.trim()).toBe('300');
    await row.getByText(/元整|角|分$/).first().waitFor();
    // The platform has nothing more to do on it: no step is offered, as the server says.
    await expect.poll(async () => row.locator('[data-step]').count()).toBe(0);
    await bank.close();

    // Before the 工信局's review the 财政局 is offered nothing on it, and the server refuses the filing it did not offer.
    const finance = await officePage('caizheng');
    await finance.getByRole('tab', { name: '资金与结算' }).click();
    const early = finance.getByRole('row').filter({ hasText: '2022-06-11 至 2022-06-12' });
    await early.getByText(/元整|角|分$/).first().waitFor();
    expect(await early.locator('[data-step]').count()).toBe(0);
    const caizheng = await apiLogin(server.url, 'caizheng');
    const [st] = ((await caizheng('GET', '/api/vouchers/statements')).items as { id: number; from: string; actions: unknown[] }[]).filter((x) => x.from === '2022-06-11');
    expect(st.actions).toEqual([]);
    expect((await caizheng('POST', `/api/vouchers/statements/${st.id}/filed`)).error.message).toContain('须依次');
    await finance.close();

    const steps: [string, string, string][] = [
      ['gongxin', '审核（县工信局）', 'gongxin'],
      ['caizheng', '备案（县财政局）', 'caizheng'],
      ['caizheng', '结算（县财政局）', 'caizheng'],
    ];
    for (const [who, button] of steps) {
      const page = await officePage(who);
      await page.getByRole('tab', { name: '资金与结算' }).click();
      const r = page.getByRole('row').filter({ hasText: '2022-06-11 至 2022-06-12' });
      // Only this body's step is offered on the row.
      await expect.poll(async () => r.locator('[data-step]').count()).toBe(1);
      await clickAndSee(r.getByRole('button', { name: button }), page.getByText('已办理'));
      if (button.startsWith('结算')) {
        // Every step names who did it; nothing is left to do.
        for (const by of ['jianhang', 'gongxin', 'caizheng']) await r.getByText(by).first().waitFor();
        await expect.poll(async () => r.getByRole('button', { name: /审核|备案|结算（/ }).count()).toBe(0);
        await page.screenshot({ path: join(OUTPUT_DIR, 'vouchers-statement.png') });
      }
      await page.close();
    }
  });

  it('lets a resident pay a catering merchant by scanning its code (扫商户码付款)', async () => {
    const till = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await login(till, server.url, 'demo_shop3');
    await till.goto(`${server.url}/cashier`);
    const code = ((await till.getByTestId('merchant-pay-code').textContent()) ?? '').trim();
    expect(code).toMatch(/^\S{6,}$/);

    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, geolocation: { latitude: 37.552, longitude: 112.156 }, permissions: ['geolocation'] });
    const resident = await phone.newPage();
    await login(resident, server.url, 'jumin');
    await resident.goto(`${server.url}/vouchers`);
    // 成品油 has a 满100减25 too; the catering card comes first, as the document lists it.
    const kind = resident.getByTestId('voucher-kind').filter({ hasText: '满100减25' }).first();
    await clickAndSee(kind.getByRole('button', { name: '领 取' }), resident.getByText(/已领取 餐饮住宿消费券 满100减25/));
    await resident.getByLabel('商户收款码').fill(code);
    await resident.getByLabel('消费金额（元）').fill('150');
    await clickAndSee(resident.getByRole('button', { name: '使用消费券付款' }), resident.getByText('交城县卦山饭店有限公司：优惠 25.00 元，应付 125.00 元'));
    await resident.screenshot({ path: join(OUTPUT_DIR, 'vouchers-scan-to-pay.png') });
    await phone.close();
    await till.close();
  });

  it('lets the 工信局 extend the campaign past 7月底 from the dashboard', async () => {
    const page = await officePage('gongxin');
    await page.getByText('现在截止于 2022-07-31').waitFor();
    await page.getByLabel('新的截止日期').fill('2022-08-31');
    await page.getByLabel('新的截止日期').press('Enter');
    await clickAndSee(page.getByRole('button', { name: '延长活动' }), page.getByText(/活动已延长至 2022-08-31，共 \d+ 轮/));
    await page.getByText('现在截止于 2022-08-31').waitFor();
    await page.close();
  });
});
