import type { Kysely } from 'kysely';
import type { DialectName } from '../../../core/db.js';
import { DEPARTMENTS, OUTSIDE_BODIES } from '../directory.data.js';

/**
 * Departments and bodies get the directory's own codes (`JC-…`): modules name the bodies that act in their procedures
 * by code, so a unit renamed in the directory keeps its authority. A code an administrator already entered is kept.
 */
export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  for (const u of [...DEPARTMENTS, ...OUTSIDE_BODIES]) {
    if (!u.code) continue;
    const taken = await db.selectFrom('org_units').select('id').where('code', '=', u.code).executeTakeFirst();
    if (taken) continue;
    await db.updateTable('org_units').set({ code: u.code }).where('name', '=', u.name).where('code', 'is', null).where('kind', 'in', ['department', 'body']).execute();
  }
}

export async function down(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  await db.updateTable('org_units').set({ code: null }).where('code', 'like', 'JC-%').execute();
}
