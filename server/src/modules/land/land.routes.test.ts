/** /api/land: who enters parcels, the caps and methods refused in Chinese, a lost race for the last of a cap, the public list. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/dialects.js';
import { testApp, type Session, type TestApp } from '../../test/app.js';
import { polygonAreaSqm, type PolygonGeometry } from './land.geo.js';
import { sqmToHectares } from './land.rules.js';

const today = '2022-06-15';
/** A rectangle w × h metres from (lng, lat), in degrees. */
const rect = (lng: number, lat: number, w: number, h: number): PolygonGeometry => {
  const dLng = w / (111_320 * Math.cos((lat * Math.PI) / 180));
  const dLat = h / 110_574;
  return { type: 'Polygon', coordinates: [[[lng, lat], [lng + dLng, lat], [lng + dLng, lat + dLat], [lng, lat + dLat], [lng, lat]]] };
};
const areaOf = (g: PolygonGeometry) => sqmToHectares(polygonAreaSqm(g));

describe.each(DIALECTS)('国有建设用地供应 routes on %s', (dialect) => {
  let t: TestApp;
  const s: Record<string, Session> = {};
  const req = (who: string | null, method: 'GET' | 'POST', url: string, payload?: object) => t.app.inject({ method, url, payload, headers: who ? s[who].headers : {} });
  const parcel = (code: string, boundary: PolygonGeometry, over: object = {}) => ({ code, name: `${code} 地块`, location: '天宁镇', use: 'commercial', subUse: 'business', area: areaOf(boundary), boundary, method: 'auction', intendingUsers: 1, project: '商业项目', ...over });

  beforeAll(async () => {
    t = await testApp(dialect, { today: () => today, now: () => `${today}T02:00:00.000Z`, seed: ['land'] });
    for (const u of ['admin', 'gongxin', 'xiying', 'jumin']) s[u] = await t.login(u);
  });
  afterAll(() => t.close());

  it('serves the 2022 plan as printed and lets only the 县自然资源局 (or the administrator) enter parcels', async () => {
    const plan = (await req('xiying', 'GET', '/api/land/plan')).json();
    expect([plan.total, plan.uses.map((u: { cap: string }) => u.cap)]).toEqual(['45.3272', ['2.2451', '23.3596', '16.7181', '3.0044']]);
    expect((await req('jumin', 'GET', '/api/land/plan')).statusCode).toBe(403);
    const body = parcel('T-1', rect(112.15, 37.555, 150, 100));
    expect((await req('gongxin', 'POST', '/api/land/parcels', body)).statusCode).toBe(403);
    expect((await req('xiying', 'POST', '/api/land/parcels', body)).statusCode).toBe(403);
    const made = await req('admin', 'POST', '/api/land/parcels', body);
    expect([made.statusCode, made.json().status, made.json().statusLabel]).toEqual([201, 'planned', '计划']);
  });

  it('refuses bad parcels by field, in Chinese, writing nothing', async () => {
    const box = rect(112.15, 37.56, 100, 100);
    const field = async (b: object) => {
      const r = await req('admin', 'POST', '/api/land/parcels', b);
      return [r.statusCode, r.json().error.fields?.[0]?.field, r.json().error.message];
    };
    expect((await field(parcel('B-1', box, { area: '0.12345' })))[1]).toBe('area');
    const off = await field(parcel('B-2', box, { area: '1.5000' }));
    expect(off.slice(0, 2)).toEqual([400, 'area']);
    expect(off[2]).toContain('相差超过 1%');
    const outside = rect(113.5, 38.5, 100, 100);
    expect(await field(parcel('B-3', outside))).toEqual([400, 'boundary', '地块边界不在交城县境内']);
    const deal = await field(parcel('B-4', box, { method: 'agreement' }));
    expect(deal.slice(0, 2)).toEqual([400, 'method']);
    expect(deal[2]).toContain('招标、拍卖或者挂牌');
    const two = await field(parcel('B-5', rect(112.15, 37.56, 60, 60), { use: 'public', subUse: 'public', method: 'allocation', intendingUsers: 2 }));
    expect(two.slice(0, 2)).toEqual([400, 'method']);
    // A residential parcel says its housing type, which the 70 % share is counted by.
    const home = await field(parcel('B-6', box, { use: 'residential', subUse: undefined, housingType: undefined, method: 'listing' }));
    expect(home.slice(0, 2)).toEqual([400, 'housingType']);
    expect((await req('admin', 'GET', '/api/land/parcels')).json().items.map((p: { code: string }) => p.code)).toEqual(['T-1']);
  });

  it('lets one of two parcels racing for the last of the 商服 cap in, and answers the other 409', async () => {
    // 2.2451 公顷 less T-1's 1.5: 0.7451 left, room for one 0.6 parcel only.
    const [a, b] = await Promise.all([req('admin', 'POST', '/api/land/parcels', parcel('R-1', rect(112.14, 37.55, 60, 100))), req('admin', 'POST', '/api/land/parcels', parcel('R-2', rect(112.142, 37.55, 60, 100)))]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([201, 409]);
    const lost = [a, b].find((r) => r.statusCode === 409)!;
    expect(lost.json().error.message).toContain('超出 2022 年度商服用地供应指标（交政发〔2022〕2号）');
    const plan = (await req('admin', 'GET', '/api/land/plan')).json();
    expect(plan.uses.find((u: { use: string }) => u.use === 'commercial').used).toBe(sqmToHectares(polygonAreaSqm(rect(112.15, 37.555, 150, 100)) + polygonAreaSqm(rect(112.14, 37.55, 60, 100))));
  });

  it('publishes a parcel to the public list, readable without login, with its steps from the actions', async () => {
    const list = (await req('admin', 'GET', '/api/land/parcels')).json().items as { id: number; code: string; actions: { step: string; path: string }[] }[];
    const t1 = list.find((p) => p.code === 'T-1')!;
    expect(t1.actions.map((a) => a.step)).toContain('publish');
    expect((await req(null, 'GET', '/api/land/public')).json().items).toEqual([]);
    expect((await req('gongxin', 'POST', `/api/land/parcels/${t1.id}/publish`, {})).statusCode).toBe(403);
    expect((await req('admin', 'POST', `/api/land/parcels/${t1.id}/publish`, {})).json().statusLabel).toBe('已公布');
    const pub = (await req(null, 'GET', '/api/land/public')).json().items;
    expect(pub.map((p: { code: string; statusLabel: string }) => [p.code, p.statusLabel])).toEqual([['T-1', '已公布']]);
    const xlsx = await req('xiying', 'GET', '/api/land/parcels.xlsx');
    expect(xlsx.statusCode).toBe(200);
    expect((await req('xiying', 'GET', '/api/land/plan.xlsx')).statusCode).toBe(200);
  });

  it('marks the plan’s priorities on a parcel and counts them on the dashboard; a later year’s plan is entered from its own document', async () => {
    const school = rect(112.16, 37.56, 80, 80);
    const bad = await req('admin', 'POST', '/api/land/parcels', parcel('P-0', school, { use: 'public', subUse: 'public', method: 'allocation', priorities: ['urgent'] }));
    expect([bad.statusCode, bad.json().error.fields[0].field]).toEqual([400, 'priorities.0']);
    const made = await req('admin', 'POST', '/api/land/parcels', parcel('P-1', school, { use: 'public', subUse: 'public', method: 'allocation', priorities: ['livelihood', 'infrastructure'] }));
    expect(made.json().priorities.map((p: { name: string }) => p.name)).toEqual(['民生工程项目', '基础设施项目']);
    const dash = (await req('xiying', 'GET', '/api/land/dashboard')).json();
    expect(dash.priorities.find((p: { code: string }) => p.code === 'livelihood')).toMatchObject({ parcels: 1, area: areaOf(school) });
    const plan = { year: 2023, source: '交政发〔2023〕1号', total: '40', caps: { commercial: '2', industrial: '20', residential: '15', public: '3' } };
    expect((await req('gongxin', 'POST', '/api/land/plans', plan)).statusCode).toBe(403);
    const over = await req('admin', 'POST', '/api/land/plans', { ...plan, caps: { ...plan.caps, industrial: '21' } });
    expect([over.statusCode, over.json().error.fields[0].field]).toEqual([400, 'caps']);
    const entered = await req('admin', 'POST', '/api/land/plans', plan);
    expect([entered.statusCode, entered.json().total, entered.json().source]).toEqual([201, '40.0000', '交政发〔2023〕1号']);
    expect((await req('admin', 'POST', '/api/land/plans', plan)).statusCode).toBe(409);
  });
});
