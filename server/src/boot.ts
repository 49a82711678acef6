import { readFileSync } from 'node:fs';
import type { Config } from './config.js';
import { migrateToLatest, openDb, type Db } from './core/db.js';
import { GAZETTE_FIXTURE, createGazette } from './modules/gazette/index.js';

/** Open and migrate the configured database. */
export async function openConfiguredDb(config: Config): Promise<Db> {
  const db = openDb({ url: config.DATABASE_URL, sqlitePath: config.sqlitePath });
  await migrateToLatest(db);
  return db;
}

/** Import the bundled gazette when the registry is empty; returns how many documents were imported. */
export async function seedGazette(db: Db, log: (msg: string) => void): Promise<number> {
  const { service, repository } = createGazette(db);
  if ((await repository.countDocuments()) > 0) return 0;
  const res = await service.importText(readFileSync(GAZETTE_FIXTURE, 'utf8'), {
    fileName: 'jiaocheng-gazette-2022.txt',
    actor: 'system',
  });
  log(`已导入 2022 年交城县人民政府公报：${res.documents} 件公文`);
  return res.documents;
}
