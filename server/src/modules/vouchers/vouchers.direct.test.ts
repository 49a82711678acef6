/**
 * POST /api/vouchers/claims has two paths: the direct route that a listening server answers with, and
 * its Fastify twin (OpenAPI, inject). Every kind of request gets the same answer from both.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DirectRoutes } from '../../core/http.js';
import { DIALECTS } from '../../test/dialects.js';
import { testApp, type Session, type TestApp } from '../../test/app.js';

const SEAT = { lng: 112.156, lat: 37.552 };
const TAIYUAN = { lng: 112.55, lat: 37.87 };

interface Answer {
  status: number;
  body: Record<string, unknown>;
  contentType: string | undefined;
  requestId: string | undefined;
}

describe.each(DIALECTS)('the claim route’s two paths on %s', (dialect) => {
  let t: TestApp;
  let base: string;
  const s: Record<string, Session> = {};
  let kindId: number;
  let soldOut: number;
  const served = vi.spyOn(DirectRoutes.prototype as unknown as { serve: () => void }, 'serve');

  beforeAll(async () => {
    t = await testApp(dialect, { now: () => '2022-06-04T03:00:00.000Z' });
    for (const u of ['jumin', 'shanghu', 'gongxin', 'admin']) s[u] = await t.login(u);
    for (const u of ['jumin3', 'jumin4']) {
      await t.app.inject({ method: 'POST', url: '/api/users', headers: s.admin.headers, payload: { username: u, displayName: u, role: 'resident', password: 'jumin2022' } });
      s[u] = await t.login(u, 'jumin2022');
    }
    const campaign = (await t.app.inject({ method: 'GET', url: '/api/vouchers/campaign' })).json();
    kindId = campaign.categories[1].kinds[0].id;
    soldOut = campaign.categories[1].kinds[1].id;
    await t.app.inject({ method: 'PUT', url: `/api/vouchers/rounds/${campaign.currentRound.id}/quotas/${soldOut}`, headers: s.gongxin.headers, payload: { released: 0 } });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(t.app.server.address() as { port: number }).port}`;
  }, 60_000);
  afterAll(() => t.close());

  const viaFastify = async (headers: Record<string, string>, payload?: string): Promise<Answer> => {
    const r = await t.app.inject({ method: 'POST', url: '/api/vouchers/claims', headers, payload });
    return { status: r.statusCode, body: r.json(), contentType: r.headers['content-type'] as string, requestId: r.headers['x-request-id'] as string };
  };
  const viaDirect = async (headers: Record<string, string>, payload?: string): Promise<Answer> => {
    const before = served.mock.calls.length;
    const r = await fetch(`${base}/api/vouchers/claims`, { method: 'POST', headers, body: payload });
    expect(served.mock.calls.length).toBe(before + 1);
    return { status: r.status, body: await r.json(), contentType: r.headers.get('content-type') ?? undefined, requestId: r.headers.get('x-request-id') ?? undefined };
  };
  /** The answer with its request id taken out (each path makes its own). */
  const comparable = (a: Answer) => {
    expect(a.requestId).toBeTruthy();
    if ('requestId' in a.body) expect(a.body.requestId).toBe(a.requestId);
    const { requestId: _, ...body } = a.body;
    return { status: a.status, contentType: a.contentType, body };
  };
  const json = { 'content-type': 'application/json' };
  const as = (who: string, extra: Record<string, string> = json) => ({ ...s[who].headers, ...extra });
  const claim = (over: object = {}) => JSON.stringify({ kindId, ...SEAT, deviceId: 'parity', ...over });

  it('refuses alike: login, CSRF, role, body, validation, rules', async () => {
    const cases: [string, Record<string, string>, string | undefined][] = [
      ['no login', json, claim()],
      ['no CSRF token', { cookie: s.jumin.headers.cookie, ...json }, claim()],
      ['a merchant', as('shanghu'), claim()],
      ['plain text', as('jumin', { 'content-type': 'text/plain' }), 'kindId=1'],
      ['XML', as('jumin', { 'content-type': 'application/xml' }), '<kindId>1</kindId>'],
      ['no body', as('jumin', {}), undefined],
      ['malformed JSON', as('jumin'), '{"kindId":'],
      ['prototype poisoning', as('jumin'), '{"kindId":1,"__proto__":{"x":1}}'],
      ['invalid fields', as('jumin'), JSON.stringify({ kindId: 'a', lng: 500, lat: 37 })],
      ['outside the county', as('jumin'), claim(TAIYUAN)],
      ['unknown kind', as('jumin'), claim({ kindId: 999_999 })],
      ['sold out', as('jumin'), claim({ kindId: soldOut })],
    ];
    for (const [what, headers, payload] of cases) {
      const a = comparable(await viaFastify(headers, payload));
      const b = comparable(await viaDirect(headers, payload));
      expect(b, what).toEqual(a);
      expect(a.status, what).toBeGreaterThanOrEqual(400);
    }
  });

  it('claims alike, then refuses the second claim alike', async () => {
    const a = comparable(await viaFastify(as('jumin3'), claim()));
    const b = comparable(await viaDirect(as('jumin4'), claim()));
    expect(a.status).toBe(201);
    expect({ ...b, body: { ...b.body, voucherId: 0 } }).toEqual({ ...a, body: { ...a.body, voucherId: 0 } });
    expect(b.body.voucherId).not.toBe(a.body.voucherId);
    // Each resident's second try, on the other path.
    expect(comparable(await viaDirect(as('jumin3'), claim()))).toEqual(comparable(await viaFastify(as('jumin4'), claim())));
    expect((await viaDirect(as('jumin3'), claim())).status).toBe(409);
    expectInvariantsHold(await t.app.vouchers.snapshot());
  });

  it('answers a failing claim with the same hidden 500 on both paths', async () => {
    const failing = vi.spyOn(t.app.vouchers, 'tryClaim').mockRejectedValue(new Error('database gone'));
    try {
      const a = comparable(await viaFastify(as('jumin'), claim()));
      const b = comparable(await viaDirect(as('jumin'), claim()));
      expect(a).toMatchObject({ status: 500, body: { error: { id: 'INTERNAL' } } });
      expect(b).toEqual(a);
      expect(JSON.stringify(b)).not.toContain('database gone');
    } finally {
      failing.mockRestore();
    }
  });

  it('keeps the caller’s request id on both paths', async () => {
    const headers = { ...json, 'x-request-id': 'parity-1' };
    for (const a of [await viaFastify(headers, claim()), await viaDirect(headers, claim())]) {
      expect(a.requestId).toBe('parity-1');
      expect(a.body.requestId).toBe('parity-1');
    }
  });
});

function expectInvariantsHold(snap: { duplicateClaims: number; quotas: { claimed: number; released: number; rows: number }[] }) {
  expect(snap.duplicateClaims).toBe(0);
  for (const q of snap.quotas) {
    expect(q.claimed).toBeLessThanOrEqual(q.released);
    expect(q.claimed).toBe(q.rows);
  }
}
