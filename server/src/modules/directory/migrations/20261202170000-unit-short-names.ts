import type { Kysely } from 'kysely';
import type { DialectName } from '../../../core/db.js';
import { DEPARTMENTS, OUTSIDE_BODIES } from '../directory.data.js';

/**
 * Installs seeded before the gazette's further short forms were listed (县发改, 县工信, 县审批, 爱卫办 …) get them too,
 * so extraction resolves the same names on an old install as on a new one. Forms an administrator added are kept.
 */
export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  for (const u of [...DEPARTMENTS, ...OUTSIDE_BODIES]) {
    const row = await db.selectFrom('org_units').select(['id', 'short_names']).where('name', '=', u.name).where('kind', 'in', ['department', 'body']).executeTakeFirst();
    if (!row) continue;
    const had = JSON.parse(row.short_names || '[]') as string[];
    const merged = [...new Set([...had, ...u.shortNames])];
    if (merged.length !== had.length) await db.updateTable('org_units').set({ short_names: JSON.stringify(merged) }).where('id', '=', row.id).execute();
  }
}

/** The short forms stay: they are names the gazette prints, harmless to keep. */
export async function down(_db: Kysely<any>, _dialect: DialectName): Promise<void> {}
