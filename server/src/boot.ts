import { readFileSync } from 'node:fs';
import type { Config } from './config.js';
import { migrateToLatest, openDb, type Db } from './core/db.js';
import { SYSTEM_ACTOR } from './core/audit.js';
import { ROLE_LABELS } from './core/auth.js';
import { GAZETTE_FIXTURE, createGazette } from './modules/gazette/index.js';
import { createDirectory } from './modules/directory/index.js';
import { createAccounts, type DemoAccount } from './modules/accounts/index.js';

/** The demo accounts' password (demo installs only). */
export const DEMO_PASSWORD = 'xianwu2022';

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
    actor: SYSTEM_ACTOR,
  });
  log(`已导入 2022 年交城县人民政府公报：${res.documents} 件公文`);
  return res.documents;
}

/** Directory on first start; demo accounts for every role (or, in production, one administrator). */
export async function seedAccounts(db: Db, demo: boolean): Promise<DemoAccount[]> {
  const directory = createDirectory(db);
  await directory.seedIfEmpty();
  const accounts = createAccounts(db, directory);
  if (demo) return accounts.seedDemo(DEMO_PASSWORD);
  const admin = await accounts.seedAdmin();
  return admin ? [admin] : [];
}

/** The accounts table printed on start. */
export function formatAccounts(list: DemoAccount[], demo: boolean): string {
  if (!list.length) return '';
  const lines = list.map((a) => `  ${a.username.padEnd(10)} ${a.password.padEnd(14)} ${ROLE_LABELS[a.role].padEnd(8, '　')} ${a.unit ?? ''}`);
  const head = demo ? '演示账号（每个角色一个；生产环境请设置 NODE_ENV=production 关闭）：' : '已创建管理员账号（首次登录须修改密码，请妥善保存）：';
  return `${head}\n  用户名     密码           角色       所属单位\n${lines.join('\n')}`;
}

/** The voucher campaign of 交政办发〔2022〕13号, set up from the document on first start. */
export async function seedVouchers(db: Db): Promise<void> {
  const { createVouchers } = await import('./modules/vouchers/index.js');
  await createVouchers(db, createDirectory(db)).seedIfEmpty();
}
