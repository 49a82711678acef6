import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/dialects.js';
import { testApp, type Session, type TestApp } from '../../test/app.js';

let today = '2022-06-06';

describe.each(DIALECTS)('public notices (公示) on %s', (dialect) => {
  let t: TestApp;
  let s: Record<string, Session>;
  let units: { id: number; name: string; kind: string; parentId: number | null }[];
  const unit = (name: string) => units.find((u) => u.name === name)!.id;

  beforeAll(async () => {
    t = await testApp(dialect, { today: () => today });
    s = {};
    for (const u of ['admin', 'tianning', 'xiying', 'cunwei', 'gongxin', 'jumin']) s[u] = await t.login(u);
    units = (await t.app.inject({ method: 'GET', url: '/api/directory/units', headers: s.admin.headers })).json().items;
  });
  afterAll(() => t.close());

  const post = (who: string, url: string, payload: object) => t.app.inject({ method: 'POST', url, payload, headers: s[who].headers });
  const notice = (unitId: number, extra: object = {}) => ({ unitId, subject: '2022年农村改厕补助名单公示', content: '名单如下……', startDate: '2022-06-06', minLength: 7, unit: '日', ...extra });

  it('computes the earliest end in 日 and in 工作日', async () => {
    const a = await post('tianning', '/api/notices', notice(unit('天宁镇')));
    expect(a.statusCode).toBe(201);
    expect(a.json().earliestEnd).toBe('2022-06-13');
    today = '2022-04-29';
    const b = await post('tianning', '/api/notices', notice(unit('天宁镇'), { startDate: '2022-04-29', minLength: 5, unit: '工作日' }));
    today = '2022-06-06';
    expect(b.json().earliestEnd).toBe('2022-05-10');
  });

  it('starts a notice today or later, never on an earlier day, so it cannot be backdated and closed at once', async () => {
    const back = await post('tianning', '/api/notices', notice(unit('天宁镇'), { startDate: '2020-01-06', minLength: 1 }));
    expect([back.statusCode, back.json().error.fields[0].field]).toEqual([400, 'startDate']);
    const n = (await post('tianning', '/api/notices', notice(unit('天宁镇'), { startDate: today, minLength: 1 }))).json();
    const close = await post('tianning', `/api/notices/${n.id}/close`, { outcome: '公示期满无异议' });
    expect(close.statusCode).toBe(400);
    expect(close.json().error.message).toContain('最早 2022-06-07');
  });

  it('scopes publishing: a township for itself and its villages only', async () => {
    expect((await post('tianning', '/api/notices', notice(unit('西营镇')))).statusCode).toBe(403);
    const village = units.find((u) => u.kind === 'village' && u.parentId === unit('天宁镇') && u.name.endsWith('村委会'))!; // the demo village account's (cunwei)
    const otherVillage = units.find((u) => u.kind === 'village' && u.parentId === unit('西营镇'))!;
    expect((await post('tianning', '/api/notices', notice(village.id))).statusCode).toBe(201);
    expect((await post('tianning', '/api/notices', notice(otherVillage.id))).statusCode).toBe(403);
    expect((await post('cunwei', '/api/notices', notice(village.id))).statusCode).toBe(201);
    expect((await post('cunwei', '/api/notices', notice(unit('天宁镇')))).statusCode).toBe(403);
    expect((await post('jumin', '/api/notices', notice(unit('天宁镇')))).statusCode).toBe(403);
  });

  it('takes objections from anyone, masks objectors publicly, and closes only after the period, in scope', async () => {
    const n = (await post('xiying', '/api/notices', notice(unit('西营镇')))).json();
    const obj = await t.app.inject({ method: 'POST', url: `/api/notices/${n.id}/objections`, payload: { name: '李四', contact: '13812345678', text: '名单中有人不符合条件' } });
    expect(obj.statusCode).toBe(201);
    const pub = (await t.app.inject({ method: 'GET', url: `/api/notices/${n.id}` })).json();
    expect(pub.objections[0]).toMatchObject({ name: '李*', contact: '138****5678' });
    // The name typed into the form is the objection's, not an actor's in the audit trail.
    const audit = await t.db.kysely.selectFrom('audit_log').select(['actor_name', 'role']).where('entity', '=', 'notice_objection').execute();
    expect(audit).toEqual([{ actor_name: '公众（未登录）', role: 'public' }]);
    const own = (await t.app.inject({ method: 'GET', url: `/api/notices/${n.id}`, headers: s.xiying.headers })).json();
    expect(own.objections[0]).toMatchObject({ name: '李四', contact: '13812345678' });

    today = '2022-06-10';
    const early = await post('xiying', `/api/notices/${n.id}/close`, { outcome: '无异议' });
    expect(early.statusCode).toBe(400);
    expect(early.json().error.message).toContain('最早 2022-06-13');
    today = '2022-06-13';
    expect((await post('tianning', `/api/notices/${n.id}/close`, { outcome: '无异议' })).statusCode).toBe(403);
    const closed = await post('xiying', `/api/notices/${n.id}/close`, { outcome: '经核实，异议不成立，名单不变' });
    expect(closed.statusCode).toBe(200);
    expect(closed.json().status).toBe('closed');
    expect((await post('xiying', `/api/notices/${n.id}/close`, { outcome: '再次' })).statusCode).toBe(409);
    expect((await t.app.inject({ method: 'POST', url: `/api/notices/${n.id}/objections`, payload: { name: '王五', text: '迟到的异议' } })).statusCode).toBe(409);
    today = '2022-06-06';
  });

  it('rejects bad input with the field named and writes nothing', async () => {
    const before = (await t.app.inject({ method: 'GET', url: '/api/notices?pageSize=100' })).json().total;
    const bad = await post('admin', '/api/notices', notice(unit('天宁镇'), { unit: '周', minLength: 0 }));
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields.map((f: { field: string }) => f.field).sort()).toEqual(['minLength', 'unit']);
    const badContact = await t.app.inject({ method: 'POST', url: '/api/notices/1/objections', payload: { name: '张三', contact: '12345', text: '异议内容' } });
    expect(badContact.json().error.fields[0].field).toBe('contact');
    expect((await t.app.inject({ method: 'GET', url: '/api/notices?pageSize=100' })).json().total).toBe(before);
  });

  it('lists my unit’s notices only, for a township', async () => {
    const mine = (await t.app.inject({ method: 'GET', url: '/api/notices?mine=true&pageSize=100', headers: s.tianning.headers })).json();
    const tianningIds = new Set(units.filter((u) => u.id === unit('天宁镇') || u.parentId === unit('天宁镇')).map((u) => u.id));
    expect(mine.items.length).toBeGreaterThan(0);
    expect(mine.items.every((n: { unitId: number }) => tianningIds.has(n.unitId))).toBe(true);
  });
});

