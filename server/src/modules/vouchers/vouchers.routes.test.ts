import ExcelJS from 'exceljs';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DIALECTS } from '../../test/dialects.js';
import { testApp, type Session, type TestApp } from '../../test/app.js';
import { CAMPAIGN_RULES_TEXT, CATEGORIES, REPORT_FIELDS, ROUND_WINDOW_TEXT, TOTAL_BUDGET_FEN, campaignRounds, roundWindow } from './vouchers.rules.js';
import { expectInvariants } from './vouchers.testing.js';
import { VouchersRepository } from './vouchers.repository.js';

const SEAT = { lng: 112.156, lat: 37.552 }; // 交城县城
const TAIYUAN = { lng: 112.55, lat: 37.87 };
// A valid unified social credit code for a 交城 enterprise (check character computed per GB 32100).
const CREDIT = '91141122MA0K100090';

describe('voucher rules from 交政办发〔2022〕13号', () => {
  it('budgets add up to 200 万元 and every round runs Saturday 10:00 to next Friday 22:00', () => {
    expect(CATEGORIES.reduce((s, c) => s + c.budgetFen, 0)).toBe(TOTAL_BUDGET_FEN);
    // Launched on Friday 2022-06-10: eight Saturdays to 7月底, the last round cut at 2022-07-31 22:00.
    const rounds = campaignRounds('2022-06-10');
    expect(rounds.map((r) => r.opensAt.slice(0, 10))).toEqual(['2022-06-11', '2022-06-18', '2022-06-25', '2022-07-02', '2022-07-09', '2022-07-16', '2022-07-23', '2022-07-30']);
    expect(rounds.at(-1)!.expiresAt).toBe('2022-07-31T14:00:00.000Z');
    expect(rounds[0].expiresAt).toBe('2022-06-17T14:00:00.000Z');
    expect(roundWindow('2022-06-11')).toEqual({ opensAt: '2022-06-11T02:00:00.000Z', expiresAt: '2022-06-17T14:00:00.000Z' });
    // The words residents read come from the same constants.
    expect(ROUND_WINDOW_TEXT).toBe('每周六 10:00 发放，次周五 22:00 失效');
    expect(CAMPAIGN_RULES_TEXT).toBe('依据交政办发〔2022〕13号 · 每周六 10:00 发放，次周五 22:00 失效 · 每人每轮每种券限领 1 张 · 单笔消费限用 1 张');
  });
});

