/** Two app processes on one database: a logout or a deactivation in one is honoured by the other at once. */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { createBus } from './bus.js';
import { openDb } from './db.js';
import { DIALECTS, freshDb } from '../test/dialects.js';
import { testConfig } from '../test/app.js';
import type { FastifyInstance } from 'fastify';

// On PostgreSQL the two apps have their own pools and buses, as two processes do; SQLite serves one process, so
// there the two apps share the in-process bus.
describe.each(DIALECTS)('sessions across processes on %s', (dialect) => {
  let a: FastifyInstance;
  let b: FastifyInstance;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    const fresh = await freshDb(dialect);
    cleanup = fresh.cleanup;
    const config = testConfig();
    const shared = dialect === 'sqlite' ? createBus(fresh.db) : undefined;
    a = await buildApp({ config, db: fresh.db, logger: false, bus: shared });
    b = await buildApp({ config, db: fresh.another(), logger: false, bus: shared });
    await a.registry.seed({ demo: false, only: ['accounts'] });
    await Promise.all([a.ready(), b.ready(), a.registry.ctx.bus.ready(), b.registry.ctx.bus.ready()]);
  });
  afterAll(async () => {
    await a.close();
    await b.close();
    await cleanup();
  });

  const login = async (username: string) => {
    const res = await a.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: 'xianwu2022' } });
    return { cookie: res.cookies.map((c) => `${c.name}=${c.value}`).join('; '), 'x-csrf-token': res.json().csrfToken as string };
  };
  /** The status process B answers once the bus has had the moment it needs to deliver (no cache age involved). */
  const onB = async (headers: Record<string, string>, until: number) => {
    let status = 0;
    for (let i = 0; i < 50 && status !== until; i++) {
      status = (await b.inject({ method: 'GET', url: '/api/auth/me', headers })).statusCode;
      if (status !== until) await new Promise((r) => setTimeout(r, 20));
    }
    return status;
  };

  it('ends a session everywhere when it logs out', async () => {
    const h = await login('jumin');
    expect((await b.inject({ method: 'GET', url: '/api/auth/me', headers: h })).statusCode).toBe(200); // now cached in B
    expect((await a.inject({ method: 'POST', url: '/api/auth/logout', headers: h })).statusCode).toBe(200);
    expect(await onB(h, 401)).toBe(401);
  });

  it('ends a deactivated account’s sessions everywhere', async () => {
    const h = await login('fuwu');
    expect((await b.inject({ method: 'GET', url: '/api/auth/me', headers: h })).statusCode).toBe(200);
    const admin = await login('admin');
    const id = (await a.inject({ method: 'GET', url: '/api/users', headers: admin })).json().items.find((u: { username: string }) => u.username === 'fuwu').id;
    expect((await a.inject({ method: 'PATCH', url: `/api/users/${id}`, headers: admin, payload: { active: false } })).statusCode).toBe(200);
    expect(await onB(h, 401)).toBe(401);
  });
});

// A LISTEN connection left open keeps a process alive for ever (a bench or a CLI command that never returns).
describe.skipIf(!DIALECTS.includes('postgres'))('the bus’s LISTEN connection on postgres', () => {
  /** This test's own LISTEN connections, told apart from other processes' by their application_name. */
  const listeners = async (name: string) => {
    const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await c.connect();
    try {
      return (await c.query<{ n: number }>(`select count(*)::int as n from pg_stat_activity where application_name = $1 and query ilike 'LISTEN %'`, [name])).rows[0].n;
    } finally {
      await c.end();
    }
  };
  /** The count once it has reached 0: a backend leaves pg_stat_activity a moment after its client has gone. */
  const remaining = async (name: string) => {
    let n = await listeners(name);
    for (let i = 0; i < 100 && n > 0; i++) {
      await new Promise((r) => setTimeout(r, 20));
      n = await listeners(name);
    }
    return n;
  };
  const named = () => {
    const name = `xianwu-bus-test-${randomUUID().slice(0, 8)}`;
    const u = new URL(process.env.DATABASE_URL!);
    u.searchParams.set('application_name', name);
    return { name, db: openDb({ url: u.toString() }) };
  };

  it('is closed when the Db is destroyed, the bus itself never closed', async () => {
    const { name, db } = named();
    const bus = createBus(db);
    await bus.ready();
    expect(await listeners(name)).toBe(1);
    await db.destroy();
    expect(await remaining(name)).toBe(0);
  });

  it('is closed with the app, and closing the bus twice (app, then Db) is harmless', async () => {
    const { name, db } = named();
    const app = await buildApp({ config: testConfig(), db, logger: false });
    await app.ready();
    await app.registry.ctx.bus.ready();
    await app.close();
    expect(await remaining(name)).toBe(0);
    await db.destroy();
  });

  it('lets a script that opened the app and a registry on PostgreSQL exit by itself', async () => {
    const at = (p: string) => new URL(p, import.meta.url).href;
    const script = `
      const { freshDb } = await import(${JSON.stringify(at('../test/dialects.ts'))});
      const { testConfig, testRegistry } = await import(${JSON.stringify(at('../test/app.ts'))});
      const { buildApp } = await import(${JSON.stringify(at('../app.ts'))});
      const { db, cleanup } = await freshDb('postgres');
      const registry = testRegistry(db);
      await registry.ctx.bus.ready();
      const app = await buildApp({ config: testConfig(), db, logger: false });
      await app.ready();
      await app.close();
      await cleanup();
      console.log('closed');
    `;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { env: process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    // Generous: only a process that would never exit is killed.
    const kill = setTimeout(() => child.kill('SIGKILL'), 90_000);
    const [code, signal] = await new Promise<[number | null, string | null]>((r) => child.on('exit', (c, s) => r([c, s])));
    clearTimeout(kill);
    expect({ code, signal, out: out.trim().split('\n').at(-1) }).toEqual({ code: 0, signal: null, out: 'closed' });
  }, 120_000);
});
