import type { Kysely } from 'kysely';
import type { DialectName } from '../../../core/db.js';

/**
 * One row per season that a settlement locks while it reads what was paid on its plots and writes what it pays: two
 * organisations working the same plot, settled at the same instant, then see each other's payments (100 元/亩 cap).
 */
export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('trusteeship_settle_locks')
    .addColumn('season', 'integer', (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  await db.schema.dropTable('trusteeship_settle_locks').ifExists().execute();
}
