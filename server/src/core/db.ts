import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, type Migration, type MigrationProvider } from 'kysely';
import pg from 'pg';
import type { Database } from '../db/schema.js';
import { migrations } from '../db/migrations/index.js';

export type DialectName = 'sqlite' | 'postgres';

export interface Db {
  kysely: Kysely<Database>;
  dialect: DialectName;
  /** The SQLite handle, for the few hot paths that run prepared statements directly (inside kysely.connection()). */
  sqlite?: SQLite.Database;
  destroy(): Promise<void>;
}

export interface DbOptions {
  /** postgres://… for PostgreSQL; otherwise the SQLite file (or ':memory:'). */
  url?: string;
  sqlitePath?: string;
}

// PostgreSQL returns bigint counts as strings; the counts here fit comfortably in a JS number.
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));

/** Open the database (SQLite file by default, PostgreSQL for postgres:// URLs). */
export function openDb(opts: DbOptions): Db {
  if (opts.url && /^postgres(ql)?:\/\//.test(opts.url)) {
    const pool = new pg.Pool({ connectionString: opts.url, max: 10 });
    const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { kysely, dialect: 'postgres', destroy: () => kysely.destroy() };
  }
  const file = opts.sqlitePath ?? ':memory:';
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // Acknowledged means on disk: FULL syncs the WAL on every commit.
  sqlite.pragma('synchronous = FULL');
  // Every request looks up its session: keep the hot pages in memory rather than re-reading them through
  // the 2 MB default cache (a 100,000-session table is ~25 MB). Reads go through the OS page cache either way.
  sqlite.pragma('cache_size = -131072');
  sqlite.pragma('mmap_size = 1073741824');
  const kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  return { kysely, dialect: 'sqlite', sqlite, destroy: () => kysely.destroy() };
}

/** The migrator over every migration in db/migrations, for the database's dialect. */
export function migrator(db: Db): Migrator {
  const provider: MigrationProvider = {
    async getMigrations() {
      const out: Record<string, Migration> = {};
      for (const [name, m] of Object.entries(migrations)) {
        out[name] = { up: (k) => m.up(k, db.dialect), down: (k) => m.down(k, db.dialect) };
      }
      return out;
    },
  };
  return new Migrator({ db: db.kysely, provider });
}

/** Bring the schema up to date; migrations are written for both dialects. */
export async function migrateToLatest(db: Db): Promise<void> {
  const { error, results } = await migrator(db).migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) throw new Error(`数据库迁移失败：${failed?.migrationName ?? ''} ${String(error)}`);
}
