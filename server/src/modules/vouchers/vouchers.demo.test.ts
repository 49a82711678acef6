/** The vouchers demo on a demo install's one clock: its history replayed at its own days, statements at every step. */
import { describe, expect, it } from 'vitest';
import { testConfig, testRegistry } from '../../test/app.js';
import { freshDb } from '../../test/dialects.js';

describe('the vouchers demo on the demo clock (2022-07-12)', () => {
  it('settles the first round and leaves the fifth round’s days reported and to report', async () => {
    const { db, cleanup } = await freshDb('sqlite');
    try {
      const registry = testRegistry(db, { config: testConfig({ DEMO_DATA: 'true', DEMO_CLOCK_START: '2022-07-12T09:30:00+08:00' }) });
      await registry.seed({ demo: true, only: ['vouchers'] });
      // The clock is back on the install's own time once the history is replayed.
      expect(registry.contextOf('vouchers').today()).toBe('2022-07-12');
      const rows = await db.kysely.selectFrom('voucher_settlements').select(['from_day', 'to_day', 'status', 'count', 'reported_at', 'settled_at']).orderBy('from_day').execute();
      expect(rows.map((r) => [r.from_day, r.to_day, r.status, Number(r.count)])).toEqual([
        ['2022-06-11', '2022-06-11', 'settled', 300],
        ['2022-07-09', '2022-07-10', 'reported', 100],
      ]);
      // Each step on its own day: reported on Monday 6-13, settled on Friday 6-17 (China time).
      expect([rows[0].reported_at?.slice(0, 10), rows[0].settled_at?.slice(0, 10)]).toEqual(['2022-06-13', '2022-06-17']);
      // 7月11日's redemptions are the platform's to report today: nothing redeemed after the clock, none before the launch.
      const days = await db.kysely.selectFrom('voucher_redemptions').select('redeemed_at').execute();
      const chinaDays = new Set(days.map((d) => new Date(Date.parse(d.redeemed_at) + 8 * 3600_000).toISOString().slice(0, 10)));
      expect([...chinaDays].sort()).toEqual(['2022-06-11', '2022-07-09', '2022-07-10', '2022-07-11']);
      const finance = { userId: null, name: '财政', role: 'department_official' as const, unitId: await registry.service('directory').idOfCode('JC-CZJ'), townshipId: null };
      const settled = (await registry.service('vouchers').settlement.statements(finance)).find((s) => s.status === 'settled')!;
      // The statement prints its amount in 大写, as a finance office files it.
      expect(JSON.stringify(settled)).toMatch(/贰万贰仟贰佰伍拾元整/);
      // The workbenches: the 工信局 has the fifth round's statement to review, the platform 7月11日 to report.
      const body = async (code: string) => ({ userId: null, name: code, role: 'department_official' as const, unitId: await registry.service('directory').idOfCode(code), townshipId: null });
      const items = async (code: string) => (await registry.workbench(await body(code))).filter((i) => i.module === '消费券' && i.title.includes('结算')).map((i) => [i.title, i.count, i.deadline ?? null]);
      expect(await items('JC-GXJ')).toEqual([['结算单待审核（县工信局）', 1, null]]);
      expect(await items('JC-JHZH')).toEqual([['已核销、待报送结算的日期', 1, '2022-07-11']]);
      expect(await items('JC-CZJ')).toEqual([]);
    } finally {
      await cleanup();
    }
  }, 300_000);
});
