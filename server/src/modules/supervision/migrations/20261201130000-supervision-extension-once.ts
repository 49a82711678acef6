import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../../../core/db.js';

// What the database says on a request it closes here (the office sees it with the request).
const CLOSED_BY = '系统（同一任务只保留一份待审批的延期申请）';

/**
 * One pending extension per task, by a partial unique key (both dialects have them): before it, concurrent requests
 * each found none pending and all were written. Requests that cannot be decided any more are closed first: every
 * pending one but the earliest of a task, and those of tasks already finished.
 */
export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  const at = new Date().toISOString();
  await db
    .updateTable('supervision_extensions as e')
    .set({ status: 'refused', decided_by: CLOSED_BY, decided_at: at })
    .where('e.status', '=', 'pending')
    .where((eb) =>
      eb.or([
        eb.exists(eb.selectFrom('supervision_extensions as f').select('f.id').whereRef('f.task_id', '=', 'e.task_id').where('f.status', '=', 'pending').whereRef('f.id', '<', 'e.id')),
        eb.not(eb.exists(eb.selectFrom('supervision_tasks as t').select('t.id').whereRef('t.id', '=', 'e.task_id').where('t.status', '=', 'assigned'))),
      ]),
    )
    .execute();
  await sql`create unique index supervision_extensions_one_pending on supervision_extensions (task_id) where status = 'pending'`.execute(db);
}

export async function down(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  await db.schema.dropIndex('supervision_extensions_one_pending').execute();
}
