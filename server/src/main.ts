import { buildApp } from './app.js';
import { openConfiguredDb, seedGazette } from './boot.js';
import { loadConfig } from './config.js';

const config = (() => {
  try {
    return loadConfig();
  } catch (err) {
    console.error((err as Error).message);
    process.exit(1);
  }
})();

const db = await openConfiguredDb(config);
const app = await buildApp({ config, db });
if (config.SEED_GAZETTE) await seedGazette(db, (m) => app.log.info(m));

const shutdown = async (signal: string) => {
  app.log.info(`收到 ${signal}，正在停止`);
  await app.close();
  await db.destroy();
  process.exit(0);
};
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

await app.listen({ port: config.PORT, host: config.HOST });
const where = config.DATABASE_URL ? 'PostgreSQL' : `SQLite（${config.sqlitePath}）`;
console.log(`\n县务通 Xianwu 已启动：http://localhost:${config.PORT}  （数据库：${where}；接口文档：http://localhost:${config.PORT}/docs）\n`);
