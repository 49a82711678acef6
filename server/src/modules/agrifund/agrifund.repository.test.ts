import { describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR, type Actor } from '../../core/audit.js';
import { DIALECTS, freshDb } from '../../test/dialects.js';
import { testRegistry } from '../../test/app.js';
import { TREE_2022, type TreeCategory } from './agrifund.rules.js';

const ADMIN: Actor = { userId: 1, name: '管理员', role: 'county_admin', unitId: null, townshipId: null };
const clone = (): TreeCategory[] => TREE_2022.map((c) => ({ ...c, items: c.items.map((i) => ({ ...i })) }));

describe.each(DIALECTS)('涉农资金统筹整合 on %s', (dialect) => {
  it('seeds the 2022 tree, keeps revisions as versions and refuses a revision that breaks a tie', async () => {
    const { db, cleanup } = await freshDb(dialect);
    try {
      const registry = testRegistry(db);
      await registry.seed({ demo: false, only: ['directory', 'agrifund'] });
      const svc = registry.service('agrifund');
      const t1 = await svc.tree(2022);
      expect(t1.version).toBe(1);
      expect(t1.totalWan).toBe('12506.5735');
      expect(t1.categories.map((c) => c.amountWan)).toEqual(['2460', '9215.0735', '647.5', '184']);
      expect((await svc.items(2022)).find((i) => i.code === '2.2')!.allocated_fen).toBe(2_912_664_500);
      // Seeding again adds nothing.
      await registry.seed({ demo: false, only: ['directory', 'agrifund'] });
      expect((await svc.tree(2022)).versions).toEqual([1]);

      const broken = clone();
      broken[0]!.items[0]!.amountWan = '1171';
      await expect(svc.revise(SYSTEM_ACTOR, 2022, '12506.5735', broken, '调整')).rejects.toThrow('产业项目为 2460 万元，各项合计 2461 万元，不相符');
      const moved = clone();
      moved[0]!.items[0]!.amountWan = '1160';
      moved[0]!.items[1]!.amountWan = '100';
      await svc.revise(SYSTEM_ACTOR, 2022, '12506.5735', moved, '旅游产业调增 10 万元');
      const t2 = await svc.tree(2022);
      expect(t2.versions).toEqual([1, 2]);
      expect(t2.categories[0]!.items.map((i) => i.amountWan)).toEqual(['1160', '100', '1200']);
      // The original stays as printed; the allocation follows the current version, never the two added together.
      expect((await svc.tree(2022, 1)).categories[0]!.items[0]!.amountWan).toBe('1170');
      expect((await svc.items(2022)).find((i) => i.code === '1.2')!.allocated_fen).toBe(100_000_000);

      // Sources: 省/市/县, 当年/结转, 存量/增量 on a line of the current version; unknown codes refused by field.
      const src = await svc.recordSource(ADMIN, 2022, { code: '2.1', level: 'province', yearKind: 'carryover', stockKind: 'stock', amountWan: '1000.5' });
      expect([src.lineName, src.levelName, src.yearName, src.stockName, src.amountWan]).toEqual(['水利工程', '省级', '结转资金（跨年度资金）', '存量资金', '1000.5']);
      await expect(svc.recordSource(ADMIN, 2022, { code: '2.1', level: 'town', yearKind: 'current', stockKind: 'stock', amountWan: '1' })).rejects.toThrow('资金来源层级应为省级、市级、县级之一');
      await expect(svc.recordSource(ADMIN, 2022, { code: '9.9', level: 'county', yearKind: 'current', stockKind: 'increment', amountWan: '1' })).rejects.toThrow('资金安排中没有该项：9.9');
      expect(await svc.sources(2022)).toHaveLength(1);
    } finally {
      await cleanup();
    }
  });

  it('pays only a verified milestone within its share, and lets only one of two racing payments take the last of a sub-item', async () => {
    const { db, cleanup, another } = await freshDb(dialect);
    try {
      const registry = testRegistry(db);
      await registry.seed({ demo: false, only: ['directory', 'agrifund'] });
      const svc = registry.service('agrifund');
      const units = await registry.service('directory').all();
      const township = units.find((u) => u.name === '西营镇')!.id;
      const base = { year: 2022, townshipId: township, villageId: null, implementingUnit: '西营镇人民政府', targets: '受益 200 户', milestones: [{ name: '开工', dueDate: '2022-06-30', shareBp: 5000 }, { name: '完工', dueDate: '2022-10-31', shareBp: 5000 }] };
      // 4.1 致富带头人项目 is 42 万元: a 30 万元 project, then one of 20 万元 is refused (12 万元 left).
      const p = await svc.createProject(SYSTEM_ACTOR, { ...base, itemCode: '4.1', name: '演示：致富带头人培训', amountWan: '30' });
      await expect(svc.createProject(SYSTEM_ACTOR, { ...base, itemCode: '4.1', name: '演示：超额', amountWan: '20' })).rejects.toThrow('致富带头人项目安排资金已不足（尚可安排 12 万元）');
      const q = await svc.createProject(SYSTEM_ACTOR, { ...base, itemCode: '4.1', name: '演示：第二期', amountWan: '12' });
      await expect(svc.pay(SYSTEM_ACTOR, p.id, 1, '15')).rejects.toThrow(/该进度节点尚未核实：达到项目计划进度目标方可进入资金拨付程序/);
      await svc.verifyMilestone(SYSTEM_ACTOR, p.id, 1, '开工报告及现场照片');
      await expect(svc.verifyMilestone(SYSTEM_ACTOR, p.id, 1, '再次')).rejects.toThrow(/已核实/);
      await expect(svc.pay(SYSTEM_ACTOR, p.id, 1, '15.0001')).rejects.toThrow(/可拨付 15 万元/);
      await svc.pay(SYSTEM_ACTOR, p.id, 1, '15');
      expect((await svc.project(p.id)).paid_fen).toBe(15_000_000);

      // The last of the sub-item: p's second half (15) and q (12) are verified; the item has 42 − 15 = 27 left.
      await svc.verifyMilestone(SYSTEM_ACTOR, p.id, 2, '竣工验收');
      await svc.verifyMilestone(SYSTEM_ACTOR, q.id, 1, '开工');
      await svc.verifyMilestone(SYSTEM_ACTOR, q.id, 2, '完工');
      // Shrink the sub-item's pool to what is paid plus 15 so two payments (15 and 12) race for it.
      await db.kysely.updateTable('agrifund_items').set({ allocated_fen: 30_000_000 }).where('year', '=', 2022).where('code', '=', '4.1').execute();
      const second = another();
      const other = testRegistry(second).service('agrifund');
      const outcomes = await Promise.all([
        svc.pay(SYSTEM_ACTOR, p.id, 2, '15').then(() => 'ok', (e: Error) => e.message),
        other.pay(SYSTEM_ACTOR, q.id, 1, '12').then(() => 'ok', (e: Error) => e.message),
      ]);
      expect(outcomes.filter((o) => o === 'ok')).toHaveLength(1);
      expect(outcomes.find((o) => o !== 'ok')).toMatch(/拨付额度已被其他拨付占用|超过该子项安排资金/);
      const item = (await svc.items(2022)).find((i) => i.code === '4.1')!;
      expect(item.paid_fen).toBeLessThanOrEqual(item.allocated_fen);
      const paid = (await svc.project(p.id)).paid_fen + (await svc.project(q.id)).paid_fen;
      // Nothing half-written: the projects' payments add up to the sub-item's.
      expect(paid).toBe(item.paid_fen);
      expect((await svc.project(p.id)).payments.length + (await svc.project(q.id)).payments.length).toBe(2);
      // Both projects are still at 项目申报 (the service's own payments skip the step; routes do not): nothing approved, so 开工率 0.
      const k = (await svc.reports.kpis(ADMIN, 2022)).bySubItem.find((x) => x.code === '4.1')!;
      expect(k.startedPct).toBe('0.00');
      // 27 of the 42 万元 allocated to projects of 4.1 paid when the 15 won, 30 of 42 when the 12 did: 27/42, 30/42.
      expect(k.paidPct).toBe(((Math.floor((paid * 10_000) / 42_000_000)) / 100).toFixed(2));
    } finally {
      await cleanup();
    }
  });
});
