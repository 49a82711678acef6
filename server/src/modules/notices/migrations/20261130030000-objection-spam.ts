import type { Kysely } from 'kysely';
import type { DialectName } from '../../../core/db.js';

/** An objection the publishing unit marks as spam: kept, audited, and left out of what the public reads. */
export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  await db.schema.alterTable('notice_objections').addColumn('spam_by', 'text').execute();
  await db.schema.alterTable('notice_objections').addColumn('spam_at', 'text').execute();
  await db.schema.createIndex('notice_objections_notice').on('notice_objections').columns(['notice_id', 'id']).execute();
}

export async function down(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  await db.schema.dropIndex('notice_objections_notice').ifExists().execute();
  await db.schema.alterTable('notice_objections').dropColumn('spam_at').execute();
  await db.schema.alterTable('notice_objections').dropColumn('spam_by').execute();
}
