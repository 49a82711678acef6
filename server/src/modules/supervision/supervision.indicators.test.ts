/**
 * Targets fed by live figures: the office links a task's target to an indicator a programme module declares, and the
 * task, the dashboard and the 督查通报 show the module's figure as it is now beside the target and the reported value.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/dialects.js';
import { testApp, type Session, type TestApp } from '../../test/app.js';
import { TINY_JPEG, residentId } from '../toilets/toilets.demo.js';

let today = '2022-06-01';
const GOOD = { indoorArea: '1.5', foundation: '10', tankDepth: '55', ventDiameter: '11', ventHeight: '52' };

describe.each(DIALECTS)('督办 targets fed by live figures on %s', (dialect) => {
  let t: TestApp;
  const s: Record<string, Session> = {};
  let village: number;
  let township: number;
  let taskId: number;
  const req = (who: string, method: string, url: string, payload?: object) => t.app.inject({ method: method as 'GET', url, payload, headers: s[who].headers });
  const ok = async (who: string, method: string, url: string, payload?: object) => {
    const r = await req(who, method, url, payload);
    expect([url, r.statusCode, r.statusCode < 300 ? '' : r.body]).toEqual([url, r.statusCode < 300 ? r.statusCode : 200, '']);
    return r.json();
  };
  const upload = (who: string, entity: string, entityId: string) =>
    t.app.inject({ method: 'POST', url: `/api/files?entity=${entity}&entityId=${entityId}&fileName=a.jpg`, payload: TINY_JPEG, headers: { ...s[who].headers, 'content-type': 'image/jpeg' } });
  const link = (who: string, n: number, body: object) => req(who, 'POST', `/api/supervision/tasks/${taskId}/targets/${n}/indicator`, body);
  const figure = async (n = 0) => (await ok('admin', 'GET', `/api/supervision/tasks/${taskId}`)).figures[n];

  beforeAll(async () => {
    today = '2022-06-01';
    t = await testApp(dialect, { today: () => today, now: () => `${today}T02:00:00.000Z`, seed: ['gazette', 'supervision', 'toilets', 'notices'] });
    for (const u of ['admin', 'gongxin', 'tianning', 'cunwei']) s[u] = await t.login(u);
    village = (await t.db.kysely.selectFrom('users').select('unit_id').where('username', '=', 'cunwei').executeTakeFirstOrThrow()).unit_id!;
    township = (await t.app.registry.service('directory').get(village)).parentId!;
    await ok('admin', 'POST', '/api/supervision/extract', { docNumber: '交政办发〔2022〕6号' });
    const tasks: { id: number; part: string | null; path: string[]; targets: unknown[] }[] = [];
    for (let page = 1; page <= 3; page++) tasks.push(...(await ok('admin', 'GET', `/api/supervision/tasks?pageSize=100&page=${page}`)).items);
    taskId = tasks.find((x) => x.part?.includes('空气质量') && x.path.join('') === '四、（四）14.')!.id;
  });
  afterAll(() => t.close());

  it('lists what the modules offer, and links only an offered indicator, by the office, to a target the task has', async () => {
    const items = (await ok('gongxin', 'GET', '/api/supervision/indicators')).items;
    expect(items).toEqual(expect.arrayContaining([
      { key: 'toilets.accepted', label: '五方验收合格的厕所', unit: '座', module: 'toilets', moduleLabel: '农村改厕', perUnit: true },
      { key: 'toilets.surveyed', label: '摸底户数', unit: '户', module: 'toilets', moduleLabel: '农村改厕', perUnit: true },
      expect.objectContaining({ key: 'vouchers.redeemed_amount', unit: '元', perUnit: false }),
      expect.objectContaining({ key: 'vouchers.redeemed_count', unit: '笔' }),
      expect.objectContaining({ key: 'trusteeship.accepted_area', unit: '亩', perUnit: true }),
    ]));
    // A township may not link; a bureau does not see a proposal at all.
    expect((await link('tianning', 0, { indicator: 'toilets.accepted' })).statusCode).toBe(403);
    expect((await link('gongxin', 0, { indicator: 'toilets.accepted' })).statusCode).toBe(404);
    const unknown = await link('admin', 0, { indicator: 'toilets.nothing' });
    expect([unknown.statusCode, unknown.json().error.fields[0].field]).toEqual([400, 'indicator']);
    const beyond = await link('admin', 1, { indicator: 'toilets.accepted' });
    expect([beyond.statusCode, beyond.json().error.message]).toEqual([400, '任务没有第 2 项指标']);
    const perUnit = await link('admin', 0, { indicator: 'vouchers.redeemed_amount', unitId: township });
    expect([perUnit.statusCode, perUnit.json().error.fields[0].field]).toEqual([400, 'unitId']);
    expect(await figure()).toBeNull();
  });

  it('shows the toilets figure beside the target, and the figure moves when a toilet passes 五方验收', async () => {
    const linked = await ok('admin', 'POST', `/api/supervision/tasks/${taskId}/targets/0/indicator`, { indicator: 'toilets.accepted' });
    expect(linked.figures).toEqual([{ indicator: 'toilets.accepted', label: '五方验收合格的厕所', unit: '座', moduleLabel: '农村改厕', unitId: null, value: 0, error: null }]);
    const board = async () => (await ok('admin', 'GET', '/api/supervision/dashboard')).targets.find((x: { taskId: number }) => x.taskId === taskId);
    expect(await board()).toMatchObject({ figures: [{ value: 0 }], values: [] });

    // One household through the procedure to 五方验收合格.
    const h = (await ok('cunwei', 'POST', '/api/toilets/households', { villageId: village, headName: '户主一', idNo: residentId('14112219750101101'), phone: '13912341001', address: '1号', members: 3, currentType: 'flush', wish: true, username: null })).id;
    expect((await upload('cunwei', 'toilet_photo', `${h}.before`)).statusCode).toBe(201);
    expect((await figure()).value).toBe(0);
    await ok('tianning', 'POST', `/api/toilets/households/${h}/select`, { mode: 'flush' });
    await ok('tianning', 'POST', `/api/toilets/villages/${village}/notice`);
    today = '2022-06-09';
    await upload('cunwei', 'toilet_paper', `${h}.agreement`);
    await ok('cunwei', 'POST', `/api/toilets/households/${h}/agreement`, { agreementNo: 'TN-2022-001' });
    await ok('tianning', 'POST', `/api/toilets/households/${h}/start`, { builderKind: 'team', builderName: '天宁镇施工队', supervisorName: '晋中监理', startedOn: today });
    for (const p of ['during', 'after']) await upload('tianning', 'toilet_photo', `${h}.${p}`);
    await ok('tianning', 'POST', `/api/toilets/households/${h}/complete`, { toiletNo: 'TN-1', completedOn: today, values: GOOD, concrete: 'C20' });
    for (const party of ['township', 'builder', 'supervisor']) await ok('tianning', 'POST', `/api/toilets/households/${h}/sign`, { party, signerName: '王师傅' });
    await ok('cunwei', 'POST', `/api/toilets/households/${h}/sign`, { party: 'village' });
    expect((await figure()).value).toBe(0);
    expect((await ok('cunwei', 'POST', `/api/toilets/households/${h}/sign`, { party: 'farmer', signerName: '户主一' })).status).toBe('accepted');

    expect((await figure()).value).toBe(1);
    expect(await board()).toMatchObject({ figures: [{ value: 1, unit: '座' }] });
    const bulletin = (await req('admin', 'GET', '/api/supervision/bulletin')).body;
    expect(bulletin).toContain('农村改厕·五方验收合格的厕所：1 座');
    expect(bulletin).toContain('秸秆综合利用率 ≥ 85%');

    // Per township: the township's figure; another township has none.
    expect((await ok('admin', 'POST', `/api/supervision/tasks/${taskId}/targets/0/indicator`, { indicator: 'toilets.accepted', unitId: township })).figures[0]).toMatchObject({ unitId: township, value: 1 });
    const other = (await ok('admin', 'GET', '/api/directory/units')).items.find((u: { kind: string; id: number }) => u.kind === 'township' && u.id !== township).id;
    expect((await ok('admin', 'POST', `/api/supervision/tasks/${taskId}/targets/0/indicator`, { indicator: 'toilets.accepted', unitId: other })).figures[0].value).toBe(0);
  });

  it('reads money as an exact decimal of 元 and area in 亩, and unlinks', async () => {
    expect((await ok('admin', 'POST', `/api/supervision/tasks/${taskId}/targets/0/indicator`, { indicator: 'vouchers.redeemed_amount' })).figures[0]).toMatchObject({ value: '0.00', unit: '元' });
    expect((await ok('admin', 'POST', `/api/supervision/tasks/${taskId}/targets/0/indicator`, { indicator: 'vouchers.redeemed_count' })).figures[0]).toMatchObject({ value: 0, unit: '笔' });
    expect((await ok('admin', 'POST', `/api/supervision/tasks/${taskId}/targets/0/indicator`, { indicator: 'trusteeship.accepted_area', unitId: township })).figures[0]).toMatchObject({ value: '0.00', unit: '亩', unitId: township });
    // A link made from links read before another was written loses: 409, and the other link stays.
    const stale = await t.db.kysely.selectFrom('supervision_tasks').selectAll().where('id', '=', taskId).executeTakeFirstOrThrow();
    await ok('admin', 'POST', `/api/supervision/tasks/${taskId}/targets/0/indicator`, { indicator: 'toilets.surveyed' });
    const office = { userId: null, name: '县政府办公室', role: 'county_admin', unitId: null, townshipId: null };
    await expect(t.app.registry.service('supervision').indicators.link(office, stale, 0, 'vouchers.redeemed_amount', null)).rejects.toMatchObject({ status: 409, message: '该任务的指标关联刚被他人修改，请刷新后重试' });
    expect((await figure()).indicator).toBe('toilets.surveyed');
    expect((await ok('admin', 'POST', `/api/supervision/tasks/${taskId}/targets/0/indicator`, { indicator: null })).figures).toEqual([null]);
    expect((await t.db.kysely.selectFrom('supervision_tasks').select('target_links').where('id', '=', taskId).executeTakeFirstOrThrow()).target_links).toBe('[]');
  });
});
