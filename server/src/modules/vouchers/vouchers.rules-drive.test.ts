/**
 * The rules drive the behaviour: with other figures in vouchers.rules.ts, the service does otherwise. Each rule is
 * changed here (vi.mock) and the change is seen through HTTP.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { testApp, type Session, type TestApp } from '../../test/app.js';
import { launchCampaign } from './vouchers.testing.js';

vi.mock('./vouchers.rules.js', async (original) => ({
  ...(await original<typeof import('./vouchers.rules.js')>()),
  // A five-second payment code, claims from anywhere, and reversals on any later day.
  PAYMENT_CODE_TTL_SECONDS: 5,
  CLAIM_NEEDS_LOCATION_IN_COUNTY: false,
  REVERSAL_SAME_DAY_ONLY: false,
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

  it('reverses a redemption on a later day when REVERSAL_SAME_DAY_ONLY is off', async () => {
    const req = (s: Session | null, method: 'GET' | 'POST', url: string, payload?: object) => t.app.inject({ method, url, payload, headers: s?.headers ?? {} });
    const [admin, gongxin, shanghu] = [await t.login('admin'), await t.login('gongxin'), await t.login('shanghu')];
    const stats = (await req(admin, 'GET', '/api/directory/units')).json().items.find((u: { name: string }) => u.name === '县统计局').id;
    await req(admin, 'POST', '/api/users', { username: 'tongji', displayName: '统计局', role: 'department_official', unitId: stats, password: 'Tongji2022init' });
    const tongji = await t.login('tongji', 'Tongji2022init');
    await t.changePassword(tongji, 'Tongji2022init', 'Tongji2022new');
    const m = (await req(shanghu, 'POST', '/api/vouchers/merchants', { name: '示范超市', creditCode: '91141122MA0K100090', category: 'general', aboveQuota: true, stores: ['天宁镇'] })).json();
    await req(gongxin, 'POST', `/api/vouchers/merchants/${m.id}/approve`);
    await req(tongji, 'POST', `/api/vouchers/merchants/${m.id}/approve`);
    await req(gongxin, 'POST', '/api/vouchers/merchants/publish', { effectiveDate: '2022-06-11' });
    await req(gongxin, 'POST', '/api/vouchers/funds/tranches', { amountFen: 1_000_000, note: '第一批' });
    const code = (await req(jumin, 'POST', '/api/vouchers/payment-codes')).json().code;
    const sale = (await req(shanghu, 'POST', '/api/vouchers/redemptions', { code, orderFen: 10000, txnNo: 'LATER-1' })).json();
    expect(sale.discountFen).toBe(2000);
    now.at = '2022-06-12T03:00:00.000Z'; // the next day
    const back = await req(shanghu, 'POST', `/api/vouchers/redemptions/${sale.id}/reverse`);
    expect(back.statusCode).toBe(200);
    now.at = '2022-06-11T03:00:00.000Z';
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
