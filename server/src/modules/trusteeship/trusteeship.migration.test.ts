import { describe, expect, it } from 'vitest';
import { allMigrations } from '../../boot.js';
import { migrateToLatest } from '../../core/db.js';
import { insertUsers } from '../../test/builders.js';
import { DIALECTS, freshDb } from '../../test/dialects.js';
import { testRegistry } from '../../test/app.js';

const NOW = '2022-10-01T02:00:00.000Z';

describe.each(DIALECTS)('农业生产托管 migration 20261201120000 on %s', (dialect) => {
  it('recomputes stored plot keys, marks a repeated contract, holds a repeated claim, and names the accepting township', async () => {
    const { db, cleanup } = await freshDb(dialect, { before: '20261201120000' });
    try {
      await testRegistry(db).seed({ demo: false, only: ['directory'] });
      const units = await db.kysely.selectFrom('org_units').select(['id', 'name', 'kind', 'parent_id']).execute();
      const township = units.find((u) => u.name === '天宁镇')!.id;
      const village = units.find((u) => u.kind === 'village' && u.parent_id === township)!.id;
      const [owner] = await insertUsers(db, 1, { prefix: 'org', role: 'service_org' });
      const k = db.kysely as any; // the tables as they were before the migration
      const org = (n: number) => ({ name: `组织${n}`, credit_code: `CODE${n}`, org_type: '农民专业合作社', township_id: township, village_id: null, owner_user_id: owner, criteria: '{}', status: 'published', village_recommended_by: null, recommended_by: 'x', reviewed_by: 'x', review_note: 'x', notice_end: '2022-07-01', county_contract_no: `HT-${n}`, county_contract_at: NOW, created_at: NOW });
      const orgs: number[] = [];
      for (const n of [1, 2]) orgs.push((await k.insertInto('trusteeship_orgs').values(org(n)).returning('id').executeTakeFirstOrThrow()).id as number);
      // The probe's case: one farmer's plot contracted by two organisations under two spellings, keyed apart.
      const contract = (orgId: number, location: string) => ({ org_id: orgId, season: 2022, farmer_name: '张三', farmer_id_no: '141122199001011235', farmer_phone: '13812345678', farmer_user_id: null, village_id: village, township_id: township, location, plot_key: `${village}:${location.replace(/\s+/g, '')}`, area_centi: 1000, crop: '玉米', stages: '["harvest"]', period_from: '2022-04-01', period_to: '2022-10-31', quality: '—', created_at: NOW });
      const contracts: number[] = [];
      for (const [i, loc] of [[0, '西营村东地157号'], [1, '西营村东地１５７号']] as const) contracts.push((await k.insertInto('trusteeship_contracts').values(contract(orgs[i], loc)).returning('id').executeTakeFirstOrThrow()).id as number);
      const acceptance = (await k.insertInto('trusteeship_acceptances').values({ org_id: orgs[0], season: 2022, level: 'township', note: '合格', by_name: 'x', at: NOW, notice_end: '2022-10-10', notice_id: null }).returning('id').executeTakeFirstOrThrow()).id;
      const work = (i: number, key: string, acceptanceId: number | null) => ({ contract_id: contracts[i], org_id: orgs[i], plot_key: key, plot_area_centi: 1000, season: 2022, stage: 'harvest', work_date: '2022-09-20', area_centi: 1000, passes: 1, evidence: '照片', farmer_status: 'confirmed', farmer_note: null, farmer_at: NOW, township_area_centi: acceptanceId ? 1000 : null, township_acceptance_id: acceptanceId, county_area_centi: null, county_acceptance_id: null, paid_fen: null, settlement_id: null, created_at: NOW });
      await k.insertInto('trusteeship_works').values([work(0, `${village}:西营村东地157号`, acceptance), work(1, `${village}:西营村东地１５７号`, null)]).execute();

      await migrateToLatest(db, allMigrations());

      const after = await k.selectFrom('trusteeship_contracts').select(['id', 'plot_key', 'duplicate_of']).orderBy('id').execute();
      expect(after).toEqual([
        { id: contracts[0], plot_key: `${village}:西营村东地157号`, duplicate_of: null },
        { id: contracts[1], plot_key: `${village}:西营村东地157号`, duplicate_of: contracts[0] },
      ]);
      const works = await k.selectFrom('trusteeship_works').select(['plot_key', 'farmer_status']).orderBy('id').execute();
      expect(works).toEqual([
        { plot_key: `${village}:西营村东地157号`, farmer_status: 'confirmed' },
        { plot_key: `${village}:西营村东地１５７号`, farmer_status: 'disputed' },
      ]);
      expect(await k.selectFrom('trusteeship_acceptances').select(['id', 'township_id']).execute()).toEqual([{ id: acceptance, township_id: township }]);
      // The new keys hold: the plot once per farmer and season, an acceptance once per township.
      await expect(k.insertInto('trusteeship_contracts').values({ ...contract(orgs[1], '西营村东地157号'), plot_key: `${village}:西营村东地157号`, duplicate_of: null }).execute()).rejects.toThrow();
      await expect(k.insertInto('trusteeship_acceptances').values({ org_id: orgs[0], season: 2022, level: 'township', township_id: township, note: '合格', by_name: 'x', at: NOW, notice_end: '2022-10-10', notice_id: null }).execute()).rejects.toThrow();
      const other = units.find((u) => u.name === '西营镇')!.id;
      await k.insertInto('trusteeship_acceptances').values({ org_id: orgs[0], season: 2022, level: 'township', township_id: other, note: '合格', by_name: 'x', at: NOW, notice_end: '2022-10-10', notice_id: null }).execute();
    } finally {
      await cleanup();
    }
  });
});
