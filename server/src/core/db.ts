import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, sql, type Compilable, type CompiledQuery, type Migration, type MigrationProvider, type QueryResult, type Transaction } from 'kysely';
import pg from 'pg';
import type { DialectMigration } from './module.js';
import { QueuedSqliteDialect } from './sqlite-driver.js';

export type DialectName = 'sqlite' | 'postgres';

/**
 * Row types of every table, by table name. Each module adds its own tables (its `<name>.tables.ts`) by
 * declaration merging, so this interface only composes them.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface Database {}

/** Run work that writes through several modules' repositories as one transaction: all of it commits, or none. */
export type UnitOfWork = <T>(fn: () => Promise<T>) => Promise<T>;

export interface Db {
  /** The query builder: inside a unit of work, that unit's transaction, so every repository joins it. */
  readonly kysely: Kysely<Database>;
  dialect: DialectName;
  /** The SQLite handle, for the few hot paths that run prepared statements directly (inside kysely.connection()). */
  sqlite?: SQLite.Database;
  /** Run `fn` in a transaction: the enclosing unit of work's when there is one, else a new one. */
  transaction<T>(fn: (trx: Kysely<Database>) => Promise<T>): Promise<T>;
  unitOfWork: UnitOfWork;
  /** The PostgreSQL connection string (for LISTEN, which needs a connection of its own). */
  url?: string;
  /** Run `fn` when the Db is destroyed, before its pool closes (for connections opened beside the pool, e.g. LISTEN). */
  onDestroy(fn: () => Promise<void>): void;
  destroy(): Promise<void>;
}

export interface DbOptions {
  /** postgres://… for PostgreSQL; otherwise the SQLite file (or ':memory:'). */
  url?: string;
  sqlitePath?: string;
}

// PostgreSQL returns bigint counts as strings; the counts here fit comfortably in a JS number.
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));

/** The Db over a Kysely instance: the unit of work is kept in async context, so services never pass a transaction. */
function wrap(base: Kysely<Database>, dialect: DialectName, extra: { sqlite?: SQLite.Database; url?: string }): Db {
  const ambient = new AsyncLocalStorage<Transaction<Database>>();
  let open = 0;
  const disposers: (() => Promise<void>)[] = [];
  return {
    get kysely() {
      return ambient.getStore() ?? base;
    },
    dialect,
    ...extra,
    transaction(fn) {
      const trx = ambient.getStore();
      return trx ? fn(trx) : base.transaction().execute(fn);
    },
    unitOfWork(fn) {
      if (ambient.getStore()) return fn();
      // While any async context store is enabled, Node 20 runs a hook on every promise of every request (a third of
      // the CPU under load). The store is only needed while a unit of work is open: it is switched off when the last
      // one ends, and the next unit of work switches it on again.
      open++;
      return base
        .transaction()
        .execute((trx) => ambient.run(trx, fn))
        .finally(() => {
          if (--open === 0) ambient.disable();
        });
    },
    onDestroy: (fn) => void disposers.push(fn),
    async destroy() {
      for (const fn of disposers.splice(0)) await fn();
      await base.destroy();
    },
  };
}

/** Open the database (SQLite file by default, PostgreSQL for postgres:// URLs). */
export function openDb(opts: DbOptions): Db {
  if (opts.url && /^postgres(ql)?:\/\//.test(opts.url)) {
    const pool = new pg.Pool({ connectionString: opts.url, max: 10 });
    return wrap(new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }), 'postgres', { url: opts.url });
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
  return wrap(new Kysely<Database>({ dialect: new QueuedSqliteDialect(sqlite) }), 'sqlite', { sqlite });
}

