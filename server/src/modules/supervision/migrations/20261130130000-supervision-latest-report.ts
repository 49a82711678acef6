import type { Kysely } from 'kysely';
import type { DialectName } from '../../../core/db.js';

/**
 * The dashboard's reads made cheap: the latest progress report's figures kept on the task (written with the report,
 * in its transaction), and covering indexes so the counts by unit, document and month never read the tasks' texts.
 */
export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  await db.schema.createIndex('supervision_tasks_counts').on('supervision_tasks').columns(['status', 'doc_number', 'deadline', 'extended_to', 'done_at', 'returns', 'id']).execute();
  await db.schema.createIndex('supervision_task_units_counts').on('supervision_task_units').columns(['role', 'task_id', 'unit_id', 'signed_at']).execute();
  await db.schema.alterTable('supervision_tasks').addColumn('last_percent', 'integer').execute();
  await db.schema.alterTable('supervision_tasks').addColumn('last_values', 'text').execute();
  await db.schema.alterTable('supervision_tasks').addColumn('last_report_at', 'text').execute();
  await db
    .updateTable('supervision_tasks as t')
    .set((eb) => ({
      last_percent: eb.selectFrom('supervision_reports as r').select('r.percent').whereRef('r.task_id', '=', 't.id').where('r.kind', '=', 'progress').orderBy('r.id', 'desc').limit(1),
      last_values: eb.selectFrom('supervision_reports as r').select('r.target_values').whereRef('r.task_id', '=', 't.id').where('r.kind', '=', 'progress').orderBy('r.id', 'desc').limit(1),
      last_report_at: eb.selectFrom('supervision_reports as r').select('r.at').whereRef('r.task_id', '=', 't.id').where('r.kind', '=', 'progress').orderBy('r.id', 'desc').limit(1),
    }))
    .execute();
}

export async function down(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  await db.schema.dropIndex('supervision_task_units_counts').execute();
  await db.schema.dropIndex('supervision_tasks_counts').execute();
  for (const c of ['last_report_at', 'last_values', 'last_percent']) await db.schema.alterTable('supervision_tasks').dropColumn(c).execute();
}
