import { describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../core/audit.js';
import { DIALECTS, freshDb } from '../../test/dialects.js';
import { testRegistry } from '../../test/app.js';
import { residentId } from './toilets.demo.js';
import { QuotaFull, ToiletsRepository, type HouseholdRow } from './toilets.repository.js';

describe.each(DIALECTS)('农村改厕 repository on %s', (dialect) => {
  it('never lets a quota pass its ceiling, with two app processes choosing households at once', async () => {
    const { db, cleanup, another } = await freshDb(dialect);
    try {
      const registry = testRegistry(db);
      await registry.seed({ demo: false, only: ['directory', 'toilets'] });
      const units = await registry.service('directory').all();
      const xiying = units.find((u) => u.name === '西营镇')!.id;
      const village = units.find((u) => u.kind === 'village' && u.parentId === xiying)!.id;
      const repo = new ToiletsRepository(db);
      const second = another();
      const other = new ToiletsRepository(second);
      // What the procedure's 确定改厕户 writes in one unit of work: the household moved, a place taken in each bucket.
      const uowOf = new Map([[repo, db.unitOfWork], [other, second.unitOfWork]]);
      const select = (r: ToiletsRepository, id: number, townshipId: number, buckets: string[], patch: Partial<HouseholdRow>) =>
        uowOf.get(r)!(async () => {
          if (!(await r.transition(id, ['surveyed'], 'selected', patch))) throw new Error('moved');
          await r.takePlaces(townshipId, buckets);
        });
      const withdraw = (r: ToiletsRepository, id: number, townshipId: number, buckets: string[], reason: string) =>
        db.unitOfWork(async () => {
          if (!(await r.transition(id, ['selected', 'agreed'], 'withdrawn', { wish_note: reason }))) return false;
          await r.givePlaces(townshipId, buckets);
          return true;
        });
      await db.kysely.updateTable('toilet_quotas').set({ cap: 3 }).where('township_id', '=', xiying).where('bucket', '=', 'seco').execute();
      const ids: number[] = [];
      for (let i = 0; i < 10; i++) {
        const h = await repo.createHousehold(SYSTEM_ACTOR, { township_id: xiying, village_id: village, head_name: `户${i}`, id_no: residentId(`14112219800101${String(300 + i)}`), phone: '13900000000', address: `${i}号`, members: 3, current_type: 'old', pits: 1, sanitary: 0, wish: 1, wish_note: '', user_id: null, status: 'surveyed', mode: null, selected_at: null, priority_note: null, batch_id: null, agreement_no: null, agreement_at: null, builder_kind: null, builder_name: null, supervisor_name: null, tender_fen: null, toilet_no: null, started_at: null, completed_at: null, checks: null, checks_passed: null, superstructure_passed: null, accepted_at: null, subsidy_fen: null, created_by: 'test', created_at: '2022-06-01T00:00:00.000Z' } satisfies Omit<HouseholdRow, 'id'>);
        ids.push(h!.id);
      }
      // The same ID number again is refused by the unique key, not by a read before the write.
      expect(await repo.createHousehold(SYSTEM_ACTOR, { ...(await repo.household(ids[0]))!, id: undefined } as never)).toBeNull();
      const outcomes = await Promise.all(ids.map((id, i) => select(i % 2 ? other : repo, id, xiying, ['total', 'seco'], { mode: 'seco', selected_at: '2022-06-01T00:00:00.000Z' }).then(() => 'ok', (e: unknown) => (e instanceof QuotaFull ? e.bucket : String(e)))));
      expect(outcomes.filter((o) => o === 'ok')).toHaveLength(3);
      expect(outcomes.filter((o) => o === 'seco')).toHaveLength(7);
      const q = await repo.quotas(xiying);
      // Nothing half-taken: the total moved exactly as far as the part did.
      expect(q.map((x) => [x.bucket, x.used])).toEqual([['other', 0], ['seco', 3], ['total', 3]]);
      expect((await repo.households({ townshipIds: [xiying], status: ['selected'] })).length).toBe(3);
      // A withdrawal gives the place back, once.
      const chosen = (await repo.households({ townshipIds: [xiying], status: ['selected'] }))[0].id;
      expect(await withdraw(repo, chosen, xiying, ['total', 'seco'], '农户不愿意了')).toBe(true);
      expect(await withdraw(repo, chosen, xiying, ['total', 'seco'], '再退一次')).toBe(false);
      expect((await repo.quotas(xiying)).map((x) => x.used)).toEqual([0, 2, 2]);
    } finally {
      await cleanup();
    }
  });
});
