import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { DIALECTS } from '../../test/dialects.js';
import { testApp, type Session, type TestApp } from '../../test/app.js';
import { TINY_JPEG, residentId } from './toilets.demo.js';
import { surveyWorkbook } from './toilets.import.js';

let today = '2022-06-01';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const GOOD = { indoorArea: '1.5', foundation: '10', tankDepth: '55', ventDiameter: '11', ventHeight: '52', pitLength: '2', pitWidth: '1.2', pitDepth: '1.7', bedding: '10', stallArea: '4', wallHeight: '2.3', wallThickness: '24' };

describe.each(DIALECTS)('农村改厕 on %s', (dialect) => {
  let t: TestApp;
  const s: Record<string, Session> = {};
  let units: { id: number; name: string; kind: string; parentId: number | null }[];
  const unit = (name: string) => units.find((u) => u.name === name)!.id;
  const req = (who: string | null, method: string, url: string, payload?: object) => t.app.inject({ method: method as 'GET', url, payload, headers: who ? s[who].headers : {} });
  const upload = (who: string, entity: string, entityId: string, body: Buffer, type: string, name = '照片.jpg') =>
    t.app.inject({ method: 'POST', url: `/api/files?entity=${entity}&entityId=${entityId}&fileName=${encodeURIComponent(name)}`, payload: body, headers: { ...s[who].headers, 'content-type': type } });
  let villageA: number;
  let villageB: number;
  const h: Record<string, number> = {};
  let xiying: number;

  const survey = (who: string, villageId: number, i: number, extra: object = {}) =>
    req(who, 'POST', '/api/toilets/households', { villageId, headName: `户主${i}`, idNo: residentId(`14112219700101${String(100 + i)}`), phone: `1391234${String(1000 + i)}`, address: `${i}号`, members: 4, currentType: 'old', wish: true, ...extra });

  beforeAll(async () => {
    today = '2022-06-01';
    t = await testApp(dialect, { today: () => today, now: () => `${today}T02:00:00.000Z`, seed: ['toilets', 'notices'] });
    for (const u of ['admin', 'xiying', 'tianning', 'cunwei', 'nongye', 'gongxin', 'gongan', 'jianhang', 'shenji', 'jumin']) s[u] = await t.login(u);
    units = (await req('admin', 'GET', '/api/directory/units')).json().items;
    xiying = unit('西营镇');
    [villageA, villageB] = units.filter((u) => u.kind === 'village' && u.parentId === xiying).map((u) => u.id);
    // The village committee of a 西营镇 village (the demo's is in 天宁镇).
    const made = await req('admin', 'POST', '/api/users', { username: 'xycun', displayName: '西营村委会', role: 'village_committee', unitId: villageA, password: 'Chushi2022ab' });
    expect(made.statusCode).toBe(201);
    const first = await t.login('xycun', 'Chushi2022ab');
    await t.changePassword(first, 'Chushi2022ab', 'Xycun2022abc');
    s.xycun = await t.login('xycun', 'Xycun2022abc');
  });
  afterAll(() => t.close());

  it('surveys households with a valid ID, once each, in the surveyor’s own village', async () => {
    const bad = await survey('xycun', villageA, 1, { idNo: '141122197001011001' });
    expect([bad.statusCode, bad.json().error.fields[0].field]).toEqual([400, 'idNo']);
    expect((await survey('cunwei', villageA, 1)).statusCode).toBe(403);
    expect((await survey('jumin', villageA, 1)).statusCode).toBe(403);
    const first = await survey('xycun', villageA, 1, { username: 'jumin' });
    expect([first.statusCode, first.json().status, first.json().idNo]).toEqual([201, 'surveyed', residentId('14112219700101101')]);
    h.one = first.json().id;
    expect((await survey('xiying', villageA, 1)).json().error.message).toBe('该身份证号的农户已在改厕名册中，不能重复登记');
    h.two = (await survey('xycun', villageA, 2)).json().id;
    h.seco = (await survey('xycun', villageA, 3)).json().id;
    h.seco2 = (await survey('xycun', villageA, 4, { currentType: 'cement' })).json().id;
    await survey('xycun', villageA, 5, { sanitary: true, wish: false, currentType: 'flush' });
    h.b1 = (await survey('xiying', villageB, 6)).json().id;
    for (const i of [7, 8, 9]) await survey('xiying', villageB, i, { wish: false });
    const cov = (await req('xiying', 'GET', '/api/toilets/coverage')).json().items;
    // Village A: 1 sanitary + 4 wishing of 5 → 100 % reachable; village B: 1 of 4 → 25 %.
    expect(cov.map((v: { villageId: number; canReach: boolean; reachablePermille: number }) => [v.villageId, v.canReach, v.reachablePermille])).toEqual([[villageA, true, 1000], [villageB, false, 250]]);
    // The county sees names and numbers masked; the village sees its own in full.
    const county = (await req('nongye', 'GET', `/api/toilets/households/${h.one}`)).json();
    expect([county.headName, county.idNo.includes('*')]).toEqual(['户**', true]);
    expect((await req('cunwei', 'GET', `/api/toilets/households/${h.one}`)).statusCode).toBe(404);
  });

  it('chooses households within the quota, with the before photo on file, whole villages first', async () => {
    const noPhoto = await req('xiying', 'POST', `/api/toilets/households/${h.one}/select`, { mode: 'old' });
    expect([noPhoto.statusCode, noPhoto.json().error.message]).toEqual([409, '请先上传改造前厕所照片（存档备案，作为改厕依据）']);
    const pdf = await upload('xycun', 'toilet_photo', `${h.one}.before`, PDF, 'application/pdf', '照片.pdf');
    expect([pdf.statusCode, pdf.json().error.message]).toEqual([400, '此处只接受JPEG 照片、PNG 照片']);
    const big = Buffer.concat([TINY_JPEG, Buffer.alloc(5 * 1024 * 1024)]);
    expect((await upload('xycun', 'toilet_photo', `${h.one}.before`, big, 'image/jpeg')).statusCode).toBe(413);
    for (const id of [h.one, h.two, h.seco, h.seco2, h.b1]) expect((await upload(id === h.b1 ? 'xiying' : 'xycun', 'toilet_photo', `${id}.before`, TINY_JPEG, 'image/jpeg')).statusCode).toBe(201);
    expect((await req('tianning', 'POST', `/api/toilets/households/${h.one}/select`, { mode: 'old' })).statusCode).toBe(404);
    expect((await req('xiying', 'POST', `/api/toilets/households/${h.one}/select`, { mode: 'public' })).json().error.fields[0].field).toBe('mode');
    expect((await req('xiying', 'POST', `/api/toilets/households/${h.one}/select`, { mode: 'old' })).json()).toMatchObject({ status: 'selected', mode: 'old', plannedFen: 330_000, split: { provinceFen: 100_000, countyFen: 230_000 } });
    expect((await req('xiying', 'POST', `/api/toilets/households/${h.two}/select`, { mode: 'old' })).json().status).toBe('selected');
    // Village B cannot reach 85 %; while village A has a wishing household waiting, a reason is needed.
    const early = await req('xiying', 'POST', `/api/toilets/households/${h.b1}/select`, { mode: 'old' });
    expect([early.statusCode, early.json().error.fields[0].field]).toEqual([409, 'priorityNote']);
    // The quota is a ceiling: with room for one S-ECO, the second is refused and nothing is taken.
    await t.db.kysely.updateTable('toilet_quotas').set({ cap: 1 }).where('township_id', '=', xiying).where('bucket', '=', 'seco').execute();
    expect((await req('xiying', 'POST', `/api/toilets/households/${h.seco}/select`, { mode: 'seco' })).json().plannedFen).toBe(200_000);
    const full = await req('xiying', 'POST', `/api/toilets/households/${h.seco2}/select`, { mode: 'seco' });
    expect([full.statusCode, full.json().error.message]).toEqual([409, '西营镇「S-ECO」指标 1 座已用完（交政办发〔2022〕10号 三、（二））']);
    const quotas = (await req('xiying', 'GET', '/api/toilets/quotas')).json().items;
    expect(quotas).toEqual([{ township: '西营镇', townshipId: xiying, hint: null, buckets: [{ bucket: 'other', label: '其他模式', cap: 400, used: 2 }, { bucket: 'seco', label: 'S-ECO', cap: 1, used: 1 }, { bucket: 'total', label: '合计', cap: 500, used: 3 }] }]);
    // 天宁镇 has 水冲式 only.
    expect((await req('xiying', 'POST', `/api/toilets/households/${h.seco2}/select`, { mode: 'cement' })).json().status).toBe('selected');
    expect((await req('xiying', 'POST', `/api/toilets/households/${h.b1}/select`, { mode: 'old', priorityNote: '村内自筹资金到位，农户强烈要求' })).json().priorityNote).toBe('村内自筹资金到位，农户强烈要求');
  });

  it('puts the list on notice for 7 days and signs agreements only after it, objections resolved', async () => {
    expect((await req('xycun', 'POST', `/api/toilets/villages/${villageA}/notice`)).statusCode).toBe(403);
    const batch = await req('xiying', 'POST', `/api/toilets/villages/${villageA}/notice`);
    expect([batch.statusCode, batch.json().noticeEnd, batch.json().households]).toEqual([201, '2022-06-08', 4]);
    const notice = (await req(null, 'GET', `/api/notices/${batch.json().noticeId}`)).json();
    expect(notice).toMatchObject({ subject: expect.stringContaining('2022 年农村改厕户名单及补助政策公示'), minLength: 7, unit: '日', earliestEnd: '2022-06-08' });
    expect(notice.content).toContain('户主1');
    expect(notice.content).not.toContain(residentId('14112219700101101'));
    expect((await req('xiying', 'POST', `/api/toilets/villages/${villageA}/notice`)).json().error.message).toBe('本村没有待公示的改厕户');
    await upload('xycun', 'toilet_paper', `${h.one}.agreement`, PDF, 'application/pdf', '协议.pdf');
    const early = await req('xycun', 'POST', `/api/toilets/households/${h.one}/agreement`, { agreementNo: 'XY-2022-001' });
    expect([early.statusCode, early.json().error.message]).toEqual([409, '暂不能签订协议：公示期至 2022-06-08（不少于 7 天），期满无异议后方可签订协议']);
    const objection = await req(null, 'POST', `/api/notices/${batch.json().noticeId}/objections`, { name: '李四', contact: null, text: '户主2 家已有水冲厕所' });
    expect(objection.statusCode).toBe(201);
    today = '2022-06-09';
    const held = await req('xycun', 'POST', `/api/toilets/households/${h.one}/agreement`, { agreementNo: 'XY-2022-001' });
    expect(held.json().error.message).toBe('暂不能签订协议：公示收到的 1 条异议尚未处理');
    expect((await req('xycun', 'POST', `/api/toilets/batches/${batch.json().id}/objections/${objection.json().id}/resolve`, { resolution: '经核实' })).statusCode).toBe(403);
    const resolved = await req('xiying', 'POST', `/api/toilets/batches/${batch.json().id}/objections/${objection.json().id}/resolve`, { resolution: '经入户核实为旱厕，维持原名单' });
    expect(resolved.json().objections).toMatchObject([{ resolution: '经入户核实为旱厕，维持原名单', resolvedBy: 'xiying' }]);
    expect((await req('xycun', 'POST', `/api/toilets/households/${h.two}/agreement`, { agreementNo: 'XY-2022-002' })).json().error.message).toBe('请先上传双方签字的《农村改厕协议》扫描件');
    expect((await req('xycun', 'POST', `/api/toilets/households/${h.one}/agreement`, { agreementNo: 'XY-2022-001' })).json().status).toBe('agreed');
    for (const [id, no] of [[h.two, '002'], [h.seco, '003'], [h.seco2, '004']] as const) {
      await upload('xiying', 'toilet_paper', `${id}.agreement`, TINY_JPEG, 'image/jpeg', '协议.jpg');
      expect((await req('xiying', 'POST', `/api/toilets/households/${id}/agreement`, { agreementNo: `XY-2022-${no}` })).json().status).toBe('agreed');
    }
  });

  it('starts works with the builder, the supervisor and the tender price, and completes them against the attachment’s checks', async () => {
    const noTender = await req('xiying', 'POST', `/api/toilets/households/${h.one}/start`, { builderKind: 'team', builderName: '西营建筑队', supervisorName: '晋中监理公司', startedOn: '2022-06-09' });
    expect(noTender.json().error.fields[0].field).toBe('tenderId');
    const tender = (await req('xiying', 'POST', '/api/toilets/tenders', { item: '高分子化粪池、管材、便池、冲水筒', winner: '山西某环保公司', priceFen: 98_000, documentNo: '西营招〔2022〕3号' })).json();
    expect((await req('xiying', 'POST', `/api/toilets/households/${h.one}/start`, { builderKind: 'team', builderName: '西营建筑队', tenderId: tender.id, startedOn: '2022-06-09' })).json().error.fields[0].field).toBe('supervisorName');
    // Payment stage 1 waits for a start.
    const p0 = (await req('nongye', 'GET', `/api/toilets/townships/${xiying}/payments`)).json();
    expect([p0.allocationFen, p0.stages[0].hold]).toEqual([330_000 * 2 + 200_000 * 2, '尚未开工']);
    for (const id of [h.one, h.two]) expect((await req('xiying', 'POST', `/api/toilets/households/${id}/start`, { builderKind: 'team', builderName: '西营建筑队', supervisorName: '晋中监理公司', tenderId: tender.id, startedOn: '2022-06-09' })).json()).toMatchObject({ status: 'started', tenderFen: 98_000, plannedFen: 328_000 });
    expect((await req('xiying', 'POST', `/api/toilets/households/${h.seco}/start`, { builderKind: 'self', startedOn: '2022-06-09' })).json().builderName).toBe('农户自建（户主3）');
    expect((await req('xiying', 'POST', `/api/toilets/households/${h.seco2}/start`, { builderKind: 'self', startedOn: '2022-06-09' })).json().status).toBe('started');
    const noPhotos = await req('xiying', 'POST', `/api/toilets/households/${h.one}/complete`, { toiletNo: 'XY-A-001', completedOn: '2022-06-09', values: GOOD, concrete: 'C20', roof: '彩钢瓦' });
    expect(noPhotos.json().error.message).toBe('请先上传施工中、施工后照片（施工队必须在施工前、施工中、施工后拍摄照片）');
    for (const id of [h.one, h.two, h.seco, h.seco2]) for (const phase of ['during', 'after']) expect((await upload('xiying', 'toilet_photo', `${id}.${phase}`, TINY_JPEG, 'image/jpeg')).statusCode).toBe(201);
    const shallow = await req('xiying', 'POST', `/api/toilets/households/${h.one}/complete`, { toiletNo: 'XY-A-001', completedOn: '2022-06-09', values: { ...GOOD, tankDepth: '45' }, concrete: 'C20', roof: '彩钢瓦' });
    expect([shallow.statusCode, shallow.json().error.message]).toEqual([400, '技术指标未达标，整改后再登记完工：化粪池上沿一般应低于地坪 50cm 以下（实测 45）']);
    const one = (await req('xiying', 'POST', `/api/toilets/households/${h.one}/complete`, { toiletNo: 'XY-A-001', completedOn: '2022-06-09', values: GOOD, concrete: 'C20', roof: '彩钢瓦' })).json();
    expect([one.status, one.superstructurePassed]).toEqual(['completed', true]);
    // A wall of 2.0 m fails the superstructure: completed, but its 1300 元 will not be paid.
    const two = (await req('xiying', 'POST', `/api/toilets/households/${h.two}/complete`, { toiletNo: 'XY-A-002', completedOn: '2022-06-09', values: { ...GOOD, wallHeight: '2.0' }, concrete: 'C25', roof: '彩钢瓦' })).json();
    expect([two.status, two.superstructurePassed]).toEqual(['completed', false]);
    expect((await req('xiying', 'POST', `/api/toilets/households/${h.seco}/complete`, { toiletNo: 'XY-A-001', completedOn: '2022-06-09', values: GOOD })).json().error.message).toBe('厕所编号 XY-A-001 已被使用');
    expect((await req('xiying', 'POST', `/api/toilets/households/${h.seco}/complete`, { toiletNo: 'XY-A-003', completedOn: '2022-06-09', values: { indoorArea: '1.2' } })).json().status).toBe('completed');
  });

  it('accepts a toilet only with all five signatures, each by the party entitled to it', async () => {
    expect((await req('xycun', 'POST', `/api/toilets/households/${h.one}/sign`, { party: 'township' })).json().error.message).toBe('「乡镇」签字应由该户所在乡（镇）办理');
    expect((await req('xiying', 'POST', `/api/toilets/households/${h.one}/sign`, { party: 'farmer' })).statusCode).toBe(403);
    // The farmer signs on a phone with the account linked at the survey.
    expect((await req('jumin', 'GET', '/api/toilets/households')).json().items.map((x: { id: number }) => x.id)).toEqual([h.one]);
    // A household reads its own file, not the programme's registers or money.
    for (const url of ['/api/toilets/dashboard', '/api/toilets/coverage', `/api/toilets/townships/${xiying}/payments`, '/api/toilets/households.xlsx']) expect((await req('jumin', 'GET', url)).statusCode).toBe(403);
    expect((await req('jumin', 'POST', `/api/toilets/households/${h.one}/sign`, { party: 'farmer' })).json().signatures[0]).toMatchObject({ party: 'farmer', signer: '户主1', via: 'app' });
    expect((await req('jumin', 'POST', `/api/toilets/households/${h.one}/sign`, { party: 'farmer' })).json().error.message).toBe('「农户」已签字');
    await req('xycun', 'POST', `/api/toilets/households/${h.one}/sign`, { party: 'village' });
    await req('xiying', 'POST', `/api/toilets/households/${h.one}/sign`, { party: 'builder', signerName: '王师傅' });
    expect((await req('xiying', 'POST', `/api/toilets/households/${h.one}/sign`, { party: 'supervisor' })).json().error.fields[0].field).toBe('signerName');
    const four = (await req('xiying', 'POST', `/api/toilets/households/${h.one}/sign`, { party: 'supervisor', signerName: '赵监理' })).json();
    expect([four.status, four.signatures.filter((x: { signer: string | null }) => x.signer).length]).toEqual(['completed', 4]);
    const done = (await req('xiying', 'POST', `/api/toilets/households/${h.one}/sign`, { party: 'township' })).json();
    expect([done.status, done.subsidyFen, done.split]).toEqual(['accepted', 328_000, { provinceFen: 99_394, countyFen: 228_606 }]);
    for (const id of [h.two, h.seco]) {
      await req('xycun', 'POST', `/api/toilets/households/${id}/sign`, { party: 'farmer' });
      await req('xycun', 'POST', `/api/toilets/households/${id}/sign`, { party: 'village' });
      for (const party of ['builder', 'supervisor', 'township']) await req('xiying', 'POST', `/api/toilets/households/${id}/sign`, { party, signerName: '赵监理' });
    }
    // Without the superstructure: materials at the tender price and works, no 1300 元.
    expect((await req('xiying', 'GET', `/api/toilets/households/${h.two}`)).json()).toMatchObject({ status: 'accepted', subsidyFen: 198_000 });
    expect((await req('xiying', 'GET', `/api/toilets/households/${h.seco}`)).json()).toMatchObject({ status: 'accepted', subsidyFen: 200_000 });
  });

  it('releases the three payments in order, each once its condition is met, the last as audited', async () => {
    const out = await req('nongye', 'POST', `/api/toilets/townships/${xiying}/payments`, { stage: 2 });
    expect(out.json().error.message).toBe('须先拨付第 1 笔（开工）');
    expect((await req('gongxin', 'POST', `/api/toilets/townships/${xiying}/payments`, { stage: 1 })).statusCode).toBe(403);
    expect((await req('xiying', 'POST', `/api/toilets/townships/${xiying}/payments`, { stage: 1 })).statusCode).toBe(403);
    // 总资金: the planned subsidies of the agreed households (two old at the tender price, one S-ECO, one cement).
    const one = (await req('nongye', 'POST', `/api/toilets/townships/${xiying}/payments`, { stage: 1 })).json();
    expect([one.allocationFen, one.stages[0].paid, one.stages[0].amountFen]).toEqual([328_000 * 2 + 200_000 * 2, true, 316_800]);
    expect((await req('nongye', 'POST', `/api/toilets/townships/${xiying}/payments`, { stage: 1 })).json().error.message).toBe('第 1 笔（开工）已拨付');
    const notDone = await req('nongye', 'POST', `/api/toilets/townships/${xiying}/payments`, { stage: 2 });
    expect(notDone.json().error.message).toBe('「完工」拨付条件未满足：签订协议的 4 户中已完工 3 户');
    await req('xiying', 'POST', `/api/toilets/households/${h.seco2}/complete`, { toiletNo: 'XY-A-004', completedOn: '2022-06-09', values: GOOD });
    expect((await req('nongye', 'POST', `/api/toilets/townships/${xiying}/payments`, { stage: 2 })).json().stages[1]).toMatchObject({ paid: true, amountFen: 422_400 });
    expect((await req('xiying', 'POST', '/api/toilets/acceptance-request')).json().error.message).toBe('尚有 1 户未完成五方签字验收');
    await req('xycun', 'POST', `/api/toilets/households/${h.seco2}/sign`, { party: 'farmer' });
    await req('xycun', 'POST', `/api/toilets/households/${h.seco2}/sign`, { party: 'village' });
    for (const party of ['builder', 'supervisor', 'township']) await req('xiying', 'POST', `/api/toilets/households/${h.seco2}/sign`, { party, signerName: '赵监理' });
    expect((await req('nongye', 'POST', `/api/toilets/townships/${xiying}/payments`, { stage: 3 })).json().error.message).toBe('「验收合格」拨付条件未满足：乡镇尚未提出验收申请');
    const asked = (await req('xiying', 'POST', '/api/toilets/acceptance-request')).json();
    expect([asked.accepted, asked.spotChecks]).toEqual([4, { need: 1, done: 0, failed: 0 }]);
    // The draw is recorded once for the application: a second seed is refused with the first draw named.
    const none = await req('nongye', 'POST', `/api/toilets/households/${h.one}/spot-check`, { passed: true, note: '抽查合格' });
    expect([none.statusCode, none.json().error.message]).toEqual([409, '尚未抽取抽查名单：请先按种子抽取，再录入抽查结果']);
    expect((await req('nongye', 'POST', `/api/toilets/townships/${xiying}/payments`, { stage: 3 })).json().error.message).toBe('「验收合格」拨付条件未满足：县农业农村局尚未抽取抽查名单');
    expect((await req('gongxin', 'POST', `/api/toilets/townships/${xiying}/spot-draw`, { seed: '2022-07-01-01' })).statusCode).toBe(403);
    expect((await req('nongye', 'GET', `/api/toilets/townships/${xiying}/spot-draw`)).json()).toEqual({ draw: null });
    const drawn = await req('nongye', 'POST', `/api/toilets/townships/${xiying}/spot-draw`, { seed: '2022-07-01-01' });
    const draw = drawn.json();
    expect([drawn.statusCode, draw.seed, draw.by, draw.at, draw.of, draw.size, draw.households.length, draw.households[0].check]).toEqual([201, '2022-07-01-01', 'nongye', `${today}T02:00:00.000Z`, 4, 1, 1, null]);
    const retry = await req('nongye', 'POST', `/api/toilets/townships/${xiying}/spot-draw`, { seed: '2022-07-01-02' });
    expect([retry.statusCode, retry.json().error.message]).toEqual([409, `本次验收申请已于 ${today} 10:00 由 nongye 按种子「2022-07-01-01」抽取 1 户，不能重新抽取`]);
    expect((await req('nongye', 'GET', `/api/toilets/townships/${xiying}/spot-draw`)).json()).toEqual({ draw });
    // A check on a household the draw did not pick is refused by name and counts for nothing.
    const picked = draw.households[0].id as number;
    const other = [h.one, h.two, h.seco, h.seco2].find((x) => x !== picked)!;
    const stray = await req('nongye', 'POST', `/api/toilets/households/${other}/spot-check`, { passed: true, note: '抽查合格' });
    expect([stray.statusCode, stray.json().error.message]).toEqual([409, expect.stringMatching(new RegExp(`^改厕户 ${other}（户\\*+，厕所编号 XY-A-00\\d）不在抽查名单中（种子「2022-07-01-01」，nongye 抽取），不能录入抽查结果$`))]);
    expect((await t.db.kysely.selectFrom('toilet_spot_checks').select('household_id').execute()).map((c) => c.household_id)).toEqual([]);
    expect((await req('nongye', 'POST', `/api/toilets/townships/${xiying}/payments`, { stage: 3 })).json().error.message).toBe('「验收合格」拨付条件未满足：县农业农村局抽查验收 0/1 户');
    const failed = (await req('nongye', 'POST', `/api/toilets/households/${picked}/spot-check`, { passed: false, note: '掏粪口盖未密闭' })).json();
    expect(failed.stages[2].hold).toBe('抽查不合格 1 户，整改复查后方可拨付');
    await req('nongye', 'POST', `/api/toilets/households/${picked}/spot-check`, { passed: true, note: '整改后复查合格' });
    expect((await req('nongye', 'GET', `/api/toilets/townships/${xiying}/spot-draw`)).json().draw.households[0].check).toMatchObject({ passed: true, note: '整改后复查合格', by: 'nongye' });
    // 「工程最终以审核为准予以结算」: accepted 328000 + 198000 + 200000 + 200000 = 926000, less 739200 paid.
    const three = (await req('nongye', 'POST', `/api/toilets/townships/${xiying}/payments`, { stage: 3 })).json();
    expect([three.acceptedTotalFen, three.stages[2].amountFen, three.paidFen]).toEqual([926_000, 186_800, 926_000]);
    expect(three.acceptedSplit.provinceFen + three.acceptedSplit.countyFen).toBe(926_000);
  });

  it('serves a household’s photos and papers to those who read its file, not to other bureaus', async () => {
    const photo = (await req('xiying', 'GET', `/api/files?entity=toilet_photo&entityId=${h.one}.before`)).json().items[0].id as number;
    const paper = (await req('xiying', 'GET', `/api/files?entity=toilet_paper&entityId=${h.one}.agreement`)).json().items[0].id as number;
    const status = async (who: string | null, id: number) => (await req(who, 'GET', `/api/files/${id}`)).statusCode;
    // The household, its village and township, the 县农业农村局, the county administrator and the auditor.
    for (const who of ['jumin', 'xycun', 'xiying', 'nongye', 'admin', 'shenji']) expect([who, await status(who, photo), await status(who, paper)]).toEqual([who, 200, 200]);
    // 公安, 工信 and the bank read the register masked only; another township and the public not at all.
    for (const who of ['gongan', 'gongxin', 'jianhang', 'tianning', null]) expect([who, await status(who, photo), await status(who, paper)]).toEqual([who, 403, 403]);
    expect((await req('gongan', 'GET', `/api/files?entity=toilet_photo&entityId=${h.one}.before`)).statusCode).toBe(403);
  });

  it('keeps the reporting schedule, pre-fills the figures and shows who is late', async () => {
    today = '2022-06-17';
    const sched = (await req('xycun', 'GET', '/api/toilets/reports/schedule')).json().items;
    // The village's households were chosen on 06-01 and all accepted on 06-09: weeklies were due 06-02 and 06-09, the June monthly by 06-20.
    expect(sched.filter((x: { kind: string }) => x.kind === 'weekly').map((x: { period: string; state: string }) => [x.period, x.state])).toEqual([['2022-06-09', '逾期未报'], ['2022-06-02', '逾期未报']]);
    expect((await req('xycun', 'GET', '/api/toilets/reports/prefill?kind=weekly')).json()).toEqual({ surveyed: 5, selected: 4, agreed: 4, started: 4, completed: 4, accepted: 4 });
    const late = await req('xycun', 'POST', '/api/toilets/reports', { kind: 'weekly', period: '2022-06-09', note: '本周完成验收 4 户' });
    expect([late.statusCode, late.json().late]).toEqual([201, true]);
    expect((await req('xycun', 'POST', '/api/toilets/reports', { kind: 'monthly', period: '2022-06' })).json().late).toBe(false);
    expect((await req('xycun', 'POST', '/api/toilets/reports', { kind: 'monthly', period: '2022-06' })).statusCode).toBe(409);
    expect((await req('xycun', 'POST', '/api/toilets/reports', { kind: 'township', period: '2022-06' })).statusCode).toBe(403);
    expect((await req('xiying', 'POST', '/api/toilets/reports', { kind: 'township', period: '2022-06' })).json()).toMatchObject({ due: '2022-06-24', late: false, figures: { surveyed: 9 } });
    const county = (await req('nongye', 'GET', '/api/toilets/reports/schedule')).json().items;
    expect(county.filter((x: { state: string }) => x.state === '逾期未报').length).toBeGreaterThan(0);
    const roster = await req('xycun', 'GET', `/api/toilets/villages/${villageA}/roster.xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(roster.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets[0].rowCount).toBe(5);
  });

  it('shows the dashboard and exports the ledger with personal data masked', async () => {
    const d = (await req('nongye', 'GET', '/api/toilets/dashboard')).json();
    expect(d.plan).toBe(1300);
    expect(d.townships.find((x: { township: string }) => x.township === '西营镇')).toMatchObject({ quota: 500, surveyed: 9, selected: 5, agreed: 4, started: 4, completed: 4, accepted: 4, paidFen: 926_000, dueFen: 926_000 });
    expect(d.townships.find((x: { township: string }) => x.township === '天宁镇')).toMatchObject({ quota: 300, surveyed: 0 });
    // Village A: 1 sanitary + 4 accepted of 5 households → 100 %, eligible for the central award.
    expect(d.villages.find((v: { villageId: number }) => v.villageId === villageA)).toMatchObject({ ratePermille: 1000, reached: true });
    const x = await req('xiying', 'GET', '/api/toilets/households.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    // Row 1 the title, row 2 who made it and when, row 3 the header: the first household is row 4.
    expect(wb.worksheets[0].getRow(3).getCell(3).value).toBe('户主');
    const row = wb.worksheets[0].getRow(4).values as string[];
    expect(row[3]).toBe('户**');
    expect(String(row[4])).toMatch(/^1411\*{10}/);
  });

  it('imports a survey from Excel: rows with errors listed back, the good ones kept only when the user chooses', async () => {
    const vName = units.find((u) => u.id === villageB)!.name;
    const file = await surveyWorkbook([
      ['西营镇', vName, '甲', residentId('14112219800101201'), '13912340001', '一号', 3, '老旧厕所（无厕屋）', 1, '否', '是'],
      ['西营镇', vName, '乙', '141122198001012019', '13912340002', '二号', 3, '老旧厕所', 1, '否', '是'],
      ['西营镇', '无此村', '丙', residentId('14112219800101203'), '13912340003', '三号', 3, '水冲式厕所', 1, '否', '是'],
      ['西营镇', vName, '丁', residentId('14112219700101101'), '13912340004', '四号', 3, '传统水泥厕所', 1, '否', '否'],
      ['西营镇', vName, '戊', residentId('14112219800101205'), '13912340005', '五号', 3, '集体厕所、公厕', 6, '否', '是'],
    ]);
    expect((await t.app.inject({ method: 'POST', url: '/api/toilets/imports', payload: file, headers: { ...s.tianning.headers, 'content-type': 'application/octet-stream' } })).statusCode).toBe(202);
    const started = await t.app.inject({ method: 'POST', url: '/api/toilets/imports?fileName=%E5%90%8D%E5%86%8C.xlsx', payload: file, headers: { ...s.xiying.headers, 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } });
    expect(started.statusCode).toBe(202);
    let job = started.json();
    for (let i = 0; i < 100 && job.status === 'validating'; i++) {
      await new Promise((r) => setTimeout(r, 20));
      job = (await req('xiying', 'GET', `/api/toilets/imports/${job.id}`)).json();
    }
    expect(job.message).toBe('3 行有错误：可下载错误清单修改后重新导入，或选择只导入正确的行');
    expect(job).toMatchObject({ status: 'validated', rows: 5, errors: 3, percent: 100 });
    const errs = await req('xiying', 'GET', `/api/toilets/imports/${job.id}/errors.xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(errs.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets[0].getColumn(6).values.slice(2)).toEqual(['身份证号无效：身份证号校验码错误', '西营镇没有「无此村」', '该身份证号的农户已在改厕名册中']);
    const refuse = await req('xiying', 'POST', `/api/toilets/imports/${job.id}/commit`, {});
    expect([refuse.statusCode, refuse.json().error.message]).toEqual([409, '有 3 行错误：请下载错误清单修改后重新导入，或选择只导入正确的行']);
    expect((await req('xiying', 'GET', '/api/toilets/households')).json().items).toHaveLength(9);
    expect((await req('xiying', 'POST', `/api/toilets/imports/${job.id}/commit`, { keepGood: true })).json()).toMatchObject({ status: 'committed', committed: 2 });
    const all = (await req('xiying', 'GET', '/api/toilets/households')).json().items;
    expect(all.filter((x: { headName: string }) => x.headName === '戊')).toMatchObject([{ currentType: 'public', pits: 6, status: 'surveyed' }]);
    expect((await req('xiying', 'POST', `/api/toilets/imports/${job.id}/commit`, { keepGood: true })).statusCode).toBe(409);
  });

  it('puts each step in the audit trail and on the workbench', async () => {
    const trail = new Set((await req('admin', 'GET', '/api/audit/records?entity=toilet_household&pageSize=100')).json().items.map((a: { action: string }) => a.action));
    for (const a of ['survey', 'select', 'agree', 'start', 'complete', 'sign', 'accept', 'spot_check']) expect(trail).toContain(a);
    const wb = (await req('xiying', 'GET', '/api/workbench')).json().items;
    expect(wb).toEqual(expect.arrayContaining([expect.objectContaining({ module: '农村改厕', title: '改厕户待公示', count: 1 })]));
  });
});
