import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/dialects.js';
import { testApp, type Session, type TestApp } from '../../test/app.js';

let today = '2022-05-06';

describe.each(DIALECTS)('督查督办 on %s', (dialect) => {
  let t: TestApp;
  const s: Record<string, Session> = {};
  let units: { id: number; name: string }[];
  const unit = (name: string) => units.find((u) => u.name === name)!.id;
  const req = (who: string | null, method: string, url: string, payload?: object) =>
    t.app.inject({ method: method as 'GET', url, payload, headers: who ? s[who].headers : {} });
  let tasks: { id: number; path: string[]; part: string; status: string; units: { unitName: string }[] }[];
  const task = (part: string, path: string) => tasks.find((x) => x.part.includes(part) && x.path.join('') === path)!;

  beforeAll(async () => {
    t = await testApp(dialect, { today: () => today, now: () => `${today}T02:00:00.000Z`, seed: ['gazette', 'supervision'] });
    for (const u of ['admin', 'gongxin', 'tianning', 'jumin', 'shenji']) s[u] = await t.login(u).catch(() => undefined as unknown as Session);
    units = (await req('admin', 'GET', '/api/directory/units')).json().items;
  });
  afterAll(() => t.close());

  it('extracts a document as proposals that nobody holds until the office confirms; extraction run again adds nothing', async () => {
    expect((await req('gongxin', 'POST', '/api/supervision/extract', { docNumber: '交政办发〔2022〕6号' })).statusCode).toBe(403);
    const first = (await req('admin', 'POST', '/api/supervision/extract', { docNumber: '交政办发〔2022〕6号' })).json();
    expect(first).toMatchObject({ found: 60, added: 60 });
    expect((await req('admin', 'POST', '/api/supervision/extract', { docNumber: '交政办发〔2022〕6号' })).json().added).toBe(0);
    tasks = [];
    for (let page = 1; page <= 3; page++) tasks.push(...(await req('admin', 'GET', `/api/supervision/tasks?status=proposed&pageSize=100&page=${page}`)).json().items);
    expect(tasks).toHaveLength(60);
    expect(tasks.every((x) => x.status === 'proposed')).toBe(true);
    expect((await req('gongxin', 'GET', '/api/supervision/tasks')).json().total).toBe(0);
    expect((await req('admin', 'GET', '/api/workbench')).json().items).toContainEqual(expect.objectContaining({ title: '抽取的任务待确认交办', count: 60 }));
  });

  it('lets the office pick any document, the exact 文号 first and 6号 never 16号', async () => {
    const pick = async (q: string) => (await req('admin', 'GET', `/api/supervision/documents?q=${encodeURIComponent(q)}`)).json().items as { docNumber: string; tasks: number }[];
    const all = await pick('');
    expect(all.length).toBeGreaterThanOrEqual(20);
    const six = await pick('6号');
    expect(six.find((d) => d.docNumber === '交政办发〔2022〕6号')).toMatchObject({ tasks: tasks.length });
    expect(six.length).toBeGreaterThanOrEqual(2);
    expect(six.every((d) => /〕6号$/.test(d.docNumber))).toBe(true);
    expect((await pick('交政办发〔2022〕6号'))[0].docNumber).toBe('交政办发〔2022〕6号');
    expect((await pick('16号')).map((d) => d.docNumber).every((n) => n.endsWith('〕16号'))).toBe(true);
    expect((await req('gongxin', 'GET', '/api/supervision/documents?q=6号')).statusCode).toBe(403);
  });

  it('names each clause with its plan and lists the tasks in the document’s order', async () => {
    const listed = tasks as unknown as { part: string; clause: string; plan: string; path: string[] }[];
    // 交政办发〔2022〕6号 holds three plans: a clause number such as 三、（一）2. is told apart by its plan.
    const twice = listed.filter((x) => x.path.join('') === '三、（一）2.');
    expect(twice.length).toBeGreaterThanOrEqual(2);
    expect(new Set(twice.map((x) => x.plan)).size).toBeGreaterThanOrEqual(2);
    expect(new Set(twice.map((x) => x.clause)).size).toBe(new Set(twice.map((x) => x.plan)).size);
    expect(twice.every((x) => x.clause === `${x.plan} 三、（一）2.` && !x.plan.startsWith('交城县'))).toBe(true);
    // Each plan's tasks together, in the plans' order in the document, and within a plan by its printed numbers.
    const blocks = listed.map((x) => x.part).filter((p, i, a) => p !== a[i - 1]);
    expect(blocks).toHaveLength(3);
    const air = listed.filter((x) => x.part.includes('空气质量')).map((x) => x.path[0]);
    expect(air.filter((p, i, a) => p !== a[i - 1])).toEqual([...new Set(air)]);
  });

  it('refuses to assign a task without a lead or a deadline, and takes the office’s correction', async () => {
    const shangde = task('碧水', '三、（一）3.');
    // 「（责任单位：各行业整治牵头部门）」: the units the plan names lead by default; with all taken out, no one would hold it.
    const trades = task('空气质量', '四、（二）8.');
    expect(trades.units.length).toBeGreaterThan(5);
    await req('admin', 'PUT', `/api/supervision/tasks/${trades.id}`, { lead: [], support: [], deadline: '2022-09-30', recurrence: null });
    const bad = await req('admin', 'POST', `/api/supervision/tasks/${trades.id}/confirm`);
    expect([bad.statusCode, bad.json().error.fields[0].field]).toEqual([400, 'lead']);
    const fixed = (await req('admin', 'PUT', `/api/supervision/tasks/${shangde.id}`, { lead: [unit('交城经济开发区管理委员会')], support: [], deadline: '2022-12-31', recurrence: null })).json();
    expect(fixed.units).toMatchObject([{ unitName: '交城经济开发区管理委员会', part: 'lead' }]);
    // The office's date is its own: marked 县政府办公室核定, and no words are shown as 原文 the text never had.
    expect([fixed.deadline, fixed.deadlineSource, fixed.deadlineText]).toEqual(['2022-12-31', '县政府办公室核定', null]);
    // A date the text gives stays the text's, with its own words, through a correction that keeps it.
    const vocs = (await req('admin', 'GET', `/api/supervision/tasks/${task('空气质量', '三、（二）3.').id}`)).json() as { id: number; units: { unitId: number; part: string }[] };
    const of = (part: string) => vocs.units.filter((u) => u.part === part).map((u) => u.unitId);
    const moved = (await req('admin', 'PUT', `/api/supervision/tasks/${vocs.id}`, { lead: of('lead'), support: of('support'), deadline: '2022-04-30', recurrence: null })).json();
    expect([moved.deadline, moved.deadlineSource, moved.deadlineText]).toEqual(['2022-04-30', '原文', '2022年4月底前']);
    expect((await req('admin', 'POST', `/api/supervision/tasks/${shangde.id}/confirm`)).json().status).toBe('unsigned');
  });

  it('runs 交办 → 签收 → 反馈 → 延期 → 复核 → 办结 for the unit that holds the task, and no other', async () => {
    const coke = task('空气质量', '三、（一）1.');
    const assigned = (await req('admin', 'POST', `/api/supervision/tasks/${coke.id}/confirm`)).json();
    // 2022-05-07, a Saturday, was a working day (劳动节调休).
    expect([assigned.status, assigned.light, assigned.signDue, assigned.deadline]).toEqual(['unsigned', 'yellow', '2022-05-09', '2022-12-31']);
    expect((await req('gongxin', 'GET', '/api/workbench')).json().items).toContainEqual(expect.objectContaining({ title: '督办任务待签收', count: 1, deadline: '2022-05-09' }));
    const early = await req('gongxin', 'POST', `/api/supervision/tasks/${coke.id}/reports`, { text: '已启动', percent: 10 });
    expect([early.statusCode, early.json().error.message]).toEqual([409, '请先签收任务再报送进展']);
    expect((await req('tianning', 'POST', `/api/supervision/tasks/${coke.id}/sign`)).statusCode).toBe(404);
    expect((await req('jumin', 'GET', `/api/supervision/tasks/${coke.id}`)).statusCode).toBe(403);
    expect((await req('gongxin', 'POST', `/api/supervision/tasks/${coke.id}/sign`)).json().units.find((u: { unitName: string }) => u.unitName === '县工业和信息化局').signedAt).not.toBeNull();
    const reported = (await req('gongxin', 'POST', `/api/supervision/tasks/${coke.id}/reports`, { text: '美锦 4.3 米焦炉已于 4 月 28 日关停', percent: 40, values: [] })).json();
    expect(reported.reports).toMatchObject([{ kind: 'progress', percent: 40 }]);
    const tooMany = await req('gongxin', 'POST', `/api/supervision/tasks/${coke.id}/reports`, { text: '多报', percent: 40, values: [1] });
    expect(tooMany.statusCode).toBe(400);
    const ext = (await req('gongxin', 'POST', `/api/supervision/tasks/${coke.id}/extensions`, { to: '2023-03-31', reason: '受疫情影响，工期顺延' })).json();
    expect(ext.extensions).toMatchObject([{ status: 'pending', to: '2023-03-31' }]);
    expect((await req('gongxin', 'POST', `/api/supervision/tasks/${coke.id}/extensions`, { to: '2023-04-30', reason: '再次申请延期' })).statusCode).toBe(409);
    const approved = (await req('admin', 'POST', `/api/supervision/extensions/${ext.extensions[0].id}/decide`, { approve: true })).json();
    // The lead unit has signed: the task is its lead's, so it is no longer 未签收 though the supporting 分局 has not signed;
    // the 分局's own light says so beside it.
    expect([approved.extendedTo, approved.status, approved.statusLabel]).toEqual(['2023-03-31', 'extended', '已延期']);
    const byUnit = (x: { units: { unitName: string; state: string; light: string; part: string }[] }) => x.units.map((u) => [u.part, u.unitName, u.state, u.light]);
    expect(byUnit(approved)).toEqual([
      ['lead', '县工业和信息化局', 'reported', 'green'],
      ['support', '吕梁市生态环境局交城分局', 'unsigned', 'yellow'],
    ]);
    const listed = (await req('admin', 'GET', '/api/supervision/tasks?status=assigned&pageSize=100')).json().items.find((x: { id: number }) => x.id === coke.id);
    expect(listed.statusLabel).toBe('已延期');
    expect((await req('admin', 'GET', '/api/supervision/dashboard')).json().byUnit.find((u: { unitName: string }) => u.unitName === '县工业和信息化局')).toMatchObject({ unsigned: 0 });
    // With the 分局 supporting, the office reviews the lead unit's 汇总; a progress report alone is not enough.
    const early2 = await req('admin', 'POST', `/api/supervision/tasks/${coke.id}/finish`, { accept: true, note: '同意办结' });
    expect([early2.statusCode, early2.json().error.message]).toEqual([409, '牵头单位尚未汇总报送办理情况，不能办结']);
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    const up = await t.app.inject({ method: 'POST', url: `/api/files?entity=supervision_task&entityId=${coke.id}&fileName=${encodeURIComponent('关停验收单.pdf')}`, payload: pdf, headers: { ...s.gongxin.headers, 'content-type': 'application/pdf' } });
    expect(up.statusCode).toBe(201);
    expect((await req('tianning', 'GET', `/api/files?entity=supervision_task&entityId=${coke.id}`)).statusCode).toBe(403);
    const summary = (await req('gongxin', 'POST', `/api/supervision/tasks/${coke.id}/reports`, { text: '汇总：美锦焦炉已关停，分局已完成现场核查', percent: 60, consolidated: true })).json();
    expect(summary.reports.at(-1)).toMatchObject({ kind: 'consolidated', percent: 60 });
    const returned = (await req('admin', 'POST', `/api/supervision/tasks/${coke.id}/finish`, { accept: false, note: '请补充华鑫、晋阳焦炉淘汰进度' })).json();
    expect(returned.returns).toBe(1);
    const done = (await req('admin', 'POST', `/api/supervision/tasks/${coke.id}/finish`, { accept: true, note: '经复核，同意办结销号' })).json();
    expect([done.status, done.light]).toEqual(['done', 'green']);
    expect((await req('gongxin', 'POST', `/api/supervision/tasks/${coke.id}/reports`, { text: '办结后再报', percent: 100 })).statusCode).toBe(409);
    const trail = await t.db.kysely.selectFrom('audit_log').select('action').where('entity', '=', 'supervision_task').where('entity_id', '=', String(coke.id)).orderBy('id').execute();
    expect(trail.map((a) => a.action)).toEqual(['confirm', 'sign', 'report_progress', 'request_extension', 'approve_extension', 'report_consolidated', 'return', 'accept']);
  });

  it('lights an overdue task red, scores its unit, and names it in the 督查通报; the ledger exports', async () => {
    const vocs = task('空气质量', '三、（二）3.'); // 2022年4月底前
    expect((await req('admin', 'POST', `/api/supervision/tasks/${vocs.id}/confirm`)).json()).toMatchObject({ status: 'overdue', light: 'red' });
    const d = (await req('admin', 'GET', '/api/supervision/dashboard')).json();
    const fenju = d.byUnit.find((u: { unitName: string }) => u.unitName === '吕梁市生态环境局交城分局');
    expect(fenju).toMatchObject({ tasks: 1, overdue: 1, score: 90 });
    expect(d.byUnit.find((u: { unitName: string }) => u.unitName === '县工业和信息化局')).toMatchObject({ tasks: 1, done: 1, onTime: 1, onTimeRate: 100, returns: 1, score: 95 });
    expect(d.byDocument).toEqual([{ key: '交政办发〔2022〕6号', tasks: 3, done: 1, overdue: 1, dueSoon: 0 }]);
    expect(d.totals).toEqual({ tasks: 3, done: 1, overdue: 1, dueSoon: 0 });
    expect(d.byMonth.map((m: { key: string }) => m.key)).toEqual(['2022-04', '2022-12', '2023-03']);
    const bulletin = await req('admin', 'GET', '/api/supervision/bulletin');
    expect(bulletin.body).toContain('吕梁市生态环境局交城分局');
    expect((await req('admin', 'GET', '/api/supervision/tasks.xlsx')).headers['content-type']).toContain('spreadsheetml');
    // 临期: within 5 working days of the deadline.
    today = '2022-12-26';
    const soon = (await req('admin', 'GET', `/api/supervision/tasks/${task('碧水', '三、（一）3.').id}`)).json();
    expect(soon.status).toBe('unsigned');
    today = '2022-05-06';
  });

  it('sends 催办 and 督办单 once per unit and deadline, and issues the week’s 督查通报 once', async () => {
    const first = (await req('admin', 'POST', '/api/supervision/sweep')).json();
    // The overdue VOCs task: a 督办单 to the 分局, 工信局 and 市场监管局.
    expect(first).toEqual({ remind: 0, order: 3, bulletin: '2022-05-02' });
    expect((await req('admin', 'POST', '/api/supervision/sweep')).json()).toEqual({ remind: 0, order: 0, bulletin: null });
    const vocs = (await req('admin', 'GET', `/api/supervision/tasks/${task('空气质量', '三、（二）3.').id}`)).json();
    expect(vocs.notices.map((n: { kind: string; unitName: string }) => `${n.kind}:${n.unitName}`)).toContain('order:县工业和信息化局');
    expect((await req('gongxin', 'GET', '/api/workbench')).json().items).toContainEqual(expect.objectContaining({ title: '督办单：逾期未办结，须书面说明', count: 1 }));
    const issued = (await req('admin', 'GET', '/api/supervision/bulletins')).json().items;
    expect(issued).toMatchObject([{ issuedOn: '2022-05-02', late: 1 }]);
    expect((await req('gongxin', 'GET', `/api/supervision/bulletins/${issued[0].id}`)).body).toContain('2022-05-02 当周');
    // A task due within five working days gets its 催办.
    today = '2022-12-26';
    expect((await req('admin', 'POST', '/api/supervision/sweep')).json()).toMatchObject({ remind: 1 });
    today = '2022-05-06';
  });
});
