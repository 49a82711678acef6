/**
 * 农业生产托管: the season's settlement for BENCH_ORGS organisations (default 10,000) with BENCH_WORKS work
 * confirmations (default 1,000,000), the 100 元/亩 cap applied per plot and season across all of them.
 */
import type { Db } from '../server/src/core/db.js';
import type { DialectName } from '../server/src/core/db.js';
import { freshDb } from '../server/src/test/dialects.js';
import { testConfig, testRegistry } from '../server/src/test/app.js';

export interface TrusteeshipBench {
  dialect: DialectName;
  orgs: number;
  confirmations: number;
  settleS: number;
  rowsPerS: number;
  paidFen: number;
  capped: number;
}

// 15 + 24 + 9 × passes + 39 元/亩: with three sprayings (every fourth plot) the 100 元/亩 cap binds.
const STAGES: [string, number][] = [['tillage', 1], ['rotary', 1], ['spraying', 2], ['harvest', 1]];

async function fill(db: Db, orgs: number, works: number, log: (m: string) => void) {
  const registry = testRegistry(db, { config: testConfig() });
  await registry.seed({ demo: false, only: ['directory', 'accounts'] });
  const units = await registry.service('directory').all();
  const township = units.find((u) => u.name === '天宁镇')!.id;
  const village = units.find((u) => u.kind === 'village' && u.parentId === township)!.id;
  const owner = (await db.kysely.selectFrom('users').select('id').limit(1).executeTakeFirstOrThrow()).id;
  const k = db.kysely;
  const now = '2022-10-10T02:00:00.000Z';
  for (let i = 0; i < orgs; i += 1000) {
    await k
      .insertInto('trusteeship_orgs')
      .values(Array.from({ length: Math.min(1000, orgs - i) }, (_, j) => ({ name: `服务组织${i + j}`, credit_code: `B${String(i + j).padStart(17, '0')}`, org_type: '农民专业合作社', township_id: township, village_id: null, owner_user_id: owner, criteria: '{}', status: 'published' as const, recommended_by: null, reviewed_by: null, review_note: null, notice_end: null, county_contract_no: `C${i + j}`, county_contract_at: now, created_at: now })))
      .execute();
  }
  const orgIds = (await k.selectFrom('trusteeship_orgs').select('id').orderBy('id').execute()).map((r) => r.id);
  // Four works a plot; a plot is worked by two organisations in turn now and then, so the cap crosses them.
  const plots = Math.ceil(works / STAGES.length);
  log(`  trusteeship: ${orgIds.length} organisations, ${plots} plots, ${works} work confirmations`);
  const batch = 1000;
  for (let p = 0; p < plots; p += batch) {
    const n = Math.min(batch, plots - p);
    await db.transaction(async (trx) => {
      const contracts = await trx
        .insertInto('trusteeship_contracts')
        .values(Array.from({ length: n }, (_, j) => {
          const plot = p + j;
          return { org_id: orgIds[plot % orgIds.length], season: 2022, farmer_name: '农户', farmer_id_no: '141122199001011235', farmer_phone: '13812345678', farmer_user_id: null, village_id: village, township_id: township, location: `地块${plot}`, plot_key: `${village}:地块${plot}`, area_centi: 100 + (plot % 400), crop: '玉米', stages: '["tillage","rotary","spraying","harvest"]', period_from: '2022-04-01', period_to: '2022-10-31', quality: '—', created_at: now };
        }))
        .returning(['id', 'org_id', 'plot_key', 'area_centi'])
        .execute();
      const rows = contracts.flatMap((c, j) =>
        STAGES.map(([stage, passes], s) => ({
          contract_id: c.id,
          // The harvest of every seventh plot is done by the next organisation.
          org_id: stage === 'harvest' && (p + j) % 7 === 0 ? orgIds[(p + j + 1) % orgIds.length] : c.org_id,
          plot_key: c.plot_key,
          plot_area_centi: c.area_centi,
          season: 2022,
          stage,
          work_date: `2022-0${4 + s}-1${s}`,
          area_centi: c.area_centi,
          passes: stage === 'spraying' && (p + j) % 4 === 0 ? 3 : passes,
          evidence: '监测平台',
          farmer_status: 'confirmed' as const,
          farmer_note: null,
          farmer_at: now,
          township_area_centi: c.area_centi,
          township_acceptance_id: 1,
          county_area_centi: c.area_centi,
          county_acceptance_id: 1,
          paid_fen: null,
          settlement_id: null,
          created_at: now,
        })),
      );
      for (let r = 0; r < rows.length; r += 1000) await trx.insertInto('trusteeship_works').values(rows.slice(r, r + 1000)).execute();
    });
  }
  return registry;
}

export async function benchTrusteeship(dialect: DialectName, log: (m: string) => void): Promise<TrusteeshipBench> {
  const orgs = Number(process.env.BENCH_ORGS ?? 10_000);
  const works = Number(process.env.BENCH_WORKS ?? 1_000_000);
  const { db, cleanup } = await freshDb(dialect);
  try {
    const registry = await fill(db, orgs, works, log);
    const t0 = performance.now();
    const r = await registry.service('trusteeship').seasonTotals(2022);
    const settleS = (performance.now() - t0) / 1000;
    return {
      dialect,
      orgs: r.orgs.length,
      confirmations: r.rows,
      settleS,
      rowsPerS: r.rows / settleS,
      paidFen: r.orgs.reduce((a, o) => a + o.paidFen, 0),
      capped: r.orgs.reduce((a, o) => a + o.capped, 0),
    };
  } finally {
    await cleanup();
  }
}
