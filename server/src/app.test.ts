/** The one pipeline every request takes: request ids, body rules, validation naming the field, and a 500 that hides its cause. */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { testApp, type Session, type TestApp } from './test/app.js';
import { launchCampaign } from './modules/vouchers/vouchers.testing.js';

describe('the request pipeline', () => {
  let t: TestApp;
  let jumin: Session;
  beforeAll(async () => {
    t = await testApp('sqlite', { now: () => '2022-06-11T03:00:00.000Z', seed: ['vouchers'] });
    await launchCampaign(t.app.registry.service('vouchers'));
    jumin = await t.login('jumin');
  });
  afterAll(() => t.close());

  const claim = (headers: Record<string, string>, payload?: string) =>
    t.app.inject({ method: 'POST', url: '/api/vouchers/claims', headers: { ...jumin.headers, ...headers }, payload });

  it('names every answer with its own request id, and keeps the caller’s beside it', async () => {
    const r = await claim({ 'content-type': 'application/json', 'x-request-id': 'trace-7' }, '{"kindId":1.5}');
    expect(r.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(r.headers['x-client-request-id']).toBe('trace-7');
    expect(r.json().requestId).toBe(r.headers['x-request-id']);
    // An id that is not printable text is not echoed.
    const odd = await claim({ 'content-type': 'application/json', 'x-request-id': 'a b' }, '{"kindId":1.5}');
    expect(odd.headers['x-client-request-id']).toBeUndefined();
    const fresh = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(fresh.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it.each([
    ['XML', { 'content-type': 'application/xml' }, '<n>1</n>', 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['plain text', { 'content-type': 'text/plain' }, 'n=1', 400, 'VALIDATION_FAILED'],
    ['malformed JSON', { 'content-type': 'application/json' }, '{"kindId":', 400, 'BAD_REQUEST'],
    ['__proto__', { 'content-type': 'application/json' }, '{"kindId":1,"__proto__":{"admin":true}}', 400, 'BAD_REQUEST'],
    ['too large', { 'content-type': 'application/json' }, `{"x":"${'a'.repeat(70 * 1024)}"}`, 413, 'PAYLOAD_TOO_LARGE'],
    ['nested too deep', { 'content-type': 'application/json' }, `{"kindId":${'['.repeat(17)}${']'.repeat(17)}}`, 400, 'BAD_REQUEST'],
    ['a megabyte of brackets', { 'content-type': 'application/json' }, '['.repeat(1024 * 1024), 413, 'PAYLOAD_TOO_LARGE'],
    ['no CSRF token', { 'content-type': 'application/json', 'x-csrf-token': '' }, '{}', 403, 'CSRF_FAILED'],
  ])('refuses %s', async (_name, headers, body, status, id) => {
    const r = await claim(headers, body);
    expect([r.statusCode, r.json().error.id]).toEqual([status, id]);
  });

  it('sends the security headers: no-store on API answers, a content security policy on pages', async () => {
    const api = await t.app.inject({ method: 'GET', url: '/api/vouchers/campaign' });
    expect(api.headers).toMatchObject({ 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', 'x-frame-options': 'DENY' });
    const page = await t.app.inject({ method: 'GET', url: '/documents' });
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    const missing = await t.app.inject({ method: 'GET', url: '/api/no-such-thing' });
    expect([missing.statusCode, missing.headers['x-request-id']]).toEqual([404, expect.any(String)]);
  });

  it('names the field that failed validation', async () => {
    const r = await claim({ 'content-type': 'application/json' }, JSON.stringify({ kindId: 1.5, lng: 112.1, lat: 37.5 }));
    expect(r.statusCode).toBe(400);
    expect(r.json().error.fields).toContainEqual({ field: 'kindId', message: expect.any(String) });
    expect(r.json().error.message).toMatch(/^参数错误 — kindId：/);
  });

  it('hides an unexpected failure behind 500', async () => {
    const spy = vi.spyOn(t.app.registry.service('vouchers'), 'tryClaim').mockRejectedValue(new Error('disk on fire'));
    try {
      const r = await claim({ 'content-type': 'application/json' }, JSON.stringify({ kindId: 1, lng: 112.1, lat: 37.5 }));
      expect(r.statusCode).toBe(500);
      expect(r.json().error).toEqual({ id: 'INTERNAL', message: '服务器内部错误，请稍后重试', fields: [] });
      expect(r.body).not.toContain('disk on fire');
    } finally {
      spy.mockRestore();
    }
  });
});

describe('limits per client', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp('sqlite', { seed: ['gazette'], env: { RATE_LIMITS: 'on' } });
  });
  afterAll(() => t.close());

  it('answers 429 with Retry-After once a client passes a route’s limit, and other clients are not affected', async () => {
    const search = (remoteAddress: string) => t.app.inject({ method: 'GET', url: '/api/gazette/search?q=%E5%88%B8', remoteAddress });
    const codes: number[] = [];
    for (let i = 0; i < 121; i++) codes.push((await search('10.9.9.9')).statusCode);
    expect(codes.slice(0, 120).every((c) => c === 200)).toBe(true);
    const over = await search('10.9.9.9');
    expect([over.statusCode, over.json().error.id]).toEqual([429, 'TOO_MANY_REQUESTS']);
    expect(Number(over.headers['retry-after'])).toBeGreaterThan(0);
    expect((await search('10.9.9.10')).statusCode).toBe(200);
  });

  it('takes a login of a few hundred bytes, not a kilobyte more', async () => {
    const big = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: 'x'.repeat(2048) } });
    expect([big.statusCode, big.json().error.id]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
  });
});
