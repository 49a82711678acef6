import type { Kysely } from 'kysely';
import type { DialectName } from '../../../core/db.js';
import { moneyType, tableWithId } from '../../../core/migration-kit.js';

/** 涉农资金统筹整合 (交政办发〔2022〕8号). */
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  const money = moneyType(dialect);
  await tableWithId(db, dialect, 'agrifund_versions')
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('total_fen', money, (c) => c.notNull())
    .addColumn('basis', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    // Two revisions made at once cannot both become version n.
    .addUniqueConstraint('agrifund_versions_year_version', ['year', 'version'])
    .execute();
  await db.schema
    .createTable('agrifund_lines')
    .addColumn('version_id', 'integer', (c) => c.notNull().references('agrifund_versions.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('parent_code', 'text')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('amount_fen', money, (c) => c.notNull())
    .addPrimaryKeyConstraint('agrifund_lines_pk', ['version_id', 'code'])
    .execute();
  await db.schema
    .createTable('agrifund_items')
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('allocated_fen', money, (c) => c.notNull())
    .addColumn('committed_fen', money, (c) => c.notNull())
    .addColumn('paid_fen', money, (c) => c.notNull())
    .addPrimaryKeyConstraint('agrifund_items_pk', ['year', 'code'])
    .execute();
  await tableWithId(db, dialect, 'agrifund_sources')
    .addColumn('version_id', 'integer', (c) => c.notNull().references('agrifund_versions.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('year_kind', 'text', (c) => c.notNull())
    .addColumn('stock_kind', 'text', (c) => c.notNull())
    .addColumn('amount_fen', money, (c) => c.notNull())
    .execute();
  await tableWithId(db, dialect, 'agrifund_projects')
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('item_code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('township_id', 'integer', (c) => c.notNull().references('org_units.id'))
    .addColumn('village_id', 'integer', (c) => c.references('org_units.id'))
    .addColumn('implementing_unit', 'text', (c) => c.notNull())
    .addColumn('amount_fen', money, (c) => c.notNull())
    .addColumn('targets', 'text', (c) => c.notNull())
    .addColumn('step', 'text', (c) => c.notNull())
    .addColumn('verified_fen', money, (c) => c.notNull())
    .addColumn('paid_fen', money, (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('agrifund_projects_scope').on('agrifund_projects').columns(['year', 'township_id', 'item_code', 'step']).execute();
  await db.schema
    .createTable('agrifund_milestones')
    .addColumn('project_id', 'integer', (c) => c.notNull().references('agrifund_projects.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('share_bp', 'integer', (c) => c.notNull())
    .addColumn('verified_at', 'text')
    .addColumn('verified_by', 'text')
    .addColumn('evidence', 'text')
    .addPrimaryKeyConstraint('agrifund_milestones_pk', ['project_id', 'seq'])
    .execute();
  await tableWithId(db, dialect, 'agrifund_payments')
    .addColumn('project_id', 'integer', (c) => c.notNull().references('agrifund_projects.id'))
    .addColumn('milestone_seq', 'integer', (c) => c.notNull())
    .addColumn('amount_fen', money, (c) => c.notNull())
    .addColumn('by_name', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('agrifund_payments_project').on('agrifund_payments').column('project_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['agrifund_payments', 'agrifund_milestones', 'agrifund_projects', 'agrifund_sources', 'agrifund_items', 'agrifund_lines', 'agrifund_versions']) {
    await db.schema.dropTable(t).execute();
  }
}
