import type { Kysely } from 'kysely';
import type { DialectName } from '../../../core/db.js';
import { tableWithId } from '../../../core/migration-kit.js';

/** 村庄规划编制: classifications, evaluations, plan cases and their villages. */
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  await tableWithId(db, dialect, 'villageplan_classifications')
    .addColumn('village_id', 'integer', (c) => c.notNull().references('org_units.id'))
    .addColumn('township_id', 'integer', (c) => c.notNull().references('org_units.id'))
    .addColumn('cls', 'text', (c) => c.notNull())
    .addColumn('criteria', 'text', (c) => c.notNull())
    .addColumn('resettlement_inside', 'integer', (c) => c.notNull())
    .addColumn('adjacent', 'integer', (c) => c.notNull())
    .addColumn('route', 'text', (c) => c.notNull())
    .addColumn('exception', 'text')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('year', 'integer')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('check_note', 'text')
    .addColumn('by_name', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    // A village is classified once: two townships' clerks saving at once — the second is refused.
    .addUniqueConstraint('villageplan_classifications_village', ['village_id'])
    .execute();
  await db.schema.createIndex('villageplan_classifications_township').on('villageplan_classifications').columns(['township_id', 'status']).execute();
  await tableWithId(db, dialect, 'villageplan_evaluations')
    .addColumn('village_id', 'integer', (c) => c.notNull().references('org_units.id'))
    .addColumn('township_id', 'integer', (c) => c.notNull().references('org_units.id'))
    .addColumn('plan_name', 'text', (c) => c.notNull())
    .addColumn('plan_year', 'integer', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('answers', 'text', (c) => c.notNull())
    .addColumn('by_name', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addUniqueConstraint('villageplan_evaluations_village', ['village_id'])
    .execute();
  let cases = tableWithId(db, dialect, 'villageplan_cases')
    .addColumn('township_id', 'integer', (c) => c.notNull().references('org_units.id'))
    .addColumn('lead_village_id', 'integer', (c) => c.notNull().references('org_units.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('members', 'text', (c) => c.notNull())
    .addColumn('unit_name', 'text', (c) => c.notNull())
    .addColumn('unit_qualification', 'text', (c) => c.notNull())
    .addColumn('unit_grade', 'text', (c) => c.notNull());
  for (const col of ['scheme_note', 'review_note', 'meeting', 'meeting_on', 'notice_ids', 'notice_last_day', 'objections_reply', 'approval_no', 'approved_on', 'publish_due', 'submit_due', 'published_on', 'village_rules_note', 'submitted_on', 'evaluation_due', 'change_reason']) {
    cases = cases.addColumn(col, 'text');
  }
  await cases
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('villageplan_cases_township').on('villageplan_cases').columns(['township_id', 'status']).execute();
  await db.schema
    .createTable('villageplan_case_villages')
    .addColumn('case_id', 'integer', (c) => c.notNull().references('villageplan_cases.id'))
    .addColumn('village_id', 'integer', (c) => c.notNull().references('org_units.id'))
    // A village is planned in one case: a second case naming it loses the race (409).
    .addPrimaryKeyConstraint('villageplan_case_villages_pk', ['village_id'])
    .execute();
  await db.schema.createIndex('villageplan_case_villages_case').on('villageplan_case_villages').column('case_id').execute();
}

export async function down(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  for (const t of ['villageplan_case_villages', 'villageplan_cases', 'villageplan_evaluations', 'villageplan_classifications']) await db.schema.dropTable(t).ifExists().execute();
}
