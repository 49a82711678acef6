/** 粮食 through its routes on each dialect: a rotation from application to 结清, the bad-input list, the scopes. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/dialects.js';
import { testApp, type Session, type TestApp } from '../../test/app.js';
import { DEMO_PASSWORD } from '../accounts/index.js';
import { ensureGrainAccounts } from './grain.demo.js';

const bid = (winner = '甲面粉公司', price = '2800') => ({ channel: '粮食电子交易平台', date: '2022-07-15', bidders: ['甲面粉公司', '乙粮油公司'], winner, price, resultDoc: '成交确认书 2022-001' });

describe.each(DIALECTS)('粮食 on %s', (dialect) => {
  let t: TestApp;
  const s: Record<string, Session> = {};
  const req = (who: string, method: string, url: string, payload?: object) => t.app.inject({ method: method as 'GET', url, payload, headers: s[who].headers });
  let rotationId: number;
  const lots: number[] = [];

  beforeAll(async () => {
    t = await testApp(dialect, { today: () => '2022-08-01', now: () => '2022-08-01T02:00:00.000Z', seed: ['grain'] });
    const reg = t.app.registry;
    await ensureGrainAccounts(reg.service('accounts'), reg.service('directory'), DEMO_PASSWORD);
    for (const u of ['admin', 'liangchu', 'fagai', 'caizheng', 'nongfahang', 'chengchu', 'fuwu', 'gongxin', 'nongye', 'tianning', 'xiying']) s[u] = await t.login(u);
  });
  afterAll(() => t.close());

  it('takes the reserve scale from the office and counts lots without the 不宜存', async () => {
    // The application form is the centre's: the server says so to the page.
    expect((await req('fagai', 'GET', '/api/grain/reserve?year=2022')).json().mayApply).toBe(false);
    expect((await req('liangchu', 'GET', '/api/grain/reserve?year=2022')).json()).toMatchObject({ mayApply: true, scale: null, shareProblem: '尚未录入 2022 年县级储备粮规模', plan2022: [{ grain: '小麦', kg: 1_500_000, wanJin: '300' }, { grain: '玉米', kg: 500_000, wanJin: '100' }] });
    expect((await req('gongxin', 'POST', '/api/grain/reserve/scales', { year: 2022, establishedYear: 2019, scale: '2000', source: '交城县县级储备粮规模核定文件' })).statusCode).toBe(403);
    const ok = await req('liangchu', 'POST', '/api/grain/reserve/scales', { year: 2022, establishedYear: 2019, scale: '2000', source: '交城县县级储备粮规模核定文件' });
    expect([ok.statusCode, ok.json().scale.scaleKg]).toEqual([201, 10_000_000]);
    expect((await req('liangchu', 'POST', '/api/grain/reserve/scales', { year: 2022, establishedYear: 2019, scale: '2000', source: '交城县县级储备粮规模核定文件' })).statusCode).toBe(409);
    const lot = (code: string, grain: string, quantity: string, owner: string | null = 'chengchu') => req('liangchu', 'POST', '/api/grain/lots', { code, grain, quantity, grade: '二等', yearStored: 2020, warehouse: '城南库 1 号仓', enterpriseName: '交城县某粮库', enterpriseUsername: owner });
    // A quantity finer than one kilogram is refused, nothing written.
    const fine = await lot('XM-00', '小麦', '1.0001');
    expect([fine.statusCode, fine.json().error.fields[0].field, fine.json().error.message]).toEqual([400, 'quantity', '数量 1.0001 万斤的精度超过 1 公斤，无法按公斤准确登记']);
    for (const [code, grain, q] of [['XM-01', '小麦', '150'], ['XM-02', '小麦', '150'], ['YM-01', '玉米', '100'], ['YM-02', '玉米', '20']] as const) lots.push((await lot(code, grain, q)).json().id);
    lots.push((await lot('XM-09', '小麦', '50', null)).json().id);
    expect((await req('liangchu', 'POST', `/api/grain/lots/${lots[3]}/unfit`, { reason: '储存年限较长' })).json()).toMatchObject({ unfit: true, counted: false });
    expect((await req('liangchu', 'GET', '/api/grain/reserve?year=2022')).json().counted).toEqual([
      { grain: '小麦', kg: 1_750_000, wanJin: '350' },
      { grain: '玉米', kg: 500_000, wanJin: '100' },
    ]);
    // A 承储企业 sees its own lots; another organisation none; a bureau outside the notice is refused.
    expect((await req('chengchu', 'GET', '/api/grain/lots')).json().items.map((l: { code: string }) => l.code)).toEqual(['XM-01', 'XM-02', 'YM-01', 'YM-02']);
    expect((await req('fuwu', 'GET', '/api/grain/lots')).json().items).toEqual([]);
    expect((await req('gongxin', 'GET', '/api/grain/lots')).statusCode).toBe(403);
  });

  it('checks the year’s share: above 30 % only with a recorded reason', async () => {
    const base = { year: 2022, grain: '小麦', quantity: '700', mode: '先销后购', enterpriseName: '交城县某粮库', enterpriseUsername: 'chengchu', note: '轮换 2020 年小麦', shareReason: null };
    const over = await req('liangchu', 'POST', '/api/grain/rotations', base);
    expect([over.statusCode, over.json().error.fields[0].field]).toEqual([400, 'shareReason']);
    expect(over.json().error.message).toContain('超过 30%');
    expect((await req('liangchu', 'GET', '/api/grain/rotations')).json().items).toEqual([]);
    expect((await req('fagai', 'POST', '/api/grain/rotations', { ...base, quantity: '300' })).statusCode).toBe(403);
    const ok = await req('liangchu', 'POST', '/api/grain/rotations', { ...base, quantity: '300' });
    expect([ok.statusCode, ok.json().sharePercent, ok.json().status]).toEqual([201, '15.00', 'applied']);
    rotationId = ok.json().id;
    // 15 % alone is below 20 %: the year's view says so until the 玉米 100 万斤 brings it to 20 %.
    expect((await req('liangchu', 'GET', '/api/grain/reserve?year=2022')).json().shareProblem).toContain('低于 20%');
    const corn = await req('liangchu', 'POST', '/api/grain/rotations', { ...base, grain: '玉米', quantity: '100', mode: '边销边购' });
    expect([corn.statusCode, corn.json().sharePercent]).toEqual([201, '20.00']);
    expect((await req('liangchu', 'GET', '/api/grain/reserve?year=2022')).json()).toMatchObject({ sharePercent: '20.00', shareProblem: null });
    // Past 30 % with its reason recorded.
    const reasoned = await req('liangchu', 'POST', '/api/grain/rotations', { ...base, quantity: '300', shareReason: '部分货位储存年限已到，须提前轮换' });
    expect([reasoned.statusCode, reasoned.json().sharePercent, reasoned.json().shareReason]).toEqual([201, '35.00', '部分货位储存年限已到，须提前轮换']);
    expect((await req('fagai', 'POST', `/api/grain/rotations/${reasoned.json().id}/reject`, { opinion: '本年不再增加轮换' })).json().status).toBe('rejected');
  });

  it('runs a rotation: approval, orders with bids, receipt with inspection, review, loan and close', async () => {
    const list = (await req('fagai', 'GET', '/api/grain/rotations')).json().items;
    expect(list).toHaveLength(3);
    expect(list[0].actions.map((a: { step: string }) => a.step)).toEqual(['approve', 'reject']);
    expect((await req('caizheng', 'POST', `/api/grain/rotations/${rotationId}/approve`, { opinion: '同意' })).statusCode).toBe(403);
    expect((await req('fagai', 'POST', `/api/grain/rotations/${rotationId}/approve`, { opinion: '同意按计划轮换' })).json().status).toBe('approved');
    // Each reader is offered exactly the forms the server takes from them: orders and receipts from the 承储企业 and
    // the centre, loans and repayments from the 农发行; the 发改局 reads the rotation and enters none.
    const forms = async (who: string) => (await req(who, 'GET', `/api/grain/rotations/${rotationId}`)).json().forms;
    expect(await forms('chengchu')).toEqual({ order: true, receipt: true, finance: false });
    expect(await forms('liangchu')).toEqual({ order: true, receipt: true, finance: false });
    expect(await forms('nongfahang')).toEqual({ order: false, receipt: false, finance: true });
    expect(await forms('fagai')).toEqual({ order: false, receipt: false, finance: false });
    expect((await req('fagai', 'POST', `/api/grain/rotations/${rotationId}/orders`, { direction: 'out', lotIds: [lots[0]], bid: bid() })).statusCode).toBe(403);
    expect((await req('nongfahang', 'POST', `/api/grain/rotations/${rotationId}/orders`, { direction: 'out', lotIds: [lots[0]], bid: bid() })).statusCode).toBe(403);
    // An order without its bid record is refused, nothing written.
    const noBid = await req('chengchu', 'POST', `/api/grain/rotations/${rotationId}/orders`, { direction: 'out', lotIds: [lots[0], lots[1]] });
    expect([noBid.statusCode, noBid.json().error.fields[0].field]).toEqual([400, 'bid']);
    // 先销后购: no purchase before the sale.
    expect((await req('chengchu', 'POST', `/api/grain/rotations/${rotationId}/orders`, { direction: 'in', quantity: '300', bid: bid('乙粮油公司', '2950') })).statusCode).toBe(409);
    const out = await req('chengchu', 'POST', `/api/grain/rotations/${rotationId}/orders`, { direction: 'out', lotIds: [lots[0], lots[1]], bid: bid() });
    expect([out.statusCode, out.json().quantityWanJin]).toEqual([201, '300']);
    expect((await req('chengchu', 'POST', `/api/grain/rotations/${rotationId}/orders`, { direction: 'out', lotIds: [lots[0]], bid: bid() })).statusCode).toBe(400);
    const inn = await req('chengchu', 'POST', `/api/grain/rotations/${rotationId}/orders`, { direction: 'in', quantity: '300', bid: bid('乙粮油公司', '2950') });
    expect(inn.statusCode).toBe(201);
    const orderId = inn.json().id;
    // The bid's result document goes on the order as a file: attached by the 承储企业, read by the rotation's readers.
    const upload = (who: string, name: string, body: Buffer, type: string) =>
      t.app.inject({ method: 'POST', url: `/api/files?entity=grain_bid&entityId=${orderId}&fileName=${encodeURIComponent(name)}`, payload: body, headers: { ...s[who].headers, 'content-type': type } });
    const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    expect((await upload('fagai', '成交确认书.pdf', PDF, 'application/pdf')).statusCode).toBe(403);
    expect((await upload('chengchu', '成交确认书.pdf', PDF, 'application/pdf')).statusCode).toBe(201);
    const files = (who: string) => req(who, 'GET', `/api/files?entity=grain_bid&entityId=${orderId}`);
    expect((await files('fagai')).json().items.map((f: { fileName: string }) => f.fileName)).toEqual(['成交确认书.pdf']);
    expect((await files('gongxin')).statusCode).toBe(403);
    expect((await req('chengchu', 'GET', `/api/grain/rotations/${rotationId}`)).json().actions.find((a: { step: string }) => a.step === 'finish')).toMatchObject({ allowed: false, reason: `轮入订单 #${orderId} 尚未全部验收入库` });
    // Grain below 中等 is refused at the receipt, nothing written.
    const receipt = { orderId, quantity: '300', grade: '四等', warehouse: '城南库 1 号仓', lotCode: 'XM-2022-01', inspectionNo: 'JY-2022-031', inspector: '吕梁市粮油质量检验站', receivedOn: '2022-08-20' };
    const low = await req('chengchu', 'POST', `/api/grain/rotations/${rotationId}/receipts`, receipt);
    expect([low.statusCode, low.json().error.fields[0].field]).toEqual([400, 'grade']);
    expect(low.json().error.message).toBe('四等粮食不符合国家质量标准中等以上（三等及以上），不得入库（交政发〔2022〕8号）');
    expect((await req('liangchu', 'GET', '/api/grain/lots')).json().items.some((l: { code: string }) => l.code === 'XM-2022-01')).toBe(false);
    const good = await req('chengchu', 'POST', `/api/grain/rotations/${rotationId}/receipts`, { ...receipt, grade: '三等' });
    expect([good.statusCode, good.json().quantityKg]).toEqual([201, 1_500_000]);
    // The sold lots' 轮空期 ends with the receipt: 2022-07-15 to 2022-08-20 is 36 days.
    expect((await req('liangchu', 'GET', '/api/grain/gaps')).json().items.map((l: { code: string; gapDays: number; risk: string }) => [l.code, l.gapDays, l.risk])).toEqual([
      ['XM-01', 36, '已补库'],
      ['XM-02', 36, '已补库'],
    ]);
    expect((await req('chengchu', 'POST', `/api/grain/rotations/${rotationId}/finish`, {})).json().status).toBe('received');
    expect((await req('nongfahang', 'POST', `/api/grain/rotations/${rotationId}/finance`, { kind: 'loan', amount: '4425000', date: '2022-08-10', reference: '借据 NF-2022-08' })).statusCode).toBe(201);
    expect((await req('chengchu', 'POST', `/api/grain/rotations/${rotationId}/finance`, { kind: 'loan', amount: '1', date: '2022-08-10', reference: '借据' })).statusCode).toBe(403);
    const noSource = await req('caizheng', 'POST', `/api/grain/rotations/${rotationId}/review`, { subsidyRate: '100', subsidySource: '', note: '成本属实' });
    expect([noSource.statusCode, noSource.json().error.fields[0].field]).toEqual([400, 'subsidySource']);
    const reviewed = (await req('caizheng', 'POST', `/api/grain/rotations/${rotationId}/review`, { subsidyRate: '100', subsidySource: '晋财建〔示例〕号 省储备粮轮换费用补贴标准', note: '成本属实' })).json();
    // 1,500 吨: sale 2,800 元/吨 = 4,200,000 元; purchase 2,950 = 4,425,000 元; loss 150 × 1,500 = 225,000 元; subsidy 100 × 1,500.
    expect(reviewed).toMatchObject({ status: 'reviewed', rotatedKg: 1_500_000, rotatedWanJin: '300', saleFen: 420_000_000, purchaseFen: 442_500_000, lossFen: 22_500_000, subsidyFen: 15_000_000 });
    expect(reviewed.actions.find((a: { step: string }) => a.step === 'close')).toMatchObject({ allowed: false, reason: '农发行轮入贷款尚无销售款回笼记录（交政发〔2022〕8号）' });
    await req('nongfahang', 'POST', `/api/grain/rotations/${rotationId}/finance`, { kind: 'repayment', amount: '4200000', date: '2022-08-25', reference: '回笼 NF-2022-09' });
    const closed = (await req('caizheng', 'POST', `/api/grain/rotations/${rotationId}/close`, {})).json();
    expect(closed.status).toBe('closed');
    expect(closed.timeline.map((x: { label: string }) => x.label)).toEqual(['登记', '审批同意', '入库完成', '财政审核', '拨付结清']);
    expect((await req('liangchu', 'GET', '/api/grain/bids')).json().items).toHaveLength(2);
    const xlsx = await req('caizheng', 'GET', '/api/grain/rotations.xlsx');
    expect([xlsx.statusCode, xlsx.headers['content-type']]).toEqual([200, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet']);
  });

  it('imports the townships’ targets only when every row passes, and compares them with the reports', async () => {
    const ind = await req('nongye', 'POST', '/api/grain/indicators', { name: '粮食播种面积', kind: 'sown_area' });
    expect([ind.statusCode, ind.json().unit]).toEqual([201, '亩']);
    const indicatorId = ind.json().id;
    expect((await req('gongxin', 'POST', '/api/grain/indicators', { name: '玉米播种面积', kind: 'sown_area' })).statusCode).toBe(403);
    const template = await req('nongye', 'GET', '/api/grain/targets/template.xlsx');
    expect(template.statusCode).toBe(200);
    const { toXlsx } = await import('../../core/excel.js');
    const sheet = (rows: string[][]) => toXlsx('指标', ['乡（镇）', '指标', '目标值', '单位'].map((h, n) => ({ header: h, value: (r: string[]) => r[n] })), rows);
    const upload = (file: Buffer) => t.app.inject({ method: 'POST', url: '/api/grain/targets/imports?year=2022', payload: file, headers: { ...s.nongye.headers, 'content-type': 'application/octet-stream' } });
    const bad = (
      await upload(
        await sheet([
          ['天宁镇', '粮食播种面积', '1000.5', '亩'],
          ['不存在镇', '粮食播种面积', '10', '亩'],
        ]),
      )
    ).json();
    expect(bad).toMatchObject({ status: 'checked', total: 2, good: 1, errors: [{ row: 3, message: '「不存在镇」不是组织机构目录中的乡（镇）' }] });
    expect((await req('nongye', 'POST', `/api/grain/targets/imports/${bad.id}/commit`)).statusCode).toBe(409);
    expect((await req('nongye', 'GET', `/api/grain/targets/imports/${bad.id}/errors.xlsx`)).statusCode).toBe(200);
    expect((await req('nongye', 'GET', '/api/grain/targets?year=2022')).json().items).toEqual([]);
    const good = (await upload(await sheet([['天宁镇', '粮食播种面积', '1000.5', '亩'], ['西营镇', '粮食播种面积', '800', '亩']]))).json();
    expect((await req('nongye', 'POST', `/api/grain/targets/imports/${good.id}/commit`)).json().status).toBe('committed');
    expect((await req('nongye', 'POST', `/api/grain/targets/imports/${good.id}/commit`)).statusCode).toBe(409);
    expect((await req('tianning', 'GET', '/api/grain/targets?year=2022')).json().items).toMatchObject([{ township: '天宁镇', value: '1000.5', nature: '指导性计划指标', origin: `导入 #${good.id}` }]);
    expect((await req('tianning', 'POST', '/api/grain/reports', { year: 2022, indicatorId, season: '春耕春播', value: '600' })).statusCode).toBe(201);
    expect((await req('tianning', 'POST', '/api/grain/reports', { year: 2022, indicatorId, season: '夏收夏种', value: '980.25' })).statusCode).toBe(201);
    expect((await req('nongye', 'POST', '/api/grain/reports', { year: 2022, indicatorId, season: '秋收', value: '1' })).statusCode).toBe(403);
    const cmp = (await req('nongye', 'GET', '/api/grain/targets/comparison?year=2022')).json();
    expect(cmp[0]).toMatchObject({ indicator: '粮食播种面积', target: '1800.5', reported: '980.25' });
    // The supervision targets read it through the indicator.
    const indicator = t.app.registry.indicators()['grain.sown_area_reported'];
    expect(await indicator.value()).toBe('980.25');
    expect(await indicator.value({ unitId: (await t.app.registry.service('directory').all()).find((u) => u.name === '西营镇')!.id })).toBe('0');
  });
});
