import { describe, expect, it } from 'vitest';
import type { Actor } from '../../core/audit.js';
import { insertUsers } from '../../test/builders.js';
import { DIALECTS, freshDb } from '../../test/dialects.js';
import { testRegistry } from '../../test/app.js';

const NOW = '2022-11-01T02:00:00.000Z';
const centre: Actor = { userId: null, name: '县中心', role: 'county_admin', unitId: null, townshipId: null };

describe.each(DIALECTS)('农业生产托管 settlements on %s', (dialect) => {
  it('keeps a plot within 100 元/亩 when two organisations working it are settled at the same instant', async () => {
    const { db, cleanup, another } = await freshDb(dialect);
    try {
      const clock = { today: () => '2022-11-01', now: () => NOW };
      const one = testRegistry(db, clock);
      await one.seed({ demo: false, only: ['directory', 'trusteeship'] });
      // A second app process on its own connections (SQLite in memory: the same one).
      const two = testRegistry(another(), clock);
      const units = await one.service('directory').all();
      const township = units.find((u) => u.name === '天宁镇')!.id;
      const village = units.find((u) => u.kind === 'village' && u.parentId === township)!.id;
      const [owner] = await insertUsers(db, 1, { prefix: 'org', role: 'service_org' });
      const k = db.kysely;
      const org = (n: number) => ({ name: `服务组织${n}`, credit_code: `CODE${n}`, org_type: '农民专业合作社', township_id: township, village_id: null, owner_user_id: owner, criteria: '{}', status: 'published' as const, village_recommended_by: null, recommended_by: 'x', reviewed_by: 'x', review_note: 'x', notice_end: '2022-07-01', county_contract_no: `HT-${n}`, county_contract_at: NOW, created_at: NOW });
      const orgs = (await k.insertInto('trusteeship_orgs').values([org(1), org(2)]).returning('id').execute()).map((r) => r.id);
      // One plot of 1 亩: the cap is 100 元. The first organisation's stages come to 78 元, the second's to 36 元.
      const contract = (orgId: number, duplicateOf: number | null = null) => ({ org_id: orgId, duplicate_of: duplicateOf, season: 2022, farmer_name: '张三', farmer_id_no: '141122199001011235', farmer_phone: '13812345678', farmer_user_id: null, village_id: village, township_id: township, location: '东坡地', plot_key: `${village}:东坡地`, area_centi: 100, crop: '玉米', stages: '[]', period_from: '2022-04-01', period_to: '2022-10-31', quality: '—', created_at: NOW });
      // The farmer's plot is contracted once a season now; two organisations on it are what was stored before that
      // (the migration 20261201120000 keeps the second, marked a duplicate): the cap still holds across them.
      const first = (await k.insertInto('trusteeship_contracts').values(contract(orgs[0])).returning('id').executeTakeFirstOrThrow()).id;
      const contracts = [first, (await k.insertInto('trusteeship_contracts').values(contract(orgs[1], first)).returning('id').executeTakeFirstOrThrow()).id];
      const acceptances: number[] = [];
      for (const orgId of orgs) {
        for (const level of ['township', 'county'] as const) {
          const a = await k.insertInto('trusteeship_acceptances').values({ org_id: orgId, season: 2022, level, note: '合格', by_name: 'x', at: NOW, notice_end: '2022-10-20', notice_id: null }).returning('id').executeTakeFirstOrThrow();
          acceptances.push(a.id);
        }
      }
      const work = (i: number, stage: string, passes: number, date: string) => ({ contract_id: contracts[i], org_id: orgs[i], plot_key: `${village}:东坡地`, plot_area_centi: 100, season: 2022, stage, work_date: date, area_centi: 100, passes, evidence: '照片', farmer_status: 'confirmed' as const, farmer_note: null, farmer_at: NOW, township_area_centi: 100, township_acceptance_id: acceptances[i * 2], county_area_centi: 100, county_acceptance_id: acceptances[i * 2 + 1], paid_fen: null, settlement_id: null, created_at: NOW });
      await k.insertInto('trusteeship_works').values([work(0, 'tillage', 1, '2022-04-10'), work(0, 'rotary', 1, '2022-04-25'), work(0, 'harvest', 1, '2022-10-01'), work(1, 'sowing', 1, '2022-04-20'), work(1, 'spraying', 3, '2022-07-01')]).execute();
      // The city's sample drew neither.
      await k.insertInto('trusteeship_samplings').values({ season: 2022, seed: 'x', drawn: '[]', by_name: 'x', at: NOW }).execute();

      const sheets = await Promise.all([one.service('trusteeship').settle(centre, orgs[0], 2022), two.service('trusteeship').settle(centre, orgs[1], 2022)]);
      const paid = await k.selectFrom('trusteeship_works').select((eb) => eb.fn.sum<number>('paid_fen').as('paid')).executeTakeFirstOrThrow();
      expect(Number(paid.paid)).toBe(10_000);
      // Whichever was settled second was cut by what the first had paid: 78 + 36 = 114 元, 14 元 over.
      expect(sheets.map((s) => s.totalFen).sort((a, b) => a - b)).toEqual(sheets[0].totalFen === 7_800 ? [2_200, 7_800] : [3_600, 6_400]);
    } finally {
      await cleanup();
    }
  });
});
