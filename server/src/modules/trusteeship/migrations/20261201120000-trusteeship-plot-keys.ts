import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../../../core/db.js';
import { tableWithId } from '../../../core/migration-kit.js';
import { normalizeKey } from '../../../core/text.js';

const plotKey = (villageId: number, location: string) => `${villageId}:${normalizeKey(location)}`;

/**
 * Plots by their normalised key, and 乡镇初验 by the plot's township.
 *
 * 1. Plot keys were the location with spaces stripped, so 「东地157号」 and 「东地１５７号」 were two plots, each with its own
 *    100 元/亩. Every contract's and work's key is recomputed with normalizeKey, and one farmer's plot is contracted
 *    once a season (a unique key). A contract stored before that repeats an earlier one is kept (it has works and
 *    payments) and marked `duplicate_of`; the unique key is over the others. A work of such a contract that claims a
 *    stage its plot already claimed keeps the key it was stored under (the works' own unique key), and when it is
 *    not accepted yet it is held as disputed for the township to check, so it is not paid outside the cap.
 * 2. The township acceptance names its township (`township_id`): an organisation working plots in two townships is
 *    accepted by each for its own plots, so the acceptance is once per organisation, season, level and township.
 */
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  await db.schema.alterTable('trusteeship_contracts').addColumn('duplicate_of', 'integer').execute();
  const contracts = await db.selectFrom('trusteeship_contracts').select(['id', 'season', 'farmer_id_no', 'village_id', 'location']).orderBy('id').execute();
  const first = new Map<string, number>();
  const keyOf = new Map<number, string>();
  for (const c of contracts) {
    const key = plotKey(c.village_id, c.location);
    keyOf.set(c.id, key);
    const once = `${c.season}|${c.farmer_id_no}|${key}`;
    const earlier = first.get(once);
    if (earlier === undefined) first.set(once, c.id);
    await db.updateTable('trusteeship_contracts').set({ plot_key: key, duplicate_of: earlier ?? null }).where('id', '=', c.id).execute();
  }
  await db.schema.createIndex('trusteeship_contracts_plot_once').on('trusteeship_contracts').columns(['season', 'farmer_id_no', 'plot_key']).unique().where(sql.ref('duplicate_of'), 'is', null).execute();

  const works = await db.selectFrom('trusteeship_works').select(['id', 'contract_id', 'season', 'stage', 'plot_key', 'township_acceptance_id']).orderBy('id').execute();
  const claimed = new Set<string>();
  for (const w of works) {
    const key = keyOf.get(w.contract_id) ?? w.plot_key;
    const claim = `${key}|${w.season}|${w.stage}`;
    if (!claimed.has(claim)) {
      claimed.add(claim);
      if (key !== w.plot_key) await db.updateTable('trusteeship_works').set({ plot_key: key }).where('id', '=', w.id).execute();
    } else if (w.township_acceptance_id === null) {
      await db.updateTable('trusteeship_works').set({ farmer_status: 'disputed', farmer_note: '同一地块同一环节本季已有申报（地块位置写法不同），待乡镇核实' }).where('id', '=', w.id).execute();
    }
  }

  if (dialect === 'postgres') {
    await db.schema.alterTable('trusteeship_acceptances').addColumn('township_id', 'integer', (c) => c.references('org_units.id')).execute();
    await db.schema.alterTable('trusteeship_acceptances').dropConstraint('trusteeship_acceptances_once').execute();
  } else {
    // SQLite cannot drop a table's own unique constraint: the table is built again without it.
    await tableWithId(db, dialect, 'trusteeship_acceptances_next')
      .addColumn('org_id', 'integer', (c) => c.notNull().references('trusteeship_orgs.id'))
      .addColumn('season', 'integer', (c) => c.notNull())
      .addColumn('level', 'text', (c) => c.notNull())
      .addColumn('note', 'text', (c) => c.notNull())
      .addColumn('by_name', 'text', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('notice_end', 'text', (c) => c.notNull())
      .addColumn('notice_id', 'integer', (c) => c.references('public_notices.id'))
      .addColumn('township_id', 'integer', (c) => c.references('org_units.id'))
      .execute();
    await sql`insert into trusteeship_acceptances_next (id, org_id, season, level, note, by_name, at, notice_end, notice_id) select id, org_id, season, level, note, by_name, at, notice_end, notice_id from trusteeship_acceptances`.execute(db);
    await db.schema.dropTable('trusteeship_acceptances').execute();
    await db.schema.alterTable('trusteeship_acceptances_next').renameTo('trusteeship_acceptances').execute();
  }
  // Acceptances made before named no township: they were the organisation's township's.
  await sql`update trusteeship_acceptances set township_id = (select o.township_id from trusteeship_orgs o where o.id = trusteeship_acceptances.org_id) where level = 'township'`.execute(db);
  await sql`create unique index trusteeship_acceptances_once_per_township on trusteeship_acceptances (org_id, season, level, coalesce(township_id, 0))`.execute(db);
}

export async function down(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  await db.schema.dropIndex('trusteeship_acceptances_once_per_township').execute();
  await db.schema.dropIndex('trusteeship_contracts_plot_once').execute();
}
