import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app.js';
import { loadConfig, type Config } from '../config.js';
import { createBus } from '../core/bus.js';
import type { Db, DialectName } from '../core/db.js';
import { createRegistry, type ModuleName, type ModuleRegistry } from '../core/module.js';
import { DEMO_PASSWORD } from '../modules/accounts/index.js';
import { MODULES } from '../modules/index.js';
import { freshDb } from './dialects.js';

export interface Session {
  headers: Record<string, string>;
  csrf: string;
}

export interface TestApp {
  app: FastifyInstance;
  db: Db;
  close: () => Promise<void>;
  /** Log in as a demo account; headers carry the cookie and the CSRF token. */
  login: (username: string, password?: string) => Promise<Session>;
  /** Change the password of a logged-in account (a new account must, before anything else); the session goes on. */
  changePassword: (s: Session, oldPassword: string, newPassword: string) => Promise<void>;
}

/** A test configuration on a temporary data directory; real time unless a test pins a clock or sets one. */
export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig({ NODE_ENV: 'test', DATA_DIR: mkdtempSync(join(tmpdir(), 'xianwu-test-')), DEMO_ACCOUNTS: 'true', DEMO_CLOCK_START: 'real', RATE_LIMITS: 'off', LOAD_SHEDDING: 'off', ...env }, MODULES);
}

/** Every module wired to a database without HTTP (repository and service tests). */
export function testRegistry(db: Db, opts: { now?: () => string; today?: () => string; config?: Config } = {}): ModuleRegistry {
  return createRegistry(MODULES, {
    db,
    config: opts.config ?? testConfig(),
    clock: opts.now,
    today: opts.today,
    bus: createBus(db),
    log: () => {},
  });
}

/**
 * An app on a fresh database of the dialect, every module wired. Only the modules named in `seed` (and those
 * they need) are seeded — accounts always, for the demo logins; the gazette only when asked for.
 */
export async function testApp(
  dialect: DialectName,
  opts: { today?: () => string; now?: () => string; seed?: readonly ModuleName[]; env?: Record<string, string> } = {},
): Promise<TestApp> {
  const { db, cleanup } = await freshDb(dialect);
  const config = testConfig(opts.env);
  const app = await buildApp({ config, db, logger: false, today: opts.today, now: opts.now });
  await app.registry.seed({ demo: false, only: ['accounts', ...(opts.seed ?? [])] });
  await app.ready();
  const login = async (username: string, password = DEMO_PASSWORD): Promise<Session> => {
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
    if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
    const cookie = res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const csrf = res.json().csrfToken as string;
    return { headers: { cookie, 'x-csrf-token': csrf }, csrf };
  };
  const changePassword = async (s: Session, oldPassword: string, newPassword: string) => {
    const res = await app.inject({ method: 'POST', url: '/api/auth/password', headers: s.headers, payload: { oldPassword, newPassword } });
    if (res.statusCode !== 200) throw new Error(`change password: ${res.statusCode} ${res.body}`);
  };
  return {
    app,
    db,
    login,
    changePassword,
    close: async () => {
      await app.close();
      await cleanup();
      rmSync(config.dataDir, { recursive: true, force: true });
    },
  };
}
