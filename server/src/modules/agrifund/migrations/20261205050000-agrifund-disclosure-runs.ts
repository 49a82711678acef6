import type { Kysely } from 'kysely';
import type { DialectName } from '../../../core/db.js';

/**
 * Which period each township's 「两个一律」 notice was published for (the first notice of a township, kind and period
 * is kept; another in the same period adds nothing), so the schedule knows who is due.
 */
export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('agrifund_disclosure_runs')
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('township_id', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('notice_id', 'integer', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('agrifund_disclosure_runs_pk', ['year', 'township_id', 'kind', 'period'])
    .execute();
}

export async function down(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  await db.schema.dropTable('agrifund_disclosure_runs').execute();
}
