/**
 * The authorization matrix: every protected route × every role (and no login). A role without the
 * permission gets 403, no login gets 401, a role with it gets past authorization. Scoped routes are
 * checked separately below with records of two townships.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roleHas, type Permission } from './core/auth.js';
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

const ROUTES: { method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'; url: string; permission: Permission; body?: unknown }[] = [
  { method: 'GET', url: '/api/users', permission: 'users.read' },
  { method: 'POST', url: '/api/users', permission: 'users.manage', body: {} },
  { method: 'PATCH', url: '/api/users/1', permission: 'users.manage', body: {} },
  { method: 'GET', url: '/api/directory/units', permission: 'directory.read' },
  { method: 'POST', url: '/api/directory/units', permission: 'directory.manage', body: {} },
  { method: 'GET', url: '/api/audit/records', permission: 'audit.read' },
  { method: 'GET', url: '/api/audit/verify', permission: 'audit.read' },
  { method: 'PUT', url: '/api/calendar/overrides/2031-01-01', permission: 'calendar.manage', body: {} },
  { method: 'POST', url: '/api/notices', permission: 'notices.manage', body: {} },
  { method: 'GET', url: '/api/gazette/imports', permission: 'gazette.import' },
  { method: 'GET', url: '/api/auth/me', permission: 'account.self' },
  { method: 'POST', url: '/api/vouchers/claims', permission: 'vouchers.claim', body: {} },
  { method: 'GET', url: '/api/vouchers/mine', permission: 'vouchers.claim' },
  { method: 'POST', url: '/api/vouchers/redemptions', permission: 'vouchers.redeem', body: {} },
  { method: 'POST', url: '/api/vouchers/merchants', permission: 'vouchers.merchant.apply', body: {} },
  { method: 'GET', url: '/api/vouchers/merchants', permission: 'vouchers.merchant.review' },
  { method: 'POST', url: '/api/vouchers/merchants/publish', permission: 'vouchers.manage', body: { effectiveDate: 'x' } },
  { method: 'GET', url: '/api/vouchers/report', permission: 'vouchers.report.read' },
  { method: 'GET', url: '/api/vouchers/fraud', permission: 'vouchers.oversight' },
];

describe.each(DIALECTS)('authorization matrix on %s', (dialect) => {
  let t: TestApp;
  const sessions: Record<string, Session> = {};
  beforeAll(async () => {
    t = await testApp(dialect);
    for (const u of Object.keys(ACCOUNTS)) sessions[u] = await t.login(u);
  });
  afterAll(() => t.close());

  it.each(ROUTES)('$method $url needs $permission', async (route) => {
    const anon = await t.app.inject({ method: route.method, url: route.url, payload: route.body as object });
    expect(anon.statusCode, 'no login').toBe(401);
    for (const [user, role] of Object.entries(ACCOUNTS)) {
      const res = await t.app.inject({ method: route.method, url: route.url, payload: route.body as object, headers: sessions[user].headers });
      if (roleHas(role, route.permission)) expect([401, 403], `${user} (${role}) should pass: ${res.body}`).not.toContain(res.statusCode);
      else expect(res.statusCode, `${user} (${role}) should be refused`).toBe(403);
    }
  });

  it('public pages need no login', async () => {
    for (const url of ['/api/gazette/documents', '/api/notices', '/api/calendar', '/api/vouchers/campaign', '/api/vouchers/merchants/public']) {
      expect((await t.app.inject({ method: 'GET', url })).statusCode, url).toBe(200);
    }
  });
});
