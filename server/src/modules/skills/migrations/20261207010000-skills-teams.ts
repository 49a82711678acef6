import type { Kysely } from 'kysely';

/** The other teams' scores as the city announces them, for the county team's place (交政办发〔2022〕15号 八、（二）). */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('skill_other_teams')
    .addColumn('team', 'text', (c) => c.primaryKey())
    .addColumn('county', 'integer', (c) => c.notNull())
    .addColumn('contestant_points', 'integer', (c) => c.notNull())
    .addColumn('rank_points', 'integer', (c) => c.notNull())
    .addColumn('entered_by', 'text', (c) => c.notNull())
    .addColumn('entered_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('skill_other_teams').execute();
}
