import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/dialects.js';
import { testApp, type Session, type TestApp } from '../../test/app.js';
import { TINY_JPEG } from '../files/index.js';

const today = '2022-05-01';
const MILESTONES = [{ name: '开工', dueDate: '2022-06-30', shareBp: 4000 }, { name: '完工', dueDate: '2022-10-31', shareBp: 6000 }];

describe.each(DIALECTS)('涉农资金统筹整合 routes on %s', (dialect) => {
  let t: TestApp;
  const s: Record<string, Session> = {};
  let units: { id: number; name: string; kind: string; parentId: number | null }[];
  const req = (who: string | null, method: string, url: string, payload?: object) => t.app.inject({ method: method as 'GET', url, payload, headers: who ? s[who].headers : {} });
  const town = (n: string) => units.find((u) => u.name === n && u.kind === 'township')!.id;

  beforeAll(async () => {
    t = await testApp(dialect, { today: () => today, now: () => `${today}T02:00:00.000Z`, seed: ['agrifund', 'notices'] });
    for (const u of ['admin', 'tianning', 'xiying', 'nongye', 'caizheng', 'gongxin', 'cunwei', 'shenji']) s[u] = await t.login(u);
    units = (await req('admin', 'GET', '/api/directory/units')).json().items;
  });
  afterAll(() => t.close());

  it('serves the 2022 tree as printed and refuses a revision that breaks a total, writing nothing', async () => {
    const tree = (await req('xiying', 'GET', '/api/agrifund/tree')).json();
    expect(tree.totalWan).toBe('12506.5735');
    expect(tree.categories.map((c: { amountWan: string }) => c.amountWan)).toEqual(['2460', '9215.0735', '647.5', '184']);
    expect(tree.categories[1].items.map((i: { amountWan: string }) => i.amountWan)).toEqual(['3303.42', '2912.6645', '433.1', '61.56', '2102.329', '222', '180']);
    const broken = structuredClone(tree.categories).map((c: { items: object[] }) => ({ ...c, items: c.items.map((i) => ({ ...i })) }));
    broken[3].items[1].amountWan = '143';
    const r = await req('nongye', 'POST', '/api/agrifund/tree', { totalWan: '12506.5735', note: '调整', tree: broken });
    expect([r.statusCode, r.json().error.message]).toEqual([400, '社会保障兜底脱贫项目为 184 万元，各项合计 185 万元，不相符']);
    expect((await req('xiying', 'POST', '/api/agrifund/tree', { totalWan: '12506.5735', note: '调整', tree: tree.categories })).statusCode).toBe(403);
    // 县工信局 is a department but not the fund's authority.
    expect((await req('gongxin', 'POST', '/api/agrifund/tree', { totalWan: '12506.5735', note: '调整', tree: tree.categories })).statusCode).toBe(403);
    expect((await req('admin', 'GET', '/api/agrifund/tree')).json().versions).toEqual([1]);
    const x = await req('admin', 'GET', '/api/agrifund/tree.xlsx');
    expect([x.statusCode, x.headers['content-type']]).toEqual([200, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet']);
  });

  it('records sources by 省/市/县, 当年/结转, 存量/增量 and refuses an unknown kind in Chinese', async () => {
    const bad = await req('caizheng', 'POST', '/api/agrifund/sources', { code: '2.1', level: 'town', yearKind: 'current', stockKind: 'stock', amountWan: '10' });
    expect([bad.statusCode, bad.json().error.fields[0].field]).toEqual([400, 'level']);
    const ok = await req('caizheng', 'POST', '/api/agrifund/sources', { code: '2.1', level: 'province', yearKind: 'current', stockKind: 'increment', amountWan: '2000' });
    expect([ok.statusCode, ok.json().levelName]).toEqual([201, '省级']);
    expect((await req('xiying', 'POST', '/api/agrifund/sources', { code: '2.1', level: 'county', yearKind: 'current', stockKind: 'stock', amountWan: '1' })).statusCode).toBe(403);
    expect((await req('xiying', 'GET', '/api/agrifund/sources')).json().items).toHaveLength(1);
  });

  it('takes a project from 申报 through every step to its first verified payment; a township sees only its own', async () => {
    const base = { itemCode: '2.3', implementingUnit: '西营镇人民政府', targets: '新建污水管网 3 公里', milestones: MILESTONES };
    // A township declares only for itself; a sub-item holds only what is left (433.1 万元).
    expect((await req('xiying', 'POST', '/api/agrifund/projects', { ...base, name: '越权', townshipId: town('天宁镇'), amountWan: '10' })).statusCode).toBe(403);
    const over = await req('xiying', 'POST', '/api/agrifund/projects', { ...base, name: '超额', townshipId: town('西营镇'), amountWan: '433.1001' });
    expect([over.statusCode, over.json().error.message]).toEqual([409, '污水管网建设安排资金已不足（尚可安排 433.1 万元）']);
    const shares = await req('xiying', 'POST', '/api/agrifund/projects', { ...base, name: '比例', townshipId: town('西营镇'), amountWan: '10', milestones: [{ name: '开工', dueDate: '2022-06-30', shareBp: 4000 }] });
    expect([shares.statusCode, shares.json().error.fields[0].field]).toEqual([400, 'milestones']);
    const c = await req('xiying', 'POST', '/api/agrifund/projects', { ...base, name: '西营镇污水管网', townshipId: town('西营镇'), amountWan: '100' });
    expect([c.statusCode, c.json().step, c.json().stepLabel]).toEqual([201, 'declared', '项目申报']);
    const id = c.json().id;
    await req('tianning', 'POST', '/api/agrifund/projects', { ...base, name: '天宁镇污水管网', townshipId: town('天宁镇'), amountWan: '50' });
    expect((await req('xiying', 'GET', '/api/agrifund/projects')).json().items.map((p: { name: string }) => p.name)).toEqual(['西营镇污水管网']);
    expect((await req('nongye', 'GET', '/api/agrifund/projects')).json().items).toHaveLength(2);
    expect((await req('tianning', 'GET', `/api/agrifund/projects/${id}`)).statusCode).toBe(404);
    expect((await req('gongxin', 'GET', '/api/agrifund/projects')).json().items).toEqual([]);

    const step = (who: string, name: string, body: object = {}) => req(who, 'POST', `/api/agrifund/projects/${id}/${name}`, body);
    // No step skipped, each by its body, with its note.
    expect((await step('nongye', 'approved', { approvalNo: '交乡振〔2022〕1号' })).statusCode).toBe(409);
    expect((await step('xiying', 'reviewed', { note: '自评' })).statusCode).toBe(403);
    const noNote = await step('nongye', 'reviewed', {});
    expect([noNote.statusCode, noNote.json().error.fields[0].field]).toEqual([400, 'note']);
    const detail = (await req('nongye', 'GET', `/api/agrifund/projects/${id}`)).json();
    expect(detail.actions.map((a: { step: string; allowed: boolean }) => [a.step, a.allowed])).toEqual([['reviewed', true]]);
    expect((await step('nongye', 'reviewed', { note: '评审通过' })).json().step).toBe('reviewed');
    expect((await step('xiying', 'feasibility', { note: '可研已编制' })).json().step).toBe('feasibility');
    expect((await step('xiying', 'design', { note: '初设已完成' })).json().step).toBe('design');
    const approved = await step('nongye', 'approved', { approvalNo: '交农〔2022〕8号' });
    expect(approved.json().step).toBe('approved');
    // 「两个一律」: the approval is announced, readable without login.
    const pub = (await req(null, 'GET', '/api/notices')).json().items;
    expect(pub.some((n: { subject: string }) => n.subject.includes('西营镇污水管网'))).toBe(true);
    // A payment request before 开工 is refused.
    const early = await req('xiying', 'POST', `/api/agrifund/projects/${id}/milestones/1/request`, { amountWan: '40', note: '开工' });
    expect(early.statusCode).toBe(409);
    expect((await step('xiying', 'procured', { note: '公开招标，中标单位某建设公司' })).json().step).toBe('procured');
    const noDate = await step('xiying', 'started', {});
    expect([noDate.statusCode, noDate.json().error.fields[0].field]).toEqual([400, 'startedOn']);
    expect((await step('xiying', 'started', { startedOn: '2022-05-01' })).json().step).toBe('started');

    const pay = (who: string, seq: number, amountWan: string) => req(who, 'POST', `/api/agrifund/projects/${id}/milestones/${seq}/pay`, { amountWan });
    // Before verification: refused with the gate in the document's words.
    const gate = await pay('caizheng', 1, '40');
    expect([gate.statusCode, gate.json().error.message]).toEqual([400, '该进度节点尚未核实：达到项目计划进度目标方可进入资金拨付程序（交政办发〔2022〕8号）']);
    expect((await req('nongye', 'POST', `/api/agrifund/projects/${id}/milestones/1/verify`, { evidence: '现场核查' })).statusCode).toBe(409);
    const ask = await req('xiying', 'POST', `/api/agrifund/projects/${id}/milestones/1/request`, { amountWan: '40', note: '已开工' });
    expect([ask.statusCode, ask.json().milestones[0].requestWan]).toEqual([200, '40']);
    expect((await req('xiying', 'POST', `/api/agrifund/projects/${id}/milestones/1/verify`, { evidence: '自查' })).statusCode).toBe(403);
    // 「核实检查」 rests on papers: none on file, refused; the bureau's photo uploaded, verified.
    const bare = await req('nongye', 'POST', `/api/agrifund/projects/${id}/milestones/1/verify`, { evidence: '开工报告及现场照片' });
    expect([bare.statusCode, bare.json().error.message]).toEqual([409, '请先上传核实检查材料（照片、验收资料）']);
    const offered = (await req('nongye', 'GET', `/api/agrifund/projects/${id}`)).json().milestones[0].actions.find((a: { step: string }) => a.step === 'verify');
    expect([offered.allowed, offered.files]).toEqual([false, [{ entity: 'agrifund_evidence', entityId: `${id}.1`, label: '核实检查材料（照片、验收资料）', present: false }]]);
    const photo = (who: string, key: string) => t.app.inject({ method: 'POST', url: `/api/files?entity=agrifund_evidence&entityId=${key}&fileName=site.jpg`, payload: TINY_JPEG, headers: { ...s[who].headers, 'content-type': 'image/jpeg' } });
    expect((await photo('tianning', `${id}.1`)).statusCode).toBe(403);
    expect((await photo('nongye', `${id}.1`)).statusCode).toBe(201);
    const v = await req('nongye', 'POST', `/api/agrifund/projects/${id}/milestones/1/verify`, { evidence: '开工报告及现场照片' });
    expect([v.statusCode, v.json().verifiedWan]).toEqual([200, '40']);
    expect((await pay('nongye', 1, '40')).statusCode).toBe(403);
    const beyond = await pay('caizheng', 1, '40.0001');
    expect([beyond.statusCode, beyond.json().error.message]).toEqual([400, '累计拨付将超过已核实进度对应的金额（可拨付 40 万元）']);
    const paid = await pay('caizheng', 1, '40');
    expect([paid.statusCode, paid.json().paidWan, paid.json().payments.length]).toEqual([200, '40', 1]);
    expect((await pay('caizheng', 1, '0.0001')).statusCode).toBe(400);
    // A source of the project's sub-item is traced to it: on the project, and beside the sub-item's payments.
    expect((await req('caizheng', 'POST', '/api/agrifund/sources', { code: '2.3', level: 'city', yearKind: 'carryover', stockKind: 'stock', amountWan: '50' })).statusCode).toBe(201);
    expect((await req('xiying', 'GET', `/api/agrifund/projects/${id}`)).json().sources).toMatchObject([{ code: '2.3', levelName: '市级', amountWan: '50', paidWan: '40' }]);
    expect((await req('xiying', 'GET', '/api/agrifund/payments')).json().items.map((p: { amountWan: string }) => p.amountWan)).toEqual(['40']);
    expect((await req('tianning', 'GET', '/api/agrifund/payments')).json().items).toEqual([]);
    const timeline = (await req('xiying', 'GET', `/api/agrifund/projects/${id}`)).json().timeline;
    expect(timeline.map((e: { label: string }) => e.label)).toEqual(expect.arrayContaining(['评审', '可研', '初设', '批复', '政府采购', '开工']));
    // 验收 waits for every milestone.
    expect((await step('xiying', 'progress', { note: '主体完工' })).json().step).toBe('progress');
    const acc = await step('nongye', 'accepted', { note: '验收' });
    expect([acc.statusCode, acc.json().error.message]).toEqual([409, '尚有进度节点未核实，全部节点核实后方可验收']);
    for (const f of ['projects.xlsx', 'payments.xlsx']) expect((await req('shenji', 'GET', `/api/agrifund/${f}`)).statusCode).toBe(200);
  });

  it('publishes a township\'s allocation result as a public notice and reports the KPIs by category, sub-item and township', async () => {
    const none = await req('nongye', 'POST', '/api/agrifund/disclosures', { townshipId: town('天宁镇'), kind: 'allocation' });
    expect(none.statusCode).toBe(409);
    expect((await req('tianning', 'POST', '/api/agrifund/disclosures', { townshipId: town('西营镇'), kind: 'allocation' })).statusCode).toBe(403);
    const d = await req('nongye', 'POST', '/api/agrifund/disclosures', { townshipId: town('西营镇'), kind: 'allocation' });
    expect([d.statusCode, d.json().subject]).toEqual([201, '西营镇 2022 年统筹整合涉农资金分配结果公开']);
    const n = (await req(null, 'GET', `/api/notices/${d.json().noticeId}`)).json();
    expect(n.content).toContain('西营镇污水管网，污水管网建设，安排 100 万元');
    const k = (await req('nongye', 'GET', '/api/agrifund/kpis')).json();
    const item = k.bySubItem.find((x: { code: string }) => x.code === '2.3');
    // Both 2.3 projects: one at 进度 (approved and started), one at 申报; 40 of 150 万元 paid.
    expect([item.projects, item.startedPct, item.completedPct, item.paidPct]).toEqual([2, '100.00', '0.00', '26.66']);
    expect(k.byCategory.find((x: { code: string }) => x.code === '2').paidWan).toBe('40');
    expect(k.byTownship.find((x: { name: string }) => x.name === '西营镇').paidPct).toBe('40.00');
    const mine = (await req('tianning', 'GET', '/api/agrifund/kpis')).json();
    expect(mine.byTownship.map((x: { name: string }) => x.name)).toEqual(['天宁镇']);
    const bad = await req('nongye', 'POST', '/api/agrifund/disclosures', { townshipId: town('西营镇'), kind: 'other' });
    expect([bad.statusCode, bad.json().error.fields[0].field]).toEqual([400, 'kind']);
  });
});
