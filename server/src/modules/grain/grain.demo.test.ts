/**
 * The 粮食 demo on a demo install's one clock (Tuesday 2022-07-12): the 2022 rotation replayed from the day after
 * 交政发〔2022〕8号 (29 June), the wheat sold and its purchase to organise, the maize awaiting approval.
 */
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../core/audit.js';
import { DEMO_CLOCK_DEFAULT } from '../../core/module.js';
import { testConfig, testRegistry } from '../../test/app.js';
import { DIALECTS, freshDb } from '../../test/dialects.js';

describe.each(DIALECTS)('the 粮食 demo on the demo clock, on %s', (dialect) => {
  it('replays the rotation between the plan and the clock, and leaves each party its step', async () => {
    const { db, cleanup } = await freshDb(dialect);
    try {
      const registry = testRegistry(db, { config: testConfig({ DEMO_DATA: 'true', DEMO_CLOCK_START: DEMO_CLOCK_DEFAULT }) });
      await registry.seed({ demo: true, only: ['grain'] });
      expect(registry.contextOf('grain').today()).toBe('2022-07-12');
      const steps = await db.kysely.selectFrom('workflow_steps').select(['step', 'at']).where('entity', '=', 'grain_rotation').orderBy('at').execute();
      // Applied 30 June and approved 1 July (the wheat), applied 11 July (the maize).
      expect(steps.map((s) => [s.step, String(s.at).slice(0, 10)])).toEqual([['create', '2022-06-30'], ['approve', '2022-07-01'], ['create', '2022-07-11']]);
      const grain = registry.service('grain');
      const directory = registry.service('directory');
      const accounts = registry.service('accounts');
      const actor = async (username: string): Promise<Actor> => {
        const user = await db.kysely.selectFrom('users').select(['id', 'unit_id', 'role']).where('username', '=', username).executeTakeFirstOrThrow();
        return { userId: await accounts.idOf(username), name: username, role: user.role, unitId: user.unit_id, townshipId: await directory.townshipOf(user.unit_id) };
      };
      const centre = await actor('liangchu');
      // Sold on Friday 8 July: four days into the 轮空期 on the 12th, far inside its limit.
      expect((await grain.reserve.gaps(centre)).map((l) => [l.code, l.soldOn, l.gapDays, l.risk])).toEqual([
        ['DEMO-XM-01', '2022-07-08', 4, '正常'],
        ['DEMO-XM-02', '2022-07-08', 4, '正常'],
      ]);
      const work = async (username: string) => (await grain.workbench(await actor(username))).map((i) => [i.title, i.count]);
      // 县发展和改革局 decides the maize (one item: approving or refusing is one decision); the enterprise and the centre
      // have the wheat's purchase and receipt to finish.
      expect(await work('fagai')).toEqual([['储备粮轮换申请待审批', 1]]);
      expect(await work('chengchu')).toEqual([['储备粮轮换待确认入库完成', 1]]);
      expect(await work('liangchu')).toEqual([['储备粮轮换待确认入库完成', 1]]);
    } finally {
      await cleanup();
    }
  }, 120_000);
});
