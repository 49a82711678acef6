import type { Kysely } from 'kysely';
import type { DialectName } from '../../../core/db.js';

// Split from 20261128010000-accounts, which created the tables of six modules; a database migrated then has these.
export const replaces = ['20261128010000-accounts'];

/** Calendar overrides and declared years. */
export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('calendar_overrides')
    .addColumn('day', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('calendar_years')
    .addColumn('year', 'integer', (c) => c.primaryKey())
    .addColumn('declared_by', 'text', (c) => c.notNull())
    .addColumn('declared_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  for (const t of ['calendar_years', 'calendar_overrides']) await db.schema.dropTable(t).ifExists().execute();
}
