import type { Kysely } from 'kysely';
import type { DialectName } from '../../../core/db.js';
import { moneyType, tableWithId } from '../../../core/migration-kit.js';

/** 国有建设用地供应计划 (交政发〔2022〕2号): plans, caps per use, parcels. */
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  await tableWithId(db, dialect, 'land_plans')
    .addColumn('year', 'integer', (c) => c.notNull().unique())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('total_sqm', 'integer', (c) => c.notNull())
    .addColumn('used_total_sqm', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('land_plan_caps')
    .addColumn('plan_id', 'integer', (c) => c.notNull().references('land_plans.id'))
    .addColumn('use', 'text', (c) => c.notNull())
    .addColumn('cap_sqm', 'integer', (c) => c.notNull())
    .addColumn('used_sqm', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('land_plan_caps_pk', ['plan_id', 'use'])
    .execute();
  await tableWithId(db, dialect, 'land_parcels')
    .addColumn('plan_id', 'integer', (c) => c.notNull().references('land_plans.id'))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('location', 'text', (c) => c.notNull())
    .addColumn('use', 'text', (c) => c.notNull())
    .addColumn('sub_use', 'text')
    .addColumn('housing_type', 'text')
    .addColumn('area_sqm', 'integer', (c) => c.notNull())
    .addColumn('boundary_sqm', 'integer', (c) => c.notNull())
    .addColumn('boundary', 'text', (c) => c.notNull())
    .addColumn('min_lng', 'double precision', (c) => c.notNull())
    .addColumn('min_lat', 'double precision', (c) => c.notNull())
    .addColumn('max_lng', 'double precision', (c) => c.notNull())
    .addColumn('max_lat', 'double precision', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('intending_users', 'integer', (c) => c.notNull())
    .addColumn('project', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('price_fen', moneyType(dialect))
    .addColumn('buyer', 'text')
    .addColumn('agreed_start', 'text')
    .addColumn('agreed_completion', 'text')
    .addColumn('started_on', 'text')
    .addColumn('completed_on', 'text')
    .addColumn('demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('land_parcels_bbox').on('land_parcels').columns(['min_lng', 'min_lat']).execute();
}

export async function down(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  for (const t of ['land_parcels', 'land_plan_caps', 'land_plans']) await db.schema.dropTable(t).ifExists().execute();
}
