import type { Kysely } from 'kysely';
import type { DialectName } from '../../../core/db.js';

/**
 * A task's targets linked to a programme module's indicator (its live figure): JSON by target index, each
 * { indicator, unitId } or null; rewritten whole under a compare-and-set so two links never lose one another.
 */
export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  await db.schema.alterTable('supervision_tasks').addColumn('target_links', 'text', (c) => c.notNull().defaultTo('[]')).execute();
}

export async function down(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  await db.schema.alterTable('supervision_tasks').dropColumn('target_links').execute();
}
