/**
 * The authorization matrix, generated from the routes the app registers: every /api route × every role and no
 * login. A role without the route's permission gets 403, no login gets 401, a role with it gets past
 * authorization (whatever the handler then says of an empty body). A new route is covered the moment it exists.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouteEntry } from './app.js';
import { roleHas } from './core/auth.js';
import { DIALECTS } from './test/dialects.js';
import { testApp, type Session, type TestApp } from './test/app.js';

const ACCOUNTS: Record<string, string> = {
  admin: 'county_admin',
  gongxin: 'department_official',
  tianning: 'township_official',
  xiying: 'township_official',
  cunwei: 'village_committee',
  fuwu: 'service_org',
  shanghu: 'merchant',
  jumin: 'resident',
  shenji: 'auditor',
};

/** A concrete URL for a route pattern: every parameter 1, except where a route wants a date. */
const concrete = (url: string) => url.replace(/:day\b/, '2031-01-01').replace(/:[A-Za-z]+/g, '1');
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

describe.each(DIALECTS)('authorization matrix on %s', (dialect) => {
  let t: TestApp;
  let routes: RouteEntry[];
  const sessions: Record<string, Session> = {};
  beforeAll(async () => {
    t = await testApp(dialect, { seed: ['vouchers'] });
    for (const u of Object.keys(ACCOUNTS)) sessions[u] = await t.login(u);
    routes = t.app.routeTable.filter((r) => r.url.startsWith('/api/') && r.url !== '/api/health');
  });
  afterAll(() => t.close());

  it('covers every /api route, each with a declared permission', () => {
    expect(routes.length).toBeGreaterThan(60);
    expect(routes.filter((r) => !r.permission)).toEqual([]);
  });

  it('answers every route as its permission says, for every role and without a login', async () => {
    const wrong: string[] = [];
    for (const route of routes) {
      const url = concrete(route.url);
      const payload = UNSAFE.has(route.method) ? {} : undefined;
      const name = `${route.method} ${route.url} (${route.permission})`;
      const anon = await t.app.inject({ method: route.method as 'GET', url, payload });
      if (route.permission === 'public' ? [401, 403].includes(anon.statusCode) : anon.statusCode !== 401) wrong.push(`${name}: no login → ${anon.statusCode}`);
      for (const [user, role] of Object.entries(ACCOUNTS)) {
        const res = await t.app.inject({ method: route.method as 'GET', url, payload, headers: sessions[user].headers });
        const allowed = roleHas(role, route.permission!);
        if (allowed ? [401, 403].includes(res.statusCode) && res.json().error?.id !== 'FORBIDDEN' : res.statusCode !== 403) {
          wrong.push(`${name}: ${user} (${role}) → ${res.statusCode} ${res.body.slice(0, 120)}`);
        }
        // A 403 to a role that holds the permission must come from the record's own rules (scope, owner, bureau), not from the route's permission.
        if (allowed && res.statusCode === 403 && /无权进行此操作/.test(res.json().error?.message ?? '')) wrong.push(`${name}: ${user} (${role}) refused by permission`);
        // Logging out ends the session the rest of the matrix uses: log in again.
        if (route.url === '/api/auth/logout' && res.statusCode === 200) sessions[user] = await t.login(user);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('public pages need no login', async () => {
    for (const url of ['/api/gazette/documents', '/api/notices', '/api/calendar', '/api/vouchers/campaign', '/api/vouchers/merchants/public']) {
      expect((await t.app.inject({ method: 'GET', url })).statusCode, url).toBe(200);
    }
  });
});
