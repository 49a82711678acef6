/** 「两个一律」 on schedule: each township with approved projects is due its quarter's notice until it is published. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/dialects.js';
import { testApp, type Session, type TestApp } from '../../test/app.js';

let today = '2022-06-13';

describe.each(DIALECTS)('涉农资金 disclosure schedule on %s', (dialect) => {
  let t: TestApp;
  const s: Record<string, Session> = {};
  const req = (who: string, method: 'GET' | 'POST', url: string, payload?: object) => t.app.inject({ method, url, payload, headers: s[who].headers });
  const due = async (who: string) => ((await req(who, 'GET', '/api/workbench')).json().items as { title: string; count: number; deadline?: string }[]).find((i) => i.title.includes('「两个一律」'));
  let units: { id: number; name: string; kind: string }[];
  const town = (n: string) => units.find((u) => u.name === n && u.kind === 'township')!.id;

  beforeAll(async () => {
    today = '2022-06-13';
    t = await testApp(dialect, { today: () => today, now: () => `${today}T02:00:00.000Z`, seed: ['agrifund', 'notices'] });
    for (const u of ['admin', 'nongye', 'xiying', 'tianning']) s[u] = await t.login(u);
    units = (await req('admin', 'GET', '/api/directory/units')).json().items;
    // Approved projects in two townships (set up in the table: the steps themselves are tested elsewhere).
    await t.db.kysely.insertInto('agrifund_projects').values(['西营镇', '天宁镇'].map((n) => ({
      year: 2022, item_code: '2.3', name: `${n}公示测试项目`, township_id: town(n), village_id: null, implementing_unit: `${n}人民政府`, amount_fen: 1_000_000, targets: '测试',
      step: 'approved', verified_fen: 0, paid_fen: 0, created_by: 'test', created_at: `${today}T00:00:00.000Z`,
    }))).execute();
  });
  afterAll(() => t.close());

  it('puts each township\'s quarter notice on the workbench until it is published, and again next quarter', async () => {
    expect(await due('nongye')).toMatchObject({ count: 2, deadline: '2022-06-30' });
    expect(await due('xiying')).toMatchObject({ count: 1, title: '本季度「两个一律」项目安排和资金使用情况待公示（西营镇）' });
    // 西营镇 publishes its own: it is no longer due, 天宁镇 still is.
    expect((await req('xiying', 'POST', '/api/agrifund/disclosures', { townshipId: town('西营镇'), kind: 'projects' })).statusCode).toBe(201);
    expect(await due('xiying')).toBeUndefined();
    expect(await due('nongye')).toMatchObject({ count: 1, title: '本季度「两个一律」项目安排和资金使用情况待公示（天宁镇）' });
    // A second notice in the same quarter is allowed and changes nothing.
    expect((await req('xiying', 'POST', '/api/agrifund/disclosures', { townshipId: town('西营镇'), kind: 'projects' })).statusCode).toBe(201);
    expect(await due('tianning')).toMatchObject({ count: 1 });
    today = '2022-07-01';
    expect(await due('nongye')).toMatchObject({ count: 2, deadline: '2022-09-30' });
  });
});
