import type { Kysely } from 'kysely';
import type { DialectName } from '../../../core/db.js';
import { tableWithId } from '../../../core/migration-kit.js';

// Split from 20261128010000-accounts, which created the tables of six modules; a database migrated then has these.
export const replaces = ['20261128010000-accounts'];

/** The directory of units (组织机构). */
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  await tableWithId(db, dialect, 'org_units')
    .addColumn('code', 'text', (c) => c.unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('parent_id', 'integer', (c) => c.references('org_units.id'))
    .addColumn('short_names', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('org_units_name_kind').on('org_units').columns(['name', 'parent_id']).unique().execute();
  await db.schema.createIndex('org_units_parent').on('org_units').column('parent_id').execute();
}

export async function down(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  for (const t of ['org_units']) await db.schema.dropTable(t).ifExists().execute();
}
