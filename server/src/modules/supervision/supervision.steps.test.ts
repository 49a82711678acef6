/** 督查督办: a task's dated steps chased on their own (临期, 逾期, 催办, 督办单, 考评), and the readings to decide (需核定). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/dialects.js';
import { testApp, type Session, type TestApp } from '../../test/app.js';

let today = '2022-05-06';

interface Task {
  id: number;
  part: string | null;
  path: string[];
  status: string;
  stepDue: string | null;
  nextDue: string | null;
  deadline: string | null;
  disputed: string | null;
  disputedDecided: boolean;
  milestones: { date: string; met: boolean; chased: boolean }[];
  notices: { kind: string; due: string; unitName: string }[];
  actions: { step: string; fields: { name: string; options?: { value: string }[] }[] }[];
}

describe.each(DIALECTS)('督办 steps and readings on %s', (dialect) => {
  let t: TestApp;
  const s: Record<string, Session> = {};
  let units: { id: number; name: string }[];
  const unit = (name: string) => units.find((u) => u.name === name)!.id;
  const req = (who: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) => t.app.inject({ method, url, payload, headers: s[who].headers });
  const get = async (id: number): Promise<Task> => (await req('admin', 'GET', `/api/supervision/tasks/${id}`)).json();
  const proposed = async (): Promise<Task[]> => (await req('admin', 'GET', '/api/supervision/tasks?status=proposed&pageSize=100')).json().items;
  const score = async (name: string) => (await req('admin', 'GET', '/api/supervision/dashboard')).json().byUnit.find((u: { unitName: string }) => u.unitName === name);

  beforeAll(async () => {
    t = await testApp(dialect, { today: () => today, now: () => `${today}T02:00:00.000Z`, seed: ['gazette', 'supervision'] });
    for (const u of ['admin', 'gongxin', 'caizheng']) s[u] = await t.login(u);
    units = (await req('admin', 'GET', '/api/directory/units')).json().items;
  });
  afterAll(() => t.close());

  it('chases 空气 三、（一）1. by its 10月底 step before its year-end date, and lets the lead unit report the step met', async () => {
    await req('admin', 'POST', '/api/supervision/extract', { docNumber: '交政办发〔2022〕6号' });
    const coke = (await proposed()).find((x) => x.part?.includes('空气质量') && x.path.join('') === '三、（一）1.')!;
    // Printed: 「2022年4月底前…」 and 「2022年10月底前…」 steps, the year's end the final date.
    expect(coke.milestones.map((m) => m.date)).toEqual(expect.arrayContaining(['2022-04-30', '2022-10-31', '2022-12-31']));
    await req('admin', 'PUT', `/api/supervision/tasks/${coke.id}`, { lead: [unit('县工业和信息化局')], support: [unit('县财政局')], deadline: coke.deadline, recurrence: null });
    const assigned: Task = (await req('admin', 'POST', `/api/supervision/tasks/${coke.id}/confirm`)).json();
    // The 4月底 step was past when the office assigned the task on 2022-05-06: shown, not chased.
    expect([assigned.stepDue, assigned.nextDue, assigned.deadline]).toEqual(['2022-10-31', '2022-10-31', '2022-12-31']);
    expect(assigned.milestones.find((m) => m.date === '2022-04-30')).toMatchObject({ chased: false, met: false });
    await req('gongxin', 'POST', `/api/supervision/tasks/${coke.id}/sign`);
    await req('caizheng', 'POST', `/api/supervision/tasks/${coke.id}/sign`);

    // 2022-10-26 is within five working days of the step: 临期, and 催办 to both units for the step's date.
    today = '2022-10-26';
    expect((await get(coke.id)).status).toBe('due_soon');
    expect((await req('admin', 'POST', '/api/supervision/sweep')).json()).toMatchObject({ remind: 2, order: 0 });
    // The step passes unreported: 逾期, a 督办单, and the lead unit's 考评 counts it.
    today = '2022-11-01';
    expect((await get(coke.id)).status).toBe('overdue');
    expect((await req('admin', 'POST', '/api/supervision/sweep')).json()).toMatchObject({ order: 2 });
    expect((await get(coke.id)).notices.filter((n) => n.kind === 'order').map((n) => n.due)).toEqual(['2022-10-31', '2022-10-31']);
    expect(await score('县工业和信息化局')).toMatchObject({ overdue: 1, score: 90 });

    // Only the lead unit declares a step met, and only one of the task's open steps.
    const view: Task = (await req('gongxin', 'GET', `/api/supervision/tasks/${coke.id}`)).json();
    const form = view.actions.find((a) => a.step === 'report_progress')!.fields.find((f) => f.name === 'step')!;
    expect(form.options!.map((o) => o.value)).toEqual(['2022-04-30', '2022-10-31']);
    expect((await req('caizheng', 'GET', `/api/supervision/tasks/${coke.id}`)).json().actions.find((a: Task['actions'][number]) => a.step === 'report_progress').fields.some((f: { name: string }) => f.name === 'step')).toBe(false);
    const support = await req('caizheng', 'POST', `/api/supervision/tasks/${coke.id}/reports`, { text: '资金已到位', percent: 60, step: '2022-10-31' });
    expect([support.statusCode, support.json().error.message]).toEqual([403, '节点完成情况由牵头单位报送']);
    const wrong = await req('gongxin', 'POST', `/api/supervision/tasks/${coke.id}/reports`, { text: '已完成', percent: 60, step: '2022-09-30' });
    expect([wrong.statusCode, wrong.json().error.fields[0].field]).toEqual([400, 'step']);
    const met: Task = (await req('gongxin', 'POST', `/api/supervision/tasks/${coke.id}/reports`, { text: '焦炉已按期关停', percent: 70, step: '2022-10-31' })).json();
    expect([met.status, met.stepDue, met.nextDue]).toEqual(['in_progress', null, '2022-12-31']);
    expect(met.milestones.find((m) => m.date === '2022-10-31')!.met).toBe(true);
    expect(await score('县工业和信息化局')).toMatchObject({ overdue: 0 });
    expect((await req('admin', 'POST', '/api/supervision/sweep')).json()).toMatchObject({ remind: 0, order: 0 });
    // The same step again is refused: nothing is met twice.
    const again = await req('gongxin', 'POST', `/api/supervision/tasks/${coke.id}/reports`, { text: '再报', percent: 70, step: '2022-10-31' });
    expect(again.statusCode).toBe(400);
  });

  it('marks the readings an official may dispute (需核定) and shows them decided once the office fixes the date', async () => {
    today = '2022-06-12';
    await req('admin', 'POST', '/api/supervision/extract', { docNumber: '交政办函〔2022〕16号' });
    const all = (await proposed()).filter((x) => x.disputed?.includes('2023年6月前'));
    expect(all).toHaveLength(1);
    const [june] = all;
    expect([june.deadline, june.disputed, june.disputedDecided]).toEqual(['2023-05-31', '「2023年6月前」从严为 2023-05-31，亦可读作 2023-06-30', false]);
    const fixed: Task = (await req('admin', 'PUT', `/api/supervision/tasks/${june.id}`, { lead: [unit('天宁镇')], support: [], deadline: '2023-06-30', recurrence: null })).json();
    expect([fixed.deadline, fixed.disputedDecided]).toEqual(['2023-06-30', true]);
  });
});
