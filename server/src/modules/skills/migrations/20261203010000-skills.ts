import type { Kysely } from 'kysely';
import type { DialectName } from '../../../core/db.js';
import { tableWithId } from '../../../core/migration-kit.js';

/** 职业技能大赛 (交政办发〔2022〕15号). */
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  await tableWithId(db, dialect, 'skill_events')
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('category', 'integer', (c) => c.notNull())
    .addColumn('managing', 'text', (c) => c.notNull())
    .addColumn('pair', 'integer', (c) => c.notNull())
    .addColumn('team', 'integer', (c) => c.notNull())
    .addColumn('mode', 'text', (c) => c.notNull())
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('tie_decision', 'text')
    .addColumn('selected_at', 'text')
    .addColumn('ranked_at', 'text')
    .execute();
  await tableWithId(db, dialect, 'skill_registrations')
    .addColumn('event_id', 'integer', (c) => c.notNull().references('skill_events.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('id_no', 'text', (c) => c.notNull())
    .addColumn('phone', 'text', (c) => c.notNull())
    .addColumn('identity', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('org_units.id'))
    .addColumn('unit_name', 'text', (c) => c.notNull())
    .addColumn('ss_payer', 'text')
    .addColumn('licence', 'text')
    .addColumn('partner_name', 'text')
    .addColumn('partner_id_no', 'text')
    .addColumn('partner_phone', 'text')
    .addColumn('coach', 'text')
    .addColumn('declaration', 'text', (c) => c.notNull())
    .addColumn('user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('score', 'integer')
    .addColumn('video_seconds', 'integer')
    .addColumn('video_sha256', 'text')
    .addColumn('video_at', 'text')
    .addColumn('final_rank', 'integer')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  // 「选手排名原则上不并列」: a rank once per event (NULLs, before the final, are distinct in both dialects).
  await db.schema.createIndex('skill_registrations_rank').unique().on('skill_registrations').columns(['event_id', 'final_rank']).execute();
  await db.schema.createIndex('skill_registrations_unit').on('skill_registrations').columns(['unit_id', 'status']).execute();
  await db.schema.createIndex('skill_registrations_event').on('skill_registrations').columns(['event_id', 'status']).execute();
  await db.schema.createIndex('skill_registrations_user').on('skill_registrations').column('user_id').execute();
  await db.schema
    .createTable('skill_people')
    .addColumn('id_no', 'text', (c) => c.primaryKey())
    .addColumn('registration_id', 'integer', (c) => c.notNull().references('skill_registrations.id'))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('skill_people').execute();
  await db.schema.dropTable('skill_registrations').execute();
  await db.schema.dropTable('skill_events').execute();
}
