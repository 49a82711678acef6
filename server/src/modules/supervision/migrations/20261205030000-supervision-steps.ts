import type { Kysely } from 'kysely';
import type { DialectName } from '../../../core/db.js';

/**
 * A task's dated steps chased on their own: the next step not yet met (step_due, set on 交办 and moved by the lead
 * unit's reports), the steps met (steps_met, JSON dates), and the reading officials may dispute (disputed, 需核定).
 * Tasks assigned before keep no step: their final date is what they were told, so nothing turns late on upgrade.
 */
export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  await db.schema.alterTable('supervision_tasks').addColumn('step_due', 'text').execute();
  await db.schema.alterTable('supervision_tasks').addColumn('steps_met', 'text', (c) => c.notNull().defaultTo('[]')).execute();
  await db.schema.alterTable('supervision_tasks').addColumn('disputed', 'text').execute();
}

export async function down(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  await db.schema.alterTable('supervision_tasks').dropColumn('disputed').execute();
  await db.schema.alterTable('supervision_tasks').dropColumn('steps_met').execute();
  await db.schema.alterTable('supervision_tasks').dropColumn('step_due').execute();
}
