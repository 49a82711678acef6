import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/dialects.js';
import { testApp, testRegistry, type TestApp } from '../../test/app.js';
import type { Actor } from '../../core/audit.js';
import { residentId } from './skills.demo.js';

const ADMIN: Actor = { userId: null, name: '管理员', role: 'county_admin', unitId: null, townshipId: null };
const NO = { china_award: false, national_expert: false, sanjin_expert: false, province_top3: false, lvliang_top3: false };

describe.each(DIALECTS)('职业技能大赛 data on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp(dialect, { today: () => '2022-07-05', now: () => '2022-07-05T02:00:00.000Z', seed: ['skills'] });
  });
  afterAll(() => t.close());

  it('seeds a contest in progress for demo installs, once', async () => {
    const lines = await t.app.registry.seed({ demo: true, only: ['skills'] });
    expect(lines.join('\n')).toContain('焊接初赛已录入成绩');
    expect(await t.app.registry.seed({ demo: true, only: ['skills'] })).not.toContainEqual(expect.stringContaining('焊接'));
    const office = await t.login('jiuye');
    const events = (await t.app.inject({ method: 'GET', url: '/api/skills/events', headers: office.headers })).json().items as { name: string; registrations: number; confirmed: number }[];
    expect(events.find((e) => e.name === '焊接')).toMatchObject({ registrations: 5, confirmed: 5 });
    const regs = (await t.app.inject({ method: 'GET', url: '/api/skills/registrations', headers: office.headers })).json().items as { score: number | null }[];
    expect(regs.filter((r) => r.score !== null)).toHaveLength(5);
  });

  it('writes one of two simultaneous registrations of one person, and nothing of the other', async () => {
    const unit = await t.login('shuili');
    const units = (await t.app.inject({ method: 'GET', url: '/api/directory/units', headers: unit.headers })).json().items as { id: number; code: string | null }[];
    const events = (await t.app.inject({ method: 'GET', url: '/api/skills/events', headers: unit.headers })).json().items as { id: number; name: string }[];
    const form = (event: string) => ({ eventId: events.find((e) => e.name === event)!.id, name: '赵同时', idNo: residentId('14112219850505123'), phone: '13935801234', identity: 'worker', unitId: units.find((u) => u.code === 'JC-SLJ')!.id, ssPayer: '县水利局', declaration: NO });
    const before = (await t.app.inject({ method: 'GET', url: '/api/skills/registrations', headers: unit.headers })).json().items.length;
    const answers = await Promise.all(['砌筑', '电工', '美发'].map((e) => t.app.inject({ method: 'POST', url: '/api/skills/registrations', payload: form(e), headers: unit.headers })));
    expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 409, 409]);
    expect((await t.app.inject({ method: 'GET', url: '/api/skills/registrations', headers: unit.headers })).json().items.length).toBe(before + 1);
  });

  it('checks an event as the write finds it, whatever this process last read of it', async () => {
    const unit = await t.login('shuili');
    const get = async (url: string) => (await t.app.inject({ method: 'GET', url, headers: unit.headers })).json().items;
    const unitId = ((await get('/api/directory/units')) as { id: number; code: string | null }[]).find((u) => u.code === 'JC-SLJ')!.id;
    const events = (await get('/api/skills/events')) as { id: number; name: string }[];
    const [hair, welding] = ['美发', '砌筑'].map((n) => events.find((e) => e.name === n)!.id);
    const post = (eventId: number, i: number) =>
      t.app.inject({ method: 'POST', url: '/api/skills/registrations', headers: unit.headers, payload: { eventId, name: `孙${i}`, idNo: residentId(`14112219860601${100 + i}`), phone: `139358020${10 + i}`, identity: 'worker', unitId, ssPayer: '县水利局', declaration: NO } });
    // Another process: its own services over the same database.
    const other = testRegistry(t.db, { today: () => '2022-07-05', now: () => '2022-07-05T02:00:00.000Z' }).service('skills');
    expect((await post(hair!, 1)).statusCode).toBe(201);
    await other.selection.select(ADMIN, hair!, {});
    const late = await post(hair!, 2);
    expect([late.statusCode, late.json().error.message]).toEqual([409, expect.stringContaining('已确定推荐人选')]);
    await t.app.registry.service('skills').selection.setMode(ADMIN, welding!, 'city');
    expect((await post(welding!, 3)).statusCode).toBe(409);
    await other.selection.setMode(ADMIN, welding!, 'preliminary');
    expect((await post(welding!, 3)).statusCode).toBe(201);
  });
});
