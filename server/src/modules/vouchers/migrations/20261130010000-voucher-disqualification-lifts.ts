import type { Kysely } from 'kysely';
import type { DialectName } from '../../../core/db.js';
import { tableWithId } from '../../../core/migration-kit.js';

/**
 * Lifted disqualifications. A lift moves the row here, so voucher_disqualifications keeps only the ones in force
 * and every check on it (the claim paths of both dialects included) stays as it is.
 */
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  await tableWithId(db, dialect, 'voucher_disqualification_lifts')
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'integer', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('by_user', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('lift_reason', 'text', (c) => c.notNull())
    .addColumn('lifted_by', 'text', (c) => c.notNull())
    .addColumn('lifted_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('voucher_disqualification_lifts_subject').on('voucher_disqualification_lifts').columns(['subject', 'subject_id']).execute();
}

export async function down(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  await db.schema.dropTable('voucher_disqualification_lifts').ifExists().execute();
}
