/** A demo install shows the system working: every module's demo data, and nothing of it in production. */
import { describe, expect, it } from 'vitest';
import { testRegistry, testConfig } from './test/app.js';
import { freshDb } from './test/dialects.js';
import { loadConfig } from './config.js';

describe('demo data', () => {
  it('fills the first voucher round and the notices, once', async () => {
    const { db, cleanup } = await freshDb('sqlite');
    try {
      const registry = testRegistry(db, { now: () => '2022-06-11T02:30:00.000Z', today: () => '2022-06-13' });
      const lines = await registry.seed({ demo: true });
      expect(lines.join('\n')).toMatch(/核销 300 笔/);
      expect(lines.join('\n')).toMatch(/村庄规划：.*4 个规划分别已备案、已批准/);
      expect(lines.join('\n')).toMatch(/督查督办演示数据：从 交政办发〔2022〕6号 抽取 60 项任务，交办 12 项，报送进展 4 项/);
      expect((await registry.service('supervision').dashboard()).byDocument).toMatchObject([{ key: '交政办发〔2022〕6号', tasks: 12 }]);
      const report = await registry.service('vouchers').report();
      expect(report.total.领取量).toBeGreaterThan(2000);
      expect(report.total.核销量).toBe(300);
      // Every figure again, from the raw rows and nothing else.
      const raw = await db.kysely
        .selectFrom('voucher_redemptions as x')
        .innerJoin('vouchers as v', 'v.id', 'x.voucher_id')
        .innerJoin('voucher_kinds as k', 'k.id', 'v.kind_id')
        .innerJoin('voucher_categories as c', 'c.id', 'k.category_id')
        .select(['c.name as category', 'x.merchant_id', 'x.order_fen', 'x.discount_fen'])
        .where('x.status', '=', 'active')
        .execute();
      const quotas = await db.kysely
        .selectFrom('voucher_round_quotas as q')
        .innerJoin('voucher_kinds as k', 'k.id', 'q.kind_id')
        .innerJoin('voucher_categories as c', 'c.id', 'k.category_id')
        .select(['c.name as category', 'q.released', 'q.claimed'])
        .execute();
      const figures = (category?: string) => {
        const r = raw.filter((x) => !category || x.category === category);
        const q = quotas.filter((x) => !category || x.category === category);
        const [released, claimed] = [q.reduce((a, x) => a + x.released, 0), q.reduce((a, x) => a + x.claimed, 0)];
        const order = r.reduce((a, x) => a + Number(x.order_fen), 0);
        const redeemed = r.reduce((a, x) => a + Number(x.discount_fen), 0);
        return {
          投放量: released,
          领取量: claimed,
          核销量: r.length,
          核销率: claimed ? Math.round((r.length / claimed) * 10000) / 100 : 0,
          '核销率（按投放量）': released ? Math.round((r.length / released) * 10000) / 100 : 0,
          订单金额: order,
          核销金额: redeemed,
          核销商家数: new Set(r.map((x) => x.merchant_id)).size,
          拉动比: redeemed ? Math.round((order / redeemed) * 100) / 100 : 0,
        };
      };
      expect(report.total).toEqual(figures());
      for (const c of report.byCategory) expect({ category: c.category, ...figures(c.category) }).toEqual(c);
      expect(report.total.核销商家数).toBeGreaterThan(1);
      const police = { userId: null, name: '公安', role: 'department_official', unitId: (await registry.service('directory').all()).find((u) => u.name === '县公安局')!.id, townshipId: null };
      expect((await registry.service('vouchers').fraudFlags(police)).some((f) => f.kind === '同一设备多人领券')).toBe(true);
      const notices = await registry.service('notices').list(null, {}, 1, 10);
      // The notices demo's three, the 农村改厕 list of a 西营镇 village, the 村庄规划 village notices of three plans, and
      // the 涉农资金 「两个一律」 notices of its three demo projects approved or further.
      expect(notices.total).toBe(10);
      expect(notices.items.some((n) => n.objections === 1)).toBe(true);
      expect(notices.items.some((n) => n.phase === '公示期满')).toBe(true);
      // Seeding again changes nothing.
      expect(await registry.seed({ demo: true })).not.toContainEqual(expect.stringMatching(/演示数据/));
      expect((await registry.service('vouchers').report()).total.核销量).toBe(300);
    } finally {
      await cleanup();
    }
  }, 120_000);

  it('names every record and action its audit trail holds in Chinese', async () => {
    const { db, cleanup } = await freshDb('sqlite');
    try {
      const registry = testRegistry(db, { now: () => '2022-06-11T02:30:00.000Z', today: () => '2022-06-13' });
      await registry.seed({ demo: true });
      const { actionLabel, entityLabel } = await import('./core/labels.js');
      const pairs = await db.kysely.selectFrom('audit_log').select(['entity', 'action']).distinct().execute();
      expect(pairs.length).toBeGreaterThan(10);
      const unnamed = pairs.filter((p) => !entityLabel(p.entity) || !actionLabel(p.entity, p.action)).map((p) => `${p.entity}.${p.action}`);
      expect(unnamed).toEqual([]);
    } finally {
      await cleanup();
    }
  }, 120_000);

  it('starts even when today is too close to a year the calendar does not know', async () => {
    const { db, cleanup } = await freshDb('sqlite');
    try {
      const last = Math.max(...(await testRegistry(db).service('calendar').overview()).dataYears);
      const registry = testRegistry(db, { today: () => `${last}-12-28` });
      await registry.seed({ demo: false, only: ['notices'] });
      await registry.service('notices').canCount(`${last}-12-28`);
      const { seedNoticeDemo } = await import('./modules/notices/notices.demo.js');
      const lines = await seedNoticeDemo(registry.service('notices'), registry.service('accounts'), registry.service('directory'), `${last}-12-28`);
      expect(lines).toHaveLength(1);
    } finally {
      await cleanup();
    }
  });

  it('is never on in production', () => {
    expect(loadConfig({ NODE_ENV: 'production', DEMO_DATA: 'true' }).demoData).toBe(false);
    expect(testConfig({ DEMO_DATA: 'false' }).demoData).toBe(false);
  });
});
