/**
 * The dialects every repository test runs on, from one list (as in Kysely's own test setup):
 * SQLite always; PostgreSQL too when DATABASE_URL points at one (as .ci/run does).
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { allMigrations } from '../boot.js';
import { migrateToLatest, openDb, type Db, type DialectName } from '../core/db.js';

export const DIALECTS: DialectName[] = ['sqlite', ...(process.env.DATABASE_URL?.startsWith('postgres') ? (['postgres'] as const) : [])];

/**
 * A fresh, migrated database of the dialect; PostgreSQL gets its own schema, dropped by cleanup. `before` stops short
 * of the migrations named from it on (a migration's test fills the tables as they were, then migrates to the latest).
 */
export async function freshDb(dialect: DialectName, opts: { before?: string } = {}): Promise<{ db: Db; cleanup: () => Promise<void>; /** Another connection pool to the same database, as a second app process has (SQLite in memory: the same one). */ another: () => Db }> {
  const migrations = Object.fromEntries(Object.entries(allMigrations()).filter(([name]) => !opts.before || name < opts.before));
  if (dialect === 'sqlite') {
    const db = openDb({ sqlitePath: ':memory:' });
    await migrateToLatest(db, migrations);
    return { db, cleanup: () => db.destroy(), another: () => db };
  }
  const url = process.env.DATABASE_URL!;
  const schema = `t_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const u = new URL(url);
  u.searchParams.set('options', `-c search_path=${schema},public`);
  const db = openDb({ url: u.toString() });
  await migrateToLatest(db, migrations);
  const others: Db[] = [];
  return {
    db,
    another: () => {
      const other = openDb({ url: u.toString() });
      others.push(other);
      return other;
    },
    cleanup: async () => {
      for (const o of others) await o.destroy();
      await db.destroy();
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`drop schema ${schema} cascade`);
      await c.end();
    },
  };
}
