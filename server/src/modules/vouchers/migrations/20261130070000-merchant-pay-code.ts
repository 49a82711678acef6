import type { Kysely } from 'kysely';
import type { DialectName } from '../../../core/db.js';

/** A merchant's own code, which a resident scans to pay (主扫) where the category allows it. */
export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  await db.schema.alterTable('merchants').addColumn('pay_code', 'text').execute();
  await db.schema.createIndex('merchants_pay_code').on('merchants').column('pay_code').unique().execute();
}

export async function down(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  await db.schema.dropIndex('merchants_pay_code').ifExists().execute();
  await db.schema.alterTable('merchants').dropColumn('pay_code').execute();
}
