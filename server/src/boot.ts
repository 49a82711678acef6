/** Opening the configured database with every module's migrations, and seeding the modules on start. */
import type { Config } from './config.js';
import { collectMigrations, migrateToLatest, openDb, type Db } from './core/db.js';
import type { XianwuModule } from './core/module.js';
import { MODULES } from './modules/index.js';

/** Every module's migrations, in timestamp order. */
export const allMigrations = (modules: readonly XianwuModule[] = MODULES) => collectMigrations(modules);

/** Open and migrate the configured database. */
export async function openConfiguredDb(config: Config): Promise<Db> {
  const db = openDb({ url: config.DATABASE_URL, sqlitePath: config.sqlitePath });
  await migrateToLatest(db, allMigrations());
  return db;
}
