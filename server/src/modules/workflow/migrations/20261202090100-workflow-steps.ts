import type { Kysely } from 'kysely';
import type { DialectName } from '../../../core/db.js';
import { makeAppendOnly, dropAppendOnly, tableWithId } from '../../../core/migration-kit.js';

/** The step log of declared procedures; rows are never changed, like the audit trail they sit beside. */
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  await tableWithId(db, dialect, 'workflow_steps')
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('record_id', 'text', (c) => c.notNull())
    .addColumn('step', 'text', (c) => c.notNull())
    .addColumn('from_state', 'text')
    .addColumn('to_state', 'text', (c) => c.notNull())
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('actor_role', 'text', (c) => c.notNull())
    .addColumn('user_id', 'integer')
    .addColumn('note', 'text')
    .addColumn('due_on', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('workflow_steps_record').on('workflow_steps').columns(['entity', 'record_id', 'id']).execute();
  await makeAppendOnly(db, dialect, 'workflow_steps', '办理记录不可修改');
}

export async function down(db: Kysely<any>, dialect: DialectName): Promise<void> {
  await dropAppendOnly(db, dialect, 'workflow_steps');
  await db.schema.dropTable('workflow_steps').ifExists().execute();
}
