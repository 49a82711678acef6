import type { Kysely } from 'kysely';
import type { DialectName } from '../../../core/db.js';
import { tableWithId } from '../../../core/migration-kit.js';

/** 督查督办: tasks, the units holding them, reports, extensions. */
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  await tableWithId(db, dialect, 'supervision_tasks')
    .addColumn('doc_number', 'text', (c) => c.notNull())
    .addColumn('task_key', 'text', (c) => c.notNull())
    .addColumn('part', 'text')
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('heading', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('units_text', 'text', (c) => c.notNull())
    .addColumn('unknown_units', 'text', (c) => c.notNull())
    .addColumn('deadline', 'text')
    .addColumn('deadline_text', 'text')
    .addColumn('recurrence', 'text')
    .addColumn('targets', 'text', (c) => c.notNull())
    .addColumn('milestones', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('extended_to', 'text')
    .addColumn('returns', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('assigned_on', 'text')
    .addColumn('sign_due', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('confirmed_by', 'text')
    .addColumn('done_at', 'text')
    .addColumn('done_by', 'text')
    .addUniqueConstraint('supervision_tasks_doc_key', ['doc_number', 'task_key'])
    .execute();
  await db.schema.createIndex('supervision_tasks_status').on('supervision_tasks').columns(['status', 'deadline']).execute();
  await db.schema
    .createTable('supervision_task_units')
    .addColumn('task_id', 'integer', (c) => c.notNull().references('supervision_tasks.id'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('org_units.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('signed_at', 'text')
    .addColumn('signed_by', 'text')
    .addPrimaryKeyConstraint('supervision_task_units_pk', ['task_id', 'unit_id'])
    .execute();
  await db.schema.createIndex('supervision_task_units_unit').on('supervision_task_units').columns(['unit_id', 'task_id']).execute();
  await tableWithId(db, dialect, 'supervision_reports')
    .addColumn('task_id', 'integer', (c) => c.notNull().references('supervision_tasks.id'))
    .addColumn('unit_id', 'integer', (c) => c.references('org_units.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('percent', 'integer')
    .addColumn('target_values', 'text', (c) => c.notNull())
    .addColumn('by_name', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('supervision_reports_task').on('supervision_reports').columns(['task_id', 'id']).execute();
  await tableWithId(db, dialect, 'supervision_extensions')
    .addColumn('task_id', 'integer', (c) => c.notNull().references('supervision_tasks.id'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('org_units.id'))
    .addColumn('to_date', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('requested_by', 'text', (c) => c.notNull())
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text')
    .execute();
}

export async function down(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  for (const t of ['supervision_extensions', 'supervision_reports', 'supervision_task_units', 'supervision_tasks']) await db.schema.dropTable(t).ifExists().execute();
}
