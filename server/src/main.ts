import { buildApp } from './app.js';
import { openConfiguredDb } from './boot.js';
import { loadConfig } from './config.js';
import { listen } from './core/listen.js';
import { MODULES } from './modules/index.js';

const config = (() => {
  try {
    return loadConfig(process.env, MODULES);
  } catch (err) {
    console.error((err as Error).message);
    process.exit(1);
  }
})();

const db = await openConfiguredDb(config);
const app = await buildApp({ config, db });
// Every module seeds what every install needs; demo installs also get a believable state.
const printed = await app.registry.seed({ demo: config.demoData });
printed.push(...(await app.registry.start()));
const stopJobs = app.registry.startJobs((job, err) => app.log.error({ err, job }, 'scheduled job failed'));

// A turn of the event loop held past the slow-request limit delays every request at once: say so, with how long.
let lastTick = performance.now();
const lagProbe = setInterval(() => {
  const lag = performance.now() - lastTick - 500;
  lastTick = performance.now();
  if (config.SLOW_REQUEST_MS > 0 && lag > config.SLOW_REQUEST_MS) app.log.warn({ ms: Math.round(lag) }, '事件循环阻塞');
}, 500).unref();

let closeListeners = async () => {};
const shutdown = async (signal: string) => {
  app.log.info(`收到 ${signal}，正在停止`);
  stopJobs();
  clearInterval(lagProbe);
  await closeListeners();
  await app.close();
  await db.destroy();
  process.exit(0);
};
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

// A deep accept queue: at 10:00 on a Saturday thousands of phones connect at once, and a connection the kernel
// drops waits a second or more to try again (Node's default backlog is 511).
const listening = await listen(app, { port: config.PORT, host: config.HOST, sockets: config.LISTEN_SOCKETS, backlog: 4096, log: (m) => app.log.warn(m) });
closeListeners = listening.close;
const where = config.DATABASE_URL ? 'PostgreSQL' : `SQLite（${config.sqlitePath}）`;
if (printed.length) console.log(printed.join('\n'));
console.log(`\n县务通 Xianwu 已启动：http://localhost:${config.PORT}  （数据库：${where}；接口文档：http://localhost:${config.PORT}/docs）`);
if (config.demoAccounts && config.HOST === '127.0.0.1') console.log('演示安装只在本机（127.0.0.1）监听：演示账号的密码是公开的。要让其他电脑访问，请设置 HOST=0.0.0.0（并关闭演示账号）。');
console.log('');
