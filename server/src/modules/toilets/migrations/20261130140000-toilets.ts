import type { CreateTableBuilder, Kysely } from 'kysely';
import type { DialectName } from '../../../core/db.js';
import { moneyType, tableWithId } from '../../../core/migration-kit.js';

/** What a survey records of a household, in the register and in an import's staged rows alike. */
const surveyColumns = <T extends string, C extends string>(t: CreateTableBuilder<T, C>) =>
  t
    .addColumn('head_name', 'text', (c) => c.notNull())
    .addColumn('id_no', 'text', (c) => c.notNull())
    .addColumn('phone', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('members', 'integer', (c) => c.notNull())
    .addColumn('current_type', 'text', (c) => c.notNull())
    .addColumn('pits', 'integer', (c) => c.notNull())
    .addColumn('sanitary', 'integer', (c) => c.notNull())
    .addColumn('wish', 'integer', (c) => c.notNull());

/** 农村改厕 (交政办发〔2022〕10号). */
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  const money = moneyType(dialect);
  await surveyColumns(
    tableWithId(db, dialect, 'toilet_households')
      .addColumn('township_id', 'integer', (c) => c.notNull().references('org_units.id'))
      .addColumn('village_id', 'integer', (c) => c.notNull().references('org_units.id')),
  )
    .addColumn('wish_note', 'text', (c) => c.notNull())
    .addColumn('user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('mode', 'text')
    .addColumn('selected_at', 'text')
    .addColumn('priority_note', 'text')
    .addColumn('batch_id', 'integer')
    .addColumn('agreement_no', 'text')
    .addColumn('agreement_at', 'text')
    .addColumn('builder_kind', 'text')
    .addColumn('builder_name', 'text')
    .addColumn('supervisor_name', 'text')
    .addColumn('tender_fen', money)
    .addColumn('toilet_no', 'text', (c) => c.unique())
    .addColumn('started_at', 'text')
    .addColumn('completed_at', 'text')
    .addColumn('checks', 'text')
    .addColumn('checks_passed', 'integer')
    .addColumn('superstructure_passed', 'integer')
    .addColumn('accepted_at', 'text')
    .addColumn('subsidy_fen', money)
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    // A household is in the programme once.
    .addUniqueConstraint('toilet_households_id_no', ['id_no'])
    .execute();
  // The dashboard counts by township, village, status and coverage from this index alone.
  await db.schema.createIndex('toilet_households_progress').on('toilet_households').columns(['township_id', 'village_id', 'status', 'sanitary', 'wish']).execute();
  // A township's money is counted from this index alone (status, mode, 坑位, tender price, subsidy).
  await db.schema.createIndex('toilet_households_money').on('toilet_households').columns(['township_id', 'status', 'mode', 'pits', 'tender_fen', 'subsidy_fen']).execute();
  await db.schema.createIndex('toilet_households_user').on('toilet_households').column('user_id').execute();
  await db.schema
    .createTable('toilet_quotas')
    .addColumn('township_id', 'integer', (c) => c.notNull().references('org_units.id'))
    .addColumn('bucket', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('cap', 'integer', (c) => c.notNull())
    .addColumn('used', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('toilet_quotas_pk', ['township_id', 'bucket'])
    .execute();
  await tableWithId(db, dialect, 'toilet_batches')
    .addColumn('township_id', 'integer', (c) => c.notNull())
    .addColumn('village_id', 'integer', (c) => c.notNull())
    .addColumn('notice_id', 'integer', (c) => c.notNull().references('public_notices.id'))
    .addColumn('notice_end', 'text', (c) => c.notNull())
    .addColumn('households', 'integer', (c) => c.notNull())
    .addColumn('by_name', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('toilet_objection_resolutions')
    .addColumn('objection_id', 'integer', (c) => c.primaryKey())
    .addColumn('batch_id', 'integer', (c) => c.notNull())
    .addColumn('resolution', 'text', (c) => c.notNull())
    .addColumn('by_name', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('toilet_signatures')
    .addColumn('household_id', 'integer', (c) => c.notNull().references('toilet_households.id'))
    .addColumn('party', 'text', (c) => c.notNull())
    .addColumn('signer_name', 'text', (c) => c.notNull())
    .addColumn('by_user_id', 'integer')
    .addColumn('by_role', 'text', (c) => c.notNull())
    .addColumn('via', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('toilet_signatures_pk', ['household_id', 'party'])
    .execute();
  await tableWithId(db, dialect, 'toilet_tenders')
    .addColumn('township_id', 'integer', (c) => c.notNull())
    .addColumn('item', 'text', (c) => c.notNull())
    .addColumn('winner', 'text', (c) => c.notNull())
    .addColumn('price_fen', money, (c) => c.notNull())
    .addColumn('document_no', 'text', (c) => c.notNull())
    .addColumn('by_name', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('toilet_acceptance_requests')
    .addColumn('township_id', 'integer', (c) => c.primaryKey())
    .addColumn('accepted', 'integer', (c) => c.notNull())
    .addColumn('by_name', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await tableWithId(db, dialect, 'toilet_spot_checks')
    .addColumn('township_id', 'integer', (c) => c.notNull())
    .addColumn('household_id', 'integer', (c) => c.notNull().references('toilet_households.id'))
    .addColumn('passed', 'integer', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('by_name', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('toilet_payments')
    .addColumn('township_id', 'integer', (c) => c.notNull())
    .addColumn('stage', 'integer', (c) => c.notNull())
    .addColumn('allocation_fen', money, (c) => c.notNull())
    .addColumn('amount_fen', money, (c) => c.notNull())
    .addColumn('basis', 'text', (c) => c.notNull())
    .addColumn('by_name', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('toilet_payments_pk', ['township_id', 'stage'])
    .execute();
  await tableWithId(db, dialect, 'toilet_reports')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'integer', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('due', 'text', (c) => c.notNull())
    .addColumn('figures', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('by_name', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text', (c) => c.notNull())
    .addColumn('submitted_day', 'text', (c) => c.notNull())
    .addUniqueConstraint('toilet_reports_once', ['kind', 'unit_id', 'period'])
    .execute();
  await tableWithId(db, dialect, 'toilet_imports')
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('total', 'integer', (c) => c.notNull())
    .addColumn('percent', 'integer', (c) => c.notNull())
    .addColumn('done', 'integer', (c) => c.notNull())
    .addColumn('errors', 'integer', (c) => c.notNull())
    .addColumn('committed', 'integer', (c) => c.notNull())
    .addColumn('message', 'text')
    .addColumn('by_user_id', 'integer', (c) => c.notNull())
    .addColumn('by_name', 'text', (c) => c.notNull())
    .addColumn('scope_township_id', 'integer')
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await surveyColumns(
    db.schema
      .createTable('toilet_import_rows')
      .addColumn('import_id', 'integer', (c) => c.notNull())
      .addColumn('row_no', 'integer', (c) => c.notNull())
      .addColumn('township_id', 'integer')
      .addColumn('village_id', 'integer'),
  )
    .addColumn('error', 'text')
    .addPrimaryKeyConstraint('toilet_import_rows_pk', ['import_id', 'row_no'])
    .execute();
}

export async function down(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  for (const t of ['toilet_import_rows', 'toilet_imports', 'toilet_reports', 'toilet_payments', 'toilet_spot_checks', 'toilet_acceptance_requests', 'toilet_tenders', 'toilet_signatures', 'toilet_objection_resolutions', 'toilet_batches', 'toilet_quotas', 'toilet_households']) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
