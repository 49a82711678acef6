/** The demo install shows imported projects beside declared ones, each at its step, on the demo clock at its own dates. */
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../core/audit.js';
import { DEMO_CLOCK_DEFAULT } from '../../core/module.js';
import { testConfig, testRegistry } from '../../test/app.js';
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

  it('on the demo clock (2022-07-12) has the second quarter published and the third to come, each party its step', async () => {
    const { db, cleanup } = await freshDb('sqlite');
    try {
      const registry = testRegistry(db, { config: testConfig({ DEMO_DATA: 'true', DEMO_CLOCK_START: DEMO_CLOCK_DEFAULT }) });
      await registry.seed({ demo: true, only: ['accounts', 'agrifund'] });
      expect(registry.contextOf('agrifund').today()).toBe('2022-07-12');
      // Declared 9 May, after 交政办发〔2022〕8号 (28 April) and 劳动节; the last step the day before the clock.
      const steps = (await db.kysely.selectFrom('workflow_steps').select('at').where('entity', '=', 'agrifund_project').execute()).map((s) => String(s.at).slice(0, 10)).sort();
      expect([steps[0], steps.at(-1)]).toEqual(['2022-05-09', '2022-07-08']);
      const runs = await db.kysely.selectFrom('agrifund_disclosure_runs').select(['kind', 'period', 'at']).execute();
      expect(runs).toEqual([{ kind: 'projects', period: '2022-Q2', at: '2022-06-29' }, { kind: 'projects', period: '2022-Q2', at: '2022-06-29' }]);
      const directory = registry.service('directory');
      const actor = async (username: string): Promise<Actor> => {
        const user = await db.kysely.selectFrom('users').select(['id', 'unit_id', 'role']).where('username', '=', username).executeTakeFirstOrThrow();
        return { userId: user.id, name: username, role: user.role, unitId: user.unit_id, townshipId: await directory.townshipOf(user.unit_id) };
      };
      const work = async (username: string) => (await registry.workbench(await actor(username))).filter((i) => i.module === '涉农资金').map((i) => [i.title, i.count, i.deadline ?? null]);
      // The quarter's notices fall due by 30 September; 西营镇's 主体完工 request (11 July) waits on the county's
      // verification, so its project is not yet 待验收.
      expect(await work('nongye')).toEqual([
        ['待评审', 1, null],
        ['拨付申请待核实进度', 1, null],
        ['本季度「两个一律」项目安排和资金使用情况待公示（天宁镇、西营镇）', 2, '2022-09-30'],
      ]);
      expect(await work('tianning')).toEqual([
        ['待可研', 1, null],
        ['待政府采购', 1, null],
        ['本季度「两个一律」项目安排和资金使用情况待公示（天宁镇）', 1, '2022-09-30'],
      ]);
      expect(await work('jiwei')).toEqual([['审计移交线索待受理', 1, null]]);
    } finally {
      await cleanup();
    }
  });
});
