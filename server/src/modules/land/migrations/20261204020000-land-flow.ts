import type { Kysely } from 'kysely';
import type { DialectName } from '../../../core/db.js';

/** The parcel procedure's records (交政发〔2022〕2号): the 出让公告, the deal, the supply, a withdrawal. */
export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  // One column a statement: SQLite's ALTER TABLE adds one at a time.
  for (const c of ['notice_no', 'noticed_on', 'dealt_on', 'supplied_on', 'contract_no', 'withdraw_reason']) await db.schema.alterTable('land_parcels').addColumn(c, 'text').execute();
  await db.schema.createIndex('land_parcels_status').on('land_parcels').columns(['plan_id', 'status']).execute();
}

export async function down(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  await db.schema.dropIndex('land_parcels_status').ifExists().execute();
  for (const c of ['notice_no', 'noticed_on', 'dealt_on', 'supplied_on', 'contract_no', 'withdraw_reason']) await db.schema.alterTable('land_parcels').dropColumn(c).execute();
}
