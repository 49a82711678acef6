import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { apiLogin, clickAndSee, login, OUTPUT_DIR, useServerAndBrowser } from './server.js';



describe('vouchers in the browser', () => {
  const ctx = useServerAndBrowser(async ({ url }) => {
    // A published general merchant: the owner applies, both bureaus approve, the 工信局 publishes.
    const admin = await apiLogin(url, 'admin');
    const units = (await admin('GET', '/api/directory/units')).items as { id: number; name: string }[];
    await admin('POST', '/api/users', { username: 'tongji', displayName: '统计局审核员', role: 'department_official', unitId: units.find((u) => u.name === '县统计局')!.id, password: 'Tongji2022init' });
    const shop = await apiLogin(url, 'shanghu');
    const m = await shop('POST', '/api/vouchers/merchants', { name: '交城示范超市', creditCode: '91141122MA0K100090', category: 'general', aboveQuota: true, stores: ['天宁镇西街 1 号'] });
    const gongxin = await apiLogin(url, 'gongxin');
    await gongxin('POST', `/api/vouchers/merchants/${m.id}/approve`);
    const tongji = await apiLogin(url, 'tongji', 'Tongji2022init');
    // A new account changes the password the administrator gave it before anything else.
    await tongji('POST', '/api/auth/password', { oldPassword: 'Tongji2022init', newPassword: 'Tongji2022new' });
    await tongji('POST', `/api/vouchers/merchants/${m.id}/approve`);
    expect(await gongxin('POST', '/api/vouchers/merchants/publish', {})).toEqual({ batchNo: 1, count: 1 });
    // The first tranche to the platform's account, from which redemptions are paid.
    expect((await gongxin('POST', '/api/vouchers/funds/tranches', { amountFen: 50_0000_00, note: '第一批' })).releasedFen).toBe(50_0000_00);
    // Saturday 2022-06-11 10:30: half an hour into the first round of a campaign launched on the 10th.
  }, { VOUCHER_CLOCK_START: '2022-06-11T10:30:00+08:00' });

  it('the 工信局 launches the campaign on a day after the document (县政府择日宣布活动启动)', async () => {
    const office = await ctx.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await login(office, ctx.server.url, 'gongxin');
    await office.goto(`${ctx.server.url}/voucher-dashboard`);
    const card = office.getByTestId('launch');
    await card.getByText('消费券活动尚未启动').waitFor();
    await card.getByLabel('启动日期').fill('2022-06-10');
    await card.getByLabel('启动日期').press('Enter');
    await clickAndSee(card.getByRole('button', { name: '启动活动' }), office.getByText('活动已启动：共 8 轮'));
    await office.close();
  });

  it('a resident claims on a phone and shows a code; the cashier redeems it; the dashboard counts it', async () => {
    const phone = await ctx.browser.newContext({ viewport: { width: 390, height: 844 }, geolocation: { latitude: 37.552, longitude: 112.156 }, permissions: ['geolocation'] });
    const resident = await phone.newPage();
    await login(resident, ctx.server.url, 'jumin');
    await resident.goto(`${ctx.server.url}/vouchers`);
    await resident.getByText('每周六 10:00 发放，次周五 22:00 失效', { exact: false }).waitFor();
    const kind = resident.getByTestId('voucher-kind').filter({ hasText: '满80减20' });
    // 10:00 on a Saturday: the first answer is the server's 「排队中」 (503: its oldest waiting claim has waited past the target); the page waits and tries again.
    let turnedAway = 0;
    await resident.route('**/api/vouchers/claims', async (route) => {
      if (turnedAway++ === 0) {
        await route.fulfill({ status: 503, headers: { 'content-type': 'application/json', 'retry-after': '1' }, body: JSON.stringify({ error: { id: 'UNAVAILABLE', message: '领券人数较多，正在排队', fields: [] }, requestId: 'x' }) });
      } else await route.continue();
    });
    await clickAndSee(kind.getByRole('button', { name: '领 取' }), kind.getByText('排队中…'));
    await resident.getByText(/已领取 通用消费券 满80减20/).waitFor();
    expect(turnedAway).toBe(2);
    await resident.getByTestId('my-voucher').first().waitFor();
    await resident.getByTestId('show-code').click();
    const code = ((await resident.getByTestId('payment-code').textContent()) ?? '').replace(/\s/g, '');
    expect(code).toMatch(/^\d{18}$/);
    // The digits stay on one line at 390 px, and the code counts down its 60 seconds.
    const box = await resident.getByTestId('payment-code').boundingBox();
    expect(box!.height).toBeLessThan(40);
    await resident.getByTestId('code-countdown').getByText(/^\d{1,2} 秒后自动刷新/).waitFor();
    await resident.screenshot({ path: join(OUTPUT_DIR, 'vouchers-resident-code.png') });

    const till = await (await ctx.browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
    await login(till, ctx.server.url, 'shanghu');
    await till.goto(`${ctx.server.url}/cashier`);
    await till.getByTestId('cashier-code').fill(code);
    await till.getByTestId('cashier-amount').fill('128.50');
    await clickAndSee(till.getByTestId('cashier-submit'), till.getByText('优惠 20.00 元，应收 108.50 元'));
    await till.screenshot({ path: join(OUTPUT_DIR, 'vouchers-cashier.png') });
    // The phone learns of the payment by itself: a success screen naming the voucher, the used code gone.
    await resident.getByText('支付成功').waitFor();
    await resident.getByText('已使用「通用消费券 满80减20」，优惠 20.00 元').waitFor();
    expect(await resident.getByTestId('payment-code').count()).toBe(0);
    await resident.screenshot({ path: join(OUTPUT_DIR, 'vouchers-resident-paid.png') });

    const office = await ctx.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await login(office, ctx.server.url, 'gongxin');
    await office.goto(`${ctx.server.url}/voucher-dashboard`);
    await office.getByText('核销金额（元）').first().waitFor();
    // The 核销量 statistic, found by its title and read exactly: one redemption.
    const redeemed = office.locator('.ant-statistic').filter({ hasText: '核销量（张）' }).locator('.ant-statistic-content-value');
    await expect.poll(async () => (await redeemed.textContent())?.trim()).toBe('1');
    await office.screenshot({ path: join(OUTPUT_DIR, 'vouchers-dashboard.png') });
    await phone.close();
  });

  it('shows each bureau on the merchants page exactly the review steps the server offers it, and the server refuses the rest', async () => {
    const admin = await apiLogin(ctx.server.url, 'admin');
    await admin('POST', '/api/users', { username: 'shop2', displayName: '面馆老板', role: 'merchant', password: 'Shop22022init' });
    const owner = await apiLogin(ctx.server.url, 'shop2', 'Shop22022init');
    await owner('POST', '/api/auth/password', { oldPassword: 'Shop22022init', newPassword: 'Shop22022new' });
    const pending = await owner('POST', '/api/vouchers/merchants', { name: '交城流程面馆', creditCode: '91141122MA0KD00014', category: 'catering', aboveQuota: true, stores: ['天宁镇东街 2 号'] });
    expect(pending.status).toBe('pending');
    const users: [string, string | undefined][] = [['gongxin', undefined], ['tongji', 'Tongji2022new']];
    for (const [who, password] of users) {
      const api = await apiLogin(ctx.server.url, who, password);
      const offered = new Map(((await api('GET', '/api/vouchers/merchants')).items as { name: string; actions: { step: string }[] }[]).map((m) => [m.name, m.actions.map((a) => a.step)]));
      const page = await ctx.browser.newPage({ viewport: { width: 1280, height: 900 } });
      await login(page, ctx.server.url, who, password);
      await page.goto(`${ctx.server.url}/merchants`);
      for (const [name, steps] of offered) {
        const row = page.getByRole('row').filter({ hasText: name });
        await row.waitFor();
        await expect.poll(async () => row.locator('[data-step]').evaluateAll((els) => els.map((e) => e.getAttribute('data-step')))).toEqual(steps);
      }
      await page.close();
      expect([who, offered.get('交城流程面馆')]).toEqual([who, ['approve', 'reject']]);
      // The published merchant: the 工信局 may suspend it, the 统计局 is offered nothing and is refused.
      expect([who, offered.get('交城示范超市')]).toEqual([who, who === 'gongxin' ? ['suspend'] : []]);
    }
    const tongji = await apiLogin(ctx.server.url, 'tongji', 'Tongji2022new');
    const shop = (await tongji('GET', '/api/vouchers/merchants')).items.find((m: { name: string }) => m.name === '交城示范超市');
    expect((await tongji('POST', `/api/vouchers/merchants/${shop.id}/suspend`, {})).error.message).toBe('此操作由县工信局（活动工作专班办公室）办理');
    // The 工信局's approval from its button: the row's log names who did it.
    const office = await ctx.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await login(office, ctx.server.url, 'gongxin');
    await office.goto(`${ctx.server.url}/merchants`);
    const row = office.getByRole('row').filter({ hasText: '交城流程面馆' });
    await clickAndSee(row.locator('[data-step="approve"]'), office.getByText('已办理：审核通过（县工信局）'));
    await expect.poll(async () => row.locator('[data-step="approve"]').isDisabled()).toBe(true);
    await office.close();
  });

  it('the 工信局 takes a merchant off the public list and gives it back, each with a reason', async () => {
    const office = await ctx.browser.newPage({ viewport: { width: 1280, height: 900 } });
    const publicList = async () => (await (await fetch(`${ctx.server.url}/api/vouchers/merchants/public`)).json()).items.length;
    const gongxin = await apiLogin(ctx.server.url, 'gongxin');
    const shop = (await gongxin('GET', '/api/vouchers/merchants')).items[0];
    expect(await gongxin('POST', '/api/vouchers/disqualifications', { subject: 'merchant', subjectId: shop.id, reason: '经县公安局查实套现' })).toEqual({ ok: true });
    expect(await publicList()).toBe(0);
    await login(office, ctx.server.url, 'gongxin');
    await office.goto(`${ctx.server.url}/voucher-dashboard`);
    await office.getByRole('tab', { name: /异常线索与资格/ }).click();
    await clickAndSee(office.getByRole('tab', { name: /已取消资格（1）/ }), office.getByText('经县公安局查实套现'));
    await office.getByText('恢复资格').click();
    await office.getByLabel('理由').fill('复核后确认系误报');
    await office.getByRole('button', { name: '确 定' }).click();
    await office.getByRole('tab', { name: /已恢复（1）/ }).click();
    await office.getByRole('cell', { name: '复核后确认系误报' }).waitFor();
    expect(await publicList()).toBe(1);
    await office.screenshot({ path: join(OUTPUT_DIR, 'vouchers-oversight.png') });
  });

  it('the dashboard shows the fund released to the platform and what was redeemed from it', async () => {
    const office = await ctx.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await login(office, ctx.server.url, 'gongxin');
    await office.goto(`${ctx.server.url}/voucher-dashboard`);
    const released = office.locator('.ant-statistic').filter({ hasText: '已拨付至平台专户（元）' }).locator('.ant-statistic-content-value');
    // The tab is clicked again while it is not the one shown: on a loaded machine the dashboard's tabs can still be
    // settling (the round's and the leads' tabs join as their data comes in) when the first click lands.
    const fundsTab = office.getByRole('tab', { name: '资金与结算' });
    await expect
      .poll(
        async () => {
          if ((await fundsTab.getAttribute('aria-selected')) !== 'true') await fundsTab.click();
          return (await released.textContent({ timeout: 2_000 }).catch(() => null))?.trim();
        },
        { timeout: 60_000 },
      )
      .toBe('500,000.00');
    await office.getByRole('cell', { name: '第一批' }).waitFor();
    await office.screenshot({ path: join(OUTPUT_DIR, 'vouchers-funds.png') });
    await office.close();
  });
});
