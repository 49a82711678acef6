import type { Kysely } from 'kysely';
import type { DialectName } from '../../../core/db.js';
import { moneyType } from '../../../core/migration-kit.js';

/** 涉农资金统筹整合: a payment request is the implementing unit's report that a milestone is reached (「申请拨付」). */
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  await db.schema.alterTable('agrifund_milestones').addColumn('reported_at', 'text').execute();
  await db.schema.alterTable('agrifund_milestones').addColumn('reported_by', 'text').execute();
  await db.schema.alterTable('agrifund_milestones').addColumn('report_note', 'text').execute();
  await db.schema.alterTable('agrifund_milestones').addColumn('request_fen', moneyType(dialect)).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const c of ['request_fen', 'report_note', 'reported_by', 'reported_at']) await db.schema.alterTable('agrifund_milestones').dropColumn(c).execute();
}
