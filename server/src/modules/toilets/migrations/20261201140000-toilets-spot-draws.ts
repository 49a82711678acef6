import type { Kysely } from 'kysely';
import type { DialectName } from '../../../core/db.js';

/**
 * The county's spot-check draw, recorded once per township application: the primary key refuses a second draw, so a
 * seed cannot be retried until it picks the households one would like checked.
 */
export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('toilet_spot_draws')
    .addColumn('township_id', 'integer', (c) => c.primaryKey())
    .addColumn('seed', 'text', (c) => c.notNull())
    .addColumn('population', 'integer', (c) => c.notNull())
    .addColumn('drawn', 'text', (c) => c.notNull())
    .addColumn('by_user_id', 'integer')
    .addColumn('by_name', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  await db.schema.dropTable('toilet_spot_draws').ifExists().execute();
}
