/**
 * The rules drive the behaviour: with other figures in vouchers.rules.ts, the service does otherwise. Each rule is
 * changed here (vi.mock) and the change is seen through HTTP.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { testApp, type Session, type TestApp } from '../../test/app.js';
import { launchCampaign } from './vouchers.testing.js';

vi.mock('./vouchers.rules.js', async (original) => ({
  ...(await original<typeof import('./vouchers.rules.js')>()),
  // A five-second payment code, and claims from anywhere.
  PAYMENT_CODE_TTL_SECONDS: 5,
  CLAIM_NEEDS_LOCATION_IN_COUNTY: false,
}));

const TAIYUAN = { lng: 112.55, lat: 37.87 };

describe('rules that drive', () => {
  let t: TestApp;
  let jumin: Session;
  const now = { at: '2022-06-11T03:00:00.000Z' };
  beforeAll(async () => {
    t = await testApp('sqlite', { now: () => now.at, seed: ['vouchers'] });
    await launchCampaign(t.app.registry.service('vouchers'));
    jumin = await t.login('jumin');
  });
  afterAll(() => t.close());

  it('claims from outside the county when CLAIM_NEEDS_LOCATION_IN_COUNTY is off', async () => {
    const kindId = (await t.app.inject({ method: 'GET', url: '/api/vouchers/campaign' })).json().categories[1].kinds[0].id;
    const r = await t.app.inject({ method: 'POST', url: '/api/vouchers/claims', headers: jumin.headers, payload: { kindId, ...TAIYUAN } });
    expect(r.statusCode).toBe(201);
  });

  it('gives payment codes the lifetime PAYMENT_CODE_TTL_SECONDS says', async () => {
    const code = (await t.app.inject({ method: 'POST', url: '/api/vouchers/payment-codes', headers: jumin.headers })).json();
    expect(code.ttlSeconds).toBe(5);
    expect(Date.parse(code.expiresAt) - Date.parse(now.at)).toBe(5000);
  });
});

describe('rules the schema holds', () => {
  it('refuses to start with another figure for a rule the unique keys enforce', async () => {
    vi.resetModules();
    vi.doMock('./vouchers.rules.js', async () => ({ ...(await vi.importActual<typeof import('./vouchers.rules.js')>('./vouchers.rules.js')), VOUCHERS_PER_TRANSACTION: 2 }));
    const { VouchersService } = await import('./vouchers.service.js');
    expect(() => new VouchersService({} as never, {} as never, {} as never, (async () => {}) as never)).toThrow(/单笔限用 2 张.*须同时修改表结构/);
    vi.doUnmock('./vouchers.rules.js');
  });
});
