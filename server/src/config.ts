import { resolve } from 'node:path';
import { z } from 'zod';

/** Environment variables the server reads; parsed once at boot, all problems listed, then frozen. */
const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .preprocess((v) => (v === '' ? undefined : v), z.string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL 必须以 postgres:// 开头（不设置则使用内置 SQLite）')
    .optional()),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  /** Demo accounts for every role on first start; off by default in production. */
  DEMO_ACCOUNTS: z.enum(['true', 'false']).optional(),
  /** A believable state (claims, redemptions, notices) on first start; follows DEMO_ACCOUNTS unless set. */
  DEMO_DATA: z.enum(['true', 'false']).optional(),
  /**
   * Start the vouchers' clock at this instant (it then runs in real time), to demonstrate or rehearse a
   * campaign that is not running today. Demo installs default to the first round of 2022.
   */
  VOUCHER_CLOCK_START: z.string().datetime({ offset: true, message: 'VOUCHER_CLOCK_START 应为带时区的 ISO 时间，如 2022-06-04T10:30:00+08:00' }).optional(),
  /** Mark cookies Secure (set when served over HTTPS). */
  COOKIE_SECURE: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
  /** Import the bundled 2022 gazette when the database has no documents. */
  SEED_GAZETTE: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
});

/** Saturday 2022-06-04 10:30 in 交城: half an hour into the first round of 交政办发〔2022〕13号. */
export const DEMO_VOUCHER_CLOCK = '2022-06-04T10:30:00+08:00';

export type Config = Readonly<
  Omit<z.infer<typeof EnvSchema>, 'DEMO_ACCOUNTS' | 'DEMO_DATA'> & { dataDir: string; sqlitePath: string; demoAccounts: boolean; demoData: boolean; voucherClockStart: string | null }
>;

/** Parse configuration from an environment; throws one error listing every problem. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  - ${i.path.join('.')}: ${i.message}`);
    throw new Error(`配置错误：\n${lines.join('\n')}`);
  }
  const dataDir = resolve(parsed.data.DATA_DIR);
  const { DEMO_ACCOUNTS, DEMO_DATA, ...rest } = parsed.data;
  const demoAccounts = DEMO_ACCOUNTS ? DEMO_ACCOUNTS === 'true' : rest.NODE_ENV !== 'production';
  // Demo data needs the demo accounts, and never reaches production.
  const demoData = demoAccounts && rest.NODE_ENV !== 'production' && (DEMO_DATA ? DEMO_DATA === 'true' : true);
  const voucherClockStart = rest.VOUCHER_CLOCK_START ?? (demoAccounts ? DEMO_VOUCHER_CLOCK : null);
  return Object.freeze({ ...rest, dataDir, sqlitePath: resolve(dataDir, 'xianwu.sqlite'), demoAccounts, demoData, voucherClockStart });
}
