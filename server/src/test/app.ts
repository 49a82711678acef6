import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app.js';
import { DEMO_PASSWORD, seedAccounts, seedGazette, seedVouchers } from '../boot.js';
import { loadConfig } from '../config.js';
import type { Db, DialectName } from '../core/db.js';
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
}

/** An app on a fresh database of the dialect, with the 2022 gazette, the directory and demo accounts. */
export async function testApp(dialect: DialectName, opts: { today?: () => string; now?: () => string } = {}): Promise<TestApp> {
  const { db, cleanup } = await freshDb(dialect);
  await seedGazette(db, () => {});
  await seedAccounts(db, true);
  await seedVouchers(db);
  const dataDir = mkdtempSync(join(tmpdir(), 'xianwu-test-'));
  const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir });
  const app = await buildApp({ config, db, logger: false, today: opts.today, now: opts.now });
  await app.ready();
  const login = async (username: string, password = DEMO_PASSWORD): Promise<Session> => {
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
    if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
    const cookie = res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const csrf = res.json().csrfToken as string;
    return { headers: { cookie, 'x-csrf-token': csrf }, csrf };
  };
  return {
    app,
    db,
    login,
    close: async () => {
      await app.close();
      await cleanup();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
