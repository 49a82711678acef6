import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/dialects.js';
import { testApp, type Session, type TestApp } from '../../test/app.js';

describe.each(DIALECTS)('working-day calendar API on %s', (dialect) => {
  let t: TestApp;
  let admin: Session;
  beforeAll(async () => {
    t = await testApp(dialect);
    admin = await t.login('admin');
  });
  afterAll(() => t.close());
  const get = (url: string) => t.app.inject({ method: 'GET', url });

  it('computes a period end for anyone, and names bad input', async () => {
    expect((await get('/api/calendar/period?start=2022-09-24&length=7&unit=日')).json().end).toBe('2022-10-08');
    expect((await get('/api/calendar/period?start=2022-04-29&length=5&unit=工作日')).json().end).toBe('2022-05-10');
    const bad = await get('/api/calendar/period?start=2022-04-29&length=5&unit=周');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].field).toBe('unit');
  });

  it('lists days with make-up working days, and refuses a year it cannot know', async () => {
    const days = (await get('/api/calendar/days?from=2022-04-23&to=2022-04-25')).json().items;
    expect(days.map((d: { workday: boolean }) => d.workday)).toEqual([false, true, true]);
    const unknown = await get('/api/calendar/days?from=2031-01-05&to=2031-01-06');
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().error.message).toContain('尚无 2031 年');
    expect((await get('/api/calendar/days?from=2022-05-02&to=2022-05-01')).statusCode).toBe(400);
  });

  it('lets the administrator enter a new year, audited', async () => {
    const impossible = await t.app.inject({ method: 'PUT', url: '/api/calendar/overrides/2022-02-30', payload: { kind: 'holiday', note: null }, headers: admin.headers });
    expect([impossible.statusCode, impossible.json().error.fields]).toEqual([400, [{ field: 'day', message: '日期不存在' }]]);
    const put = await t.app.inject({ method: 'PUT', url: '/api/calendar/overrides/2031-01-01', payload: { kind: 'holiday', note: '元旦' }, headers: admin.headers });
    expect(put.statusCode).toBe(200);
    expect((await t.app.inject({ method: 'POST', url: '/api/calendar/years/2031', headers: admin.headers })).statusCode).toBe(200);
    const days = (await get('/api/calendar/days?from=2031-01-01&to=2031-01-02')).json().items;
    expect(days.map((d: { workday: boolean; override: string | null }) => [d.workday, d.override])).toEqual([[false, 'holiday'], [true, null]]);
    expect((await t.app.inject({ method: 'DELETE', url: '/api/calendar/overrides/2031-01-01', headers: admin.headers })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'DELETE', url: '/api/calendar/overrides/2031-01-01', headers: admin.headers })).statusCode).toBe(404);
    const audit = await t.db.kysely.selectFrom('audit_log').select('action').where('entity', 'in', ['calendar_day', 'calendar_year']).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['create', 'declare_complete', 'delete']);
  });
});
