/** 督查督办's demo on the install's demo clock (Tuesday 2022-07-12): every light, the history dated before the 12th. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../core/audit.js';
import type { ModuleRegistry } from '../../core/module.js';
import type { Db } from '../../core/db.js';
import { testConfig, testRegistry } from '../../test/app.js';
import { DIALECTS, freshDb } from '../../test/dialects.js';
import type { TaskView } from './supervision.service.js';

const START = '2022-07-12T09:30:00+08:00';

describe.each(DIALECTS)('督查督办 demo on the demo clock on %s', (dialect) => {
  let db: Db;
  let cleanup: () => Promise<void>;
  let registry: ModuleRegistry;
  let lines: string[];
  let tasks: TaskView[];
  const unit = async (name: string, role: Actor['role'] = 'department_official'): Promise<Actor> => {
    const id = (await registry.service('directory').all()).find((u) => u.name === name)!.id;
    return { userId: null, name, role, unitId: id, townshipId: role === 'township_official' ? id : null };
  };
  const office: Actor = { userId: null, name: '县政府办公室', role: 'county_admin', unitId: null, townshipId: null };
  const task = (clause: string) => tasks.find((t) => t.clause.endsWith(clause))!;

  beforeAll(async () => {
    ({ db, cleanup } = await freshDb(dialect));
    registry = testRegistry(db, { config: testConfig({ DEMO_DATA: 'true', DEMO_CLOCK_START: START }) });
    lines = await registry.seed({ demo: true, only: ['supervision'] });
    tasks = (await registry.service('supervision').list(office, { docNumber: '交政办发〔2022〕6号' }, 1, 100)).items.filter((t) => t.status !== 'proposed');
  }, 120_000);
  afterAll(() => cleanup());

  it('shows the twelve tasks in every light on 12 July, few of them overdue', async () => {
    expect(lines.join('\n')).toMatch(/督查督办演示数据：从 交政办发〔2022〕6号 抽取 60 项任务，交办 12 项/);
    const count = (s: string) => tasks.filter((t) => t.status === s).length;
    expect({ done: count('done'), due_soon: count('due_soon'), overdue: count('overdue'), unsigned: count('unsigned'), in_progress: count('in_progress') }).toEqual({ done: 2, due_soon: 1, overdue: 3, unsigned: 1, in_progress: 5 });
    // The 临期 one: 6月底, extended to 15 July on the 住建局's request; its 汇总 waits for the office.
    expect(task('三、（二）6.')).toMatchObject({ status: 'due_soon', deadline: '2022-06-30', extendedTo: '2022-07-15', nextDue: '2022-07-15' });
    // The 未签收 one: dated by the office (the text gives none), assigned on Monday, to sign by Wednesday.
    expect(task('四、（一）6.')).toMatchObject({ status: 'unsigned', assignedOn: '2022-07-11', signDue: '2022-07-13', deadline: '2022-09-30', deadlineSource: '县政府办公室核定' });
    // The coke ovens: the 4月底 step met, chased now by the 10月底 one.
    expect(task('空气质量巩固提升行动方案 三、（一）1.')).toMatchObject({ status: 'in_progress', nextDue: '2022-10-31' });
    expect(task('三、（二）4.')).toMatchObject({ status: 'overdue', stepDue: '2022-06-30' });
    // Done: one on time in April, one after a 退回 on 30 June.
    const water = await registry.service('supervision').get(office, task('三、（五）11.').id);
    expect([water.status, water.returns, water.doneAt?.slice(0, 10)]).toEqual(['done', 1, '2022-06-30']);
    expect(water.reports.map((r) => r.at.slice(0, 10))).toContain('2022-06-29');
  });

  it('dates every step, notice and bulletin between the document and the clock', async () => {
    for (const t of tasks) {
      expect(t.assignedOn! >= '2022-04-19' && t.assignedOn! <= '2022-07-12').toBe(true);
      const d = await registry.service('supervision').get(office, t.id);
      const stamps = [...d.timeline.map((e) => e.at), ...d.reports.map((r) => r.at), ...d.notices.map((n) => n.issuedAt)];
      for (const at of stamps) expect(at.slice(0, 10) >= '2022-04-18' && Date.parse(at) <= Date.parse(START), `${t.clause} ${at}`).toBe(true);
    }
    const station = await registry.service('supervision').get(office, task('三、（八）24.').id);
    expect(station.notices.filter((n) => n.kind === 'order').map((n) => [n.due, n.issuedAt.slice(0, 10)])).toEqual([['2022-06-30', '2022-07-01']]);
    const bulletins = await registry.service('supervision').bulletins();
    expect(bulletins.map((b) => b.issuedOn).sort()[0]).toBe('2022-04-18');
    expect(bulletins.map((b) => b.issuedOn).sort().at(-1)).toBe('2022-07-11');
    const { entityLabel, actionLabel } = await import('../../core/labels.js');
    const pairs = await db.kysely.selectFrom('audit_log').select(['entity', 'action']).distinct().where('entity', 'like', 'supervision_%').execute();
    expect(pairs.filter((p) => !entityLabel(p.entity) || !actionLabel(p.entity, p.action))).toEqual([]);
  });

  it('gives the office, a lead bureau and a township their work on the 12th', async () => {
    const s = registry.service('supervision');
    const items = async (a: Actor) => Object.fromEntries((await s.workbench(a)).map((i) => [i.title, [i.count, i.deadline ?? null]]));
    expect(await items(office)).toEqual({ 抽取的任务待确认交办: [48, null], 延期申请待审批: [1, null], '牵头单位已报办结，待复核销号': [1, '2022-07-15'] });
    expect(await items(await unit('县工业和信息化局'))).toEqual({ 督办任务待签收: [1, '2022-07-13'], '督办任务临期或逾期（催办）': [1, '2022-06-30'], '督办单：逾期未办结，须书面说明': [1, null] });
    expect((await items(await unit('西营镇', 'township_official')))['督办任务待签收']).toEqual([1, '2022-07-13']);
    const d = await s.dashboard();
    expect(d.today).toBe('2022-07-12');
    expect(d.totals).toEqual({ tasks: 12, done: 2, overdue: 3, dueSoon: 1 });
    const score = (name: string) => d.byUnit.find((u) => u.unitName === name)!.score;
    // 考评: two overdue and one 退回 cost the 分局 25; the 工信局 one overdue task.
    expect([score('吕梁市生态环境局交城分局'), score('县工业和信息化局'), score('县住房和城乡建设管理局')]).toEqual([75, 90, 85]);
  });
});
