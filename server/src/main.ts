import { buildApp } from './app.js';
import { DEMO_PASSWORD, formatAccounts, openConfiguredDb, seedAccounts, seedGazette, seedVouchers } from './boot.js';
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
// The vouchers' clock: real time, or a rehearsal clock that starts at VOUCHER_CLOCK_START and runs on.
const voucherNow = config.voucherClockStart ? isoClock(Date.parse(config.voucherClockStart) - Date.now()) : undefined;
const app = await buildApp({ config, db, now: voucherNow });
if (config.SEED_GAZETTE) await seedGazette(db, (m) => app.log.info(m));
const created = await seedAccounts(db, config.demoAccounts);
await seedVouchers(db);
// Expired vouchers free their budget for later rounds.
const expiry = setInterval(() => void app.vouchers.expireDue().catch((err: unknown) => app.log.error({ err }, 'voucher expiry failed')), 60_000);
expiry.unref();

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
if (created.length) console.log(`\n${formatAccounts(created, config.demoAccounts)}`);
else if (config.demoAccounts) console.log(`\n演示账号已存在（admin、gongxin、tianning、xiying、cunwei、fuwu、shanghu、jumin、shenji），密码 ${DEMO_PASSWORD}（如未修改）`);
if (config.voucherClockStart) console.log(`\n消费券演示时钟：从 ${config.voucherClockStart} 开始走（设置 VOUCHER_CLOCK_START 可改，生产环境使用真实时间）`);
console.log(`\n县务通 Xianwu 已启动：http://localhost:${config.PORT}  （数据库：${where}；接口文档：http://localhost:${config.PORT}/docs）\n`);
