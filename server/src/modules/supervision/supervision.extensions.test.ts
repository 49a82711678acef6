/** 督查督办 under concurrent use: extension requests and decisions, 签收 and 办结, from two app processes on one database. */
import { rmSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.js';
import { allMigrations } from '../../boot.js';
import { createBus } from '../../core/bus.js';
import { migrateToLatest, type Db } from '../../core/db.js';
import { DIALECTS, freshDb } from '../../test/dialects.js';
import { testConfig } from '../../test/app.js';

const today = '2022-05-06';

describe.each(DIALECTS)('督查督办 extensions and races on %s', (dialect) => {
  let a: FastifyInstance;
  let b: FastifyInstance;
  let db: Db;
  let close: () => Promise<void>;
  const heads: Record<string, Record<string, string>> = {};
  let units: { id: number; name: string }[];
  let proposals: number[];
  const unit = (name: string) => units.find((u) => u.name === name)!.id;
  const req = (app: FastifyInstance, who: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) => app.inject({ method, url, payload, headers: heads[who] });
  const json = async (app: FastifyInstance, who: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) => {
    const res = await req(app, who, method, url, payload);
    if (res.statusCode !== 200) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
    return res.json();
  };
  /** A proposal made a task of 工信局 alone with this deadline, assigned (and signed, unless told not to). */
  const open = async (deadline: string, sign = true): Promise<number> => {
    const id = proposals.shift()!;
    await json(a, 'admin', 'PUT', `/api/supervision/tasks/${id}`, { lead: [unit('县工业和信息化局')], support: [], deadline, recurrence: null });
    await json(a, 'admin', 'POST', `/api/supervision/tasks/${id}/confirm`);
    if (sign) await json(a, 'gongxin', 'POST', `/api/supervision/tasks/${id}/sign`);
    return id;
  };
  /** Statuses of answers given at once, half by each process, in order. */
  const atOnce = async (n: number, send: (app: FastifyInstance, i: number) => Promise<{ statusCode: number; body: string }>) => {
    const res = await Promise.all(Array.from({ length: n }, (_, i) => send(i % 2 ? b : a, i)));
    return { codes: res.map((r) => r.statusCode).sort(), messages: [...new Set(res.filter((r) => r.statusCode === 409).map((r) => JSON.parse(r.body).error.message as string))] };
  };
  const pending = async (taskId: number) => (await db.kysely.selectFrom('supervision_extensions').select('id').where('task_id', '=', taskId).where('status', '=', 'pending').execute()).length;
  const gongxin = async () => (await json(a, 'admin', 'GET', '/api/supervision/dashboard')).byUnit.find((u: { unitName: string }) => u.unitName === '县工业和信息化局');

  beforeAll(async () => {
    const fresh = await freshDb(dialect);
    db = fresh.db;
    const config = testConfig();
    // Two processes: on PostgreSQL each app has its own pool and bus; SQLite serves one process, sharing the bus.
    const shared = dialect === 'sqlite' ? createBus(fresh.db) : undefined;
    const deps = { config, logger: false, bus: shared, today: () => today, now: () => `${today}T02:00:00.000Z` };
    a = await buildApp({ ...deps, db: fresh.db });
    b = await buildApp({ ...deps, db: fresh.another() });
    await a.registry.seed({ demo: false, only: ['accounts', 'gazette', 'supervision'] });
    await Promise.all([a.ready(), b.ready()]);
    close = async () => {
      await a.close();
      await b.close();
      await fresh.cleanup();
      rmSync(config.dataDir, { recursive: true, force: true });
    };
    for (const u of ['admin', 'gongxin']) {
      const res = await a.inject({ method: 'POST', url: '/api/auth/login', payload: { username: u, password: 'xianwu2022' } });
      heads[u] = { cookie: res.cookies.map((c) => `${c.name}=${c.value}`).join('; '), 'x-csrf-token': res.json().csrfToken as string };
    }
    units = (await json(a, 'admin', 'GET', '/api/directory/units')).items;
    await json(a, 'admin', 'POST', '/api/supervision/extract', { docNumber: '交政办发〔2022〕6号' });
    proposals = (await json(a, 'admin', 'GET', '/api/supervision/tasks?status=proposed&pageSize=20')).items.map((x: { id: number }) => x.id);
  });
  afterAll(() => close());

  it('keeps one pending extension per task when eight are asked for at once: the others answer 409 and write nothing', async () => {
    const id = await open('2022-12-31');
    const r = await atOnce(8, (app, i) => req(app, 'gongxin', 'POST', `/api/supervision/tasks/${id}/extensions`, { to: `2023-0${1 + (i % 8)}-28`, reason: '受疫情影响，工期顺延' }));
    expect(r).toEqual({ codes: [200, 409, 409, 409, 409, 409, 409, 409], messages: ['已有待审批的延期申请'] });
    expect(await pending(id)).toBe(1);
    const trail = await db.kysely.selectFrom('audit_log').select('action').where('entity', '=', 'supervision_task').where('entity_id', '=', String(id)).where('action', '=', 'request_extension').execute();
    expect(trail).toHaveLength(1);
  });

  it('decides a request once, and never moves a deadline earlier', async () => {
    const id = await open('2022-12-31');
    const first = (await json(a, 'gongxin', 'POST', `/api/supervision/tasks/${id}/extensions`, { to: '2023-03-31', reason: '资金未到位' })).extensions[0];
    const r = await atOnce(2, (app) => req(app, 'admin', 'POST', `/api/supervision/extensions/${first.id}/decide`, { approve: true }));
    expect(r).toEqual({ codes: [200, 409], messages: ['该延期申请不存在或已审批'] });
    const second = (await json(a, 'gongxin', 'POST', `/api/supervision/tasks/${id}/extensions`, { to: '2023-06-30', reason: '设备到货延迟' })).extensions.at(-1);
    // Meanwhile a later deadline was set (as another approval committed between the request and this decision).
    await db.kysely.updateTable('supervision_tasks').set({ extended_to: '2023-09-30' }).where('id', '=', id).execute();
    const late = await req(a, 'admin', 'POST', `/api/supervision/extensions/${second.id}/decide`, { approve: true });
    expect([late.statusCode, late.json().error.message]).toEqual([409, '批准后的时限不晚于任务现时限（已有更晚的延期获批），不能批准']);
    expect((await json(a, 'admin', 'GET', `/api/supervision/tasks/${id}`)).extendedTo).toBe('2023-09-30');
    expect(await pending(id)).toBe(1);
    expect((await json(b, 'admin', 'POST', `/api/supervision/extensions/${second.id}/decide`, { approve: false })).extendedTo).toBe('2023-09-30');
  });

  it('answers 409 to the second of two 签收 given at once', async () => {
    const id = await open('2022-12-31', false);
    expect(await atOnce(2, (app) => req(app, 'gongxin', 'POST', `/api/supervision/tasks/${id}/sign`))).toEqual({ codes: [200, 409], messages: ['本单位已签收'] });
  });

  it('finishes a task once; after 办结 no extension is decided and its 考评 stays as finished', async () => {
    const id = await open('2022-04-30'); // already past: finished late
    await json(a, 'gongxin', 'POST', `/api/supervision/tasks/${id}/reports`, { text: '已完成整治', percent: 100 });
    const ext = (await json(a, 'gongxin', 'POST', `/api/supervision/tasks/${id}/extensions`, { to: '2022-06-30', reason: '补办延期' })).extensions[0];
    const before = await gongxin();
    const r = await atOnce(2, (app) => req(app, 'admin', 'POST', `/api/supervision/tasks/${id}/finish`, { accept: true, note: '同意办结' }));
    // Which check refuses the second depends on how far it got before the first committed.
    expect(r.codes).toEqual([200, 409]);
    expect(['该任务刚刚已被复核（办结或退回），请刷新后查看', '任务已办结']).toEqual(expect.arrayContaining(r.messages));
    const finished = await gongxin();
    expect([finished.done - before.done, finished.onTime - before.onTime]).toEqual([1, 0]);
    // 办结 closed the pending request; approving it now is refused and changes nothing.
    const approve = await req(a, 'admin', 'POST', `/api/supervision/extensions/${ext.id}/decide`, { approve: true });
    expect([approve.statusCode, approve.json().error.message]).toEqual([409, '任务已办结，延期申请不再审批']);
    // A request left pending on a finished task (written before this rule) is refused too.
    const stray = await db.kysely
      .insertInto('supervision_extensions')
      .values({ task_id: id, unit_id: unit('县工业和信息化局'), to_date: '2022-06-30', reason: '补办延期', status: 'pending', requested_by: '县工信局经办人', requested_at: `${today}T01:00:00.000Z`, decided_by: null, decided_at: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    const again = await req(b, 'admin', 'POST', `/api/supervision/extensions/${stray.id}/decide`, { approve: true });
    expect([again.statusCode, again.json().error.message]).toEqual([409, '任务已办结，延期申请不再审批']);
    const task = await json(a, 'admin', 'GET', `/api/supervision/tasks/${id}`);
    expect([task.status, task.extendedTo, task.extensions.map((e: { status: string }) => e.status)]).toEqual(['done', null, ['refused', 'pending']]);
    expect(await gongxin()).toEqual(finished);
    const late = await req(a, 'gongxin', 'POST', `/api/supervision/tasks/${id}/extensions`, { to: '2022-07-31', reason: '再次申请' });
    expect([late.statusCode, late.json().error.message]).toEqual([409, '任务已办结']);
  });
});

describe.each(DIALECTS)('the one-pending-extension key on a database that has duplicates, on %s', (dialect) => {
  it('keeps the earliest pending request of an open task and closes the rest, and those of finished tasks', async () => {
    // The tables as they were before this change's migrations, filled as a database that has duplicates is.
    const { db, cleanup } = await freshDb(dialect, { before: '20261201130000' });
    try {
      const k = db.kysely;
      const at = '2022-05-06T02:00:00.000Z';
      const u = await k.insertInto('org_units').values({ code: null, name: '县工业和信息化局', kind: 'department', parent_id: null, short_names: '[]', note: null, created_at: at, updated_at: at }).returning('id').executeTakeFirstOrThrow();
      const task = (key: string, status: 'assigned' | 'done') =>
        k.insertInto('supervision_tasks').values({ doc_number: '交政办发〔2022〕6号', task_key: key, part: null, path: '[]', heading: '任务', text: '任务', units_text: '', unknown_units: '[]', deadline: '2022-12-31', deadline_text: null, recurrence: null, targets: '[]', milestones: '[]', status, extended_to: null, assigned_on: '2022-05-06', sign_due: null, created_at: at, created_by: '管理员', confirmed_by: null, done_at: null, done_by: null }).returning('id').executeTakeFirstOrThrow();
      const open = await task('a', 'assigned');
      const done = await task('b', 'done');
      const ask = (taskId: number, to: string) => ({ task_id: taskId, unit_id: u.id, to_date: to, reason: '延期', status: 'pending' as const, requested_by: '经办人', requested_at: at, decided_by: null, decided_at: null });
      await k.insertInto('supervision_extensions').values([ask(open.id, '2023-03-31'), ask(open.id, '2023-01-31'), ask(open.id, '2023-06-30'), ask(done.id, '2023-03-31')]).execute();
      await migrateToLatest(db, allMigrations());
      const rows = await k.selectFrom('supervision_extensions').select(['task_id', 'to_date', 'status']).orderBy('id').execute();
      expect(rows.map((r) => `${r.task_id === open.id ? 'open' : 'done'} ${r.to_date} ${r.status}`)).toEqual(['open 2023-03-31 pending', 'open 2023-01-31 refused', 'open 2023-06-30 refused', 'done 2023-03-31 refused']);
      await expect(k.insertInto('supervision_extensions').values(ask(open.id, '2023-09-30')).execute()).rejects.toThrow();
    } finally {
      await cleanup();
    }
  });
});
