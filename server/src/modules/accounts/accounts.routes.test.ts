import ExcelJS from 'exceljs';
import Fastify from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/dialects.js';
import { testApp, type TestApp } from '../../test/app.js';
import { MAX_FAILED_LOGINS } from './index.js';
import { installAuth } from './accounts.http.js';
import type { AccountsService } from './accounts.service.js';

describe.each(DIALECTS)('login, sessions, CSRF and lockout on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp(dialect);
  });
  afterAll(() => t.close());

  it('logs in with httpOnly SameSite cookies and returns who I am', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'tianning', password: 'xianwu2022' } });
    expect(res.statusCode).toBe(200);
    const session = res.cookies.find((c) => c.name === 'xw_session')!;
    expect(session.httpOnly).toBe(true);
    expect(session.sameSite).toBe('Lax');
    expect(res.json().user).toMatchObject({ username: 'tianning', role: 'township_official', unitName: '天宁镇' });
    expect(session).toMatchObject({ path: '/', maxAge: 12 * 3600 });
    const csrf = res.cookies.find((c) => c.name === 'xw_csrf')!;
    expect(csrf.httpOnly).toBeFalsy();
    expect(csrf.value).toBe(res.json().csrfToken);
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: `xw_session=${session.value}` } });
    expect(me.json().user.townshipId).toBe(me.json().user.unitId);
    // Among other cookies, in any order.
    const among = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: `theme=dark; xw_session=${session.value}; lang=zh` } });
    expect(among.json().user.username).toBe('tianning');
  });

  it('names the request on every answer, errors included', async () => {
    const s = await t.login('admin');
    const answers = [
      await t.app.inject({ method: 'GET', url: '/api/no-such-route' }),
      await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: {} }),
      await t.app.inject({ method: 'POST', url: '/api/auth/password', payload: {}, headers: { cookie: s.headers.cookie } }),
      await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { ...s.headers, 'x-request-id': 'trace-42' } }),
    ];
    expect(answers.map((a) => a.statusCode)).toEqual([404, 400, 403, 200]);
    for (const a of answers) expect(a.headers['x-request-id']).toBeTruthy();
    // The caller's id is kept beside the server's own, never instead of it.
    expect(answers[3].headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(answers[3].headers['x-client-request-id']).toBe('trace-42');
    expect(answers[2].json().requestId).toBe(answers[2].headers['x-request-id']);
  });

  it('rejects a wrong password without saying whether the user exists', async () => {
    const a = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'nobody', password: 'x' } });
    const b = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'jumin', password: 'wrong-1' } });
    expect(a.statusCode).toBe(401);
    expect(b.statusCode).toBe(401);
    expect(a.json().error.message).toBe(b.json().error.message);
  });

  it('names the missing field in Chinese', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields[0].field).toBe('password');
  });

  it(`pauses one address after ${MAX_FAILED_LOGINS} wrong passwords for an account, answering an unknown name alike, and not the account elsewhere`, async () => {
    const from = (username: string, password: string, remoteAddress: string) => t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress });
    for (const username of ['fuwu', 'meiyouzhegeren']) {
      const codes: number[] = [];
      for (let i = 0; i < MAX_FAILED_LOGINS; i++) codes.push((await from(username, `bad-${i}`, '10.1.1.1')).statusCode);
      expect(codes).toEqual(Array(MAX_FAILED_LOGINS).fill(401));
    }
    const known = await from('fuwu', 'xianwu2022', '10.1.1.1');
    const unknown = await from('meiyouzhegeren', 'xianwu2022', '10.1.1.1');
    expect([known.statusCode, known.json().error.id]).toEqual([429, 'TOO_MANY_REQUESTS']);
    expect(known.json().error.message).toMatch(/^尝试次数过多，请 1[45] 分钟后再试$/);
    expect([unknown.statusCode, unknown.json().error.message]).toEqual([known.statusCode, known.json().error.message]);
    // Someone else's wrong guesses do not lock the account's owner out.
    expect((await from('fuwu', 'xianwu2022', '10.2.2.2')).statusCode).toBe(200);
  });

  it('pauses an address that tries many accounts', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 31; i++) codes.push((await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: `guess${i}`, password: 'bad-password-1' }, remoteAddress: '10.3.3.3' })).statusCode);
    expect(codes.slice(0, 30).every((c) => c === 401)).toBe(true);
    expect(codes[30]).toBe(429);
    const admin = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: 'xianwu2022' }, remoteAddress: '10.3.3.3' });
    expect(admin.statusCode).toBe(429);
  });

  it('counts wrong old passwords on a password change', async () => {
    const s = await t.login('cunwei');
    const change = (oldPassword: string) => t.app.inject({ method: 'POST', url: '/api/auth/password', headers: s.headers, payload: { oldPassword, newPassword: 'Cunwei2022new' } });
    for (let i = 0; i < MAX_FAILED_LOGINS; i++) expect((await change(`guess-${i}`)).statusCode).toBe(400);
    const right = await change('xianwu2022');
    expect([right.statusCode, right.json().error.id]).toEqual([429, 'TOO_MANY_REQUESTS']);
    const audit = await t.db.kysely.selectFrom('audit_log').select('action').where('action', '=', 'password_change_failed').execute();
    expect(audit).toHaveLength(MAX_FAILED_LOGINS);
  });

  it('refuses a state-changing request without the CSRF token', async () => {
    const s = await t.login('admin');
    const noToken = await t.app.inject({ method: 'POST', url: '/api/auth/password', payload: { oldPassword: 'xianwu2022', newPassword: 'abcd12345' }, headers: { cookie: s.headers.cookie } });
    expect(noToken.statusCode).toBe(403);
    expect(noToken.json().error.id).toBe('CSRF_FAILED');
    const wrong = await t.app.inject({ method: 'POST', url: '/api/auth/password', payload: {}, headers: { cookie: s.headers.cookie, 'x-csrf-token': 'forged' } });
    expect(wrong.json().error.id).toBe('CSRF_FAILED');
  });

  it('changes a password, ending the other sessions', async () => {
    const first = await t.login('shanghu');
    const second = await t.login('shanghu');
    const weak = await t.app.inject({ method: 'POST', url: '/api/auth/password', payload: { oldPassword: 'xianwu2022', newPassword: 'short' }, headers: second.headers });
    expect(weak.statusCode).toBe(400);
    const ok = await t.app.inject({ method: 'POST', url: '/api/auth/password', payload: { oldPassword: 'xianwu2022', newPassword: 'Shop2022new' }, headers: second.headers });
    expect(ok.statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: second.headers })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: first.headers })).statusCode).toBe(401);
    await t.login('shanghu', 'Shop2022new');
  });

  it('expires a session left idle', async () => {
    const s = await t.login('shenji');
    await sql`update sessions set last_seen_at = '2000-01-01T00:00:00.000Z'`.execute(t.db.kysely);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: s.headers })).statusCode).toBe(401);
  });

  it('logs out', async () => {
    const s = await t.login('jumin');
    const out = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: s.headers });
    expect(out.statusCode).toBe(200);
    expect(out.cookies.map((c) => [c.name, c.maxAge])).toEqual([['xw_session', 0], ['xw_csrf', 0]]);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: s.headers })).statusCode).toBe(401);
  });

  it('creates users with validated fields, shows mobiles masked, and audits each full read', async () => {
    const admin = await t.login('admin');
    const units = (await t.app.inject({ method: 'GET', url: '/api/directory/units', headers: admin.headers })).json().items;
    const xiying = units.find((u: { name: string }) => u.name === '西营镇').id;
    const bad = await t.app.inject({ method: 'POST', url: '/api/users', headers: admin.headers, payload: { username: 'Bad Name', displayName: '', role: 'mayor', password: 'x' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields.map((f: { field: string }) => f.field).sort()).toEqual(['displayName', 'role', 'username']);
    const noUnit = await t.app.inject({ method: 'POST', url: '/api/users', headers: admin.headers, payload: { username: 'xy2', displayName: '王五', role: 'township_official', password: 'Wangwu2022x' } });
    expect(noUnit.json().error.fields[0].field).toBe('unitId');
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: admin.headers,
      payload: { username: 'xy2', displayName: '王五', role: 'township_official', unitId: xiying, mobile: '13912345678', password: 'Wangwu2022x' },
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().mobile).toBe('139****5678');
    const id = ok.json().id;
    const tianning = await t.login('tianning');
    expect((await t.app.inject({ method: 'GET', url: `/api/users/${id}/mobile`, headers: tianning.headers })).statusCode).toBe(403);
    const full = await t.app.inject({ method: 'GET', url: `/api/users/${id}/mobile`, headers: admin.headers });
    expect(full.json().mobile).toBe('13912345678');
    // The audit trail and its export show the number masked, to the auditor and everyone else.
    const shenji = await t.login('shenji');
    expect((await t.app.inject({ method: 'GET', url: `/api/users/${id}/mobile`, headers: shenji.headers })).statusCode).toBe(403);
    for (const reader of [shenji, admin]) {
      const trail = (await t.app.inject({ method: 'GET', url: '/api/audit/records?entity=user&action=create&pageSize=100', headers: reader.headers })).json();
      const created = trail.items.find((r: { entityId: string }) => r.entityId === String(id));
      expect(created.after.mobile).toBe('139****5678');
      expect(JSON.stringify(trail)).not.toContain('13912345678');
    }
    const xlsx = await t.app.inject({ method: 'GET', url: '/api/audit/records.xlsx?entity=user', headers: shenji.headers });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as never);
    const cells: string[] = [];
    book.worksheets[0].eachRow((row) => row.eachCell((c) => cells.push(String(c.value))));
    expect(cells.some((c) => c.includes('139****5678'))).toBe(true);
    expect(cells.some((c) => c.includes('13912345678'))).toBe(false);
    const reads = await t.db.kysely.selectFrom('audit_log').select(['actor_name', 'entity_id']).where('action', '=', 'read_pii').execute();
    expect(reads).toEqual([{ actor_name: 'admin', entity_id: String(id) }]);
  });

  it('counts attempts made at once: of 29 wrong passwords sent together only the first are checked, and the right one after them is refused', async () => {
    const admin = await t.login('admin');
    await t.app.inject({ method: 'POST', url: '/api/users', headers: admin.headers, payload: { username: 'bingfa', displayName: '并发测试', role: 'resident', password: 'bingfa2022a' } });
    const attempt = (password: string) => t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'bingfa', password }, remoteAddress: '10.4.4.4' });
    const wrong = await Promise.all(Array.from({ length: 29 }, () => attempt('wrong2022x')));
    expect(wrong.filter((r) => r.statusCode === 401)).toHaveLength(MAX_FAILED_LOGINS);
    expect(wrong.filter((r) => r.statusCode === 429)).toHaveLength(29 - MAX_FAILED_LOGINS);
    expect((await attempt('bingfa2022a')).statusCode).toBe(429);
    // A password the administrator resets starts the account's counts again (this address has spent its 30 for the window).
    const id = (await t.app.inject({ method: 'GET', url: '/api/users', headers: admin.headers })).json().items.find((u: { username: string }) => u.username === 'bingfa').id;
    expect((await t.app.inject({ method: 'PATCH', url: `/api/users/${id}`, headers: admin.headers, payload: { password: 'Reset2022abc' } })).statusCode).toBe(200);
    const left = await t.db.kysely.selectFrom('login_throttle').select('key').where('key', 'like', '%bingfa%').execute();
    expect(left).toEqual([]);
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'bingfa', password: 'Reset2022abc' }, remoteAddress: '10.4.4.5' })).statusCode).toBe(200);
  });

  it('refuses short, common and username-like passwords', async () => {
    const admin = await t.login('admin');
    const make = (username: string, password: string) => t.app.inject({ method: 'POST', url: '/api/users', headers: admin.headers, payload: { username, displayName: '测试', role: 'resident', password } });
    for (const [username, password, message] of [
      ['mima1', 'abc123456', '密码至少 10 位'],
      ['mima2', 'woaini1314', '该密码过于常见，容易被猜中，请换一个'],
      ['mima3', 'mima3', '密码至少 10 位'],
      ['zhangwei', 'zhangwei2022', '密码不能是用户名或用户名加数字'],
    ]) {
      const r = await make(username, password);
      expect([r.statusCode, r.json().error.fields[0]]).toEqual([400, { field: 'password', message }]);
    }
    expect((await make('mima4', 'Huaihe2022river')).statusCode).toBe(201);
  });

  it('opens nothing but one’s own account until a new or reset password is changed', async () => {
    const admin = await t.login('admin');
    const made = await t.app.inject({ method: 'POST', url: '/api/users', headers: admin.headers, payload: { username: 'xinren', displayName: '新居民', role: 'resident', password: 'chushi2022a' } });
    expect(made.statusCode).toBe(201);
    const s = await t.login('xinren', 'chushi2022a');
    const blocked = await t.app.inject({ method: 'GET', url: '/api/vouchers/mine', headers: s.headers });
    expect([blocked.statusCode, blocked.json().error.id]).toEqual([403, 'PASSWORD_CHANGE_REQUIRED']);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: s.headers })).json().user.mustChangePassword).toBe(true);
    expect((await t.app.inject({ method: 'GET', url: '/api/gazette/documents', headers: s.headers })).statusCode).toBe(200);
    const changed = await t.app.inject({ method: 'POST', url: '/api/auth/password', headers: s.headers, payload: { oldPassword: 'chushi2022a', newPassword: 'Ziji2022bb' } });
    expect(changed.statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/vouchers/mine', headers: s.headers })).statusCode).toBe(200);
  });

  it('keeps passwords and tokens out of the audit trail', async () => {
    const rows = await t.db.kysely.selectFrom('audit_log').select(['after_json', 'before_json']).execute();
    const text = JSON.stringify(rows);
    expect(text).not.toMatch(/\$argon2/);
    expect(text).not.toContain('xianwu2022');
  });
});

describe('deny by default', () => {
  it('refuses to start when an /api route declares no permission', async () => {
    const app = Fastify();
    await installAuth(app, { sessionActor: async () => null } as unknown as AccountsService);
    expect(() => app.get('/api/undeclared', async () => 'x')).toThrow(/未声明所需权限/);
    app.get('/api/declared', { config: { permission: 'public' } }, async () => 'x');
    await app.ready();
    await app.close();
  });
});
