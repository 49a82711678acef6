import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/dialects.js';
import { testApp, type Session, type TestApp } from '../../test/app.js';

let today = '2022-06-27';
const ID = '141122199001011235';
const CODES = ['91141122MA0K100090', '91141122MA0K20000U', '91141122MA0K20001Y'];
const criteria = { legal: '证照齐全', record: '三年托管服务', machinery: '拖拉机 6 台', site: '机库 200 平方米', archive: '专人管理档案' };
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

/** Who plots, organisations and confirmations belong to: the plot's township, the plot's village, the farmer on the contract. */
describe.each(DIALECTS)('农业生产托管: whose plot, whose organisation, whose confirmation, on %s', (dialect) => {
  let t: TestApp;
  const s: Record<string, Session> = {};
  let units: { id: number; name: string; kind: string; parentId: number | null }[];
  const unit = (name: string) => units.find((u) => u.name === name)!.id;
  /** A township's first 村委会 (in 天宁镇, the demo village account's). */
  const villageOf = (township: string) => units.find((u) => u.kind === 'village' && u.parentId === unit(township) && u.name.endsWith('村委会'))!.id;
  const req = (who: string | null, method: string, url: string, payload?: object) => t.app.inject({ method: method as 'GET', url, payload, headers: who ? s[who].headers : {} });
  const orgs: number[] = [];
  let xiyingVillage: number;
  let plotContract: number;
  const contract = (orgId: number, extra: object = {}) => ({ orgId, season: 2022, farmerName: '张三', farmerIdNo: ID, farmerPhone: '13812345678', farmerUsername: 'jumin', villageId: xiyingVillage, location: '东地157号', areaMu: '10.00', crop: '玉米', stages: ['tillage', 'harvest'], periodFrom: '2022-04-01', periodTo: '2022-10-31', quality: '耕深 25 厘米', ...extra });

  beforeAll(async () => {
    today = '2022-06-27';
    t = await testApp(dialect, { today: () => today, now: () => `${today}T02:00:00.000Z`, seed: ['trusteeship'] });
    for (const u of ['admin', 'fuwu', 'tianning', 'xiying', 'cunwei', 'nongfu', 'gongxin', 'jumin', 'shenji']) s[u] = await t.login(u);
    units = (await req('admin', 'GET', '/api/directory/units')).json().items;
    xiyingVillage = villageOf('西营镇');
    // Two organisations registered in 天宁镇, published and signed; a third only applied (and rejected reasons unseen).
    for (const [i, code] of CODES.entries()) {
      const o = await req('fuwu', 'POST', '/api/trusteeship/orgs', { name: `天宁农机合作社${i + 1}`, creditCode: code, orgType: '农民专业合作社', townshipId: unit('天宁镇'), villageId: null, criteria });
      orgs.push(o.json().id);
    }
    for (const id of orgs.slice(0, 2)) {
      await req('tianning', 'POST', `/api/trusteeship/orgs/${id}/recommend`);
      await req('nongfu', 'POST', `/api/trusteeship/orgs/${id}/review`, { approve: true, note: '会审通过' });
    }
    today = '2022-07-05';
    for (const [i, id] of orgs.slice(0, 2).entries()) {
      await req('nongfu', 'POST', `/api/trusteeship/orgs/${id}/publish`);
      expect((await req('nongfu', 'POST', `/api/trusteeship/orgs/${id}/county-contract`, { contractNo: `JCTG-2022-00${i + 1}` })).statusCode).toBe(200);
    }
  });
  afterAll(() => t.close());

  it('takes a farmer’s plot once a season, however the location is typed, whichever organisation contracts it', async () => {
    const first = await req('fuwu', 'POST', '/api/trusteeship/contracts', contract(orgs[0]));
    expect(first.statusCode).toBe(201);
    plotContract = first.json().id;
    for (const location of ['东地１５７号', '东地 157 号', '东地157号\u202E']) {
      const again = await req('fuwu', 'POST', '/api/trusteeship/contracts', contract(orgs[1], { location }));
      expect([location, again.statusCode]).toEqual([location, 409]);
    }
    // Another farmer's claim on the same plot shares its key: a stage claimed there once is not claimed again.
    const other = (await req('fuwu', 'POST', '/api/trusteeship/contracts', contract(orgs[1], { location: '东地１５７号', farmerName: '李四', farmerIdNo: '141122199001021230', farmerUsername: null }))).json();
    today = '2022-10-10';
    expect((await req('fuwu', 'POST', '/api/trusteeship/works', { contractId: plotContract, stage: 'tillage', workDate: '2022-04-10', areaMu: '10.00', evidence: '监测平台面积记录' })).statusCode).toBe(201);
    expect((await req('fuwu', 'POST', '/api/trusteeship/works', { contractId: other.id, stage: 'tillage', workDate: '2022-04-12', areaMu: '10.00', evidence: '监测平台面积记录' })).statusCode).toBe(409);
    const keys = await t.db.kysely.selectFrom('trusteeship_contracts').select('plot_key').where('village_id', '=', xiyingVillage).execute();
    expect(new Set(keys.map((k) => k.plot_key)).size).toBe(1);
  });

  it('keeps odd values out: a period within the season’s year, names without direction characters', async () => {
    const forever = await req('fuwu', 'POST', '/api/trusteeship/contracts', contract(orgs[0], { location: '西地 2 号', periodTo: '9999-12-31' }));
    expect([forever.statusCode, forever.json().error.fields[0].field]).toEqual([400, 'periodTo']);
    const early = await req('fuwu', 'POST', '/api/trusteeship/contracts', contract(orgs[0], { location: '西地 2 号', periodFrom: '2021-10-01' }));
    expect([early.statusCode, early.json().error.fields[0].field]).toEqual([400, 'periodFrom']);
    const odd = await req('fuwu', 'POST', '/api/trusteeship/contracts', contract(orgs[0], { location: '西地\u2066 2 号\u2069', farmerName: '\u202E张三\u200F', farmerUsername: null }));
    expect([odd.statusCode, odd.json().farmerName, odd.json().location]).toEqual([201, '张三', '西地 2 号']);
    expect((await req('fuwu', 'POST', '/api/trusteeship/contracts', contract(orgs[0], { location: '西地 3 号', farmerName: '\u202E\u0007', farmerUsername: null }))).json().error.fields[0].field).toBe('farmerName');
  });

  it('links as the farmer only a resident’s account that is the farmer’s', async () => {
    for (const [farmerUsername, farmerName] of [['admin', '张三'], ['fuwu', '张三'], ['jumin', '李四']]) {
      const r = await req('fuwu', 'POST', '/api/trusteeship/contracts', contract(orgs[0], { location: '南地 9 号', farmerUsername, farmerName }));
      expect([farmerUsername, r.statusCode, r.json().error.fields[0].field]).toEqual([farmerUsername, 400, 'farmerUsername']);
    }
    expect((await req('admin', 'GET', '/api/trusteeship/contracts')).json().items.every((c: { farmerIdNo: string }) => c.farmerIdNo.includes('*'))).toBe(true);
  });

  it('records the farmer’s confirmation by the organisation only with the signed form, and the farmer may still dispute it', async () => {
    const work = (await req('fuwu', 'POST', '/api/trusteeship/works', { contractId: plotContract, stage: 'harvest', workDate: '2022-10-01', areaMu: '10.00', evidence: '监测平台面积记录' })).json().id;
    const bare = await req('fuwu', 'POST', `/api/trusteeship/works/${work}/answer`, { confirm: true, note: '纸质确认单' });
    expect([bare.statusCode, bare.json().error.fields[0].field]).toEqual([409, 'file']);
    const paper = await t.app.inject({ method: 'POST', url: `/api/files?entity=trusteeship_work_paper&entityId=${work}&fileName=${encodeURIComponent('确认单.pdf')}`, payload: PDF, headers: { ...s.fuwu.headers, 'content-type': 'application/pdf' } });
    expect(paper.statusCode).toBe(201);
    expect((await req('fuwu', 'POST', `/api/trusteeship/works/${work}/answer`, { confirm: true, note: null })).json().farmerStatus).toBe('confirmed');
    expect((await req('jumin', 'GET', `/api/files?entity=trusteeship_work_paper&entityId=${work}`)).json().items).toMatchObject([{ fileName: '确认单.pdf' }]);
    const dispute = await req('jumin', 'POST', `/api/trusteeship/works/${work}/answer`, { confirm: false, note: '没有签过字' });
    expect([dispute.statusCode, dispute.json().farmerStatus]).toEqual([200, 'disputed']);
    // The form is attached while the farmer has not answered, not after.
    const late = await t.app.inject({ method: 'POST', url: `/api/files?entity=trusteeship_work_paper&entityId=${work}&fileName=x.pdf`, payload: PDF, headers: { ...s.fuwu.headers, 'content-type': 'application/pdf' } });
    expect(late.statusCode).toBe(403);
  });

  it('has the plot’s own township accept the work, not the organisation’s', async () => {
    const works = (await req('fuwu', 'GET', `/api/trusteeship/contracts/${plotContract}/works`)).json().items as { id: number; stage: string }[];
    const tillage = works.find((w) => w.stage === 'tillage')!.id;
    expect((await req('jumin', 'POST', `/api/trusteeship/works/${tillage}/answer`, { confirm: true })).json().farmerStatus).toBe('confirmed');
    const body = { orgId: orgs[0], season: 2022, level: 'township', note: '实地查验', items: [{ workId: tillage, areaMu: '10.00' }] };
    expect((await req('tianning', 'POST', '/api/trusteeship/acceptances', body)).statusCode).toBe(403);
    const ok = await req('xiying', 'POST', '/api/trusteeship/acceptances', body);
    expect(ok.statusCode).toBe(201);
    expect((await req(null, 'GET', `/api/notices/${ok.json().noticeId}`)).json().unitName).toBe('西营镇');
  });

  it('shows organisations and contracts to whom they concern', async () => {
    const full = (who: string) => req(who, 'GET', '/api/trusteeship/orgs').then((r) => r.json().items as { id: number; creditCode: string; criteria: object; status: string }[]);
    for (const who of ['jumin', 'gongxin']) {
      const seen = await full(who);
      expect([who, seen.map((o) => o.id)]).toEqual([who, orgs.slice(0, 2)]);
      expect(seen.every((o) => o.creditCode.includes('*') && Object.keys(o.criteria).length === 0)).toBe(true);
    }
    for (const who of ['shenji', 'nongfu', 'tianning']) expect((await full(who)).map((o) => o.creditCode)).toEqual(CODES);
    // Another township, where they work a plot: the published ones, masked.
    expect((await full('xiying')).map((o) => [o.id, o.creditCode.includes('*')])).toEqual([[orgs[0], true], [orgs[1], true]]);
    const sheet = await req('jumin', 'GET', '/api/trusteeship/orgs.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(sheet.rawPayload as unknown as ArrayBuffer);
    const cells = wb.worksheets[0].getSheetValues().flat().map(String).join('|');
    expect([cells.includes('天宁农机合作社3'), cells.includes(CODES[0])]).toEqual([false, false]);
    // A village its own plots' contracts, a township its township's: the 西营镇 plots are neither 天宁镇's nor its village's.
    const villageContract = await req('fuwu', 'POST', '/api/trusteeship/contracts', contract(orgs[1], { villageId: villageOf('天宁镇'), location: '村东 1 号', farmerUsername: null }));
    expect(villageContract.statusCode).toBe(201);
    const ids = async (who: string) => ((await req(who, 'GET', '/api/trusteeship/contracts')).json().items as { id: number; villageId: number }[]).map((c) => c.villageId);
    expect(await ids('cunwei')).toEqual([villageOf('天宁镇')]);
    expect(await ids('tianning')).toEqual([villageOf('天宁镇')]);
    expect(new Set(await ids('xiying'))).toEqual(new Set([xiyingVillage]));
  });
});
