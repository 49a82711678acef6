import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/dialects.js';
import { testApp, type Session, type TestApp } from '../../test/app.js';

let today = '2022-06-27';
const CREDIT = '91141122MA0K100090';
const ID = '141122199001011235'; // check character computed per GB 11643

describe.each(DIALECTS)('农业生产托管 on %s', (dialect) => {
  let t: TestApp;
  const s: Record<string, Session> = {};
  let units: { id: number; name: string; kind: string; parentId: number | null }[];
  const unit = (name: string) => units.find((u) => u.name === name)!.id;
  const req = (who: string | null, method: string, url: string, payload?: object) => t.app.inject({ method: method as 'GET', url, payload, headers: who ? s[who].headers : {} });
  let orgId: number;
  let contractId: number;
  const works: Record<string, number> = {};
  const criteria = { legal: '营业执照、开户许可证齐全（附件 1、2）', record: '连续三年托管服务，无事故无上访', machinery: '拖拉机 6 台、植保无人机 2 架、农技员 3 人', site: '天宁镇东关机库及办公室 200 平方米', archive: '专人管理托管档案，使用监管平台' };

  beforeAll(async () => {
    today = '2022-06-27'; // each dialect walks the season from the start
    t = await testApp(dialect, { today: () => today, now: () => `${today}T02:00:00.000Z`, seed: ['trusteeship'] });
    for (const u of ['admin', 'fuwu', 'tianning', 'xiying', 'cunwei', 'nongfu', 'gongxin', 'jumin']) s[u] = await t.login(u);
    units = (await req('admin', 'GET', '/api/directory/units')).json().items;
  });
  afterAll(() => t.close());

  it('takes an application only with a valid credit code and all five criteria answered', async () => {
    const village = units.find((u) => u.kind === 'village' && u.parentId === unit('天宁镇') && u.name.endsWith('村委会'))!.id;
    const otherVillage = units.find((u) => u.kind === 'village' && u.parentId === unit('西营镇'))!.id;
    const base = { name: '交城县丰收农机专业合作社', creditCode: CREDIT, orgType: '农民专业合作社', townshipId: unit('天宁镇'), villageId: village, criteria };
    expect((await req('fuwu', 'POST', '/api/trusteeship/orgs', { ...base, villageId: otherVillage })).json().error.fields[0].field).toBe('villageId');
    const badCode = await req('fuwu', 'POST', '/api/trusteeship/orgs', { ...base, creditCode: '91141122MA0K100091' });
    expect([badCode.statusCode, badCode.json().error.fields[0].field]).toEqual([400, 'creditCode']);
    const missing = await req('fuwu', 'POST', '/api/trusteeship/orgs', { ...base, criteria: { ...criteria, site: '' } });
    expect([missing.statusCode, missing.json().error.fields[0].field]).toEqual([400, 'criteria.site']);
    const ok = await req('fuwu', 'POST', '/api/trusteeship/orgs', base);
    expect([ok.statusCode, ok.json().status]).toEqual([201, 'applied']);
    orgId = ok.json().id;
    expect((await req('fuwu', 'POST', '/api/trusteeship/orgs', base)).statusCode).toBe(409);
    // Evidence of the criteria: attached by the organisation, read by its township, not by another.
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    const up = await t.app.inject({ method: 'POST', url: `/api/files?entity=trusteeship_org&entityId=${orgId}&fileName=${encodeURIComponent('营业执照.pdf')}`, payload: pdf, headers: { ...s.fuwu.headers, 'content-type': 'application/pdf' } });
    expect(up.statusCode).toBe(201);
    expect((await req('tianning', 'GET', `/api/files?entity=trusteeship_org&entityId=${orgId}`)).json().items).toMatchObject([{ fileName: '营业执照.pdf' }]);
    expect((await req('xiying', 'GET', `/api/files?entity=trusteeship_org&entityId=${orgId}`)).statusCode).toBe(403);
    // Its village reads it as it reads the organisation's record; a resident does not.
    expect((await req('cunwei', 'GET', `/api/files?entity=trusteeship_org&entityId=${orgId}`)).statusCode).toBe(200);
    expect((await req('jumin', 'GET', `/api/files?entity=trusteeship_org&entityId=${orgId}`)).statusCode).toBe(403);
    expect((await req('jumin', 'POST', '/api/trusteeship/orgs', base)).statusCode).toBe(403);
  });

  it('takes a later season’s price table from its document, never with a subsidy above 30 % of the price', async () => {
    expect((await req(null, 'GET', '/api/trusteeship/rates?season=2022')).json()).toMatchObject({ document: '交政办发〔2022〕16号', stages: [{ code: 'tillage', priceFen: 5000, subsidyFen: 1500 }, {}, {}, {}, {}] });
    expect((await req(null, 'GET', '/api/trusteeship/rates?season=2023')).statusCode).toBe(409);
    const over = await req('nongfu', 'POST', '/api/trusteeship/rates', { season: 2023, document: '交政办发〔2023〕X号', stages: [{ code: 'tillage', name: '春耕作业', priceFen: 5000, subsidyFen: 1600 }] });
    expect([over.statusCode, over.json().error.message]).toEqual([400, '春耕作业的补助超过服务价格的 30%']);
    expect((await req('gongxin', 'POST', '/api/trusteeship/rates', { season: 2023, document: '交政办发〔2023〕X号', stages: [{ code: 'tillage', name: '春耕作业', priceFen: 5000, subsidyFen: 1500 }] })).statusCode).toBe(403);
    const ok = await req('nongfu', 'POST', '/api/trusteeship/rates', { season: 2023, document: '交政办发〔2023〕X号', stages: [{ code: 'tillage', name: '春耕作业', priceFen: 5500, subsidyFen: 1650 }] });
    expect([ok.statusCode, ok.json().stages[0].subsidyFen]).toEqual([201, 1650]);
    expect((await req('nongfu', 'POST', '/api/trusteeship/rates', { season: 2023, document: '另一文件', stages: [{ code: 'tillage', name: '春耕作业', priceFen: 5000, subsidyFen: 1500 }] })).statusCode).toBe(409);
  });

  it('selects it as the document says: 村和乡镇推荐 → 托管领导组会审 → 公示 → 公布, each by its body', async () => {
    expect((await req('xiying', 'POST', `/api/trusteeship/orgs/${orgId}/recommend`)).statusCode).toBe(403);
    // 村和乡镇推荐: the village first (the demo village committee 'cunwei' is of a 天宁镇 village).
    expect((await req('tianning', 'POST', `/api/trusteeship/orgs/${orgId}/recommend`)).json().error.message).toBe('须先经服务组织所在村推荐');
    expect((await req('cunwei', 'POST', `/api/trusteeship/orgs/${orgId}/recommend`)).json().villageRecommendedBy).toBe('cunwei');
    expect((await req('xiying', 'GET', '/api/trusteeship/orgs')).json().items).toEqual([]);
    expect((await req('tianning', 'POST', `/api/trusteeship/orgs/${orgId}/recommend`)).json().status).toBe('recommended');
    expect((await req('gongxin', 'POST', `/api/trusteeship/orgs/${orgId}/review`, { approve: true, note: '会审通过' })).statusCode).toBe(403);
    const approved = (await req('nongfu', 'POST', `/api/trusteeship/orgs/${orgId}/review`, { approve: true, note: '会审通过' })).json();
    // 5 working days after the day of the decision (the day itself is not counted): 06-28 … 07-04.
    expect([approved.status, approved.noticeEnd]).toEqual(['approved', '2022-07-04']);
    // The approved organisation is on public notice (公示) for anyone to read and object to.
    const notices = (await req(null, 'GET', '/api/notices')).json().items;
    expect(notices).toContainEqual(expect.objectContaining({ subject: '农业生产托管试点服务组织拟确定名单公示：交城县丰收农机专业合作社', unitName: '县现代农业发展服务中心', earliestEnd: '2022-07-04' }));
    const early = await req('nongfu', 'POST', `/api/trusteeship/orgs/${orgId}/publish`);
    expect([early.statusCode, early.json().error.message]).toEqual([409, '公示期至 2022-07-04，期满后方可公布']);
    today = '2022-07-05';
    expect((await req('nongfu', 'POST', `/api/trusteeship/orgs/${orgId}/publish`)).json().status).toBe('published');
    expect((await req(null, 'GET', '/api/trusteeship/orgs/public')).json().items).toMatchObject([{ name: '交城县丰收农机专业合作社' }]);
  });

  it('records contracts with farmers only after the centre signs with the organisation, validating plot and farmer', async () => {
    const village = units.find((u) => u.kind === 'village' && u.parentId === unit('天宁镇') && u.name.endsWith('村委会'))!.id;
    const contract = { orgId, season: 2022, farmerName: '张三', farmerIdNo: ID, farmerPhone: '13812345678', farmerUsername: 'jumin', villageId: village, location: '东坡地 3 号', areaMu: '2.50', crop: '玉米', stages: ['tillage', 'sowing', 'rotary', 'spraying', 'harvest'], periodFrom: '2022-04-01', periodTo: '2022-10-31', quality: '耕深 25 厘米以上' };
    expect((await req('fuwu', 'POST', '/api/trusteeship/contracts', contract)).statusCode).toBe(409);
    expect((await req('nongfu', 'POST', `/api/trusteeship/orgs/${orgId}/county-contract`, { contractNo: 'JCTG-2022-001' })).json().countyContractNo).toBe('JCTG-2022-001');
    const badId = await req('fuwu', 'POST', '/api/trusteeship/contracts', { ...contract, farmerIdNo: '141122199001011234' });
    expect([badId.statusCode, badId.json().error.fields[0].field]).toEqual([400, 'farmerIdNo']);
    const badArea = await req('fuwu', 'POST', '/api/trusteeship/contracts', { ...contract, areaMu: '2.555' });
    expect([badArea.statusCode, badArea.json().error.fields[0].field]).toEqual([400, 'areaMu']);
    const c = await req('fuwu', 'POST', '/api/trusteeship/contracts', contract);
    expect([c.statusCode, c.json().areaMu]).toEqual([201, '2.50']);
    contractId = c.json().id;
    // The township sees the contract of its plot, masked.
    expect((await req('tianning', 'GET', '/api/trusteeship/contracts')).json().items[0].farmerIdNo).toBe('1411**********1235');
  });

  it('takes one work confirmation per plot, stage and season, inside the contract', async () => {
    today = '2022-10-10'; // after the harvest: the season's work is recorded as it was done
    expect((await req('fuwu', 'POST', '/api/trusteeship/works', { contractId, stage: 'tillage', workDate: '2022-10-11', areaMu: '1', evidence: '记录' })).json().error.fields[0].field).toBe('workDate');
    const w = (stage: string, extra: object = {}) => req('fuwu', 'POST', '/api/trusteeship/works', { contractId, stage, workDate: '2022-05-10', areaMu: '2.50', evidence: '监测平台面积记录', ...extra });
    // In the order of the season: the harvest is the last work on the plot, so it is the one the cap cuts.
    const dates: Record<string, string> = { tillage: '2022-04-10', sowing: '2022-04-20', rotary: '2022-04-25', spraying: '2022-07-01', harvest: '2022-10-01' };
    for (const stage of ['tillage', 'sowing', 'rotary', 'harvest']) works[stage] = (await w(stage, { workDate: dates[stage] })).json().id;
    works.spraying = (await w('spraying', { passes: 2, workDate: dates.spraying })).json().id;
    const again = await w('tillage');
    expect([again.statusCode, again.json().error.message]).toEqual([409, '该地块本季「春耕作业」已申报，同一地块同一环节不能重复申报']);
    expect((await w('tillage', { areaMu: '3.00' })).json().error.fields[0].field).toBe('areaMu');
    expect((await w('tillage', { workDate: '2022-11-02' })).json().error.fields[0].field).toBe('workDate');
    expect((await w('harvest', { passes: 2 })).json().error.fields[0].field).toBe('passes');
    // A stage the contract does not include: another plot contracted for the harvest only.
    const village = units.find((u) => u.kind === 'village' && u.parentId === unit('天宁镇') && u.name.endsWith('村委会'))!.id;
    const harvestOnly = (await req('fuwu', 'POST', '/api/trusteeship/contracts', { orgId, season: 2022, farmerName: '李四', farmerIdNo: ID, farmerPhone: '13912345678', farmerUsername: null, villageId: village, location: '西坡地 1 号', areaMu: '1.20', crop: '高粱', stages: ['harvest'], periodFrom: '2022-04-01', periodTo: '2022-10-31', quality: '损失率 3% 以内' })).json();
    const notAgreed = await req('fuwu', 'POST', '/api/trusteeship/works', { contractId: harvestOnly.id, stage: 'tillage', workDate: '2022-04-10', areaMu: '1.20', evidence: '记录' });
    expect([notAgreed.statusCode, notAgreed.json().error.message]).toEqual([400, '合同未约定「春耕作业」环节']);
    const unknown = await req('fuwu', 'POST', '/api/trusteeship/works', { contractId: 99999, stage: 'tillage', workDate: '2022-05-10', areaMu: '1', evidence: '记录' });
    expect([unknown.statusCode, unknown.json().error.fields[0].field]).toEqual([400, 'contractId']);
  });

  it('lets the farmer confirm or dispute on a phone; a dispute holds the township back until it is resolved', async () => {
    const mine = (await req('jumin', 'GET', '/api/trusteeship/contracts')).json().items;
    expect(mine[0].stages.find((x: { code: string }) => x.code === 'tillage')).toMatchObject({ priceFen: 5000, subsidyFen: 1500, farmerPaysFen: 3500 });
    for (const stage of ['tillage', 'sowing', 'rotary', 'spraying']) expect((await req('jumin', 'POST', `/api/trusteeship/works/${works[stage]}/answer`, { confirm: true })).json().farmerStatus).toBe('confirmed');
    expect((await req('jumin', 'POST', `/api/trusteeship/works/${works.harvest}/answer`, { confirm: false, note: '收割面积不足' })).json().farmerStatus).toBe('disputed');
    const items = Object.values(works).map((workId) => ({ workId, areaMu: '2.50' }));
    const held = await req('tianning', 'POST', '/api/trusteeship/acceptances', { orgId, season: 2022, level: 'township', note: '实地查验', items });
    expect([held.statusCode, held.json().error.message]).toEqual([409, `作业确认单 ${works.harvest} 农户有争议，须先处理`]);
    expect((await req('tianning', 'POST', `/api/trusteeship/works/${works.harvest}/answer`, { confirm: true, note: '乡镇实地核实，面积无误' })).json().farmerStatus).toBe('confirmed');
  });

  it('accepts at the township, then the county after 5 working days, and pays nothing before the notices and the sample', async () => {
    const items = Object.values(works).map((workId) => ({ workId, areaMu: '2.50' }));
    const tooBig = await req('tianning', 'POST', '/api/trusteeship/acceptances', { orgId, season: 2022, level: 'township', note: '实地查验', items: [{ workId: works.tillage, areaMu: '2.60' }] });
    expect(tooBig.statusCode).toBe(400);
    const town = (await req('tianning', 'POST', '/api/trusteeship/acceptances', { orgId, season: 2022, level: 'township', note: '实地查验、核对监管平台面积', items })).json();
    expect(town.noticeEnd).toBe('2022-10-17');
    const notice = (await req(null, 'GET', `/api/notices/${town.noticeId}`)).json();
    expect([notice.unitName, notice.earliestEnd]).toEqual(['天宁镇', '2022-10-17']);
    expect(notice.content).toContain('粮食作物的机收（2022-10-01）验收面积 2.50 亩');
    const early = await req('nongfu', 'POST', '/api/trusteeship/acceptances', { orgId, season: 2022, level: 'county', note: '县级验收', items });
    expect([early.statusCode, early.json().error.message]).toEqual([409, '乡镇初验公示期至 2022-10-17（不少于 5 个工作日），期满后方可县级验收']);
    today = '2022-10-18';
    expect((await req('nongfu', 'POST', '/api/trusteeship/acceptances', { orgId, season: 2022, level: 'county', note: '县级验收', items })).json().noticeEnd).toBe('2022-10-25');
    expect((await req('nongfu', 'POST', `/api/trusteeship/orgs/${orgId}/settle`, { season: 2022 })).json().error.message).toBe('暂不能结算：县级验收公示期至 2022-10-25');
    today = '2022-10-26';
    expect((await req('nongfu', 'POST', `/api/trusteeship/orgs/${orgId}/settle`, { season: 2022 })).json().error.message).toBe('暂不能结算：市级抽验尚未进行');
    const drawn = (await req('nongfu', 'POST', '/api/trusteeship/samplings', { season: 2022, seed: '2022-10-26 第 1 次' })).json();
    expect(drawn).toMatchObject({ of: 1, drawn: [{ orgId, result: null }] });
    expect((await req('nongfu', 'POST', `/api/trusteeship/orgs/${orgId}/settle`, { season: 2022 })).json().error.message).toBe('暂不能结算：抽验结果尚未录入');
    await req('nongfu', 'POST', '/api/trusteeship/samplings/2022/results', { orgId, passed: true });
  });

  it('settles at 100 元/亩 for the plot: 2.5 亩 × (15 + 9 + 24 + 2 × 9 + 39) = 262.50 → 250.00 元, frozen, in 大写', async () => {
    const sheet = (await req('nongfu', 'GET', `/api/trusteeship/orgs/${orgId}/sheet?season=2022`)).json();
    expect([sheet.settled, sheet.hold, sheet.totalFen, sheet.upper]).toEqual([false, null, 25000, '贰佰伍拾元整']);
    const harvest = sheet.lines.find((l: { stage: string }) => l.stage === '粮食作物的机收');
    expect([harvest.subsidyFen, harvest.paidFen]).toEqual([9750, 8500]);
    expect(harvest.note).toContain('核减 12.50 元');
    // 按环节兑付, by hand at 2.5 亩: 春耕 15 → 37.50, 春播 9 → 22.50, 旋播 24 → 60.00, 植保 2 × 9 → 45.00, 机收 39 → 97.50
    // cut to 85.00 by the plot's 100 元/亩 — 250.00 in all.
    expect(sheet.byStage.map((b: { stage: string; works: number; areaMu: string; paidFen: number }) => [b.stage, b.works, b.areaMu, b.paidFen])).toEqual([
      ['春耕作业', 1, '2.50', 3750],
      ['春播作业', 1, '2.50', 2250],
      ['旋播一体机作业', 1, '2.50', 6000],
      ['农作物病虫害防治无人植保机作业', 1, '2.50', 4500],
      ['粮食作物的机收', 1, '2.50', 8500],
    ]);
    expect(sheet.byStage.at(-1).upper).toBe('捌拾伍元整');
    expect(sheet.reading).toContain('按环节兑付');
    expect((await req('nongfu', 'GET', '/api/trusteeship/season?season=2022')).json()).toEqual({ season: 2022, rows: 5, orgs: [{ orgId, works: 5, subsidyFen: 26250, paidFen: 25000, capped: 1 }] });
    expect((await req('gongxin', 'GET', '/api/trusteeship/season?season=2022')).statusCode).toBe(403);
    const settled = (await req('nongfu', 'POST', `/api/trusteeship/orgs/${orgId}/settle`, { season: 2022 })).json();
    expect([settled.settled, settled.totalFen]).toEqual([true, 25000]);
    expect((await req('nongfu', 'POST', `/api/trusteeship/orgs/${orgId}/settle`, { season: 2022 })).statusCode).toBe(409);
    expect((await req('nongfu', 'GET', `/api/trusteeship/orgs/${orgId}/sheet.xlsx?season=2022`)).headers['content-type']).toContain('spreadsheetml');
    const printed = (await req('nongfu', 'GET', `/api/trusteeship/orgs/${orgId}/sheet/print?season=2022`)).body;
    expect([printed.includes('贰佰伍拾元整'), printed.includes('按环节兑付'), printed.includes('捌拾伍元整')]).toEqual([true, true, true]);
    // The frozen sheet sets out the same 环节 from its lines as settled.
    expect((await req('nongfu', 'GET', `/api/trusteeship/orgs/${orgId}/sheet?season=2022`)).json().byStage.map((b: { paidFen: number }) => b.paidFen)).toEqual([3750, 2250, 6000, 4500, 8500]);
    expect((await req('gongxin', 'GET', `/api/trusteeship/orgs/${orgId}/sheet?season=2022`)).statusCode).toBe(403);
    const paid = (await req('jumin', 'GET', `/api/trusteeship/contracts/${contractId}/works`)).json().items;
    expect(paid.reduce((a: number, w: { paidFen: number }) => a + w.paidFen, 0)).toBe(25000);
    for (const path of ['/api/trusteeship/orgs.xlsx', '/api/trusteeship/works.xlsx?season=2022']) expect((await req('tianning', 'GET', path)).headers['content-type']).toContain('spreadsheetml');
    const d = (await req('nongfu', 'GET', '/api/trusteeship/dashboard?season=2022')).json();
    expect(d.byCrop).toMatchObject([{ label: '玉米', works: 5, acceptedMu: '12.50', paidFen: 25000, county: 5 }]);
    const trail = await t.db.kysely.selectFrom('audit_log').select('action').where('entity', 'like', 'trusteeship_%').orderBy('id').execute();
    expect(trail.map((a) => a.action)).toEqual(expect.arrayContaining(['apply', 'village_recommend', 'recommend', 'approve', 'publish', 'county_contract', 'farmer_dispute', 'township', 'county', 'draw', 'result', 'settle']));
  });
});
