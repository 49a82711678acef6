import type { Kysely } from 'kysely';
import type { DialectName } from '../../../core/db.js';
import { dropAppendOnly, makeAppendOnly, tableWithId } from '../../../core/migration-kit.js';

/**
 * 审计抽查 of the fund (交政办发〔2022〕8号 六、（二）): each draw recorded with its seed and population (redrawn to
 * verify), one conclusion per drawn project, and the leads passed to the 县纪委监委 with how they were handled.
 */
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  await tableWithId(db, dialect, 'agrifund_audit_draws')
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('seed', 'text', (c) => c.notNull())
    .addColumn('percent', 'integer', (c) => c.notNull())
    .addColumn('population', 'text', (c) => c.notNull())
    .addColumn('drawn', 'text', (c) => c.notNull())
    .addColumn('by_name', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addUniqueConstraint('agrifund_audit_draws_year_seq', ['year', 'seq'])
    .execute();
  await tableWithId(db, dialect, 'agrifund_audit_checks')
    .addColumn('draw_id', 'integer', (c) => c.notNull())
    .addColumn('project_id', 'integer', (c) => c.notNull())
    .addColumn('passed', 'integer', (c) => c.notNull())
    .addColumn('finding', 'text', (c) => c.notNull())
    .addColumn('by_name', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addUniqueConstraint('agrifund_audit_checks_once', ['draw_id', 'project_id'])
    .execute();
  await tableWithId(db, dialect, 'agrifund_leads')
    .addColumn('check_id', 'integer', (c) => c.notNull().unique())
    .addColumn('project_id', 'integer', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('referred_by', 'text', (c) => c.notNull())
    .addColumn('referred_at', 'text', (c) => c.notNull())
    .addColumn('received_by', 'text')
    .addColumn('received_at', 'text')
    .addColumn('outcome', 'text')
    .addColumn('closed_by', 'text')
    .addColumn('closed_at', 'text')
    .execute();
  // A draw and an auditor's conclusion are records, never rewritten: a changed conclusion would be a new draw.
  await makeAppendOnly(db, dialect, 'agrifund_audit_draws', '抽查记录不可修改');
  await makeAppendOnly(db, dialect, 'agrifund_audit_checks', '抽查结论不可修改');
}

export async function down(db: Kysely<any>, dialect: DialectName): Promise<void> {
  await dropAppendOnly(db, dialect, 'agrifund_audit_checks');
  await dropAppendOnly(db, dialect, 'agrifund_audit_draws');
  await db.schema.dropTable('agrifund_leads').execute();
  await db.schema.dropTable('agrifund_audit_checks').execute();
  await db.schema.dropTable('agrifund_audit_draws').execute();
}
