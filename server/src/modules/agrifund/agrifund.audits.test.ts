/** 审计抽查 (交政办发〔2022〕8号 六、（二）): the 县审计局 draws and concludes, a finding goes to the 县纪委监委 as a lead. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/dialects.js';
import { testApp, type Session, type TestApp } from '../../test/app.js';

const today = '2022-11-20';

interface Draw {
  id: number;
  seq: number;
  seed: string;
  population: number;
  reproducible: boolean;
  projects: { projectId: number; name: string; check: { passed: boolean; lead: { id: number; status: string } | null } | null }[];
}

describe.each(DIALECTS)('涉农资金 审计抽查 on %s', (dialect) => {
  let t: TestApp;
  const s: Record<string, Session> = {};
  const req = (who: string, method: 'GET' | 'POST', url: string, payload?: object) => t.app.inject({ method, url, payload, headers: s[who].headers });
  const ok = async <T>(who: string, method: 'GET' | 'POST', url: string, payload?: object): Promise<T> => {
    const r = await req(who, method, url, payload);
    if (r.statusCode >= 300) throw new Error(`${method} ${url}: ${r.statusCode} ${r.body}`);
    return r.json() as T;
  };
  let paidIds: number[] = [];

  beforeAll(async () => {
    t = await testApp(dialect, { today: () => today, now: () => `${today}T02:00:00.000Z`, seed: ['agrifund'] });
    for (const u of ['admin', 'shenji', 'nongye', 'xiying']) s[u] = await t.login(u);
    const units = (await ok<{ items: { id: number; name: string; code: string | null; kind: string }[] }>('admin', 'GET', '/api/directory/units')).items;
    // An official of the 县纪委监委, known by its directory code.
    const jw = units.find((u) => u.code === 'JC-JW')!;
    const made = await req('admin', 'POST', '/api/users', { username: 'jiwei', displayName: '县纪委监委干部', role: 'department_official', unitId: jw.id, password: 'Jiwei2022chushi' });
    expect(made.statusCode, made.body).toBe(201);
    s.jiwei = await t.login('jiwei', 'Jiwei2022chushi');
    await t.changePassword(s.jiwei, 'Jiwei2022chushi', 'Jiwei2022xinmima');
    // Twelve projects with money paid and three without: the population is the paid ones (set up in the tables directly).
    const xiying = units.find((u) => u.name === '西营镇')!.id;
    const rows = Array.from({ length: 15 }, (_, i) => ({
      year: 2022, item_code: '2.3', name: `抽查测试项目${i + 1}`, township_id: xiying, village_id: null, implementing_unit: '西营镇人民政府', amount_fen: 1_000_000, targets: '测试',
      step: 'progress', verified_fen: i < 12 ? 500_000 : 0, paid_fen: i < 12 ? 500_000 : 0, created_by: 'test', created_at: `${today}T00:00:00.000Z`,
    }));
    paidIds = (await t.db.kysely.insertInto('agrifund_projects').values(rows).returning('id').execute()).map((r) => r.id).slice(0, 12);
  });
  afterAll(() => t.close());

  it('draws at least 10 % of the paid projects by a recorded seed that redraws the same, for the 审计部门 only', async () => {
    expect((await req('nongye', 'POST', '/api/agrifund/audits', { year: 2022 })).statusCode).toBe(403);
    expect((await req('xiying', 'GET', '/api/agrifund/audits')).statusCode).toBe(403);
    const low = await req('shenji', 'POST', '/api/agrifund/audits', { year: 2022, percent: 5 });
    expect([low.statusCode, low.json().error.fields[0].field]).toEqual([400, 'percent']);
    expect((await req('shenji', 'POST', '/api/agrifund/audits', { year: 2023 })).statusCode).toBe(409);
    const first = await ok<Draw>('shenji', 'POST', '/api/agrifund/audits', { year: 2022, seed: '2022-第一次' });
    // 10 % of 12 is 1.2: rounded up, two projects, both among the paid.
    expect([first.seq, first.population, first.projects.length, first.reproducible]).toEqual([1, 12, 2, true]);
    expect(first.projects.every((p) => paidIds.includes(p.projectId))).toBe(true);
    const again = await ok<Draw>('shenji', 'POST', '/api/agrifund/audits', { year: 2022, seed: '2022-第一次' });
    expect([again.seq, again.projects.map((p) => p.projectId)]).toEqual([2, first.projects.map((p) => p.projectId)]);
    const list = await ok<{ rule: string; draws: Draw[] }>('shenji', 'GET', '/api/agrifund/audits?year=2022');
    expect(list.rule).toContain('违法违纪案件线索及时移交县纪委监委');
    expect(list.draws.map((d) => d.seq)).toEqual([2, 1]);
  });

  it('concludes once per drawn project, refers a finding to the 县纪委监委, which receives and closes it', async () => {
    const d = (await ok<{ draws: Draw[] }>('shenji', 'GET', '/api/agrifund/audits?year=2022')).draws.find((x) => x.seq === 1)!;
    const [a, b] = d.projects.map((p) => p.projectId);
    const notDrawn = paidIds.find((id) => !d.projects.some((p) => p.projectId === id))!;
    const check = (body: object) => req('shenji', 'POST', `/api/agrifund/audits/${d.id}/checks`, body);
    const outside = await check({ projectId: notDrawn, passed: true });
    expect([outside.statusCode, outside.json().error.fields[0].field]).toEqual([400, 'projectId']);
    const bare = await check({ projectId: a, passed: false, finding: '' });
    expect([bare.statusCode, bare.json().error.fields[0].field]).toEqual([400, 'finding']);
    const passedRefer = await check({ projectId: a, passed: true, refer: true });
    expect([passedRefer.statusCode, passedRefer.json().error.fields[0].field]).toEqual([400, 'refer']);
    expect((await req('nongye', 'POST', `/api/agrifund/audits/${d.id}/checks`, { projectId: a, passed: true })).statusCode).toBe(403);
    // The auditor's workbench counts the drawn projects still without a conclusion (two draws of two).
    const wb = async (who: string, title: string) => (await ok<{ items: { title: string; count: number }[] }>(who, 'GET', '/api/workbench')).items.find((i) => i.title === title)?.count;
    expect(await wb('shenji', '抽中项目待出具抽查结论')).toBe(4);
    expect((await check({ projectId: a, passed: true })).statusCode).toBe(200);
    // Two conclusions on one project at once: one is kept, the other answers 409 and writes nothing.
    const race = await Promise.all([check({ projectId: b, passed: false, finding: '虚报工程量，套取资金 3 万元', refer: true }), check({ projectId: b, passed: false, finding: '重复报账', refer: true })]);
    expect(race.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect((await t.db.kysely.selectFrom('agrifund_leads').selectAll().execute()).length).toBe(1);
    expect(await wb('shenji', '抽中项目待出具抽查结论')).toBe(2);

    const leads = (await ok<{ items: { id: number; summary: string; status: string; mayReceive: boolean; mayClose: boolean }[] }>('jiwei', 'GET', '/api/agrifund/leads')).items;
    expect(leads).toHaveLength(1);
    expect([leads[0].status, leads[0].mayReceive]).toEqual(['referred', true]);
    expect(await wb('jiwei', '审计移交线索待受理')).toBe(1);
    expect((await req('shenji', 'POST', `/api/agrifund/leads/${leads[0].id}/receive`)).statusCode).toBe(403);
    const received = await Promise.all([req('jiwei', 'POST', `/api/agrifund/leads/${leads[0].id}/receive`), req('jiwei', 'POST', `/api/agrifund/leads/${leads[0].id}/receive`)]);
    expect(received.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const noOutcome = await req('jiwei', 'POST', `/api/agrifund/leads/${leads[0].id}/close`, { outcome: '' });
    expect([noOutcome.statusCode, noOutcome.json().error.fields[0].field]).toEqual([400, 'outcome']);
    const closed = await ok<{ status: string; outcome: string }>('jiwei', 'POST', `/api/agrifund/leads/${leads[0].id}/close`, { outcome: '追回资金 3 万元，对相关责任人立案审查' });
    expect([closed.status, closed.outcome]).toEqual(['closed', '追回资金 3 万元，对相关责任人立案审查']);
    const after = (await ok<{ draws: Draw[] }>('shenji', 'GET', '/api/agrifund/audits?year=2022')).draws.find((x) => x.seq === 1)!;
    expect(after.projects.find((p) => p.projectId === b)!.check).toMatchObject({ passed: false, lead: { status: 'closed' } });
    const xlsx = await req('shenji', 'GET', '/api/agrifund/audits.xlsx?year=2022');
    expect([xlsx.statusCode, xlsx.headers['content-type']]).toEqual([200, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet']);
    // The audit trail names each step in Chinese.
    const actions = (await t.db.kysely.selectFrom('audit_log').select('action').where('entity', 'in', ['agrifund_audit', 'agrifund_lead']).execute()).map((r) => r.action);
    expect(new Set(actions)).toEqual(new Set(['draw', 'check', 'refer', 'receive', 'close']));
  });
});
