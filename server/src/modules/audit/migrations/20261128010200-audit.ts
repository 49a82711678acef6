import type { Kysely } from 'kysely';
import type { DialectName } from '../../../core/db.js';
import { dropAppendOnly, makeAppendOnly, tableWithId } from '../../../core/migration-kit.js';

// Split from 20261128010000-accounts, which created the tables of six modules; a database migrated then has these.
export const replaces = ['20261128010000-accounts'];

/** The audit trail, append-only in the database itself, not only by convention. */
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  await tableWithId(db, dialect, 'audit_log')
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'integer')
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('before_json', 'text')
    .addColumn('after_json', 'text')
    .addColumn('request_id', 'text')
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull().unique())
    .execute();
  await db.schema.createIndex('audit_log_entity').on('audit_log').columns(['entity', 'entity_id']).execute();
  await makeAppendOnly(db, dialect, 'audit_log', '审计记录不可修改或删除');
}

export async function down(db: Kysely<any>, dialect: DialectName): Promise<void> {
  await dropAppendOnly(db, dialect, 'audit_log');
  await db.schema.dropTable('audit_log').ifExists().execute();
}