describe('an objection flood', () => {
  let t: TestApp;
  let xiying: Session;
  beforeAll(async () => {
    t = await testApp('sqlite', { today: () => '2022-06-06', env: { RATE_LIMITS: 'on' } });
    xiying = await t.login('xiying');
  });
  afterAll(() => t.close());

  it('is limited per client, paged, and the publishing unit can mark spam that the public then does not see', async () => {
    const units = (await t.app.inject({ method: 'GET', url: '/api/directory/units', headers: xiying.headers })).json().items as { id: number; name: string }[];
    const n = (await t.app.inject({ method: 'POST', url: '/api/notices', headers: xiying.headers, payload: { unitId: units.find((u) => u.name === '西营镇')!.id, subject: '2022年农村改厕验收结果公示', content: '名单如下', startDate: '2022-06-06', minLength: 7, unit: '日' } })).json();
    const object = (from: string, i: number) => t.app.inject({ method: 'POST', url: `/api/notices/${n.id}/objections`, payload: { name: `异议人${i}`, text: 'x'.repeat(2000) }, remoteAddress: from });
    const flood: number[] = [];
    for (let i = 0; i < 20; i++) flood.push((await object('10.5.5.5', i)).statusCode);
    expect(flood.filter((c) => c === 201)).toHaveLength(5);
    expect(flood.filter((c) => c === 429)).toHaveLength(15);
    for (let i = 0; i < 25; i++) expect((await object(`10.6.0.${i}`, 100 + i)).statusCode).toBe(201);
    // Thirty objections: the notice carries the first twenty and the count; the rest come by page.
    const pub = (await t.app.inject({ method: 'GET', url: `/api/notices/${n.id}` })).json();
    expect([pub.objections.length, pub.objectionTotal]).toEqual([20, 30]);
    const page2 = (await t.app.inject({ method: 'GET', url: `/api/notices/${n.id}/objections?page=2&pageSize=20` })).json();
    expect([page2.items.length, page2.total]).toEqual([10, 30]);
    // The unit marks the scripted ones as spam; the public no longer sees them, the unit does, flagged.
    for (const o of pub.objections.slice(0, 5)) {
      expect((await t.app.inject({ method: 'POST', url: `/api/notices/${n.id}/objections/${o.id}/spam`, headers: xiying.headers, payload: { spam: true } })).statusCode).toBe(200);
    }
    expect((await t.app.inject({ method: 'POST', url: `/api/notices/${n.id}/objections/${pub.objections[0].id}/spam`, headers: xiying.headers, payload: { spam: true } })).statusCode).toBe(409);
    expect((await t.app.inject({ method: 'POST', url: `/api/notices/${n.id}/objections/${pub.objections[0].id}/spam`, payload: { spam: true } })).statusCode).toBe(401);
    const after = (await t.app.inject({ method: 'GET', url: `/api/notices/${n.id}` })).json();
    expect([after.objectionTotal, after.spamTotal, after.objections.some((o: { spam: boolean }) => o.spam)]).toEqual([25, 0, false]);
    const own = (await t.app.inject({ method: 'GET', url: `/api/notices/${n.id}`, headers: xiying.headers })).json();
    expect([own.objectionTotal, own.spamTotal, own.objections.filter((o: { spam: boolean }) => o.spam).length]).toEqual([30, 5, 5]);
    const list = (await t.app.inject({ method: 'GET', url: '/api/notices' })).json().items.find((x: { id: number }) => x.id === n.id);
    expect(list.objections).toBe(25);
    const marks = await t.db.kysely.selectFrom('audit_log').select('action').where('action', '=', 'mark_spam').execute();
    expect(marks).toHaveLength(5);
  });
});
