import { describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../core/audit.js';
import { DIALECTS, freshDb } from '../../test/dialects.js';
import { testRegistry } from '../../test/app.js';
import { VillageplanRepository } from './villageplan.repository.js';

const NEW_CASE = { name: '某村村庄规划', status: 'organizing', members: '[]', unit_name: '设计院', unit_qualification: '甲-1', unit_grade: '甲级', revision: 0, created_by: 'test', created_at: '2022-06-01T00:00:00.000Z' };

describe.each(DIALECTS)('村庄规划 repository on %s', (dialect) => {
  it('plans a village in one case only and moves a case once, with two app processes at once', async () => {
    const { db, cleanup, another } = await freshDb(dialect);
    try {
      await testRegistry(db).seed({ demo: false, only: ['directory', 'villageplan'] });
      const units = await testRegistry(db).service('directory').all();
      const town = units.find((u) => u.name === '天宁镇')!.id;
      const [v1, v2] = units.filter((u) => u.kind === 'village' && u.parentId === town).map((u) => u.id);
      const repo = new VillageplanRepository(db);
      const other = new VillageplanRepository(another());
      const results = await Promise.all([
        repo.createCase({ ...NEW_CASE, township_id: town, lead_village_id: v1 }, [v1, v2]),
        other.createCase({ ...NEW_CASE, township_id: town, lead_village_id: v2 }, [v2]),
      ]);
      expect(results.filter((r) => r !== null)).toHaveLength(1);
      const made = results.find((r) => r !== null)!;
      // The loser wrote nothing: neither its case nor its villages.
      expect(await repo.cases()).toHaveLength(1);
      expect([...(await repo.villagesOf([made.id])).values()].flat().length).toBe(made.lead_village_id === v1 ? 2 : 1);
      const moves = await Promise.all([repo.transitionCase(made.id, ['organizing'], 'confirmed', { scheme_note: '甲' }), other.transitionCase(made.id, ['organizing'], 'confirmed', { scheme_note: '乙' })]);
      expect(moves.sort()).toEqual([false, true]);
      expect((await repo.case(made.id))!.status).toBe('confirmed');
    } finally {
      await cleanup();
    }
  });

  it('keeps one classification per village, editable until the bureau checks it', async () => {
    const { db, cleanup } = await freshDb(dialect);
    try {
      await testRegistry(db).seed({ demo: false, only: ['directory', 'villageplan'] });
      const units = await testRegistry(db).service('directory').all();
      const town = units.find((u) => u.name === '西营镇')!.id;
      const village = units.find((u) => u.kind === 'village' && u.parentId === town)!.id;
      const repo = new VillageplanRepository(db);
      const c = { village_id: village, township_id: town, cls: 'remediation', criteria: '{}', resettlement_inside: 0, adjacent: 0, route: 'own', exception: null, reason: '整治', year: 2023, by_name: 'test', at: '2022-06-01T00:00:00.000Z' };
      const first = (await repo.saveClassification(SYSTEM_ACTOR, c))!;
      const again = (await repo.saveClassification(SYSTEM_ACTOR, { ...c, year: 2024 }))!;
      expect([again.id, again.year, (await repo.classifications()).length]).toEqual([first.id, 2024, 1]);
      expect(await repo.transitionClassification(first.id, ['submitted'], 'checked', { check_note: '同意' })).toBe(true);
      expect(await repo.saveClassification(SYSTEM_ACTOR, { ...c, cls: 'comprehensive' })).toBeNull();
      expect((await repo.classification(first.id))!.cls).toBe('remediation');
    } finally {
      await cleanup();
    }
  });
});
