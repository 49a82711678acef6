import type { Kysely } from 'kysely';
import type { DialectName } from '../../../core/db.js';

/**
 * When the process checking an import last showed it is alive: an import whose process was killed or restarted
 * stops beating, and any process then marks it failed and drops its staged rows (names, ID numbers, phones).
 */
export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  await db.schema.alterTable('toilet_imports').addColumn('heartbeat_at', 'text').execute();
  await db.schema.createIndex('toilet_imports_status').on('toilet_imports').columns(['status', 'heartbeat_at']).execute();
}

export async function down(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  await db.schema.dropIndex('toilet_imports_status').ifExists().execute();
  await db.schema.alterTable('toilet_imports').dropColumn('heartbeat_at').execute();
}
