import type { Kysely } from 'kysely';
import type { DialectName } from '../../../core/db.js';

/** A merchant is an enterprise or an individual business (个体工商户); those registered before are enterprises. */
export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  await db.schema.alterTable('merchants').addColumn('entity_type', 'text', (c) => c.notNull().defaultTo('enterprise')).execute();
}

export async function down(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  await db.schema.alterTable('merchants').dropColumn('entity_type').execute();
}
