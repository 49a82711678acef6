import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/dialects.js';
import { testApp, type Session, type TestApp } from '../../test/app.js';

let today = '2022-06-01';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const GROUP = [
  { kind: 'township', name: '天宁镇党委政府' },
  { kind: 'department', name: '县自然资源局' },
  { kind: 'designer', name: '某规划设计院' },
  { kind: 'villager', name: '村民代表张三' },
];
const UNIT = { unitName: '某规划设计院', unitQualification: '自资规乙字 14000002', unitGrade: '乙级' };

describe.each(DIALECTS)('村庄规划 on %s', (dialect) => {
  let t: TestApp;
  const s: Record<string, Session> = {};
  let units: { id: number; name: string; kind: string; parentId: number | null; code: string | null }[];
  const req = (who: string | null, method: string, url: string, payload?: object) => t.app.inject({ method: method as 'GET', url, payload, headers: who ? s[who].headers : {} });
  const upload = (who: string, entityId: string) =>
    t.app.inject({ method: 'POST', url: `/api/files?entity=villageplan_paper&entityId=${entityId}&fileName=${encodeURIComponent('决议.pdf')}`, payload: PDF, headers: { ...s[who].headers, 'content-type': 'application/pdf' } });
  let tn: number[];
  let xy: number[];
  let caseId: number;
  const step = (who: string, step: string, body: object = {}) => req(who, 'POST', `/api/villageplan/cases/${caseId}/${step}`, body);
  const classify = (who: string, villageId: number, body: object) => req(who, 'POST', '/api/villageplan/classifications', { villageId, criteria: {}, route: 'own', reason: '理由', year: 2023, ...body });

  beforeAll(async () => {
    today = '2022-06-01';
    t = await testApp(dialect, { today: () => today, now: () => `${today}T02:00:00.000Z`, seed: ['villageplan', 'notices'] });
    for (const u of ['admin', 'tianning', 'xiying', 'cunwei', 'nongye']) s[u] = await t.login(u);
    units = (await req('admin', 'GET', '/api/directory/units')).json().items;
    const town = (n: string) => units.find((u) => u.name === n)!.id;
    tn = units.filter((u) => u.kind === 'village' && u.parentId === town('天宁镇')).map((u) => u.id);
    xy = units.filter((u) => u.kind === 'village' && u.parentId === town('西营镇')).map((u) => u.id);
    const bureau = units.find((u) => u.code === 'JC-ZRZYJ')!.id;
    expect((await req('admin', 'POST', '/api/users', { username: 'ziyuan', displayName: '自然资源局', role: 'department_official', unitId: bureau, password: 'Chushi2022ab' })).statusCode).toBe(201);
    const first = await t.login('ziyuan', 'Chushi2022ab');
    await t.changePassword(first, 'Chushi2022ab', 'Ziyuan2022abc');
    s.ziyuan = await t.login('ziyuan', 'Ziyuan2022abc');
  });
  afterAll(() => t.close());

  it('classifies villages by the checklist, refusing in Chinese and writing nothing', async () => {
    const none = await classify('tianning', tn[0], { cls: 'comprehensive' });
    expect([none.statusCode, none.json().error.fields[0].field]).toEqual([400, 'criteria']);
    const inside = await classify('tianning', tn[0], { cls: 'comprehensive', criteria: { settlement: true }, resettlementInsideBoundary: true });
    expect(inside.json().error.message).toContain('安置点在城镇开发边界内');
    const relocation = await classify('tianning', tn[3], { cls: 'relocation' });
    expect([relocation.statusCode, relocation.json().error.fields[0].field]).toEqual([400, 'exception']);
    expect((await classify('tianning', xy[0], { cls: 'remediation' })).statusCode).toBe(400);
    expect((await classify('nongye', tn[0], { cls: 'remediation' })).statusCode).toBe(403);
    expect((await req('tianning', 'GET', '/api/villageplan/classifications')).json().items).toEqual([]);

    const a = await classify('tianning', tn[0], { cls: 'comprehensive', criteria: { industry: true }, reason: '有产业项目落地' });
    expect([a.statusCode, a.json().status, a.json().criteriaMet]).toEqual([201, 'submitted', ['industry']]);
    const b = await classify('tianning', tn[1], { cls: 'relocation', route: 'chapter', year: null, reason: '搬迁' });
    const c = await classify('xiying', xy[0], { cls: 'remediation', reason: '简单整治', year: 2024 });
    // The township sees only its own villages; the bureau sees all and checks them.
    expect((await req('tianning', 'GET', '/api/villageplan/classifications')).json().items.map((x: { villageId: number }) => x.villageId)).toEqual([tn[0], tn[1]]);
    expect((await req('ziyuan', 'GET', '/api/villageplan/classifications')).json().items).toHaveLength(3);
    expect((await req('tianning', 'POST', `/api/villageplan/classifications/${a.json().id}/check`, {})).statusCode).toBe(403);
    expect((await req('nongye', 'POST', `/api/villageplan/classifications/${a.json().id}/check`, {})).statusCode).toBe(404);
    const ret = await req('ziyuan', 'POST', `/api/villageplan/classifications/${c.json().id}/return`, {});
    expect([ret.statusCode, ret.json().error.fields[0].field]).toEqual([400, 'note']);
    expect((await req('ziyuan', 'POST', `/api/villageplan/classifications/${c.json().id}/return`, { note: '请补充整治内容' })).json().status).toBe('returned');
    for (const x of [a, b]) expect((await req('ziyuan', 'POST', `/api/villageplan/classifications/${x.json().id}/check`, { note: '同意' })).json().status).toBe('checked');
    expect((await req('ziyuan', 'POST', `/api/villageplan/classifications/${a.json().id}/check`, {})).statusCode).toBe(409);
    // A checked class stands; a returned one is saved again.
    expect((await classify('tianning', tn[0], { cls: 'remediation' })).json().error.message).toContain('已经县自然资源局审核');
    expect((await classify('xiying', xy[0], { cls: 'remediation', reason: '简单整治，补充村内道路硬化', year: 2024 })).json().status).toBe('submitted');
    const list = (await req('admin', 'GET', '/api/villageplan/list')).json().items;
    expect(list.map((x: { villageId: number; year: number }) => [x.villageId, x.year])).toEqual([[tn[0], 2023]]);
    expect((await req('admin', 'GET', '/api/villageplan/list.xlsx')).headers['content-type']).toContain('spreadsheetml');
  });

  it('evaluates an existing plan on the four points', async () => {
    const bad = await req('tianning', 'POST', '/api/villageplan/evaluations', { villageId: tn[2], planName: '原规划', planYear: 2015, outcome: 'conforms', answers: { redLine: { met: true }, farmland: { met: false }, scale: { met: true }, revitalization: { met: true } } });
    expect([bad.statusCode, bad.json().error.fields.map((f: { field: string }) => f.field)]).toEqual([400, ['answers.farmland', 'outcome']]);
    const ok = await req('tianning', 'POST', '/api/villageplan/evaluations', { villageId: tn[2], planName: '原规划', planYear: 2015, outcome: 'conforms', answers: { redLine: { met: true }, farmland: { met: true }, scale: { met: true }, revitalization: { met: true } } });
    expect([ok.statusCode, ok.json().outcomeLabel]).toEqual([201, '符合要求']);
    expect((await req('xiying', 'GET', '/api/villageplan/evaluations')).json().items).toEqual([]);
  });

  it('opens a case only for listed villages of one township, with its group and a qualified unit', async () => {
    const open = (who: string, body: object) => req(who, 'POST', '/api/villageplan/cases', { villageIds: [tn[0]], members: GROUP, ...UNIT, ...body });
    expect((await open('tianning', { villageIds: [tn[0], xy[0]] })).json().error.message).toContain('同一乡（镇）');
    expect((await open('tianning', { villageIds: [tn[1]] })).json().error.message).toContain('搬迁撤并类村庄，原则上不单独编制');
    expect((await open('tianning', { villageIds: [tn[2]] })).json().error.message).toContain('经评估符合要求');
    expect((await open('tianning', { villageIds: [tn[4]] })).json().error.message).toContain('尚未完成村庄分类审核');
    expect((await open('tianning', { members: GROUP.slice(0, 3) })).json().error.message).toContain('尚缺：村民代表');
    const unq = await open('tianning', { unitQualification: '' });
    expect([unq.statusCode, unq.json().error.fields[0].field]).toEqual([400, 'unitQualification']);
    expect((await req('tianning', 'GET', '/api/villageplan/cases')).json().items).toEqual([]);
    const made = await open('tianning', {});
    expect([made.statusCode, made.json().status, made.json().actions.map((a: { step: string }) => a.step)]).toEqual([201, 'organizing', ['confirm']]);
    caseId = made.json().id;
    expect((await open('tianning', {})).statusCode).toBe(409);
    expect((await req('xiying', 'GET', `/api/villageplan/cases/${caseId}`)).statusCode).toBe(404);
  });

  it('moves through the steps in order: the vote with its resolution, 30 days in the village, approval with its papers', async () => {
    expect((await step('tianning', 'vote', { meeting: 'assembly', meetingOn: today })).statusCode).toBe(409);
    expect((await step('xiying', 'confirm', { note: '同意' })).statusCode).toBe(404);
    expect((await step('tianning', 'confirm', {})).json().error.fields[0].field).toBe('note');
    expect((await step('tianning', 'confirm', { note: '方案二' })).json().status).toBe('confirmed');
    expect((await step('tianning', 'review', { note: '论证通过' })).json().status).toBe('reviewed');
    const noFile = await step('tianning', 'vote', { meeting: 'representatives', meetingOn: today });
    expect([noFile.statusCode, noFile.json().error.message]).toEqual([409, '请先上传村民会议或村民代表会议讨论通过的决议']);
    expect((await upload('xiying', `${caseId}.resolution`)).statusCode).toBe(403);
    expect((await upload('tianning', `${caseId}.resolution`)).statusCode).toBe(201);
    expect((await step('tianning', 'vote', { meeting: 'representatives', meetingOn: '2022-06-02' })).json().error.fields[0].field).toBe('meetingOn');
    expect((await step('tianning', 'vote', { meeting: 'representatives', meetingOn: today })).json().status).toBe('voted');
    const noticed = (await step('tianning', 'publish')).json();
    // Posted Wednesday 1 June 2022: the 30th day is Friday 1 July.
    expect([noticed.status, noticed.noticeLastDay, noticed.noticeIds.length]).toEqual(['noticed', '2022-07-01', 1]);
    const notice = (await req(null, 'GET', `/api/notices/${noticed.noticeIds[0]}`)).json();
    expect([notice.minLength, notice.unit, notice.basis]).toEqual([30, '日', '交政发〔2022〕3号']);
    today = '2022-07-01';
    const early = await step('tianning', 'request');
    expect([early.statusCode, early.json().error.message]).toEqual([409, '村内公示期至 2022-07-01（30 日），期满后方可报批']);
    today = '2022-07-02';
    expect((await step('tianning', 'request')).json().error.message).toBe('请先上传村民委员会审议意见');
    await upload('tianning', `${caseId}.committeeOpinion`);
    expect((await step('tianning', 'request')).json().status).toBe('submitted');
    expect((await step('tianning', 'approve', { approvalNo: '交政函〔2022〕1号', approvedOn: today })).statusCode).toBe(403);
    expect((await step('nongye', 'approve', { approvalNo: '交政函〔2022〕1号', approvedOn: today })).statusCode).toBe(404);
    today = '2022-09-26';
    const approved = (await step('ziyuan', 'approve', { approvalNo: '交政函〔2022〕1号', approvedOn: '2022-09-26' })).json();
    // 20 and 30 working days over the National Day 调休; the evaluation five years on.
    expect([approved.status, approved.deadlines.map((d: { due: string; state: string }) => [d.due, d.state]), approved.evaluationDue]).toEqual(['approved', [['2022-10-27', 'running'], ['2022-11-10', 'running']], '2027-09-26']);
  });

  it('shows the deadlines on the workbench, 临期 then 逾期, and publishes and files the plan', async () => {
    today = '2022-10-24';
    const items = (await req('tianning', 'GET', '/api/workbench')).json().items.filter((i: { module: string }) => i.module === '村庄规划');
    expect(items.map((i: { title: string; deadline: string | null }) => [i.title, i.deadline])).toEqual([['规划成果待“上墙、上网”公开（20 个工作日）（临期 1 件）', '2022-10-27']]);
    today = '2022-10-28';
    expect((await req('tianning', 'GET', '/api/workbench')).json().items.map((i: { title: string }) => i.title)).toContain('规划成果待“上墙、上网”公开（20 个工作日）（逾期 1 件）');
    expect((await req('ziyuan', 'GET', '/api/workbench')).json().items.map((i: { title: string }) => i.title)).toContain('规划成果待汇交省自然资源厅（30 个工作日）');
    expect((await step('tianning', 'publishResult', { publishedOn: today, villageRules: '已纳入村规民约' })).json().error.message).toBe('请先上传规划图表、管制规则');
    await upload('tianning', `${caseId}.maps`);
    await upload('tianning', `${caseId}.rules`);
    expect((await req(null, 'GET', `/api/files?entity=villageplan_paper&entityId=${caseId}.maps`)).statusCode).toBe(403);
    expect((await step('tianning', 'publishResult', { publishedOn: today, villageRules: '' })).json().error.fields[0].field).toBe('villageRules');
    const pub = (await step('tianning', 'publishResult', { publishedOn: today, villageRules: '已纳入村规民约' })).json();
    expect([pub.status, pub.deadlines[0].state]).toEqual(['published', 'done']);
    expect((await req(null, 'GET', '/api/villageplan/public/plans')).json().items.map((p: { name: string; types: string[] }) => [p.types])).toEqual([[['综合性']]]);
    expect((await req(null, 'GET', `/api/files?entity=villageplan_paper&entityId=${caseId}.maps`)).statusCode).toBe(200);
    expect((await req(null, 'GET', `/api/files?entity=villageplan_paper&entityId=${caseId}.resolution`)).statusCode).toBe(403);
    expect((await step('ziyuan', 'file', { submittedOn: today })).json().status).toBe('filed');
  });

  it('sends a change back to the approving authority and republishes it', async () => {
    const changed = (await step('tianning', 'change', { note: '调整村庄建设边界' })).json();
    expect([changed.status, changed.revision]).toEqual(['submitted', 1]);
    const again = (await step('ziyuan', 'approve', { approvalNo: '交政函〔2022〕9号', approvedOn: today })).json();
    expect([again.status, again.publishedOn, again.deadlines.map((d: { state: string }) => d.state)]).toEqual(['approved', null, ['running', 'running']]);
    const timeline = (await req('tianning', 'GET', `/api/villageplan/cases/${caseId}`)).json().timeline.map((x: { label: string }) => x.label);
    expect(timeline).toEqual(['登记', '方案确认', '技术论证', '村级审议', '村内公示', '规划报批', '批准', '成果公开（上墙、上网）', '备案（汇交省自然资源厅）', '修改规划（报原审批机关）', '批准']);
    const dash = (await req('admin', 'GET', '/api/villageplan/dashboard')).json();
    const tnRow = dash.townships.find((x: { township: string }) => x.township === '天宁镇');
    expect([dash.target, tnRow.listed, tnRow.approved, tnRow.classified]).toEqual(['2024-12-31', 1, 1, 2]);
    expect((await req('xiying', 'GET', '/api/villageplan/dashboard')).json().townships.map((x: { township: string }) => x.township)).toEqual(['西营镇']);
    expect((await req('admin', 'GET', '/api/villageplan/cases.xlsx')).statusCode).toBe(200);
  });
  it('posts a joint plan\'s notice in each of its villages, and takes its request only after every one has run', async () => {
    // 「在村内公示 30 日」 (交政发〔2022〕3号 四、（二））: a plan for two 行政村 is posted in both of them.
    for (const v of [tn[4], tn[5]]) {
      const c = await classify('tianning', v, { cls: 'comprehensive', criteria: { heritage: true }, reason: '有传统村落需保护利用', year: 2023 });
      expect((await req('ziyuan', 'POST', `/api/villageplan/classifications/${c.json().id}/check`, { note: '同意' })).json().status).toBe('checked');
    }
    const made = await req('tianning', 'POST', '/api/villageplan/cases', { villageIds: [tn[4], tn[5]], members: GROUP, ...UNIT });
    expect([made.statusCode, made.json().villages.map((v: { id: number }) => v.id)]).toEqual([201, [tn[4], tn[5]]]);
    caseId = made.json().id;
    await step('tianning', 'confirm', { note: '方案一' });
    await step('tianning', 'review', { note: '论证通过' });
    await upload('tianning', `${caseId}.resolution`);
    expect((await step('tianning', 'vote', { meeting: 'assembly', meetingOn: today })).json().status).toBe('voted');
    const noticed = (await step('tianning', 'publish')).json();
    expect([noticed.status, noticed.noticeIds.length]).toEqual(['noticed', 2]);
    const notices = await Promise.all(noticed.noticeIds.map(async (id: number) => (await req(null, 'GET', `/api/notices/${id}`)).json()));
    expect(notices.map((n: { unitId: number; minLength: number }) => [n.unitId, n.minLength]).sort((a, b) => a[0] - b[0])).toEqual([[tn[4], 30], [tn[5], 30]].sort((a, b) => a[0] - b[0]));
    await upload('tianning', `${caseId}.committeeOpinion`);
    expect((await step('tianning', 'request')).statusCode).toBe(409);
  });
});
