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
    const b = await post('tianning', '/api/notices', notice(unit('天宁镇'), { startDate: '2022-04-29', minLength: 5, unit: '工作日' }));
    expect(b.json().earliestEnd).toBe('2022-05-10');
  });

  it('scopes publishing: a township for itself and its villages only', async () => {
    expect((await post('tianning', '/api/notices', notice(unit('西营镇')))).statusCode).toBe(403);
    const village = units.find((u) => u.kind === 'village' && u.parentId === unit('天宁镇'))!;
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
