import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { OUTPUT_DIR, launchBrowser, login, startServer, type TestServer } from './server.js';

async function apiLogin(url: string, username: string, password = 'xianwu2022') {
  const r = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  const cookie = r.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const csrf = (await r.json()).csrfToken as string;
  return (method: string, path: string, body?: unknown) =>
    fetch(`${url}${path}`, {
      method,
      headers: { cookie, 'x-csrf-token': csrf, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    }).then((x) => x.json());
}


describe('vouchers in the browser', () => {
  let server: TestServer;
  let browser: Browser;
  beforeAll(async () => {
    mkdirSync(OUTPUT_DIR, { recursive: true });
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    // A published general merchant: the owner applies, both bureaus approve, the 工信局 publishes.
    const admin = await apiLogin(server.url, 'admin');
    const units = (await admin('GET', '/api/directory/units')).items as { id: number; name: string }[];
    await admin('POST', '/api/users', { username: 'tongji', displayName: '统计局审核员', role: 'department_official', unitId: units.find((u) => u.name === '县统计局')!.id, password: 'xianwu2022' });
    const shop = await apiLogin(server.url, 'shanghu');
    const m = await shop('POST', '/api/vouchers/merchants', { name: '交城示范超市', creditCode: '91141122MA0K100090', category: 'general', aboveQuota: true, stores: ['天宁镇西街 1 号'] });
    const gongxin = await apiLogin(server.url, 'gongxin');
    await gongxin('POST', `/api/vouchers/merchants/${m.id}/approve`);
    await (await apiLogin(server.url, 'tongji'))('POST', `/api/vouchers/merchants/${m.id}/approve`);
    expect(await gongxin('POST', '/api/vouchers/merchants/publish', {})).toEqual({ batchNo: 1, count: 1 });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('a resident claims on a phone and shows a code; the cashier redeems it; the dashboard counts it', async () => {
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, geolocation: { latitude: 37.552, longitude: 112.156 }, permissions: ['geolocation'] });
    const resident = await phone.newPage();
    await login(resident, server.url, 'jumin');
    await resident.goto(`${server.url}/vouchers`);
    const kind = resident.getByTestId('voucher-kind').filter({ hasText: '满80减20' });
    await kind.getByRole('button', { name: '领 取' }).click();
    await resident.getByText(/已领取 通用消费券 满80减20/).waitFor();
    await resident.getByTestId('my-voucher').first().waitFor();
    await resident.getByTestId('show-code').click();
    const code = ((await resident.getByTestId('payment-code').textContent()) ?? '').replace(/\s/g, '');
    expect(code).toMatch(/^\d{18}$/);
    await resident.screenshot({ path: join(OUTPUT_DIR, 'vouchers-resident-code.png') });

    const till = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
    await login(till, server.url, 'shanghu');
    await till.goto(`${server.url}/cashier`);
    await till.getByTestId('cashier-code').fill(code);
    await till.getByTestId('cashier-amount').fill('128.50');
    await till.getByTestId('cashier-submit').click();
    await till.getByText('优惠 20 元，应收 108.50 元').waitFor();
    await till.screenshot({ path: join(OUTPUT_DIR, 'vouchers-cashier.png') });

    const office = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await login(office, server.url, 'gongxin');
    await office.goto(`${server.url}/voucher-dashboard`);
    await office.getByText('核销金额（元）').first().waitFor();
    await expect.poll(async () => (await office.locator('.ant-statistic').nth(1).textContent()) ?? '').toContain('1');
    await office.screenshot({ path: join(OUTPUT_DIR, 'vouchers-dashboard.png') });
    await phone.close();
  });
});
