/** Two app processes on one database: a logout or a deactivation in one is honoured by the other at once. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { createBus } from './bus.js';
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
