/** Test builders: accounts as the tests need them, without spelling out every column (units come from the directory's seed). */
import type { Role } from '../core/auth.js';
import type { Db } from '../core/db.js';

/** `count` active accounts named `<prefix>0…`, inserted in bulk (no Argon2 per account); returns their ids in order. */
export async function insertUsers(db: Db, count: number, o: { prefix: string; role?: Role; passwordHash?: string; unitId?: number | null }): Promise<number[]> {
  const at = new Date().toISOString();
  const ids: number[] = [];
  for (let i = 0; i < count; i += 1000) {
    const rows = Array.from({ length: Math.min(1000, count - i) }, (_, j) => ({
      username: `${o.prefix}${i + j}`,
      display_name: `${o.prefix}${i + j}`,
      password_hash: o.passwordHash ?? 'x',
      role: o.role ?? 'resident',
      unit_id: o.unitId ?? null,
      mobile: null,
      active: 1,
      must_change_password: 0,
      created_at: at,
      updated_at: at,
    }));
    ids.push(...(await db.kysely.insertInto('users').values(rows).returning('id').execute()).map((r) => r.id));
  }
  return ids;
}
