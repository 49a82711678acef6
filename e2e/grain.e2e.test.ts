/**
 * One rotation of 交政发〔2022〕8号 in the browser: the centre applies, 县发展和改革局 approves from the step's button,
 * the 承储企业 sells and buys through recorded bids, a lot below 中等 is refused at the warehouse with the notice's
 * words, the good lot is received, the rotation goes to 县财政局, who reviews it: subsidy and loss to the 分; the bid's
 * result document is attached as a file, 县农发行 records the loan and the repayment, and 县财政局 closes it (结清).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { apiLogin, clickAndSee, login, OUTPUT_DIR, useServerAndBrowser } from './server.js';

describe('县级储备粮轮换 in the browser, from the application to 结清', () => {
  // After the 2022 plan (6 月 29 日), on a working day.
  const ctx = useServerAndBrowser(undefined, { GRAIN_CLOCK_START: '2022-08-01T09:00:00+08:00' });

  it('walks a rotation and refuses grain below 中等', async () => {
    const url = ctx.server.url;
    const centre = await apiLogin(url, 'liangchu');
    expect((await centre('POST', '/api/grain/reserve/scales', { year: 2022, establishedYear: 2019, scale: '2000', source: '县级储备粮规模核定文件（测试）' })).scale.scaleWanJin).toBe('2000');
    const lot = await centre('POST', '/api/grain/lots', { code: 'E2E-XM-01', grain: '小麦', quantity: '300', grade: '二等', yearStored: 2020, warehouse: '城南库 1 号仓', enterpriseName: '交城县示例粮库', enterpriseUsername: 'chengchu' });

    // The centre applies in the browser.
    const p = await ctx.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await login(p, url, 'liangchu');
    await p.goto(`${url}/grain?tab=rotations`);
    await p.getByLabel('轮换数量（万斤）').fill('300');
    await p.getByLabel('承储企业', { exact: true }).fill('交城县示例粮库');
    await p.getByLabel('企业账号').fill('chengchu');
    await p.getByLabel('申请说明').fill('依交政发〔2022〕8号轮换 2020 年小麦');
    await clickAndSee(p.getByRole('button', { name: '提交申请' }), p.getByText('轮换申请已提交'));
    await p.getByRole('row').filter({ hasText: '交城县示例粮库' }).getByText('已申请').waitFor();
    await p.close();

    // 县发展和改革局 approves from the button the server offers it.
    const reform = await ctx.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await login(reform, url, 'fagai');
    await reform.goto(`${url}/grain?tab=rotations`);
    await reform.getByRole('row').filter({ hasText: '交城县示例粮库' }).getByRole('button', { name: /展开/ }).click();
    await reform.getByRole('button', { name: '审批同意' }).click();
    const dialog = reform.getByRole('dialog');
    await dialog.getByLabel('审批意见').fill('同意按计划轮换');
    await expect.poll(() => dialog.getByLabel('审批意见').inputValue()).toBe('同意按计划轮换');
    await clickAndSee(dialog.getByRole('button', { name: /^提\s?交$/ }), reform.getByText('已批准（轮换实施中）').first());
    await reform.close();

    // The enterprise sells and buys through recorded bids (API), then receives in the browser.
    const firm = await apiLogin(url, 'chengchu');
    const rotation = (await firm('GET', '/api/grain/rotations')).items[0] as { id: number };
    const bid = (winner: string, price: string) => ({ channel: '粮食电子交易平台', date: '2022-07-15', bidders: ['甲面粉公司', '乙粮油公司'], winner, price, resultDoc: '成交确认书 E2E' });
    expect((await firm('POST', `/api/grain/rotations/${rotation.id}/orders`, { direction: 'out', lotIds: [lot.id], bid: bid('甲面粉公司', '2800') })).quantityWanJin).toBe('300');
    const order = await firm('POST', `/api/grain/rotations/${rotation.id}/orders`, { direction: 'in', quantity: '300', bid: bid('乙粮油公司', '2950') });
    const e = await ctx.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await login(e, url, 'chengchu');
    await e.goto(`${url}/grain?tab=rotations`);
    await e.getByRole('row').filter({ hasText: '交城县示例粮库' }).getByRole('button', { name: /展开/ }).click();
    // The bid's result document goes on its order as a file.
    await e.locator('.ant-card').filter({ hasText: '轮出、轮入订单（公开竞价）' }).locator('input[type=file]').first().setInputFiles({ name: '成交确认书.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n') });
    await e.getByRole('link', { name: '成交确认书.pdf' }).waitFor();
    const card = e.locator('.ant-card').filter({ hasText: '入库验收（中等以上方可入库）' });
    await card.getByLabel('轮入订单').click();
    await e.getByTitle(`#${order.id}（300 万斤）`).click();
    await card.getByLabel('数量（万斤）').fill('300');
    await card.getByLabel('检验等级').click();
    await e.getByTitle('四等', { exact: true }).click();
    await card.getByLabel('仓库').fill('城南库 1 号仓');
    await card.getByLabel('新货位编号').fill('E2E-XM-2022');
    await card.getByLabel('检验报告编号').fill('JY-E2E-1');
    await card.getByLabel('检验机构').fill('吕梁市粮油质量检验站');
    await card.getByLabel('入库日期').fill('2022-08-20');
    await clickAndSee(card.getByRole('button', { name: '验收入库' }), e.getByText('四等粮食不符合国家质量标准中等以上（三等及以上），不得入库（交政发〔2022〕8号）'));
    await e.screenshot({ path: join(OUTPUT_DIR, 'grain-receipt-refused.png') });
    expect((await firm('GET', '/api/grain/lots')).items.some((l: { code: string }) => l.code === 'E2E-XM-2022')).toBe(false);
    await card.getByLabel('检验等级').click();
    await e.getByTitle('三等', { exact: true }).click();
    await clickAndSee(card.getByRole('button', { name: '验收入库' }), e.getByText('已验收入库'));
    await clickAndSee(e.locator('button[data-step="finish"]'), e.getByText('轮入粮食已全部验收入库，确认提交财政审核？'));
    await clickAndSee(e.locator('.ant-popconfirm').getByRole('button', { name: '入库完成' }), e.getByText('已入库（待财政审核）').first());
    await e.close();

    // 县财政局 reviews: the subsidy at the provincial rate it enters, the loss from the two winning prices.
    const fin = await ctx.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await login(fin, url, 'caizheng');
    await fin.goto(`${url}/grain?tab=rotations`);
    await fin.getByRole('row').filter({ hasText: '交城县示例粮库' }).getByRole('button', { name: /展开/ }).click();
    await fin.getByRole('button', { name: '财政审核' }).click();
    const d = fin.getByRole('dialog');
    await d.getByLabel('省储备粮补贴标准（元/吨）').fill('100');
    await d.getByLabel('补贴标准依据（文号）').fill('省储备粮轮换费用补贴标准（测试）');
    await d.getByLabel('审核意见').fill('成本属实');
    await expect.poll(() => d.getByLabel('审核意见').inputValue()).toBe('成本属实');
    await clickAndSee(d.getByRole('button', { name: /^提\s?交$/ }), fin.getByText('财政已审核（待拨付）').first());
    await fin.getByText('225,000.00 元').waitFor();
    await fin.getByText('150,000.00 元（省储备粮轮换费用补贴标准（测试））').waitFor();
    await fin.screenshot({ path: join(OUTPUT_DIR, 'grain-reviewed.png'), fullPage: true });
    await fin.close();

    // 县农发行 records the purchase loan and the sale's repayment in the browser; it is offered no order or receipt form.
    const bank = await ctx.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await login(bank, url, 'nongfahang');
    await bank.goto(`${url}/grain?tab=rotations`);
    await bank.getByRole('row').filter({ hasText: '交城县示例粮库' }).getByRole('button', { name: /展开/ }).click();
    const loans = bank.locator('.ant-card').filter({ hasText: '县农发行：轮入贷款与销售款回笼' });
    await loans.getByLabel('金额（元）').waitFor();
    expect(await bank.getByRole('button', { name: '登记订单' }).count()).toBe(0);
    expect(await bank.getByRole('button', { name: '验收入库' }).count()).toBe(0);
    const record = async (kind: string, amount: string, date: string, reference: string) => {
      await loans.locator('.ant-select').first().click();
      await bank.locator('.ant-select-dropdown:visible').getByTitle(kind, { exact: true }).click();
      await loans.getByLabel('金额（元）').fill(amount);
      await loans.getByLabel('日期').fill(date);
      await loans.getByLabel('凭证').fill(reference);
      await clickAndSee(loans.getByRole('button', { name: /^登\s?记$/ }), loans.getByRole('cell', { name: reference }));
    };
    await record('轮入贷款', '4425000', '2022-08-10', '借据 NF-E2E');
    await record('销售款回笼', '4200000', '2022-08-25', '回笼 NF-E2E');
    await loans.getByRole('cell', { name: '4,425,000.00 元' }).waitFor();
    await bank.close();

    // 县财政局 closes the rotation once the repayment is on record.
    const close = await ctx.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await login(close, url, 'caizheng');
    await close.goto(`${url}/grain?tab=rotations`);
    await close.getByRole('row').filter({ hasText: '交城县示例粮库' }).getByRole('button', { name: /展开/ }).click();
    await clickAndSee(close.locator('button[data-step="close"]'), close.getByText('轮换费用补贴与差价亏损已拨付，确认结清？'));
    await clickAndSee(close.locator('.ant-popconfirm').getByRole('button', { name: '拨付结清' }), close.getByText('已拨付结清').first());
    await close.screenshot({ path: join(OUTPUT_DIR, 'grain-closed.png'), fullPage: true });
    await close.close();
  });
});
