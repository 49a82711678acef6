/** 督查督办: a document that yields no task says why, and the office adds a task by hand with the clause it comes from. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/dialects.js';
import { testApp, type Session, type TestApp } from '../../test/app.js';

const today = '2022-05-06';

describe.each(DIALECTS)('督查督办 tasks by hand on %s', (dialect) => {
  let t: TestApp;
  const s: Record<string, Session> = {};
  let units: { id: number; name: string }[];
  const unit = (name: string) => units.find((u) => u.name === name)!.id;
  const req = (who: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) => t.app.inject({ method, url, payload, headers: s[who].headers });

  beforeAll(async () => {
    t = await testApp(dialect, { today: () => today, now: () => `${today}T02:00:00.000Z`, seed: ['gazette', 'supervision'] });
    for (const u of ['admin', 'gongxin']) s[u] = await t.login(u);
    units = (await req('admin', 'GET', '/api/directory/units')).json().items;
  });
  afterAll(() => t.close());

  it('says why a document gives no task, and that a second extraction adds nothing', async () => {
    const docs = (await req('admin', 'GET', '/api/supervision/documents')).json().items as { docNumber: string }[];
    const results = [];
    for (const d of docs) results.push((await req('admin', 'POST', '/api/supervision/extract', { docNumber: d.docNumber })).json() as { docNumber: string; found: number; added: number; reason: string | null });
    // Every document that gives nothing says what its text lacks and points to adding a task by hand; the others say nothing.
    for (const r of results) {
      if (r.found) expect(r.reason).toBeNull();
      else expect(r.reason).toMatch(/^正文.*(没有写明|未能按条款对应).*请「手工添加任务」，注明所在条款。$/);
    }
    expect((await req('admin', 'POST', '/api/supervision/extract', { docNumber: '交政办发〔2022〕6号' })).json()).toMatchObject({ added: 0, reason: '各项任务均已抽取过，重复抽取不会新增' });
  });

  it('adds a task by hand with its document and clause, as a proposal the office then assigns', async () => {
    const body = {
      docNumber: '交政发〔2022〕8号',
      part: null,
      clause: '三、',
      heading: '县储备粮轮换的指导和监督',
      text: '县发展和改革局负责对县储粮轮换的指导、监督',
      lead: [unit('县发展和改革局')],
      support: [unit('县财政局')],
      deadline: '2022-12-31',
      recurrence: null,
    };
    expect((await req('gongxin', 'POST', '/api/supervision/tasks', body)).statusCode).toBe(403);
    const noDoc = await req('admin', 'POST', '/api/supervision/tasks', { ...body, docNumber: '交政发〔2022〕99号' });
    expect([noDoc.statusCode, noDoc.json().error.fields[0].field]).toEqual([400, 'docNumber']);
    const noPart = await req('admin', 'POST', '/api/supervision/tasks', { ...body, part: '不存在的方案' });
    expect([noPart.statusCode, noPart.json().error.fields[0].field]).toEqual([400, 'part']);
    const noClause = await req('admin', 'POST', '/api/supervision/tasks', { ...body, clause: '' });
    expect(noClause.statusCode).toBe(400);

    const added = (await req('admin', 'POST', '/api/supervision/tasks', body)).json();
    expect(added).toMatchObject({ status: 'proposed', origin: 'manual', docNumber: '交政发〔2022〕8号', path: ['三、'], clause: '三、', deadline: '2022-12-31', deadlineSource: '县政府办公室核定', deadlineText: null });
    expect(added.units.map((u: { unitName: string; part: string }) => `${u.part}:${u.unitName}`)).toEqual(['lead:县发展和改革局', 'support:县财政局']);
    const listed = (await req('admin', 'GET', `/api/supervision/tasks?docNumber=${encodeURIComponent('交政发〔2022〕8号')}&pageSize=100`)).json().items as { id: number }[];
    expect(listed.at(-1)!.id).toBe(added.id);
    expect((await req('admin', 'POST', `/api/supervision/tasks/${added.id}/confirm`)).json()).toMatchObject({ status: 'unsigned', assignedOn: today });
  });
});
