import { buildApp } from './app.js';
import { openConfiguredDb } from './boot.js';
import { loadConfig } from './config.js';
import { isoClock } from './core/time.js';

const config = (() => {
  try {
    return loadConfig();
  } catch (err) {
    console.error((err as Error).message);
    process.exit(1);
  }
})();

const db = await openConfiguredDb(config);
// The rehearsal clock (demo installs): it starts at VOUCHER_CLOCK_START and runs on; production uses real time.
const rehearsal = config.voucherClockStart ? isoClock(Date.parse(config.voucherClockStart) - Date.now()) : undefined;
const app = await buildApp({ config, db, now: rehearsal });
// Every module seeds what every install needs; demo installs also get a believable state.
const printed = await app.registry.seed({ demo: config.demoData });
const stopJobs = app.registry.startJobs((job, err) => app.log.error({ err, job }, 'scheduled job failed'));

const shutdown = async (signal: string) => {
  app.log.info(`收到 ${signal}，正在停止`);
  stopJobs();
  await app.close();
  await db.destroy();
  process.exit(0);
};
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

await app.listen({ port: config.PORT, host: config.HOST });
const where = config.DATABASE_URL ? 'PostgreSQL' : `SQLite（${config.sqlitePath}）`;
if (printed.length) console.log(printed.join('\n'));
if (config.voucherClockStart) console.log(`\n消费券演示时钟：从 ${config.voucherClockStart} 开始走（设置 VOUCHER_CLOCK_START 可改，生产环境使用真实时间）`);
console.log(`\n县务通 Xianwu 已启动：http://localhost:${config.PORT}  （数据库：${where}；接口文档：http://localhost:${config.PORT}/docs）\n`);
