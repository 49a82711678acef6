/**
 * The household procedure on the kit: every step taken twice at once moves the household once (the other answers 409
 * and writes nothing), and a household's `actions` list exactly the steps the server then accepts from that actor.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/dialects.js';
import { testApp, type Session, type TestApp } from '../../test/app.js';
import { TINY_JPEG, residentId } from './toilets.demo.js';

let today = '2022-06-01';
const GOOD = { indoorArea: '1.5', foundation: '10', tankDepth: '55', ventDiameter: '11', ventHeight: '52' };

describe.each(DIALECTS)('农村改厕 household procedure on %s', (dialect) => {
  let t: TestApp;
  const s: Record<string, Session> = {};
  let village: number;
  let township: number;
  const req = (who: string, method: string, url: string, payload?: object) => t.app.inject({ method: method as 'GET', url, payload, headers: s[who].headers });
  const upload = (who: string, entity: string, entityId: string) =>
    t.app.inject({ method: 'POST', url: `/api/files?entity=${entity}&entityId=${entityId}&fileName=a.jpg`, payload: TINY_JPEG, headers: { ...s[who].headers, 'content-type': 'image/jpeg' } });
  const detail = async (who: string, id: number) => (await req(who, 'GET', `/api/toilets/households/${id}`)).json();
  const steps = async (who: string, id: number) => ((await detail(who, id)).actions as { step: string; allowed: boolean; body: { party?: string } }[]).map((a) => (a.body.party ? `${a.step}.${a.body.party}` : a.step));
  /** The same step twice at once: the status codes, sorted. */
  const twice = async (who: string, path: string, body: object) => (await Promise.all([req(who, 'POST', path, body), req(who, 'POST', path, body)])).map((r) => r.statusCode).sort();
  const logged = async (id: number, step: string) => (await t.db.kysely.selectFrom('workflow_steps').select('step').where('entity', '=', 'toilet_household').where('record_id', '=', String(id)).execute()).filter((r) => r.step === step).length;
  const used = async () => (await t.db.kysely.selectFrom('toilet_quotas').select('used').where('township_id', '=', township).where('bucket', '=', 'total').executeTakeFirstOrThrow()).used;

  beforeAll(async () => {
    today = '2022-06-01';
    t = await testApp(dialect, { today: () => today, now: () => `${today}T02:00:00.000Z`, seed: ['toilets', 'notices'] });
    for (const u of ['tianning', 'xiying', 'cunwei', 'nongye', 'gongxin', 'jumin']) s[u] = await t.login(u);
    village = (await t.db.kysely.selectFrom('users').select('unit_id').where('username', '=', 'cunwei').executeTakeFirstOrThrow()).unit_id!;
    township = (await t.app.registry.service('directory').get(village)).parentId!;
  });
  afterAll(() => t.close());

  it('takes each step once when it is sent twice at once, and offers each actor exactly the steps it accepts', async () => {
    const ids: number[] = [];
    for (const i of [1, 2]) {
      const r = await req('cunwei', 'POST', '/api/toilets/households', { villageId: village, headName: `户主${i}`, idNo: residentId(`14112219750101${100 + i}`), phone: `1391234${1000 + i}`, address: `${i}号`, members: 3, currentType: 'flush', wish: true, username: i === 1 ? 'jumin' : null });
      expect(r.statusCode).toBe(201);
      ids.push(r.json().id);
      expect((await upload('cunwei', 'toilet_photo', `${r.json().id}.before`)).statusCode).toBe(201);
    }
    const [h, w] = ids;
    // Surveyed: the township may choose it; the village, the office, another bureau and the household may not.
    expect(await steps('tianning', h)).toEqual(['select']);
    for (const who of ['cunwei', 'nongye', 'gongxin', 'jumin']) expect([who, await steps(who, h)]).toEqual([who, []]);
    expect((await req('cunwei', 'POST', `/api/toilets/households/${h}/agreement`, { agreementNo: 'TN-1' })).statusCode).toBe(409);
    expect((await req('xiying', 'POST', `/api/toilets/households/${h}/select`, { mode: 'flush' })).statusCode).toBe(404);
    expect((await detail('tianning', h)).timeline.map((l: { label: string; toLabel: string }) => [l.label, l.toLabel])).toEqual([['登记', '已摸底']]);

    // 确定改厕户 twice at once: one place taken, one step logged.
    const before = await used();
    expect(await twice('tianning', `/api/toilets/households/${h}/select`, { mode: 'flush' })).toEqual([200, 409]);
    expect([await used(), await logged(h, 'select')]).toEqual([before + 1, 1]);
    // Chosen: the township may withdraw it or sign the agreement (not before the notice), the village the agreement.
    expect(await steps('tianning', h)).toEqual(['withdraw', 'agree']);
    expect(await steps('cunwei', h)).toEqual(['agree']);
    expect((await detail('tianning', h)).actions.find((a: { step: string }) => a.step === 'agree')).toMatchObject({ allowed: false, reason: '暂不能签订协议：改厕户名单尚未公示' });
    expect((await req('tianning', 'POST', `/api/toilets/households/${h}/start`, { builderKind: 'self', startedOn: today })).statusCode).toBe(409);

    // 退出 twice at once: the place goes back once.
    await req('tianning', 'POST', `/api/toilets/households/${w}/select`, { mode: 'flush' });
    const chosen = await used();
    expect(await twice('tianning', `/api/toilets/households/${w}/withdraw`, { reason: '农户不愿意了' })).toEqual([200, 409]);
    expect([await used(), await logged(w, 'withdraw')]).toEqual([chosen - 1, 1]);
    expect(await steps('tianning', w)).toEqual([]);

    // 公示, then the agreement twice at once.
    expect((await req('tianning', 'POST', `/api/toilets/villages/${village}/notice`)).statusCode).toBe(201);
    today = '2022-06-09';
    expect((await detail('cunwei', h)).actions).toMatchObject([{ step: 'agree', allowed: false, reason: '请先上传双方签字的《农村改厕协议》扫描件', files: [{ entity: 'toilet_paper', entityId: `${h}.agreement`, present: false }] }]);
    await upload('cunwei', 'toilet_paper', `${h}.agreement`);
    expect((await detail('cunwei', h)).actions).toMatchObject([{ step: 'agree', allowed: true, reason: null, path: `/api/toilets/households/${h}/agreement` }]);
    expect(await twice('cunwei', `/api/toilets/households/${h}/agreement`, { agreementNo: 'TN-2022-001' })).toEqual([200, 409]);
    expect(await logged(h, 'agree')).toBe(1);

    // Agreed: withdraw or start; completing is not offered and is refused.
    expect(await steps('tianning', h)).toEqual(['withdraw', 'start']);
    expect((await req('tianning', 'POST', `/api/toilets/households/${h}/complete`, { toiletNo: 'TN-1', completedOn: today, values: GOOD, concrete: 'C20' })).json().error.message).toBe('尚未开工');
    const start = { builderKind: 'team', builderName: '天宁镇施工队', supervisorName: '晋中监理', startedOn: today };
    expect(await twice('tianning', `/api/toilets/households/${h}/start`, start)).toEqual([200, 409]);
    expect(await logged(h, 'start')).toBe(1);

    // Started: complete, with the photos on file (the guard says which are missing).
    expect((await detail('tianning', h)).actions).toMatchObject([{ step: 'complete', allowed: false, reason: '请先上传施工中、施工后照片（施工队必须在施工前、施工中、施工后拍摄照片）' }]);
    for (const p of ['during', 'after']) await upload('tianning', 'toilet_photo', `${h}.${p}`);
    expect(await twice('tianning', `/api/toilets/households/${h}/complete`, { toiletNo: 'TN-1', completedOn: today, values: GOOD, concrete: 'C20' })).toEqual([200, 409]);
    expect(await logged(h, 'complete')).toBe(1);

    // Completed: each party's signature is offered to whoever may record it, once.
    expect(await steps('tianning', h)).toEqual(['accept.builder', 'accept.supervisor', 'accept.township']);
    expect(await steps('cunwei', h)).toEqual(['accept.farmer', 'accept.village']);
    expect(await steps('jumin', h)).toEqual(['accept.farmer']);
    expect(await steps('nongye', h)).toEqual([]);
    expect((await req('tianning', 'POST', `/api/toilets/households/${h}/sign`, { party: 'village' })).statusCode).toBe(403);
    expect(await twice('tianning', `/api/toilets/households/${h}/sign`, { party: 'township' })).toEqual([200, 409]);
    const sigs = () => t.db.kysely.selectFrom('toilet_signatures').select('party').where('household_id', '=', h).execute();
    expect(await sigs()).toEqual([{ party: 'township' }]);
    expect((await detail('tianning', h)).actions.find((a: { body: { party?: string } }) => a.body.party === 'township')).toMatchObject({ allowed: false, reason: '「乡镇」已签字' });
    for (const party of ['builder', 'supervisor']) await req('tianning', 'POST', `/api/toilets/households/${h}/sign`, { party, signerName: '王师傅' });
    // The last two at once, by different parties: both signatures kept, the household accepted once.
    expect((await Promise.all([req('cunwei', 'POST', `/api/toilets/households/${h}/sign`, { party: 'village' }), req('jumin', 'POST', `/api/toilets/households/${h}/sign`, { party: 'farmer' })])).map((r) => r.statusCode)).toEqual([200, 200]);
    const done = await detail('tianning', h);
    expect([done.status, (await sigs()).length, await logged(h, 'accept')]).toEqual(['accepted', 5, 6]);
    expect(done.actions).toEqual([]);
    expect(done.timeline.map((l: { label: string; toLabel: string }) => l.toLabel)).toEqual(['已摸底', '已确定改厕户', '已签协议', '施工中', '已完工', '已完工', '已完工', '已完工', '已完工', '已完工', '五方验收合格']);
  });
});
