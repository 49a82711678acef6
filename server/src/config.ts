import { resolve } from 'node:path';
import { z } from 'zod';

/** Environment variables the server reads; parsed once at boot, all problems listed, then frozen. */
const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /** Listen address; demo installs (known passwords) default to this machine only. */
  HOST: z.string().min(1).optional(),
  /**
   * How many listening sockets (SO_REUSEPORT, Linux) hand connections to the one HTTP server. Node 20's libuv accepts
   * one connection per socket per event-loop turn; under a full load a turn takes tens of milliseconds, so one socket
   * accepts a few dozen connections a second while thousands wait. 1: a single ordinary socket.
   */
  LISTEN_SOCKETS: z.coerce.number().int().min(1, 'LISTEN_SOCKETS 至少为 1').max(256, 'LISTEN_SOCKETS 至多 256').default(64),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .preprocess((v) => (v === '' ? undefined : v), z.string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL 必须以 postgres:// 开头（不设置则使用内置 SQLite）')
    .optional()),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** A request slower than this is logged as a warning with its route and time, so a slow path shows without info logs (0: never). */
  SLOW_REQUEST_MS: z.coerce.number().int().min(0).default(2000),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  /** Demo accounts for every role on first start; off by default in production. */
  DEMO_ACCOUNTS: z.enum(['true', 'false']).optional(),
  /** A believable state (claims, redemptions, notices) on first start; follows DEMO_ACCOUNTS unless set. */
  DEMO_DATA: z.enum(['true', 'false']).optional(),
  /**
   * Where a demo install's one clock starts (ISO with its offset): every programme module runs on it from there, so
   * the demo story happens in one programme year. Unset: 2022-07-12 09:30 (core/module.ts DEMO_CLOCK_DEFAULT);
   * `real` keeps real time. Only demo-data installs use it; a module's own *_CLOCK_START still wins.
   */
  DEMO_CLOCK_START: z.union([z.literal('real'), z.string().datetime({ offset: true, message: 'DEMO_CLOCK_START 应为带时区的 ISO 时间，如 2022-07-12T09:30:00+08:00，或 real' })]).optional(),
  /** Mark cookies Secure (set when served over HTTPS). */
  COOKIE_SECURE: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
  /** Per-client request limits (core/rate-limit.ts); off only to measure the server's own work. */
  RATE_LIMITS: z.enum(['on', 'off']).default('on').transform((v) => v === 'on'),
  /**
   * Routes that declare `shed` turn requests away while the event loop runs late (core/pressure.ts). Off in the
   * test apps, where a slow start (migrations) would turn a test's first request away; tests of the rule switch it on.
   */
  LOAD_SHEDDING: z.enum(['on', 'off']).default('on').transform((v) => v === 'on'),
  /**
   * Behind a reverse proxy: which hops to trust for the client's address (X-Forwarded-For), as Fastify's trustProxy
   * takes it — 'true', or the proxies' addresses/CIDRs separated by commas. Unset: the connection's own address.
   */
  TRUST_PROXY: z.string().min(1).optional(),
  /** The Chromium that prints pages to PDF (Debian's package, with a Chinese font); without it PDF downloads answer 503. */
  CHROMIUM_PATH: z.string().min(1).default('/usr/bin/chromium'),
  /**
   * Budgets for reading an uploaded workbook (core/excel.ts readFirstSheetOffThread), which anyone who may import
   * sends. One entry of the zip may inflate to this many MB: a 100,000-household survey's sheet as exceljs writes it
   * (inline strings) is 48 MB, so this leaves room for longer addresses, while a zip bomb stops here, not at 1 GB.
   */
  XLSX_MAX_ENTRY_MB: z.coerce.number().int().min(1).max(2047).default(128),
  /** How many times its compressed size an entry may inflate to: sheets deflate about 10:1, bombs 1000:1. */
  XLSX_MAX_RATIO: z.coerce.number().int().min(2).default(100),
  /** How long reading one workbook may take (a 100,000-row survey reads in a few seconds), worker start included. */
  XLSX_READ_TIMEOUT_MS: z.coerce.number().int().min(1).default(20_000),
  /** The reading worker's heap: the rows of a 100,000-row survey take about 100 MB of it, the inflated XML is outside it. */
  XLSX_READ_HEAP_MB: z.coerce.number().int().min(16).default(512),
  /** Import the bundled 2022 gazette when the database has no documents. */
  SEED_GAZETTE: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
});

export type Config = Readonly<
  Omit<z.infer<typeof EnvSchema>, 'DEMO_ACCOUNTS' | 'DEMO_DATA' | 'HOST'> & {
    HOST: string;
    dataDir: string;
    sqlitePath: string;
    demoAccounts: boolean;
    demoData: boolean;
    /** Each module's own variables (its manifest's `env`), parsed with the platform's. */
    modules: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  }
>;

/** A module's environment variables, as its manifest declares them. */
interface ModuleEnv {
  name: string;
  env?: z.ZodObject;
}

/** Parse configuration from an environment, the platform's variables and every module's; throws one error listing every problem. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, modules: readonly ModuleEnv[] = []): Config {
  const owner = new Map<string, string>(Object.keys(EnvSchema.shape).map((k) => [k, '平台']));
  for (const m of modules) {
    for (const key of Object.keys(m.env?.shape ?? {})) {
      if (owner.has(key)) throw new Error(`配置错误：变量 ${key} 由${owner.get(key)}与模块 ${m.name} 重复声明`);
      owner.set(key, `模块 ${m.name}`);
    }
  }
  const all = z.object({ platform: EnvSchema, ...Object.fromEntries(modules.filter((m) => m.env).map((m) => [m.name, m.env!])) });
  const parsed = all.safeParse(Object.fromEntries([['platform', env], ...modules.filter((m) => m.env).map((m) => [m.name, env])]));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  - ${i.path.slice(1).join('.')}: ${i.message}`);
    throw new Error(`配置错误：\n${lines.join('\n')}`);
  }
  const { platform, ...moduleValues } = parsed.data as { platform: z.infer<typeof EnvSchema> } & Record<string, Record<string, unknown>>;
  const dataDir = resolve(platform.DATA_DIR);
  const { DEMO_ACCOUNTS, DEMO_DATA, ...rest } = platform;
  const demoAccounts = DEMO_ACCOUNTS ? DEMO_ACCOUNTS === 'true' : rest.NODE_ENV !== 'production';
  // Demo data needs the demo accounts, and never reaches production.
  const demoData = demoAccounts && rest.NODE_ENV !== 'production' && (DEMO_DATA ? DEMO_DATA === 'true' : true);
  const modulesConfig = Object.freeze(Object.fromEntries(Object.entries(moduleValues).map(([k, v]) => [k, Object.freeze(v)])));
  // Demo accounts have a published password: unless told otherwise, such an install answers only this machine.
  const HOST = rest.HOST ?? (demoAccounts ? '127.0.0.1' : '0.0.0.0');
  return Object.freeze({ ...rest, HOST, dataDir, sqlitePath: resolve(dataDir, 'xianwu.sqlite'), demoAccounts, demoData, modules: modulesConfig });
}
