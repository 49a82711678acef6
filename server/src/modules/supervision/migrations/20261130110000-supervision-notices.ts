import type { Kysely } from 'kysely';
import type { DialectName } from '../../../core/db.js';
import { tableWithId } from '../../../core/migration-kit.js';

/** 催办 and 督办单 sent to units, and the periodic 督查通报. */
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  await tableWithId(db, dialect, 'supervision_notices')
    .addColumn('task_id', 'integer', (c) => c.notNull().references('supervision_tasks.id'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('org_units.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    /** The deadline it was sent for: an extension's new deadline earns a new reminder. */
    .addColumn('due', 'text', (c) => c.notNull())
    .addColumn('issued_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('supervision_notices_once', ['task_id', 'unit_id', 'kind', 'due'])
    .execute();
  await tableWithId(db, dialect, 'supervision_bulletins')
    .addColumn('issued_on', 'text', (c) => c.notNull().unique())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('issued_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  for (const t of ['supervision_bulletins', 'supervision_notices']) await db.schema.dropTable(t).ifExists().execute();
}