describe.each(DIALECTS)('vouchers end to end on %s', (dialect) => {
  let now = '2022-06-11T03:00:00.000Z'; // Saturday 11:00 in 交城
  let t: TestApp;
  const s: Record<string, Session> = {};
  let kinds: { id: number; label: string; category: string }[];
  const kind = (category: string, label: string) => kinds.find((k) => k.category === category && k.label === label)!.id;
  const req = (who: string | null, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
    t.app.inject({ method, url, payload, headers: who ? s[who].headers : {} });

  beforeAll(async () => {
    t = await testApp(dialect, { now: () => now, seed: ['vouchers'] });
    for (const u of ['admin', 'gongxin', 'jumin', 'shanghu', 'tianning']) s[u] = await t.login(u);
    // 县政府择日宣布活动启动: not before the document's date, by the office, once.
    const early = await req('gongxin', 'POST', '/api/vouchers/launch', { date: '2022-06-08' });
    expect([early.statusCode, early.json().error.fields[0].field]).toEqual([400, 'date']);
    expect((await req('jumin', 'POST', '/api/vouchers/launch', { date: '2022-06-10' })).statusCode).toBe(403);
    expect((await req('gongxin', 'POST', '/api/vouchers/launch', { date: '2022-06-10' })).json()).toEqual({ rounds: 8, firstOpensAt: '2022-06-11T02:00:00.000Z', lastExpiresAt: '2022-07-31T14:00:00.000Z' });
    expect((await req('gongxin', 'POST', '/api/vouchers/launch', { date: '2022-06-17' })).statusCode).toBe(409);
    // 分批次拨付: the 工信局 releases the fund to the platform's account; redemptions draw on it.
    expect((await req('gongxin', 'POST', '/api/vouchers/funds/tranches', { amountFen: 100_0000_00, note: '第一批' })).statusCode).toBe(201);
    const campaign = (await req(null, 'GET', '/api/vouchers/campaign')).json();
    kinds = campaign.categories.flatMap((c: { code: string; kinds: { id: number; label: string }[] }) => c.kinds.map((k) => ({ ...k, category: c.code })));
    // The statistics bureau's reviewer.
    const units = (await req('admin', 'GET', '/api/directory/units')).json().items;
    const stats = units.find((u: { name: string }) => u.name === '县统计局').id;
    await req('admin', 'POST', '/api/users', { username: 'tongji', displayName: '统计局审核员', role: 'department_official', unitId: stats, password: 'Tongji2022init' });
    s.tongji = await t.login('tongji', 'Tongji2022init');
    await t.changePassword(s.tongji, 'Tongji2022init', 'Tongji2022new');
    // A second resident.
    await req('admin', 'POST', '/api/users', { username: 'jumin2', displayName: '居民李四', role: 'resident', password: 'Jumin2022init' });
    s.jumin2 = await t.login('jumin2', 'Jumin2022init');
    await t.changePassword(s.jumin2, 'Jumin2022init', 'Jumin2022new');
  });
  afterAll(() => t.close());

  it('shows the open round and what is left, without a login', async () => {
    const c = (await req(null, 'GET', '/api/vouchers/campaign')).json();
    expect(c.currentRound.seq).toBe(1);
    expect(c.categories).toHaveLength(5);
    expect(c.categories.find((x: { code: string }) => x.code === 'general').kinds.map((k: { label: string }) => k.label)).toEqual(['满80减20', '满200减40']);
  });

  it('claims inside the county and the round, once per kind', async () => {
    const outside = await req('jumin', 'POST', '/api/vouchers/claims', { kindId: kind('general', '满80减20'), ...TAIYUAN });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().error.message).toContain('不在交城县境内');
    const ok = await req('jumin', 'POST', '/api/vouchers/claims', { kindId: kind('general', '满80减20'), ...SEAT, deviceId: 'dev-1' });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ round: 1, label: '满80减20', expiresAt: '2022-06-17T14:00:00.000Z' });
    const again = await req('jumin', 'POST', '/api/vouchers/claims', { kindId: kind('general', '满80减20'), ...SEAT });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toContain('每人每轮每种券限领 1 张');
    expect((await req('jumin', 'POST', '/api/vouchers/claims', { kindId: kind('general', '满200减40'), ...SEAT })).statusCode).toBe(201);
    expect((await req('jumin', 'POST', '/api/vouchers/claims', { kindId: kind('catering', '满100减25'), ...SEAT })).statusCode).toBe(201);
    expect((await req('shanghu', 'POST', '/api/vouchers/claims', { kindId: kind('general', '满80减20'), ...SEAT })).statusCode).toBe(403);
  });

  it('refuses claims outside the round', async () => {
    now = '2022-06-11T01:59:59.000Z';
    const before = await req('jumin2', 'POST', '/api/vouchers/claims', { kindId: kind('general', '满80减20'), ...SEAT });
    expect(before.statusCode).toBe(409);
    expect(before.json().error.message).toBe('当前不在领券时间（每周六 10:00 发放，次周五 22:00 失效）');
    expect((await req(null, 'GET', '/api/vouchers/campaign')).json().rulesText).toBe(CAMPAIGN_RULES_TEXT);
    now = '2022-06-11T03:00:00.000Z';
  });

  it('stops at the released quantity', async () => {
    const round1 = (await req(null, 'GET', '/api/vouchers/campaign')).json().currentRound.id;
    const fuel = kind('fuel', '满200减50');
    expect((await req('gongxin', 'PUT', `/api/vouchers/rounds/${round1}/quotas/${fuel}`, { released: 1 })).statusCode).toBe(200);
    expect((await req('tianning', 'PUT', `/api/vouchers/rounds/${round1}/quotas/${fuel}`, { released: 5 })).statusCode).toBe(403);
    expect((await req('jumin', 'POST', '/api/vouchers/claims', { kindId: fuel, ...SEAT })).statusCode).toBe(201);
    const sold = await req('jumin2', 'POST', '/api/vouchers/claims', { kindId: fuel, ...SEAT });
    expect(sold.statusCode).toBe(409);
    expect(sold.json().error.message).toContain('已领完');
    expect((await req('gongxin', 'PUT', `/api/vouchers/rounds/${round1}/quotas/${fuel}`, { released: 0 })).statusCode).toBe(409);
  });

  it('enrols a merchant: valid credit code, both bureaus approve, then a published batch', async () => {
    const bad = await req('shanghu', 'POST', '/api/vouchers/merchants', { name: '示范超市', creditCode: '91141122MA0K100091', category: 'general', aboveQuota: true, stores: ['天宁镇西街 1 号'] });
    expect(bad.json().error.fields[0].field).toBe('creditCode');
    const notAbove = await req('shanghu', 'POST', '/api/vouchers/merchants', { name: '示范超市', creditCode: CREDIT, category: 'general', aboveQuota: false, stores: ['天宁镇西街 1 号'] });
    expect(notAbove.json().error.message).toContain('限额以上');
    const m = await req('shanghu', 'POST', '/api/vouchers/merchants', { name: '示范超市', creditCode: CREDIT, category: 'general', aboveQuota: true, stores: ['天宁镇西街 1 号'] });
    expect(m.statusCode).toBe(201);
    const id = m.json().id;
    // The application waits on both bureaus: it shows on the 工信局's workbench, and on nobody's who cannot act on it.
    const work = (who: string) => req(who, 'GET', '/api/workbench').then((r) => r.json() as { items: { module: string; title: string; count: number; link: string }[] });
    expect((await work('gongxin')).items).toContainEqual({ module: '消费券', title: '活动商户待审核（县工信局）', count: 1, link: '/merchants' });
    expect((await work('jumin')).items).toEqual([]);
    expect((await req(null, 'GET', '/api/workbench')).statusCode).toBe(401);
    expect((await req('tianning', 'POST', `/api/vouchers/merchants/${id}/approve`)).statusCode).toBe(403);
    expect((await req('admin', 'POST', `/api/vouchers/merchants/${id}/approve`)).statusCode).toBe(403);
    expect((await req('gongxin', 'POST', `/api/vouchers/merchants/${id}/approve`)).json()).toMatchObject({ status: 'pending', industryApproved: true });
    // Approved by both, but not yet published: cannot redeem.
    expect((await req('tongji', 'POST', `/api/vouchers/merchants/${id}/approve`)).json()).toMatchObject({ status: 'approved', statisticsApproved: true });
    const code = (await req('jumin', 'POST', '/api/vouchers/payment-codes')).json().code;
    const early = await req('shanghu', 'POST', '/api/vouchers/redemptions', { code, orderFen: 10000, txnNo: 'T0' });
    expect(early.statusCode).toBe(403);
    const batch = await req('gongxin', 'POST', '/api/vouchers/merchants/publish', { effectiveDate: '2022-06-11' });
    expect(batch.json()).toEqual({ batchNo: 1, count: 1 });
    expect((await req(null, 'GET', '/api/vouchers/merchants/public')).json().items.map((x: { name: string }) => x.name)).toEqual(['示范超市']);
  });

  it('takes an above-quota individual business (个体工商户) by its 92 credit code, for the 统计局 to confirm', async () => {
    await req('admin', 'POST', '/api/users', { username: 'geti', displayName: '个体户老板', role: 'merchant', password: 'Geti2022init' });
    s.geti = await t.login('geti', 'Geti2022init');
    await t.changePassword(s.geti, 'Geti2022init', 'Geti2022new');
    const wrongType = await req('geti', 'POST', '/api/vouchers/merchants', { name: '交城县老王面馆', creditCode: '92141122MA0K10009W', category: 'catering', aboveQuota: true, stores: ['天宁镇东街 9 号'] });
    expect([wrongType.statusCode, wrongType.json().error.fields[0].field]).toEqual([400, 'entityType']);
    const notIndividual = await req('geti', 'POST', '/api/vouchers/merchants', { name: '交城县老王面馆', creditCode: CREDIT, entityType: 'individual', category: 'catering', aboveQuota: true, stores: ['天宁镇东街 9 号'] });
    expect(notIndividual.statusCode).toBe(400);
    const ok = await req('geti', 'POST', '/api/vouchers/merchants', { name: '交城县老王面馆', creditCode: '92141122MA0K10009W', entityType: 'individual', category: 'catering', aboveQuota: true, stores: ['天宁镇东街 9 号'] });
    expect(ok.json()).toMatchObject({ entityType: 'individual', entityTypeName: '个体工商户', status: 'pending', statisticsApproved: false });
    expect((await req('tongji', 'POST', `/api/vouchers/merchants/${ok.json().id}/approve`)).json().statisticsApproved).toBe(true);
  });

  it('lets the owner open a cashier account that can redeem, and nobody else', async () => {
    const add = await req('shanghu', 'POST', '/api/vouchers/cashiers', { username: 'shouyin1', displayName: '收银员小王', password: 'Till2022init' });
    expect(add.statusCode).toBe(201);
    s.till = await t.login('shouyin1', 'Till2022init');
    // The owner set the first password; the cashier changes it before anything else.
    expect((await req('till', 'GET', '/api/vouchers/redemptions')).json().error.id).toBe('PASSWORD_CHANGE_REQUIRED');
    await t.changePassword(s.till, 'Till2022init', 'Till2022new');
    expect((await req('till', 'GET', '/api/vouchers/redemptions')).json().merchant.name).toBe('示范超市');
    expect((await req('till', 'POST', '/api/vouchers/cashiers', { username: 'shouyin2', displayName: 'x', password: 'Till2022init' })).statusCode).toBe(403);
    expect((await req('shanghu', 'GET', '/api/vouchers/cashiers')).json().items.map((u: { username: string }) => u.username)).toEqual(['shouyin1']);
  });

  it('writes a cashier account and its link to the merchant together: a failed link leaves no account', async () => {
    const spy = vi.spyOn(VouchersRepository.prototype, 'addCashier').mockRejectedValueOnce(new Error('link failed'));
    try {
      const failed = await req('shanghu', 'POST', '/api/vouchers/cashiers', { username: 'shouyin3', displayName: '收银员小李', password: 'Till2022init' });
      expect(failed.statusCode).toBe(500);
    } finally {
      spy.mockRestore();
    }
    await expect(t.login('shouyin3', 'Till2022init')).rejects.toThrow(/401/);
    const again = await req('shanghu', 'POST', '/api/vouchers/cashiers', { username: 'shouyin3', displayName: '收银员小李', password: 'Till2022init' });
    expect(again.statusCode).toBe(201);
  });

  it('redeems the best voucher the order meets, once per transaction number', async () => {
    const code = () => req('jumin', 'POST', '/api/vouchers/payment-codes').then((r) => r.json().code as string);
    const low = await req('shanghu', 'POST', '/api/vouchers/redemptions', { code: await code(), orderFen: 5000, txnNo: 'T1' });
    expect(low.statusCode).toBe(400);
    expect(low.json().error.message).toContain('最低满 80.00 元');
    const c = await code();
    const first = await req('shanghu', 'POST', '/api/vouchers/redemptions', { code: c, orderFen: 25000, txnNo: 'T2' });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ discountFen: 4000, dueFen: 21000, replay: false });
    const replay = await req('shanghu', 'POST', '/api/vouchers/redemptions', { code: c, orderFen: 25000, txnNo: 'T2' });
    expect(replay.json()).toMatchObject({ id: first.json().id, discountFen: 4000, replay: true });
    // The same number with another amount, or another resident's code, is another sale: refused, not answered with the first.
    const otherAmount = await req('shanghu', 'POST', '/api/vouchers/redemptions', { code: c, orderFen: 26000, txnNo: 'T2' });
    expect([otherAmount.statusCode, otherAmount.json().error.message]).toEqual([409, '该交易号已用于另一笔核销（金额或付款码不同），请核对交易号']);
    const otherCode = (await req('jumin2', 'POST', '/api/vouchers/payment-codes')).json().code;
    expect((await req('shanghu', 'POST', '/api/vouchers/redemptions', { code: otherCode, orderFen: 25000, txnNo: 'T2' })).statusCode).toBe(409);
    const reused = await req('shanghu', 'POST', '/api/vouchers/redemptions', { code: c, orderFen: 10000, txnNo: 'T3' });
    expect(reused.statusCode).toBe(409);
    expect(reused.json().error.message).toContain('已使用');
    const second = await req('shanghu', 'POST', '/api/vouchers/redemptions', { code: await code(), orderFen: 10000, txnNo: 'T4' });
    expect(second.json()).toMatchObject({ discountFen: 2000 });
    // Only the catering voucher is left: not usable at a general merchant.
    const none = await req('shanghu', 'POST', '/api/vouchers/redemptions', { code: await code(), orderFen: 50000, txnNo: 'T5' });
    expect(none.statusCode).toBe(409);
    expect(none.json().error.message).toContain('没有可在本店使用');
  });

  it('refuses an expired code', async () => {
    const c = (await req('jumin', 'POST', '/api/vouchers/payment-codes')).json().code;
    now = '2022-06-11T03:01:01.000Z';
    const r = await req('shanghu', 'POST', '/api/vouchers/redemptions', { code: c, orderFen: 10000, txnNo: 'T6' });
    expect(r.json().error.message).toContain('已过期');
    now = '2022-06-11T03:00:00.000Z';
  });

  it('reverses a redemption the same day and returns the voucher', async () => {
    const today = (await req('shanghu', 'GET', '/api/vouchers/redemptions')).json();
    const t4 = today.items.find((x: { txnNo: string }) => x.txnNo === 'T4');
    const rev = await req('shanghu', 'POST', `/api/vouchers/redemptions/${t4.id}/reverse`);
    expect(rev.json().returned).toBe(true);
    expect((await req('shanghu', 'POST', `/api/vouchers/redemptions/${t4.id}/reverse`)).statusCode).toBe(404);
    expect((await req('shanghu', 'POST', '/api/vouchers/redemptions/99999/reverse')).statusCode).toBe(404);
    const mine = (await req('jumin', 'GET', '/api/vouchers/mine')).json().items;
    expect(mine.filter((v: { status: string }) => v.status === 'claimed').map((v: { label: string }) => v.label).sort()).toEqual(['满100减25', '满200减50', '满80减20']);
  });

  it('reports the document’s fields and settles exactly what was redeemed', async () => {
    const rep = (await req('gongxin', 'GET', '/api/vouchers/report')).json();
    const general = rep.byCategory.find((c: { category: string }) => c.category === '通用消费券');
    expect(general).toMatchObject({ 领取量: 2, 核销量: 1, 核销率: 50, 订单金额: 25000, 核销金额: 4000, 核销商家数: 1, 拉动比: 6.25 });
    for (const field of REPORT_FIELDS) expect(rep.total, field).toHaveProperty(field);
    const settle = (await req('gongxin', 'GET', '/api/vouchers/settlement?from=2022-06-11&to=2022-06-17')).json();
    expect(settle.totalFen).toBe(4000);
    expect(settle.items).toEqual([{ day: '2022-06-11', merchantId: expect.any(Number), merchant: '示范超市', count: 1, orderFen: 25000, redeemedFen: 4000 }]);
    expect((await req('jumin', 'GET', '/api/vouchers/report')).statusCode).toBe(403);
    const xlsx = await req('gongxin', 'GET', '/api/vouchers/report.xlsx');
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    // Filed as a county office files it: a title, money as numbers (¥), rounds without releases left out, a 合计 that sums.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.getRow(1).getCell(1).value).toBe('交城县消费券投放核销报表');
    expect(ws.getRow(3).getCell(10).value).toBe('核销金额(元)');
    const body = Array.from({ length: ws.actualRowCount - 4 }, (_, i) => ws.getRow(i + 4));
    expect(body.every((r) => typeof r.getCell(10).value === 'number' && Number(r.getCell(4).value) > 0)).toBe(true);
    expect(body.some((r) => r.getCell(10).value === 40)).toBe(true);
    expect(ws.getRow(4).getCell(10).numFmt).toBe('¥#,##0.00');
    const total = ws.getRow(ws.actualRowCount);
    expect(total.getCell(1).value).toBe('合计');
    expect(total.getCell(10).value).toBe(body.reduce((a, r) => a + Number(r.getCell(10).value), 0));
  });

  it('releases the fund in tranches up to the budget, by the 工信局 only, and warns near the end of what was released', async () => {
    for (const u of ['caizheng', 'jianhang']) s[u] = await t.login(u);
    expect((await req('caizheng', 'POST', '/api/vouchers/funds/tranches', { amountFen: 10_00, note: '越权' })).statusCode).toBe(403);
    const over = await req('gongxin', 'POST', '/api/vouchers/funds/tranches', { amountFen: 100_0000_01, note: '超出' });
    expect([over.statusCode, over.json().error.message]).toEqual([409, '累计拨付不能超过财政资金 2,000,000.00 元（已拨付 1,000,000.00 元）']);
    const funds = (await req('gongxin', 'POST', '/api/vouchers/funds/tranches', { amountFen: 50_0000_00, note: '第二批' })).json();
    expect(funds).toMatchObject({ budgetFen: 200_0000_00, releasedFen: 150_0000_00, usedFen: 4000, balanceFen: 150_0000_00 - 4000, warning: false });
    expect(funds.tranches.map((x: { note: string }) => x.note)).toEqual(['第一批', '第二批']);
  });

  it('settles a statement as the document runs it: 平台报送 → 县工信局审核 → 县财政局备案 → 结算, frozen, in order, each by its body', async () => {
    now = '2022-06-12T03:00:00.000Z'; // the redemptions of 2022-06-11 are a whole past day now
    const early = await req('jianhang', 'POST', '/api/vouchers/statements', { from: '2022-06-11', to: '2022-06-12' });
    expect([early.statusCode, early.json().error.fields[0].field]).toEqual([400, 'to']);
    expect((await req('gongxin', 'POST', '/api/vouchers/statements', { from: '2022-06-11', to: '2022-06-11' })).statusCode).toBe(403);
    const st = (await req('jianhang', 'POST', '/api/vouchers/statements', { from: '2022-06-11', to: '2022-06-11' })).json();
    expect(st).toMatchObject({ from: '2022-06-11', to: '2022-06-11', count: 1, redeemedFen: 4000, redeemedUpper: '肆拾元整', status: 'reported' });
    expect((await req('jianhang', 'POST', '/api/vouchers/statements', { from: '2022-06-10', to: '2022-06-11' })).statusCode).toBe(409);
    // Out of order, or by the wrong body: refused, nothing written.
    expect((await req('caizheng', 'POST', `/api/vouchers/statements/${st.id}/filed`)).statusCode).toBe(409);
    expect((await req('caizheng', 'POST', `/api/vouchers/statements/${st.id}/reviewed`)).statusCode).toBe(403);
    expect((await req('gongxin', 'POST', `/api/vouchers/statements/${st.id}/reviewed`)).json().status).toBe('reviewed');
    expect((await req('gongxin', 'POST', `/api/vouchers/statements/${st.id}/filed`)).statusCode).toBe(403);
    expect((await req('caizheng', 'POST', `/api/vouchers/statements/${st.id}/filed`)).json().status).toBe('filed');
    const done = (await req('caizheng', 'POST', `/api/vouchers/statements/${st.id}/settled`)).json();
    expect(done.steps.map((x: { label: string; by: string }) => `${x.label}:${x.by}`)).toEqual(['平台报送:jianhang', '县工信局审核:gongxin', '县财政局备案:caizheng', '结算:caizheng']);
    const audit = await t.db.kysely.selectFrom('audit_log').select('action').where('entity', '=', 'voucher_settlement').orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['report', 'reviewed', 'filed', 'settled']);
    const page = await req('gongxin', 'GET', `/api/vouchers/statements/${st.id}/print`);
    expect(page.body).toContain('结算金额（大写）：肆拾元整');
    expect((await req('gongxin', 'GET', `/api/vouchers/statements/${st.id}/xlsx`)).headers['content-type']).toContain('spreadsheetml');
    now = '2022-06-11T03:00:00.000Z';
  });

  // One Chromium is enough to show the server prints the statement; the page it prints is checked above on both dialects.
  it.runIf(dialect === 'sqlite' && existsSync('/usr/bin/chromium'))('downloads the settlement statement as an A4 PDF', async () => {
    const [st] = (await req('caizheng', 'GET', '/api/vouchers/statements')).json().items;
    const pdf = await req('caizheng', 'GET', `/api/vouchers/statements/${st.id}/pdf`);
    expect([pdf.statusCode, pdf.headers['content-type']]).toEqual([200, 'application/pdf']);
    expect(pdf.headers['content-disposition']).toContain(encodeURIComponent('消费券结算单_2022-06-11_2022-06-11.pdf'));
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const [w, h] = /MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/.exec(pdf.rawPayload.toString('latin1'))!.slice(1).map(Number);
    expect([Math.round(w), Math.round(h)]).toEqual([595, 842]);
    expect((await req('jumin', 'GET', `/api/vouchers/statements/${st.id}/pdf`)).statusCode).toBe(403);
  }, 60_000);

  it('frees the budget of expired vouchers', async () => {
    const snap = async () => (await req(null, 'GET', '/api/vouchers/campaign')).json().categories.find((c: { code: string }) => c.code === 'catering').committedFen;
    expect(await snap()).toBe(2500);
    now = '2022-06-18T03:00:00.000Z'; // round 2
    await t.app.registry.service("vouchers").expireDue();
    expect(await snap()).toBe(0);
    now = '2022-06-11T03:00:00.000Z';
  });

  it('lets only the bureaus the document names disqualify, refuses unknown ids, and lifts with a reason, audited', async () => {
    s.gongan = await t.login('gongan');
    const me = (await req('jumin2', 'GET', '/api/auth/me')).json().user.id;
    const fraud = (who: string) => req(who, 'POST', '/api/vouchers/disqualifications', { subject: 'resident', subjectId: me, reason: '倒卖消费券' });
    // 工信局 keeps the merchant list; residents are for 公安 and 市场监管. Other bureaus and the administrator: neither.
    for (const who of ['gongxin', 'tongji', 'admin']) expect([who, (await fraud(who)).statusCode]).toEqual([who, 403]);
    expect((await req('tianning', 'POST', '/api/vouchers/disqualifications', { subject: 'resident', subjectId: me, reason: '倒卖消费券' })).statusCode).toBe(403);
    const ghost = await req('gongan', 'POST', '/api/vouchers/disqualifications', { subject: 'resident', subjectId: 999_999, reason: '倒卖消费券' });
    expect(ghost.statusCode).toBe(404);
    const notResident = await req('gongan', 'POST', '/api/vouchers/disqualifications', { subject: 'resident', subjectId: (await req('admin', 'GET', '/api/auth/me')).json().user.id, reason: '倒卖消费券' });
    expect(notResident.statusCode).toBe(404);
    expect((await fraud('gongan')).statusCode).toBe(201);
    expect((await fraud('gongan')).statusCode).toBe(409);
    const r = await req('jumin2', 'POST', '/api/vouchers/claims', { kindId: kind('appliance', '满500减80'), ...SEAT });
    expect(r.statusCode).toBe(403);
    expect(r.json().error.message).toContain('取消活动资格');

    // A merchant: only 工信局, and the public list follows.
    const shop = (await req(null, 'GET', '/api/vouchers/merchants/public')).json().items[0];
    const onList = async () => (await req(null, 'GET', '/api/vouchers/merchants/public')).json().items.some((m: { id: number }) => m.id === shop.id);
    expect(await onList()).toBe(true);
    expect((await req('gongan', 'POST', '/api/vouchers/disqualifications', { subject: 'merchant', subjectId: shop.id, reason: '套现' })).statusCode).toBe(403);
    expect((await req('gongxin', 'POST', '/api/vouchers/disqualifications', { subject: 'merchant', subjectId: 999_999, reason: '套现' })).statusCode).toBe(404);
    expect((await req('gongxin', 'POST', '/api/vouchers/disqualifications', { subject: 'merchant', subjectId: shop.id, reason: '经公安机关查实套现' })).statusCode).toBe(201);
    expect(await onList()).toBe(false);

    // Leads and the disqualifications: 公安 reads them, 统计局 does not.
    expect((await req('tongji', 'GET', '/api/vouchers/fraud')).statusCode).toBe(403);
    expect((await req('admin', 'GET', '/api/vouchers/fraud')).statusCode).toBe(403);
    const leads = (await req('gongan', 'GET', '/api/vouchers/fraud')).json();
    const merchantRow = leads.disqualified.find((d: { subject: string }) => d.subject === 'merchant');
    expect(merchantRow.reason).toBe('经公安机关查实套现');

    // Lifting: the same bureau, with a reason; twice is a conflict.
    expect((await req('gongan', 'POST', `/api/vouchers/disqualifications/${merchantRow.id}/lift`, { reason: '复核无误' })).statusCode).toBe(403);
    const noReason = await req('gongxin', 'POST', `/api/vouchers/disqualifications/${merchantRow.id}/lift`, {});
    expect([noReason.statusCode, noReason.json().error.fields[0].field]).toEqual([400, 'reason']);
    expect((await req('gongxin', 'POST', `/api/vouchers/disqualifications/${merchantRow.id}/lift`, { reason: '复核后确认系误报' })).statusCode).toBe(200);
    expect((await req('gongxin', 'POST', `/api/vouchers/disqualifications/${merchantRow.id}/lift`, { reason: '复核后确认系误报' })).statusCode).toBe(404);
    expect(await onList()).toBe(true);
    const after = (await req('gongan', 'GET', '/api/vouchers/fraud')).json();
    expect(after.lifted.map((l: { lift_reason: string; lifted_by: string }) => [l.lift_reason, l.lifted_by])).toEqual([['复核后确认系误报', 'gongxin']]);
    const audit = await t.db.kysely.selectFrom('audit_log').select(['entity', 'action', 'actor_name']).where('entity', 'in', ['voucher_resident', 'voucher_merchant']).orderBy('id').execute();
    expect(audit.map((a) => `${a.entity}:${a.action}:${a.actor_name}`)).toEqual([
      'voucher_resident:disqualify:gongan',
      'voucher_merchant:disqualify:gongxin',
      'voucher_merchant:lift_disqualification:gongxin',
    ]);
  });

  it('shows full credit codes to the reviewing bureaus only', async () => {
    const code = async (who: string) => (await req(who, 'GET', '/api/vouchers/merchants')).json().items[0].creditCode as string;
    expect(await code('tongji')).toBe(CREDIT);
    expect(await code('gongxin')).toBe(CREDIT);
    expect(await code('admin')).toBe('91141122********90');
  });

  it('keeps an ended round ended, and refuses a settlement for a day that does not exist', async () => {
    const last = (await req(null, 'GET', '/api/vouchers/campaign')).json().rounds.at(-1).id;
    expect((await req('gongxin', 'POST', `/api/vouchers/rounds/${last}/status`, { status: 'ended' })).statusCode).toBe(200);
    const reopen = await req('gongxin', 'POST', `/api/vouchers/rounds/${last}/status`, { status: 'scheduled' });
    expect([reopen.statusCode, reopen.json().error.message]).toEqual([409, '该轮已结束，不能恢复或再调整']);
    expect((await req('gongxin', 'POST', '/api/vouchers/rounds/99999/status', { status: 'paused' })).statusCode).toBe(404);
    const bad = await req('gongxin', 'GET', '/api/vouchers/settlement?from=2022-02-30&to=2022-03-01');
    expect([bad.statusCode, bad.json().error.fields[0].field]).toEqual([400, 'from']);
  });

  it('lets a resident pay a catering merchant by scanning its code (主扫), once per transaction number, but never for general vouchers', async () => {
    const shop = (await req('gongxin', 'GET', '/api/vouchers/merchants')).json().items.find((m: { name: string }) => m.name === '交城县老王面馆');
    expect((await req('gongxin', 'POST', `/api/vouchers/merchants/${shop.id}/approve`)).json().status).toBe('approved');
    expect((await req('gongxin', 'POST', '/api/vouchers/merchants/publish', { effectiveDate: '2022-06-11' })).statusCode).toBe(200);
    const general = await req('shanghu', 'GET', '/api/vouchers/merchants/me/pay-code');
    expect([general.statusCode, general.json()]).toEqual([200, { code: null, merchant: expect.any(String), reason: '通用消费券仅限“被扫支付”方式核销：请扫描顾客出示的付款码' }]);
    const { code } = (await req('geti', 'GET', '/api/vouchers/merchants/me/pay-code')).json();
    expect((await req('geti', 'GET', '/api/vouchers/merchants/me/pay-code')).json().code).toBe(code);
    await req('admin', 'POST', '/api/users', { username: 'jumin4', displayName: '居民赵六', role: 'resident', password: 'Jumin2022init' });
    s.jumin4 = await t.login('jumin4', 'Jumin2022init');
    await t.changePassword(s.jumin4, 'Jumin2022init', 'Jumin2022new');
    expect((await req('jumin4', 'POST', '/api/vouchers/claims', { kindId: kind('catering', '满100减25'), ...SEAT })).statusCode).toBe(201);
    const pay = () => req('jumin4', 'POST', '/api/vouchers/self-redemptions', { merchantCode: code, orderFen: 15000, txnNo: 'phone-0001-aaaa' });
    const first = await pay();
    expect(first.json()).toMatchObject({ merchant: '交城县老王面馆', orderFen: 15000, discountFen: 2500, dueFen: 12500, replay: false });
    const again = await pay();
    expect(again.json()).toMatchObject({ id: first.json().id, replay: true });
    const unknown = await req('jumin4', 'POST', '/api/vouchers/self-redemptions', { merchantCode: 'M0000000000', orderFen: 15000, txnNo: 'phone-0002-bbbb' });
    expect([unknown.statusCode, unknown.json().error.fields[0].field]).toEqual([400, 'merchantCode']);
  });

  it('refuses a redemption beyond the released funds, with nothing written', async () => {
    // What was released is all drawn: the next discount cannot be paid from the platform's account.
    await t.db.kysely.updateTable('voucher_funds').set((eb) => ({ released_fen: eb.ref('used_fen') })).execute();
    await req('admin', 'POST', '/api/users', { username: 'jumin3', displayName: '居民王五', role: 'resident', password: 'Jumin2022init' });
    s.jumin3 = await t.login('jumin3', 'Jumin2022init');
    await t.changePassword(s.jumin3, 'Jumin2022init', 'Jumin2022new');
    expect((await req('jumin3', 'POST', '/api/vouchers/claims', { kindId: kind('general', '满80减20'), ...SEAT })).statusCode).toBe(201);
    const code = (await req('jumin3', 'POST', '/api/vouchers/payment-codes')).json().code;
    const r = await req('till', 'POST', '/api/vouchers/redemptions', { code, orderFen: 12000, txnNo: 'FUNDS-1' });
    expect([r.statusCode, r.json().error.message]).toEqual([409, '投放平台专户中已拨付的资金不足以支付本次优惠，暂不能核销；请联系县工信局拨付下一批资金']);
    expect(await t.db.kysely.selectFrom('voucher_redemptions').select('id').where('txn_no', '=', 'FUNDS-1').execute()).toEqual([]);
  });

  it('extends the campaign past 7月底 when the office adjusts it: the last round’s cut is lifted, new rounds start empty', async () => {
    expect((await req('tianning', 'POST', '/api/vouchers/campaign/end', { to: '2022-08-14' })).statusCode).toBe(403);
    const back = await req('gongxin', 'POST', '/api/vouchers/campaign/end', { to: '2022-07-20' });
    expect([back.statusCode, back.json().error.fields[0].field]).toEqual([400, 'to']);
    expect((await req('gongxin', 'POST', '/api/vouchers/campaign/end', { to: '2022-08-14' })).json()).toEqual({ endsOn: '2022-08-14', rounds: 10, moved: 1 });
    const rounds = (await req(null, 'GET', '/api/vouchers/campaign')).json().rounds as { seq: number; expiresAt: string }[];
    expect(rounds.map((r) => [r.seq, r.expiresAt]).slice(-3)).toEqual([
      [8, '2022-08-05T14:00:00.000Z'],
      [9, '2022-08-12T14:00:00.000Z'],
      [10, '2022-08-14T14:00:00.000Z'],
    ]);
    const added = await t.db.kysely.selectFrom('voucher_round_quotas as q').innerJoin('voucher_rounds as r', 'r.id', 'q.round_id').select('q.released').where('r.seq', '>', 8).execute();
    expect(added.every((q) => q.released === 0)).toBe(true);
    const audit = await t.db.kysely.selectFrom('audit_log').select('action').where('entity', '=', 'voucher_campaign').orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['launch', 'extend']);
  });

  it('keeps every invariant', async () => {
    expectInvariants(await t.app.registry.service("vouchers").snapshot());
  });
});
