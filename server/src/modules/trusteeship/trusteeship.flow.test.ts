/**
 * The trusteeship procedures on the kit: each view's actions are exactly what the server then accepts from that
 * actor, two actors taking the same step at once leave one result, and the centre is the body with its code.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/dialects.js';
import { testApp, type Session, type TestApp } from '../../test/app.js';

let today = '2022-06-27';
const ID = '141122199001011235';
const CODES = ['91141122MA0K100090', '91141122MA0K20000U', '91141122MA0K20001Y'];
const criteria = { legal: '证照齐全', record: '无事故无上访', machinery: '拖拉机 6 台', site: '机库 200 平方米', archive: '专人管理档案' };
type Action = { step: string; label: string; allowed: boolean; reason: string | null; path: string; body: Record<string, unknown> };

describe.each(DIALECTS)('农业生产托管 procedures on %s', (dialect) => {
  let t: TestApp;
  const s: Record<string, Session> = {};
  let units: { id: number; name: string; kind: string; parentId: number | null; code?: string | null }[];
  const unit = (name: string) => units.find((u) => u.name === name)!.id;
  const req = (who: string, method: string, url: string, payload?: object) => t.app.inject({ method: method as 'GET', url, payload, headers: s[who].headers });
  const org = async (who: string, id: number) => ((await req(who, 'GET', '/api/trusteeship/orgs')).json().items as { id: number; status: string; actions: Action[]; timeline: { label: string; toLabel: string; actor: string }[] }[]).find((o) => o.id === id);
  const steps = (a: Action[] | undefined) => (a ?? []).map((x) => [x.step, x.allowed]);
  const notices = async (subject: string) => ((await req('admin', 'GET', '/api/notices')).json().items as { subject: string }[]).filter((n) => n.subject.includes(subject)).length;
  const orgs: number[] = [];

  beforeAll(async () => {
    today = '2022-06-27';
    t = await testApp(dialect, { today: () => today, now: () => `${today}T02:00:00.000Z`, seed: ['trusteeship'] });
    for (const u of ['admin', 'fuwu', 'tianning', 'xiying', 'cunwei', 'nongfu', 'gongxin', 'jumin']) s[u] = await t.login(u);
    units = (await req('admin', 'GET', '/api/directory/units')).json().items;
    for (const [i, creditCode] of CODES.entries()) {
      const o = await req('fuwu', 'POST', '/api/trusteeship/orgs', { name: `天宁农机合作社${i + 1}`, creditCode, orgType: '农民专业合作社', townshipId: unit('天宁镇'), villageId: null, criteria });
      expect(o.statusCode).toBe(201);
      orgs.push(o.json().id);
    }
  });
  afterAll(() => t.close());

  it('offers each actor exactly the steps the server then accepts from it', async () => {
    const [id] = orgs;
    expect(steps((await org('tianning', id))?.actions)).toEqual([['recommend', true]]);
    // Not the organisation's township, not its village (it names none), not a step of this state: none offered, each refused.
    expect((await org('xiying', id))?.actions ?? []).toEqual([]);
    expect((await req('xiying', 'POST', `/api/trusteeship/orgs/${id}/recommend`)).statusCode).toBe(403);
    expect(steps((await org('cunwei', id))?.actions)).toEqual([]);
    expect((await req('cunwei', 'POST', `/api/trusteeship/orgs/${id}/recommend`)).statusCode).toBe(403);
    expect(steps((await org('nongfu', id))?.actions)).toEqual([]);
    const early = await req('nongfu', 'POST', `/api/trusteeship/orgs/${id}/review`, { approve: true, note: '会审通过' });
    expect([early.statusCode, early.json().error.message]).toEqual([409, '须先经村和乡镇推荐']);
    expect((await org('fuwu', id))?.actions).toEqual([]);

    expect((await req('tianning', 'POST', `/api/trusteeship/orgs/${id}/recommend`)).json().status).toBe('recommended');
    // The review's two steps for the centre, each with its decision preset and its own form; none for the township.
    const review = (await org('nongfu', id))!.actions;
    expect(review.map((a) => [a.step, a.label, a.allowed, a.path, a.body])).toEqual([
      ['approve', '会审通过', true, `/api/trusteeship/orgs/${id}/review`, { approve: true }],
      ['reject', '不通过', true, `/api/trusteeship/orgs/${id}/review`, { approve: false }],
    ]);
    expect((await org('tianning', id))!.actions).toEqual([]);
    expect((await req('tianning', 'POST', `/api/trusteeship/orgs/${id}/review`, { approve: true, note: '会审通过' })).statusCode).toBe(403);
    // Another bureau's official is not the centre, whatever its role.
    expect((await req('gongxin', 'POST', `/api/trusteeship/orgs/${id}/review`, { approve: true, note: '会审通过' })).statusCode).toBe(403);

    // The county administrator has no unit: its approval is noticed all the same, in the centre's name, on the module's day.
    const approved = (await req('admin', 'POST', `/api/trusteeship/orgs/${id}/review`, { approve: true, note: '会审通过' })).json();
    expect([approved.status, approved.noticeEnd]).toEqual(['approved', '2022-07-04']);
    const n = ((await req('admin', 'GET', '/api/notices')).json().items as { subject: string; unitName: string; startDate: string; earliestEnd: string }[]).find((x) => x.subject.endsWith('天宁农机合作社1'))!;
    expect([n.unitName, n.startDate, n.earliestEnd]).toEqual(['县现代农业发展服务中心', '2022-06-27', '2022-07-04']);
    const publish = (await org('nongfu', id))!.actions.find((a) => a.step === 'publish')!;
    expect([publish.allowed, publish.reason]).toEqual([false, '公示期至 2022-07-04，期满后方可公布']);
    expect((await req('nongfu', 'POST', `/api/trusteeship/orgs/${id}/publish`)).json().error.message).toBe(publish.reason);

    const log = (await org('nongfu', id))!.timeline;
    expect(log.map((l) => [l.label, l.toLabel])).toEqual([
      ['登记', '已申请'],
      ['推荐', '村乡推荐'],
      ['会审通过', '领导组会审通过（公示中）'],
    ]);
  });

  it('leaves one result when two take the same organisation step at once', async () => {
    const id = orgs[1];
    await req('tianning', 'POST', `/api/trusteeship/orgs/${id}/recommend`);
    const both = await Promise.all([
      req('nongfu', 'POST', `/api/trusteeship/orgs/${id}/review`, { approve: true, note: '会审通过甲' }),
      req('admin', 'POST', `/api/trusteeship/orgs/${id}/review`, { approve: false, note: '不予通过乙' }),
    ]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const won = both.find((r) => r.statusCode === 200)!.json();
    // Nothing written for the loser: one step in the log, and a notice only when the approval won.
    expect((await org('nongfu', id))!.timeline.length).toBe(3);
    expect(await notices('天宁农机合作社2')).toBe(won.status === 'approved' ? 1 : 0);
  });

  it('moves the works and their acceptances once each, however many take the step at once', async () => {
    today = '2022-07-05';
    const id = orgs[0];
    await req('nongfu', 'POST', `/api/trusteeship/orgs/${id}/publish`);
    // Signing: offered once, then not allowed; two at once leave one contract number.
    const sign = await Promise.all(['JCTG-1', 'JCTG-2'].map((contractNo) => req(contractNo === 'JCTG-1' ? 'nongfu' : 'admin', 'POST', `/api/trusteeship/orgs/${id}/county-contract`, { contractNo })));
    expect(sign.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect((await org('nongfu', id))!.actions.find((a) => a.step === 'county_contract')).toMatchObject({ allowed: false, reason: '只能与已公布且尚未签约的服务组织签订合同' });

    today = '2022-10-10';
    const village = units.find((u) => u.kind === 'village' && u.parentId === unit('天宁镇'))!.id;
    const contract = (await req('fuwu', 'POST', '/api/trusteeship/contracts', { orgId: id, season: 2022, farmerName: '张三', farmerIdNo: ID, farmerPhone: '13812345678', farmerUsername: 'jumin', villageId: village, location: '东坡地 3 号', areaMu: '2.50', crop: '玉米', stages: ['tillage', 'harvest'], periodFrom: '2022-04-01', periodTo: '2022-10-31', quality: '耕深 25 厘米' })).json();
    const work = async (stage: string, workDate: string) => (await req('fuwu', 'POST', '/api/trusteeship/works', { contractId: contract.id, stage, workDate, areaMu: '2.50', evidence: '监测平台面积记录' })).json().id as number;
    const tillage = await work('tillage', '2022-04-10');
    const harvest = await work('harvest', '2022-10-01');
    const works = async (who: string) => (await req(who, 'GET', `/api/trusteeship/contracts/${contract.id}/works`)).json().items as { id: number; status: string; actions: Action[]; timeline: { label: string }[] }[];
    const of = async (who: string, w: number) => (await works(who)).find((x) => x.id === w)!;

    // The farmer: confirm or dispute; the organisation: the paper form, not allowed without it; the township nothing yet.
    expect((await of('jumin', tillage)).actions.map((a) => [a.step, a.allowed, a.body])).toEqual([
      ['farmer_confirm', true, { confirm: true }],
      ['farmer_dispute', true, { confirm: false }],
    ]);
    expect((await of('fuwu', tillage)).actions.map((a) => [a.step, a.allowed, a.reason])).toEqual([['paper_confirm', false, '请先上传农户签字的纸质确认单']]);
    expect((await of('tianning', tillage)).actions).toEqual([]);
    expect((await req('tianning', 'POST', `/api/trusteeship/works/${tillage}/answer`, { confirm: true })).statusCode).toBe(409);

    // Two answers at once: one stands, the other is refused and leaves nothing.
    const answers = await Promise.all([req('jumin', 'POST', `/api/trusteeship/works/${tillage}/answer`, { confirm: true }), req('jumin', 'POST', `/api/trusteeship/works/${tillage}/answer`, { confirm: true })]);
    expect(answers.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect((await of('jumin', tillage)).timeline.map((l) => l.label)).toEqual(['登记', '确认作业']);
    await req('jumin', 'POST', `/api/trusteeship/works/${harvest}/answer`, { confirm: false, note: '面积不足' });
    expect((await of('tianning', harvest)).actions.map((a) => [a.step, a.allowed])).toEqual([['township_resolve', true]]);
    await req('tianning', 'POST', `/api/trusteeship/works/${harvest}/answer`, { confirm: true, note: '乡镇实地核实' });

    // The acceptance: offered to the plot's township, not to another; the county's not allowed before it.
    const season = async (who: string) => (await req(who, 'GET', `/api/trusteeship/orgs/${id}/acceptance?season=2022`)).json() as { status: string; actions: Action[]; timeline: { label: string }[] };
    expect((await season('tianning')).actions.map((a) => [a.step, a.allowed, a.body])).toEqual([['township', true, { orgId: id, season: 2022, level: 'township' }]]);
    expect((await season('xiying')).actions.map((a) => [a.step, a.allowed])).toEqual([['township', false]]);
    expect((await season('nongfu')).actions.map((a) => [a.step, a.allowed, a.reason])).toEqual([['county', false, '尚未乡镇初验']]);
    const items = [tillage, harvest].map((workId) => ({ workId, areaMu: '2.50' }));
    const body = { orgId: id, season: 2022, level: 'township', note: '实地查验', items };
    expect((await req('xiying', 'POST', '/api/trusteeship/acceptances', body)).statusCode).toBe(403);
    const accepted = await Promise.all([req('tianning', 'POST', '/api/trusteeship/acceptances', body), req('tianning', 'POST', '/api/trusteeship/acceptances', body)]);
    expect(accepted.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expect(await notices('乡镇初验结果公示：天宁农机合作社1')).toBe(1);
    const after = await season('nongfu');
    expect(after.timeline.map((l) => l.label)).toEqual(['乡镇初验']);
    expect(after.actions.find((a) => a.step === 'county')).toMatchObject({ allowed: false, reason: '乡镇初验公示期至 2022-10-17（不少于 5 个工作日），期满后方可县级验收' });
    expect((await of('jumin', tillage)).status).toBe('township');

    today = '2022-10-18';
    const county = { ...body, level: 'county', note: '县级验收' };
    expect((await req('gongxin', 'POST', '/api/trusteeship/acceptances', county)).statusCode).toBe(403);
    const both = await Promise.all([req('nongfu', 'POST', '/api/trusteeship/acceptances', county), req('admin', 'POST', '/api/trusteeship/acceptances', county)]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expect(await notices('县级验收结果公示：天宁农机合作社1')).toBe(1);
    expect((await season('nongfu')).status).toBe('county');
  });

  it('knows the centre by its directory code, not its name', async () => {
    const id = orgs[2];
    const centre = units.find((u) => u.code === 'JC-XDNY')!;
    expect(centre.name).toBe('县现代农业发展服务中心');
    expect((await req('admin', 'PATCH', `/api/directory/units/${centre.id}`, { name: '交城县现代农业发展服务中心' })).statusCode).toBe(200);
    await req('tianning', 'POST', `/api/trusteeship/orgs/${id}/recommend`);
    expect(steps((await org('nongfu', id))?.actions)).toEqual([['approve', true], ['reject', true]]);
    const r = await req('nongfu', 'POST', `/api/trusteeship/orgs/${id}/review`, { approve: false, note: '材料不全' });
    expect([r.statusCode, r.json().status]).toEqual([200, 'rejected']);
  });
});
