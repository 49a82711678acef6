/** 农村改厕's demo on the install's demo clock (Tuesday 2022-07-12): 2022's schedule, work waiting on every office. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../core/audit.js';
import type { Db } from '../../core/db.js';
import type { ModuleRegistry } from '../../core/module.js';
import { testConfig, testRegistry } from '../../test/app.js';
import { DIALECTS, freshDb } from '../../test/dialects.js';

const START = '2022-07-12T09:30:00+08:00';
const DAY = /^\d{4}-\d{2}-\d{2}/;

describe.each(DIALECTS)('农村改厕 demo on the demo clock on %s', (dialect) => {
  let db: Db;
  let cleanup: () => Promise<void>;
  let registry: ModuleRegistry;
  let lines: string[];
  /** A unit by name; `*` in a township: its first 村委会 (the demo village account's). */
  const place = async (name: string, parent?: string) => {
    const all = await registry.service('directory').all();
    const p = parent ? all.find((u) => u.name === parent)!.id : undefined;
    return all.find((u) => (name === '*' ? u.kind === 'village' && u.parentId === p && u.name.endsWith('村委会') : u.name === name && (p === undefined || u.parentId === p)))!;
  };
  const township = async (name: string): Promise<Actor> => {
    const u = await place(name);
    return { userId: null, name, role: 'township_official', unitId: u.id, townshipId: u.id };
  };
  const village = async (name: string, parent: string): Promise<Actor> => {
    const u = await place(name, parent);
    return { userId: null, name: u.name, role: 'village_committee', unitId: u.id, townshipId: u.parentId };
  };
  const work = async (a: Actor) => Object.fromEntries((await registry.service('toilets').dashboard.workbench(a)).filter((i) => i.count).map((i) => [i.title, [i.count, i.deadline ?? null]]));

  beforeAll(async () => {
    ({ db, cleanup } = await freshDb(dialect));
    registry = testRegistry(db, { config: testConfig({ DEMO_DATA: 'true', DEMO_CLOCK_START: START }) });
    lines = await registry.seed({ demo: true, only: ['toilets'] });
  }, 120_000);
  afterAll(() => cleanup());

  it('replays the season from the survey in May to the first acceptances in July', async () => {
    expect(lines.join('\n')).toMatch(/农村改厕：西营镇 .* 摸底 24 户，西营村委会 8 户已确定并公示，6 户开工、2 户五方验收合格.*蒲渠河村委会 摸底 6 户，5 户已确定并公示，3 户开工/);
    const rows = await db.kysely.selectFrom('toilet_households').select(['status']).execute();
    const count = (s: string) => rows.filter((r) => r.status === s).length;
    expect({ surveyed: count('surveyed'), selected: count('selected'), started: count('started'), completed: count('completed'), accepted: count('accepted') }).toEqual({ surveyed: 14, selected: 7, started: 4, completed: 3, accepted: 2 });
    const office: Actor = { userId: null, name: '县农业农村局', role: 'county_admin', unitId: null, townshipId: null };
    const money = await registry.service('toilets').payments.payments(office, (await place('西营镇')).id);
    expect(money.stages.map((s) => [s.paid, s.paidAt?.slice(0, 10) ?? null])).toEqual([[true, '2022-06-24'], [false, null], [false, null]]);
  });

  it('dates nothing of its own after the clock or outside 2022, and reports on the 2022 schedule', async () => {
    const tables = ['toilet_households', 'toilet_batches', 'toilet_tenders', 'toilet_signatures', 'toilet_reports', 'toilet_payments'] as const;
    const days: string[] = [];
    for (const t of tables) for (const r of await db.kysely.selectFrom(t).selectAll().execute()) for (const v of Object.values(r)) if (typeof v === 'string' && DAY.test(v) && v.length >= 10) days.push(v);
    for (const s of await db.kysely.selectFrom('workflow_steps').select('at').where('entity', '=', 'toilet_household').execute()) days.push(s.at);
    for (const n of await db.kysely.selectFrom('public_notices').select(['start_date', 'earliest_end']).where('basis', 'like', '交政办发〔2022〕10号 五、%').execute()) days.push(n.start_date, n.earliest_end);
    expect(days.length).toBeGreaterThan(100);
    expect(days.filter((d) => d.slice(0, 10) < '2022-05-23' || Date.parse(d.length > 10 ? d : `${d}T00:00:00+08:00`) > Date.parse(START))).toEqual([]);
    const xy = await village('西营村委会', '西营镇');
    const schedule = await registry.service('toilets').reports.schedule(xy);
    const state = (kind: string, period: string) => schedule.find((r) => r.kind === kind && r.period === period)?.state;
    expect([state('weekly', '2022-06-09'), state('weekly', '2022-06-30'), state('monthly', '2022-06'), state('weekly', '2022-07-14')]).toEqual(['按时报送', '逾期报送', '按时报送', '待报送']);
    expect(schedule.every((r) => r.due.startsWith('2022-'))).toBe(true);
    const { entityLabel, actionLabel } = await import('../../core/labels.js');
    const pairs = await db.kysely.selectFrom('audit_log').select(['entity', 'action']).distinct().where('entity', 'like', 'toilet_%').execute();
    expect(pairs.filter((p) => !entityLabel(p.entity) || !actionLabel(p.entity, p.action))).toEqual([]);
  });

  it('leaves the townships and the village their day’s work on the 12th', async () => {
    expect(await work(await township('西营镇'))).toEqual({ 改厕户待公示: [3, null], 公示期满待签协议: [2, null], 已完工待五方验收: [2, null] });
    expect(await work(await township('天宁镇'))).toEqual({ 公示期满待签协议: [2, null], 已完工待五方验收: [1, null] });
    expect(await work(await village('*', '天宁镇'))).toEqual({ 改厕报表待报送: [1, '2022-07-14'], 验收单待村委会签字: [1, null] });
  });
});
