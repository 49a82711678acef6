import type { Kysely } from 'kysely';
import type { DialectName } from '../../../core/db.js';
import { CAMPAIGN } from '../vouchers.rules.js';

/** The campaign's last day: 「截止7月底」 until the office moves it (「根据活动开展情况可结合实际进行调整」). One row. */
export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('voucher_campaign')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('ends_on', 'text', (c) => c.notNull())
    .execute();
  await db.insertInto('voucher_campaign').values({ id: 1, ends_on: CAMPAIGN.to }).execute();
}

export async function down(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  await db.schema.dropTable('voucher_campaign').ifExists().execute();
}
