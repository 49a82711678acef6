/** 督查督办 on the procedure kit: the office by its directory code, each view's actions, the step log, lost races. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/dialects.js';
import { testApp, type Session, type TestApp } from '../../test/app.js';

const today = '2022-05-06';
const ZFB = 'zfb';
const REVIEWED = '该任务刚刚已被复核（办结或退回），请刷新后查看';

describe.each(DIALECTS)('督查督办 procedure on %s', (dialect) => {
  let t: TestApp;
  const s: Record<string, Session> = {};
  let units: { id: number; name: string; code: string | null }[];
  let proposals: number[];
  const unit = (name: string) => units.find((u) => u.name === name)!.id;
  const req = (who: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) => t.app.inject({ method, url, payload, headers: s[who].headers });
  const json = async (who: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) => {
    const res = await req(who, method, url, payload);
    if (res.statusCode !== 200) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
    return res.json();
  };
  /** A proposal made a task of 工信局 alone, assigned by `by` (and signed unless told not to). */
  const open = async (by = 'admin', sign = true): Promise<number> => {
    const id = proposals.shift()!;
    await json(by, 'PUT', `/api/supervision/tasks/${id}`, { lead: [unit('县工业和信息化局')], support: [], deadline: '2022-12-31', recurrence: null });
    await json(by, 'POST', `/api/supervision/tasks/${id}/confirm`);
    if (sign) await json('gongxin', 'POST', `/api/supervision/tasks/${id}/sign`);
    return id;
  };
  const steps = (task: { actions: { step: string; allowed: boolean; reason: string | null }[] }) => task.actions.map((a) => [a.step, a.allowed, a.reason]);
  const audits = async (id: number, action: string) =>
    (await t.db.kysely.selectFrom('audit_log').select('id').where('entity', '=', 'supervision_task').where('entity_id', '=', String(id)).where('action', '=', action).execute()).length;
  const logged = async (id: number, step: string) => (await json('admin', 'GET', `/api/supervision/tasks/${id}`)).timeline.filter((e: { step: string }) => e.step === step).length;
  const atOnce = async (...sends: (() => Promise<{ statusCode: number; body: string }>)[]) => {
    const res = await Promise.all(sends.map((f) => f()));
    return { codes: res.map((r) => r.statusCode).sort(), messages: [...new Set(res.filter((r) => r.statusCode === 409).map((r) => JSON.parse(r.body).error.message as string))] };
  };

  beforeAll(async () => {
    t = await testApp(dialect, { today: () => today, now: () => `${today}T02:00:00.000Z`, seed: ['gazette', 'supervision'] });
    for (const u of ['admin', 'gongxin']) s[u] = await t.login(u);
    units = (await json('admin', 'GET', '/api/directory/units')).items;
    // An official of 县人民政府办公室, known by its directory code (JC-XZFB), not its name.
    const office = units.find((u) => u.code === 'JC-XZFB')!;
    const made = await req('admin', 'POST', '/api/users', { username: 'zfb', displayName: ZFB, role: 'department_official', unitId: office.id, password: 'Zfb2022chushi' });
    expect(made.statusCode).toBe(201);
    s.zfb = await t.login('zfb', 'Zfb2022chushi');
    await t.changePassword(s.zfb, 'Zfb2022chushi', 'Zfb2022xinmima');
    await json('admin', 'POST', '/api/supervision/extract', { docNumber: '交政办发〔2022〕6号' });
    proposals = (await json('admin', 'GET', '/api/supervision/tasks?status=proposed&pageSize=30')).items.map((x: { id: number }) => x.id);
  });
  afterAll(() => t.close());

  it('lets the office (by its code) assign and review, and no other department; each view lists exactly the steps the server takes', async () => {
    const id = await open('zfb', false);
    const gx = await json('gongxin', 'GET', `/api/supervision/tasks/${id}`);
    expect(steps(gx)).toEqual([
      ['sign', true, null],
      ['report_progress', false, '请先签收任务再报送进展'],
      ['request_extension', true, null],
    ]);
    // The list carries the same steps (guards left to the step itself).
    const listed = (await json('gongxin', 'GET', '/api/supervision/tasks?status=assigned&pageSize=100')).items.find((x: { id: number }) => x.id === id);
    expect(listed.actions.map((a: { step: string }) => a.step)).toEqual(['sign', 'report_progress', 'request_extension']);
    // A step not offered is refused: the office's to a unit, the units' to the office.
    const notMine = await req('gongxin', 'POST', `/api/supervision/tasks/${id}/finish`, { accept: false, note: '越权退回' });
    expect([notMine.statusCode, notMine.json().error.message]).toEqual([403, '退回由县人民政府办公室或县级管理员办理']);
    expect((await req('admin', 'POST', `/api/supervision/tasks/${id}/sign`)).statusCode).toBe(403);
    expect((await req('gongxin', 'POST', `/api/supervision/tasks/${id}/reports`, { text: '未签收先报', percent: 5 })).statusCode).toBe(409);

    await json('gongxin', 'POST', `/api/supervision/tasks/${id}/sign`);
    expect(steps(await json('gongxin', 'GET', `/api/supervision/tasks/${id}`))).toEqual([
      ['sign', false, '本单位已签收'],
      ['report_progress', true, null],
      ['request_extension', true, null],
    ]);
    for (const who of ['admin', 'zfb']) {
      expect(steps(await json(who, 'GET', `/api/supervision/tasks/${id}`))).toEqual([
        ['accept', false, '责任单位尚未报送办理情况，不能办结'],
        ['return', true, null],
      ]);
    }
    // A report from the page's form, one value per target as `values.N`, and the office's decision on an extension.
    await json('gongxin', 'POST', `/api/supervision/tasks/${id}/reports`, { text: '已完成', percent: 100, consolidated: false });
    const asked = await json('gongxin', 'POST', `/api/supervision/tasks/${id}/extensions`, { to: '2023-03-31', reason: '设备到货延迟' });
    const office = await json('zfb', 'GET', `/api/supervision/tasks/${id}`);
    expect(office.actions.map((a: { step: string; path: string; body: object }) => [a.step, a.path, a.body])).toEqual([
      ['approve_extension', `/api/supervision/extensions/${asked.extensions[0].id}/decide`, { approve: true }],
      ['refuse_extension', `/api/supervision/extensions/${asked.extensions[0].id}/decide`, { approve: false }],
      ['accept', `/api/supervision/tasks/${id}/finish`, { accept: true }],
      ['return', `/api/supervision/tasks/${id}/finish`, { accept: false }],
    ]);
    await json('zfb', 'POST', `/api/supervision/extensions/${asked.extensions[0].id}/decide`, { approve: false });
    const done = await json('zfb', 'POST', `/api/supervision/tasks/${id}/finish`, { accept: true, note: '同意办结' });
    expect([done.status, done.actions]).toEqual(['done', []]);
    expect(done.timeline.map((e: { label: string; toLabel: string; actor: string; due: string | null }) => [e.label, e.toLabel, e.actor, e.due])).toEqual([
      ['核定', '待确认', ZFB, null],
      ['确认交办', '办理中', ZFB, '2022-05-09'],
      ['签收', '办理中', 'gongxin', null],
      ['报送进展', '办理中', 'gongxin', null],
      ['申请延期', '办理中', 'gongxin', null],
      ['不批准延期', '办理中', ZFB, null],
      ['办结销号', '已办结', ZFB, null],
    ]);
    // 办理记录: every step from 立项, each with the unit that took it and the person's name (not the username).
    expect(done.records.map((e: { label: string; unitName: string | null; person: string }) => [e.label, e.unitName, e.person])).toEqual([
      ['立项（从公文抽取）', '县人民政府办公室', '县级管理员'],
      ['核定', '县人民政府办公室', ZFB],
      ['交办', '县人民政府办公室', ZFB],
      ['签收', '县工业和信息化局', '县工信局经办人'],
      ['报送进展', '县工业和信息化局', '县工信局经办人'],
      ['申请延期', '县工业和信息化局', '县工信局经办人'],
      ['不批准延期', '县人民政府办公室', ZFB],
      ['办结销号', '县人民政府办公室', ZFB],
    ]);
    expect(done.records.find((e: { step: string }) => e.step === 'report_progress').note).toBe('100%　已完成');
  });

  it('offers 办结销号 and 退回 only once the lead units have signed, and refuses them before', async () => {
    const id = await open('admin', false);
    const before = await json('admin', 'GET', `/api/supervision/tasks/${id}`);
    expect(before.actions.map((a: { step: string }) => a.step)).toEqual([]);
    const early = await req('admin', 'POST', `/api/supervision/tasks/${id}/finish`, { accept: false, note: '尚未签收先退回' });
    expect([early.statusCode, early.json().error.message]).toEqual([409, '牵头单位尚未签收，不能复核']);
    await json('gongxin', 'POST', `/api/supervision/tasks/${id}/sign`);
    expect((await json('admin', 'GET', `/api/supervision/tasks/${id}`)).actions.map((a: { step: string }) => a.step)).toEqual(['accept', 'return']);
    // The progress box says what it takes.
    const form = (await json('gongxin', 'GET', `/api/supervision/tasks/${id}`)).actions.find((a: { step: string }) => a.step === 'report_progress');
    expect(form.fields.find((f: { name: string }) => f.name === 'percent')).toMatchObject({ label: '完成进度（%）', kind: 'number' });
  });

  it('takes target values sent as the step form sends them', async () => {
    const withTargets = (await json('admin', 'GET', '/api/supervision/tasks?status=proposed&pageSize=100')).items.find((x: { targets: unknown[]; id: number }) => x.targets.length && proposals.includes(x.id));
    proposals = proposals.filter((p) => p !== withTargets.id);
    proposals.unshift(withTargets.id);
    const id = await open();
    const form = (await json('gongxin', 'GET', `/api/supervision/tasks/${id}`)).actions.find((a: { step: string }) => a.step === 'report_progress');
    expect(form.fields.map((f: { name: string }) => f.name)).toEqual(['text', 'percent', ...withTargets.targets.map((_: unknown, i: number) => `values.${i}`)]);
    const sent = await json('gongxin', 'POST', `/api/supervision/tasks/${id}/reports`, { ...form.body, text: '按月调度', percent: 50, 'values.0': 12 });
    expect(sent.reports.at(-1).values[0]).toBe(12);
  });

  it('answers the loser of each race 409 and writes nothing for it', async () => {
    // Two 签收 of one unit at once.
    const a = await open('admin', false);
    expect(await atOnce(() => req('gongxin', 'POST', `/api/supervision/tasks/${a}/sign`), () => req('gongxin', 'POST', `/api/supervision/tasks/${a}/sign`))).toEqual({ codes: [200, 409], messages: ['本单位已签收'] });
    expect([await audits(a, 'sign'), await logged(a, 'sign')]).toEqual([1, 1]);

    // Two 办结 at once: finished once.
    const b = await open();
    await json('gongxin', 'POST', `/api/supervision/tasks/${b}/reports`, { text: '已完成', percent: 100 });
    const accept = () => req('admin', 'POST', `/api/supervision/tasks/${b}/finish`, { accept: true, note: '同意办结' });
    const r = await atOnce(accept, accept);
    expect(r.codes).toEqual([200, 409]);
    expect([REVIEWED, '任务已办结']).toEqual(expect.arrayContaining(r.messages));
    const finished = await json('admin', 'GET', `/api/supervision/tasks/${b}`);
    expect([finished.reports.filter((x: { kind: string }) => x.kind === 'accepted').length, await audits(b, 'accept'), await logged(b, 'accept')]).toEqual([1, 1, 1]);

    // 退回 twice and 办结 at once: each answer given on the task as it was read. Two answers read at once, the later
    // is refused and writes nothing; read one after the other, both stand (a return, then its 办结).
    const c = await open();
    await json('gongxin', 'POST', `/api/supervision/tasks/${c}/reports`, { text: '已完成', percent: 100 });
    const back = () => req('zfb', 'POST', `/api/supervision/tasks/${c}/finish`, { accept: false, note: '请补充材料' });
    const res = await Promise.all([back(), back()]);
    const ok = res.filter((x) => x.statusCode === 200).length;
    expect(res.filter((x) => x.statusCode === 409).map((x) => x.json().error.message)).toEqual(Array(2 - ok).fill(REVIEWED));
    const task = await json('admin', 'GET', `/api/supervision/tasks/${c}`);
    expect([task.returns, task.reports.filter((x: { kind: string }) => x.kind === 'returned').length, await audits(c, 'return'), await logged(c, 'return')]).toEqual([ok, ok, ok, ok]);
  });
});
