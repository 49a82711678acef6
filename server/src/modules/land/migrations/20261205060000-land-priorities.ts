import type { Kysely } from 'kysely';
import type { DialectName } from '../../../core/db.js';

/** Which of the plan's priorities a parcel serves (JSON codes, PRIORITIES): 重点建设项目, 基础设施, 民生工程, 存量建设用地. */
export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  await db.schema.alterTable('land_parcels').addColumn('priorities', 'text', (c) => c.notNull().defaultTo('[]')).execute();
}

export async function down(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  await db.schema.alterTable('land_parcels').dropColumn('priorities').execute();
}
