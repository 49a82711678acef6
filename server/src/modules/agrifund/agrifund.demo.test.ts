/** The demo install shows imported projects beside declared ones, each at its step. */
import { describe, expect, it } from 'vitest';
import { testRegistry } from '../../test/app.js';
import { freshDb } from '../../test/dialects.js';

describe('涉农资金 demo', () => {
  it('brings three of its 演示 projects in through a committed project table, and steps them on from 项目申报', async () => {
    const { db, cleanup } = await freshDb('sqlite');
    try {
      const registry = testRegistry(db, { now: () => '2022-06-11T02:30:00.000Z', today: () => '2022-06-13' });
      const lines = await registry.seed({ demo: true, only: ['accounts', 'agrifund'] });
      expect(lines).toContain('涉农资金统筹整合：5 个演示项目（名称标「演示」，非本县项目；其中 3 个由项目表导入）');
      // The 审计抽查 at work: every paid project drawn, one passed, one finding referred to the 县纪委监委.
      expect(lines).toContain('涉农资金审计抽查：第 1 次抽查 2 个项目，1 条线索已移交县纪委监委（演示账号 jiwei 受理）');
      expect(await db.kysely.selectFrom('agrifund_leads').select('status').execute()).toEqual([{ status: 'referred' }]);
      const jobs = await db.kysely.selectFrom('agrifund_imports').select(['status', 'committed', 'errors']).execute();
      expect(jobs).toEqual([{ status: 'committed', committed: 3, errors: 0 }]);
      const steps = await db.kysely.selectFrom('agrifund_projects').select(['name', 'step']).orderBy('id').execute();
      expect(steps.filter((p) => p.name.startsWith('演示：天宁镇通村道路硬化') || p.name.startsWith('演示：西营镇人居环境整治') || p.name.startsWith('演示：天宁镇设施农业大棚'))).toEqual([
        { name: '演示：天宁镇通村道路硬化', step: 'approved' },
        { name: '演示：天宁镇设施农业大棚', step: 'reviewed' },
        { name: '演示：西营镇人居环境整治', step: 'declared' },
      ]);
    } finally {
      await cleanup();
    }
  });
});