/** Every module's migrations in one map, ordered by name (names start with their timestamp). */
export function collectMigrations(modules: readonly { name: string; migrations?: Record<string, DialectMigration> }[]): Record<string, DialectMigration> {
  const all: [string, DialectMigration][] = [];
  const seen = new Set<string>();
  for (const m of modules) {
    for (const [name, mig] of Object.entries(m.migrations ?? {})) {
      if (seen.has(name)) throw new Error(`迁移 ${name} 重复（模块 ${m.name}）`);
      seen.add(name);
      all.push([name, mig]);
    }
  }
  return Object.fromEntries(all.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/**
 * The schema a PostgreSQL connection writes to (its search path's first). Introspection lists every schema's tables:
 * without it, another schema's migration tables (another install's, a test's) are taken for this one's.
 */
async function ownSchema(db: Db): Promise<string | undefined> {
  if (db.dialect !== 'postgres') return undefined;
  return (await sql<{ s: string }>`select current_schema() as s`.execute(db.kysely)).rows[0]?.s;
}

/** The migrator over the given migrations, for the database's dialect (its tables in `schema` when given). */
export function migrator(db: Db, migrations: Record<string, DialectMigration>, schema?: string): Migrator {
  const provider: MigrationProvider = {
    async getMigrations() {
      const out: Record<string, Migration> = {};
      for (const [name, m] of Object.entries(migrations)) {
        out[name] = { up: (k) => m.up(k, db.dialect), down: (k) => m.down(k, db.dialect) };
      }
      return out;
    },
  };
  return new Migrator({ db: db.kysely, provider, migrationTableSchema: schema });
}

/**
 * A database migrated before a migration was split records the old name: record the parts that replaced it as
 * done, and forget the old name (the migrator refuses a recorded migration it no longer knows).
 */
async function recordReplacements(db: Db, migrations: Record<string, DialectMigration>): Promise<void> {
  const replaced = new Map<string, string[]>();
  for (const [name, m] of Object.entries(migrations)) for (const old of m.replaces ?? []) replaced.set(old, [...(replaced.get(old) ?? []), name]);
  if (!replaced.size) return;
  const k = db.kysely as unknown as Kysely<{ kysely_migration: { name: string; timestamp: string } }>;
  const tables = await k.introspection.getTables({ withInternalKyselyTables: true });
  const own = await ownSchema(db);
  if (!tables.some((t) => t.name === 'kysely_migration' && (own === undefined || t.schema === own))) return;
  const rows = await k.selectFrom('kysely_migration').select(['name', 'timestamp']).execute();
  const done = new Set(rows.map((r) => r.name));
  const stale = [...replaced.keys()].filter((old) => done.has(old) && !migrations[old]);
  if (!stale.length) return;
  await k.transaction().execute(async (trx) => {
    for (const old of stale) {
      for (const name of replaced.get(old)!) {
        // The old one's time: the migrator orders what ran by time, and the parts ran when it did.
        const timestamp = rows.find((r) => r.name === old)!.timestamp;
        if (!done.has(name)) await trx.insertInto('kysely_migration').values({ name, timestamp }).execute();
      }
      await trx.deleteFrom('kysely_migration').where('name', '=', old).execute();
    }
  });
}

/** Bring the schema up to date; migrations are written for both dialects. */
export async function migrateToLatest(db: Db, migrations: Record<string, DialectMigration>): Promise<void> {
  await recordReplacements(db, migrations);
  const { error, results } = await migrator(db, migrations, await ownSchema(db)).migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) throw new Error(`数据库迁移失败：${failed?.migrationName ?? ''} ${String(error)}`);
}

const SLOT = Symbol('slot');
// What a precompiled query's builder reads its values from: each field a placeholder naming it.
const SLOTS = new Proxy({}, { get: (_t, name) => ({ [SLOT]: name }) });

/**
 * A query built and compiled once per dialect, then run with each call's values bound where its placeholders were.
 * Building a Kysely query (its operation tree, then its SQL text) costs more than running it on a hot path; here a call
 * only binds. The builder reads its values from the placeholders it is given, one per value (a list: one per item);
 * a constant written into it (a literal, a limit) stays as written. A value left undefined is bound as null.
 */
export function precompile<A extends object, O>(build: (k: Kysely<Database>, p: A) => Compilable<O>) {
  const plans = new Map<DialectName, { query: CompiledQuery<O>; from: ({ slot: string } | { value: unknown })[] }>();
  return (k: Kysely<Database>, dialect: DialectName, args: A): Promise<QueryResult<O>> => {
    let plan = plans.get(dialect);
    if (!plan) {
      const query = build(k, SLOTS as A).compile();
      const from = query.parameters.map((v) => (v !== null && typeof v === 'object' && SLOT in v ? { slot: (v as { [SLOT]: string })[SLOT] } : { value: v }));
      plans.set(dialect, (plan = { query, from }));
    }
    const values = args as Record<string, unknown>;
    return k.executeQuery({ ...plan.query, parameters: plan.from.map((f) => ('slot' in f ? (values[f.slot] ?? null) : f.value)) });
  };
}

/** Whether an error is a unique-key violation, on either dialect. */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; message?: string };
  return e?.code === '23505' || e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || /UNIQUE constraint failed/.test(e?.message ?? '');
}
