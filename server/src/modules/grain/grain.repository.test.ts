/** The reserve's and the targets' SQL on each dialect: conditional moves decide races, unique keys keep rows single. */
import { describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../core/audit.js';
import { DIALECTS, freshDb } from '../../test/dialects.js';
import { testRegistry } from '../../test/app.js';
import { ReserveRepository, type LotRow } from './reserve.repository.js';
import { TargetsRepository } from './targets.repository.js';

const lot = (code: string): Omit<LotRow, 'id'> => ({ code, grain: '小麦', quantity_kg: 750_000, grade: '二等', year_stored: 2020, warehouse: '1 号仓', enterprise_name: '某粮库', owner_user_id: null, status: 'stored', unfit: 0, unfit_reason: null, sold_on: null, sold_order_id: null, replaced_on: null, replaced_by_lot_id: null, receipt_id: null, demo: 0, created_by: '测试', created_at: '2022-07-01T00:00:00.000Z' });

describe.each(DIALECTS)('粮食 repository on %s', (dialect) => {
  it('sells a lot once when two processes sell it at once, and counts only stored, fit lots', async () => {
    const { db, cleanup, another } = await freshDb(dialect);
    try {
      await testRegistry(db).seed({ demo: false, only: ['directory'] });
      const repo = new ReserveRepository(db);
      const other = new ReserveRepository(another());
      const a = await repo.addLot(SYSTEM_ACTOR, lot('A'));
      const b = await repo.addLot(SYSTEM_ACTOR, lot('B'));
      await repo.addLot(SYSTEM_ACTOR, { ...lot('C'), grain: '玉米', quantity_kg: 500_000 });
      const results = await Promise.all([repo.sellLots([a.id], '2022-07-15', 1), other.sellLots([a.id], '2022-07-15', 2)]);
      expect(results.sort()).toEqual([false, true]);
      expect((await repo.lot(a.id))!.status).toBe('sold');
      // A 不宜存 mark is written once, and never on a lot gone out.
      expect(await repo.markUnfit(SYSTEM_ACTOR, b.id, '宜存率下降')).toBe(true);
      expect(await repo.markUnfit(SYSTEM_ACTOR, b.id, '宜存率下降')).toBe(false);
      expect(await repo.markUnfit(SYSTEM_ACTOR, a.id, '已轮出')).toBe(false);
      expect(await repo.countedKg()).toEqual([{ grain: '玉米', kg: 500_000 }]);
      // Kilograms past 2^31 keep exact (a reserve's scale in kilograms on PostgreSQL's bigint).
      const scale = await repo.addScale(SYSTEM_ACTOR, { year: 2022, established_year: 2019, scale_kg: 3_000_000_000, source: '测试', entered_by: '测试', entered_at: '2022-07-01' });
      expect((await repo.scaleFor(2023))!.scale_kg).toBe(scale.scale_kg);
      await expect(repo.addScale(SYSTEM_ACTOR, { year: 2022, established_year: 2019, scale_kg: 1, source: '测试', entered_by: '测试', entered_at: '2022-07-01' })).rejects.toThrow();
    } finally {
      await cleanup();
    }
  });

  it('keeps one target per year, township and indicator, and one report per season', async () => {
    const { db, cleanup } = await freshDb(dialect);
    try {
      const registry = testRegistry(db);
      await registry.seed({ demo: false, only: ['directory'] });
      const town = (await registry.service('directory').all()).find((u) => u.name === '天宁镇')!.id;
      const repo = new TargetsRepository(db);
      const ind = await repo.addIndicator(SYSTEM_ACTOR, { name: '粮食播种面积', kind: 'sown_area', unit: '亩', created_by: '测试', created_at: '2022-04-22' });
      const row = { year: 2022, township_id: town, indicator_id: ind.id, value_milli: 1_000_500, origin: '录入', entered_by: '测试', entered_at: '2022-04-22' };
      await repo.putTargets(SYSTEM_ACTOR, [row], 'enter', 1);
      await repo.putTargets(SYSTEM_ACTOR, [{ ...row, value_milli: 2_000_000, origin: '导入 #1' }], 'import', 1);
      expect((await repo.targets(2022)).map((t) => [t.value_milli, t.origin])).toEqual([[2_000_000, '导入 #1']]);
      const report = { year: 2022, township_id: town, indicator_id: ind.id, season: '春耕春播', value_milli: 600_000, note: null, reported_by: '测试', reported_at: '2022-05-01' };
      await repo.putReport(SYSTEM_ACTOR, report);
      await repo.putReport(SYSTEM_ACTOR, { ...report, value_milli: 650_000 });
      expect((await repo.reports(2022)).map((r) => r.value_milli)).toEqual([650_000]);
      const job = await repo.addImport({ year: 2022, file_name: 'a.xlsx', status: 'checked', rows: '[]', errors: '[]', total: 0, user_id: null, by_name: '测试', created_at: '2022-04-22', committed_at: null });
      expect(await Promise.all([repo.closeImport(job.id, 'committed', 'x'), repo.closeImport(job.id, 'discarded', 'y')])).toEqual([true, false]);
    } finally {
      await cleanup();
    }
  });
});
