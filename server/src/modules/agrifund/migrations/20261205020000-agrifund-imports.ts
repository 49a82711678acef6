import type { Kysely } from 'kysely';
import type { DialectName } from '../../../core/db.js';
import { tableWithId } from '../../../core/migration-kit.js';

/** 涉农资金统筹整合: project tables imported from Excel, their rows staged until the office commits or discards them. */
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  await tableWithId(db, dialect, 'agrifund_imports')
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('table_kind', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('total', 'integer', (c) => c.notNull())
    .addColumn('done', 'integer', (c) => c.notNull())
    .addColumn('percent', 'integer', (c) => c.notNull())
    .addColumn('errors', 'integer', (c) => c.notNull())
    .addColumn('committed', 'integer', (c) => c.notNull())
    .addColumn('message', 'text')
    .addColumn('by_user_id', 'integer', (c) => c.notNull())
    .addColumn('by_name', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('heartbeat_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('agrifund_imports_status').on('agrifund_imports').columns(['status', 'heartbeat_at']).execute();
  await db.schema
    .createTable('agrifund_import_rows')
    .addColumn('import_id', 'integer', (c) => c.notNull().references('agrifund_imports.id'))
    .addColumn('row_no', 'integer', (c) => c.notNull())
    // The row as the file gave it (for the preview and the error sheet), and the project it makes when it is clean.
    .addColumn('cells', 'text', (c) => c.notNull())
    .addColumn('project', 'text')
    .addColumn('problems', 'text')
    .addPrimaryKeyConstraint('agrifund_import_rows_pk', ['import_id', 'row_no'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('agrifund_import_rows').execute();
  await db.schema.dropTable('agrifund_imports').execute();
}
