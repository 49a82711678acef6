import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/dialects.js';
import { testApp, type Session, type TestApp } from '../../test/app.js';
import { TINY_PDF, residentId } from './skills.demo.js';
import { tinyMp4 } from './skills.video.js';

const NO = { china_award: false, national_expert: false, sanjin_expert: false, province_top3: false, lvliang_top3: false };
// Born 1990-03-0x: adults in 2022. The 2006-07-06 birth is 15 on 2022-07-05 and 16 the next day.
const adult = (i: number) => residentId(`199003${String(10 + (i % 18))}`.replace(/^/, '141122') + String(100 + i).slice(-3));
const MINOR = residentId('14112220060706101');

describe.each(DIALECTS)('职业技能大赛 on %s', (dialect) => {
  let t: TestApp;
  let today = '2022-07-05';
  const s: Record<string, Session> = {};
  const unit: Record<string, number> = {};
  const ev: Record<string, number> = {};
  const req = (who: string | null, method: string, url: string, payload?: object | Buffer, type?: string) =>
    t.app.inject({ method: method as 'GET', url, payload, headers: { ...(who ? s[who]!.headers : {}), ...(type ? { 'content-type': type } : {}) } });
  const upload = (who: string, regId: number, kind: string) =>
    t.app.inject({ method: 'POST', url: `/api/files?entity=skill_document&entityId=${regId}.${kind}&fileName=${encodeURIComponent('证明.pdf')}`, payload: TINY_PDF, headers: { ...s[who]!.headers, 'content-type': 'application/pdf' } });
  const register = (who: string, body: object) => req(who, 'POST', '/api/skills/registrations', body);
  const form = (i: number, extra: object = {}) => ({ eventId: ev['焊接'], name: `选手${i}`, idNo: adult(i), phone: `1393580${1000 + i}`, identity: 'worker', unitId: unit.kfq, ssPayer: '县水利局', declaration: NO, ...extra });

  beforeAll(async () => {
    t = await testApp(dialect, { today: () => today, now: () => `${today}T02:00:00.000Z`, seed: ['skills'] });
    s.admin = await t.login('admin');
    s.gongxin = await t.login('gongxin');
    s.jumin = await t.login('jumin');
    const units: { id: number; code: string | null }[] = (await req('admin', 'GET', '/api/directory/units')).json().items;
    for (const [k, code] of Object.entries({ office: 'JC-CYJY', union: 'JC-ZGH', kfq: 'JC-SLJ' })) unit[k] = units.find((u) => u.code === code)!.id;
    for (const [name, unitId] of Object.entries({ jiuye: unit.office, zgh: unit.union, kfq: unit.kfq })) {
      const made = await req('admin', 'POST', '/api/users', { username: name, displayName: name, role: 'department_official', unitId, password: 'Chushi2022ab' });
      expect(made.statusCode, made.body).toBe(201);
      const first = await t.login(name, 'Chushi2022ab');
      await t.changePassword(first, 'Chushi2022ab', 'Skills2022abc');
      s[name] = await t.login(name, 'Skills2022abc');
    }
    for (const e of (await req('jumin', 'GET', '/api/skills/events')).json().items) ev[e.name] = e.id;
  });
  afterAll(() => t.close());

  it('has the 40 events of the document with their managing units', async () => {
    const items = (await req('jiuye', 'GET', '/api/skills/events')).json().items;
    expect(items).toHaveLength(40);
    expect(items.find((e: { name: string }) => e.name === '焊接')).toMatchObject({ managing: '县总工会', mode: 'preliminary', pair: false });
    expect(items.filter((e: { mode: string }) => e.mode === 'city')).toHaveLength(2);
    const o = (await req('jiuye', 'GET', '/api/skills/overview')).json();
    expect([o.minPreliminaries, o.group[0].name, o.timeline.registrationCloses]).toEqual([20, '李旭东', '2022-07-15']);
  });

  it('refuses bad registrations in Chinese and writes nothing', async () => {
    const field = async (p: Promise<{ statusCode: number; json: () => any }>) => {
      const r = await p;
      return [r.statusCode, r.json().error.fields?.[0]?.field ?? null];
    };
    expect(await field(register('kfq', form(1, { idNo: MINOR })))).toEqual([400, 'idNo']);
    expect(await field(register('kfq', form(1, { declaration: { ...NO, sanjin_expert: true } })))).toEqual([400, 'declaration']);
    expect(await field(register('kfq', form(1, { ssPayer: '山西某某有限公司' })))).toEqual([400, 'ssPayer']);
    expect(await field(register('kfq', form(1, { eventId: ev['客车驾驶技术'], licence: 'B1' })))).toEqual([400, 'licence']);
    const partner = { name: '搭档', idNo: adult(50), phone: '13935809999', identity: 'worker', unitId: unit.kfq };
    expect(await field(register('kfq', form(1, { eventId: ev['机电一体化'], partner: { ...partner, unitId: unit.union } })))).toEqual([400, 'partner']);
    expect(await field(register('kfq', form(1, { eventId: ev['机电一体化'], partner: { ...partner, identity: 'student' } })))).toEqual([400, 'partner']);
    expect((await register('kfq', form(1, { unitId: unit.union }))).statusCode).toBe(403);
    today = '2022-07-16';
    const late = await register('kfq', form(1));
    expect([late.statusCode, late.json().error.message]).toEqual([409, expect.stringContaining('7月15日截止')]);
    today = '2022-07-05';
    expect((await req('jiuye', 'GET', '/api/skills/registrations')).json().items).toHaveLength(0);
    // The day the minor turns 16 the same form is taken.
    today = '2022-07-06';
    expect((await register('kfq', form(1, { idNo: MINOR }))).statusCode).toBe(201);
    today = '2022-07-05';
  });

  it('takes a contestant on a phone once, in one event; the unit confirms with the documents on file', async () => {
    const mine = await register('jumin', form(2, { name: '张三' }));
    expect(mine.statusCode, mine.body).toBe(201);
    expect([mine.statusCode, mine.json().status, mine.json().missing]).toEqual([201, 'registered', ['工作证明', '最近2个月社保证明']]);
    const again = await register('kfq', form(2, { eventId: ev['电工'] }));
    expect([again.statusCode, again.json().error.message]).toEqual([409, expect.stringContaining('同一选手只能报名一个项目')]);
    const id = mine.json().id;
    // Another bureau sees nothing of it; the unit sees it whole.
    expect((await req('gongxin', 'GET', `/api/skills/registrations/${id}`)).statusCode).toBe(404);
    const seen = (await req('kfq', 'GET', `/api/skills/registrations/${id}`)).json();
    expect(seen.actions.find((a: { step: string }) => a.step === 'confirm')).toMatchObject({ allowed: false, reason: expect.stringContaining('工作证明') });
    expect((await req('kfq', 'POST', `/api/skills/registrations/${id}/confirm`)).statusCode).toBe(409);
    // The stamped papers: the contestant who registered photographs them, or the unit attaches them; no one else.
    expect([mine.json().mayAttach, seen.mayAttach]).toEqual([true, true]);
    expect((await upload('gongxin', id, 'work_proof')).statusCode).toBe(403);
    expect((await upload('jumin', id, 'work_proof')).statusCode).toBe(201);
    expect((await upload('kfq', id, 'social_security')).statusCode).toBe(201);
    expect((await req('jumin', 'POST', `/api/skills/registrations/${id}/confirm`)).statusCode).toBe(403);
    const ok = await req('kfq', 'POST', `/api/skills/registrations/${id}/confirm`);
    expect([ok.statusCode, ok.json().status, ok.json().timeline.length]).toEqual([200, 'confirmed', 2]);
    // Once the unit has confirmed (盖章), nothing more is attached, by either.
    expect([(await upload('jumin', id, 'work_proof')).statusCode, (await upload('kfq', id, 'work_proof')).statusCode, ok.json().mayAttach]).toEqual([403, 403, false]);
  });

  it('recommends the top 3 of a preliminary; a tie at the cut needs a recorded decision', async () => {
    const ids: number[] = [(await req('kfq', 'GET', '/api/skills/registrations')).json().items.find((r: { name: string }) => r.name === '张三').id];
    for (const i of [3, 4, 5]) {
      const r = (await register('kfq', form(i))).json();
      await upload('kfq', r.id, 'work_proof');
      await upload('kfq', r.id, 'social_security');
      await req('kfq', 'POST', `/api/skills/registrations/${r.id}/confirm`);
      ids.push(r.id);
    }
    const scores = (vals: number[]) => ({ scores: ids.map((registrationId, i) => ({ registrationId, score: vals[i] })) });
    expect((await req('gongxin', 'PUT', `/api/skills/events/${ev['焊接']}/scores`, scores([9000, 8000, 8000, 7000]))).statusCode).toBe(403);
    const tie = await req('zgh', 'PUT', `/api/skills/events/${ev['焊接']}/scores`, scores([9500, 9000, 8500, 8500]));
    expect(tie.json()).toMatchObject({ sure: [ids[0], ids[1]], tied: [ids[2], ids[3]], open: 1 });
    expect((await req('zgh', 'POST', `/api/skills/events/${ev['焊接']}/select`, {})).statusCode).toBe(409);
    expect((await req('zgh', 'POST', `/api/skills/events/${ev['焊接']}/select`, { chosen: [ids[3]] })).statusCode).toBe(400);
    const done = await req('zgh', 'POST', `/api/skills/events/${ev['焊接']}/select`, { chosen: [ids[3]], decision: '加赛一轮，选手5 胜出' });
    expect([done.statusCode, done.json().decision, done.json().stage]).toEqual([200, '加赛一轮，选手5 胜出', 'selected']);
    const list = (await req('zgh', 'GET', `/api/skills/registrations?eventId=${ev['焊接']}`)).json().items;
    expect(list.filter((r: { status: string }) => r.status === 'recommended').map((r: { id: number }) => r.id).sort()).toEqual([ids[0], ids[1], ids[3]].sort());
    // The final's ranks: never shared; the office enters them.
    const ranks = (r: number[]) => ({ ranks: [ids[0], ids[1], ids[3]].map((registrationId, i) => ({ registrationId, rank: r[i] })) });
    expect((await req('zgh', 'PUT', `/api/skills/events/${ev['焊接']}/ranks`, ranks([1, 2, 3]))).statusCode).toBe(403);
    const twice = await req('jiuye', 'PUT', `/api/skills/events/${ev['焊接']}/ranks`, ranks([1, 2, 2]));
    expect([twice.statusCode, twice.json().error.message]).toEqual([400, expect.stringContaining('不并列')]);
    expect((await req('jiuye', 'PUT', `/api/skills/events/${ev['焊接']}/ranks`, ranks([1, 3, 12]))).statusCode).toBe(200);
    const res = (await req('jiuye', 'GET', '/api/skills/results')).json();
    expect(res.awards.map((a: { rank: number; prize: string; cashFen: number; grade: string }) => [a.rank, a.prize, a.cashFen, a.grade])).toEqual([
      [1, '一等奖', 1_000_000, '技师（二级）'],
      [3, '二等奖', 500_000, '高级（三级）'],
      [12, '三等奖', 0, '中级工（四级）'],
    ]);
    // 3 contestants + 20 + 10 + 3.
    expect(res.team).toMatchObject({ contestantPoints: 3, rankPoints: 33, total: 36 });
    expect([res.standing, res.othersEntered, res.mayEnterTeams]).toEqual([[], 0, true]);
    expect((await req('zgh', 'GET', '/api/skills/results')).json().mayEnterTeams).toBe(false);
    // The city's announced points of the other teams place the county's: 文水 43; 孝义 36 ahead of 交城's 36 on its
    // 10 contestant points; 汾阳 25 fourth (优秀组织奖); a 部门 team, however high, is not placed (组织奖).
    const others = [
      { team: '文水县代表队', county: true, contestantPoints: 3, rankPoints: 40 },
      { team: '孝义市代表队', county: true, contestantPoints: 10, rankPoints: 26 },
      { team: '汾阳市代表队', county: true, contestantPoints: 5, rankPoints: 20 },
      { team: '市交通运输局代表队', county: false, contestantPoints: 20, rankPoints: 80 },
    ];
    expect((await req('zgh', 'PUT', '/api/skills/teams', { teams: others })).statusCode).toBe(403);
    const self = await req('jiuye', 'PUT', '/api/skills/teams', { teams: [...others, { team: '交城县代表队', county: true, contestantPoints: 1, rankPoints: 1 }] });
    expect([self.statusCode, self.json().error.fields[0].field]).toEqual([400, 'teams.4.team']);
    const placed = (await req('jiuye', 'PUT', '/api/skills/teams', { teams: others })).json();
    expect(placed.standing.map((t: { team: string; total: number; place: number | null; award: string }) => [t.team, t.total, t.place, t.award])).toEqual([
      ['文水县代表队', 43, 1, '名次奖'],
      ['孝义市代表队', 36, 2, '名次奖'],
      ['交城县代表队', 36, 3, '名次奖'],
      ['汾阳市代表队', 25, 4, '优秀组织奖'],
      ['市交通运输局代表队', 100, null, '组织奖'],
    ]);
    const pdf = await req('kfq', 'GET', `/api/skills/registrations/${ids[0]}/form.pdf`);
    expect([pdf.statusCode, pdf.rawPayload.subarray(0, 4).toString()]).toEqual([200, '%PDF']);
    const xlsx = await req('jiuye', 'GET', '/api/skills/registrations.xlsx');
    expect([xlsx.statusCode, xlsx.headers['content-type']]).toEqual([200, expect.stringContaining('spreadsheetml')]);
  });

  it('takes a video of at most 5 minutes before 7月10日, checked by its bytes, and at most 3 picks', async () => {
    const e = ev['电子商务'];
    expect((await req('zgh', 'POST', `/api/skills/events/${e}/mode`, { mode: 'video' })).statusCode).toBe(403);
    expect((await req('gongxin', 'POST', `/api/skills/events/${e}/mode`, { mode: 'video' })).statusCode).toBe(200);
    const ids: number[] = [];
    for (const i of [10, 11, 12, 13]) {
      const r = (await register('kfq', form(i, { eventId: e }))).json();
      ids.push(r.id);
    }
    const video = (id: number, body: Buffer) => req('kfq', 'POST', `/api/skills/registrations/${id}/video`, body, 'application/octet-stream');
    expect((await video(ids[0]!, TINY_PDF)).json().error.message).toContain('不是视频');
    expect((await video(ids[0]!, tinyMp4(301))).json().error.message).toContain('超过 5 分钟');
    today = '2022-07-11';
    expect((await video(ids[0]!, tinyMp4(120))).statusCode).toBe(409);
    today = '2022-07-10';
    for (const id of ids) {
      expect((await video(id, tinyMp4(120))).json().videoSeconds).toBe(120);
      await upload('kfq', id, 'work_proof');
      await upload('kfq', id, 'social_security');
      await req('kfq', 'POST', `/api/skills/registrations/${id}/confirm`);
    }
    // The reviewers see numbers, not names, while the selection is open.
    const anon = (await req('gongxin', 'GET', `/api/skills/registrations?eventId=${e}`)).json().items;
    expect(anon.map((r: { name: string }) => r.name)).toEqual(ids.map((id) => `选手 ${id}`));
    // They watch each video as it was sent, under its number; a unit that did not register it cannot.
    const watched = await req('gongxin', 'GET', `/api/skills/registrations/${ids[0]}/video`);
    expect([watched.statusCode, watched.headers['content-type'], watched.rawPayload.equals(tinyMp4(120))]).toEqual([200, 'video/mp4', true]);
    expect(decodeURIComponent(String(watched.headers['content-disposition']))).toContain(`参赛视频-${ids[0]}.mp4`);
    expect([403, 404]).toContain((await req('zgh', 'GET', `/api/skills/registrations/${ids[0]}/video`)).statusCode);
    const four = await req('gongxin', 'POST', `/api/skills/events/${e}/select`, { chosen: ids });
    expect([four.statusCode, four.json().error.message]).toEqual([400, expect.stringContaining('不能推荐第 4 名')]);
    expect((await req('gongxin', 'POST', `/api/skills/events/${e}/select`, { chosen: ids.slice(0, 3) })).statusCode).toBe(200);
    today = '2022-07-05';
  });

  it('lists work for the unit, the managing unit and the office', async () => {
    const items = async (who: string) => ((await req(who, 'GET', '/api/workbench')).json().items as { title: string }[]).map((i) => i.title);
    expect(await items('kfq')).toContain('参赛报名待单位确认');
    expect(await items('zgh')).toContain('比赛项目待确定推荐人选');
    expect(await items('jiuye')).toContain('比赛项目待录入决赛名次');
  });
});
