import type { Kysely } from 'kysely';
import type { DialectName } from '../../../core/db.js';
import { moneyType, tableWithId } from '../../../core/migration-kit.js';

/** 农业生产托管 (交政办发〔2022〕16号). */
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  await tableWithId(db, dialect, 'trusteeship_orgs')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('credit_code', 'text', (c) => c.notNull().unique())
    .addColumn('org_type', 'text', (c) => c.notNull())
    .addColumn('township_id', 'integer', (c) => c.notNull().references('org_units.id'))
    .addColumn('village_id', 'integer', (c) => c.references('org_units.id'))
    .addColumn('owner_user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('criteria', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('village_recommended_by', 'text')
    .addColumn('recommended_by', 'text')
    .addColumn('reviewed_by', 'text')
    .addColumn('review_note', 'text')
    .addColumn('notice_end', 'text')
    .addColumn('county_contract_no', 'text')
    .addColumn('county_contract_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await tableWithId(db, dialect, 'trusteeship_contracts')
    .addColumn('org_id', 'integer', (c) => c.notNull().references('trusteeship_orgs.id'))
    .addColumn('season', 'integer', (c) => c.notNull())
    .addColumn('farmer_name', 'text', (c) => c.notNull())
    .addColumn('farmer_id_no', 'text', (c) => c.notNull())
    .addColumn('farmer_phone', 'text', (c) => c.notNull())
    .addColumn('farmer_user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('village_id', 'integer', (c) => c.notNull().references('org_units.id'))
    .addColumn('township_id', 'integer', (c) => c.notNull().references('org_units.id'))
    .addColumn('location', 'text', (c) => c.notNull())
    .addColumn('plot_key', 'text', (c) => c.notNull())
    .addColumn('area_centi', 'integer', (c) => c.notNull())
    .addColumn('crop', 'text', (c) => c.notNull())
    .addColumn('stages', 'text', (c) => c.notNull())
    .addColumn('period_from', 'text', (c) => c.notNull())
    .addColumn('period_to', 'text', (c) => c.notNull())
    .addColumn('quality', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('trusteeship_contracts_org').on('trusteeship_contracts').columns(['org_id', 'season']).execute();
  await tableWithId(db, dialect, 'trusteeship_works')
    .addColumn('contract_id', 'integer', (c) => c.notNull().references('trusteeship_contracts.id'))
    .addColumn('org_id', 'integer', (c) => c.notNull().references('trusteeship_orgs.id'))
    .addColumn('plot_key', 'text', (c) => c.notNull())
    .addColumn('plot_area_centi', 'integer', (c) => c.notNull())
    .addColumn('season', 'integer', (c) => c.notNull())
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('work_date', 'text', (c) => c.notNull())
    .addColumn('area_centi', 'integer', (c) => c.notNull())
    .addColumn('passes', 'integer', (c) => c.notNull())
    .addColumn('evidence', 'text', (c) => c.notNull())
    .addColumn('farmer_status', 'text', (c) => c.notNull())
    .addColumn('farmer_note', 'text')
    .addColumn('farmer_at', 'text')
    .addColumn('township_area_centi', 'integer')
    .addColumn('township_acceptance_id', 'integer')
    .addColumn('county_area_centi', 'integer')
    .addColumn('county_acceptance_id', 'integer')
    .addColumn('paid_fen', moneyType(dialect))
    .addColumn('settlement_id', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    // 「同一地块同一环节同一季」 is claimed once (spraying's several passes are one claim with its passes).
    .addUniqueConstraint('trusteeship_works_once', ['plot_key', 'season', 'stage'])
    .execute();
  await db.schema.createIndex('trusteeship_works_org').on('trusteeship_works').columns(['org_id', 'season']).execute();
  // The season's settlement reads works plot by plot in the order they were done.
  await db.schema.createIndex('trusteeship_works_plot_order').on('trusteeship_works').columns(['season', 'plot_key', 'work_date', 'id']).execute();
  await tableWithId(db, dialect, 'trusteeship_acceptances')
    .addColumn('org_id', 'integer', (c) => c.notNull().references('trusteeship_orgs.id'))
    .addColumn('season', 'integer', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('by_name', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('notice_end', 'text', (c) => c.notNull())
    .addColumn('notice_id', 'integer', (c) => c.references('public_notices.id'))
    .addUniqueConstraint('trusteeship_acceptances_once', ['org_id', 'season', 'level'])
    .execute();
  await tableWithId(db, dialect, 'trusteeship_samplings')
    .addColumn('season', 'integer', (c) => c.notNull().unique())
    .addColumn('seed', 'text', (c) => c.notNull())
    .addColumn('drawn', 'text', (c) => c.notNull())
    .addColumn('by_name', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('trusteeship_rates')
    .addColumn('season', 'integer', (c) => c.primaryKey())
    .addColumn('document', 'text', (c) => c.notNull())
    .addColumn('stages', 'text', (c) => c.notNull())
    .addColumn('entered_by', 'text', (c) => c.notNull())
    .addColumn('entered_at', 'text', (c) => c.notNull())
    .execute();
  await tableWithId(db, dialect, 'trusteeship_settlements')
    .addColumn('org_id', 'integer', (c) => c.notNull().references('trusteeship_orgs.id'))
    .addColumn('season', 'integer', (c) => c.notNull())
    .addColumn('total_fen', moneyType(dialect), (c) => c.notNull())
    .addColumn('lines', 'text', (c) => c.notNull())
    .addColumn('by_name', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addUniqueConstraint('trusteeship_settlements_once', ['org_id', 'season'])
    .execute();
}

export async function down(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  for (const t of ['trusteeship_settlements', 'trusteeship_rates', 'trusteeship_samplings', 'trusteeship_acceptances', 'trusteeship_works', 'trusteeship_contracts', 'trusteeship_orgs']) await db.schema.dropTable(t).ifExists().execute();
}
