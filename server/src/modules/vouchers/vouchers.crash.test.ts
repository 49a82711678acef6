/**
 * Kill the server (SIGKILL) in the middle of a claim storm, restart it, and check that every acknowledged
 * claim survived and the invariants hold: acknowledged means committed to disk.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';

const root = new URL('../../../..', import.meta.url).pathname;
const dataDir = mkdtempSync(join(tmpdir(), 'xianwu-crash-'));
const port = await new Promise<number>((resolve) => {
  const s = createServer().listen(0, '127.0.0.1', () => {
    const p = (s.address() as { port: number }).port;
    s.close(() => resolve(p));
  });
});
const base = `http://127.0.0.1:${port}`;

async function start(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'error', SEED_GAZETTE: 'false', DEMO_DATA: 'false', VOUCHER_CLOCK_START: '2022-06-11T10:30:00+08:00' },
    stdio: 'ignore',
  });
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) return child;
    } catch {
      // starting
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('server did not start');
}

const stop = (c: ChildProcess, signal: NodeJS.Signals) => new Promise<void>((r) => (c.exitCode !== null || c.signalCode ? r() : (c.on('exit', () => r()), c.kill(signal))));

async function login(username: string, password: string) {
  const r = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  const cookie = r.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  return { cookie, csrf: (await r.json()).csrfToken as string };
}

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('crash in a claim storm (SQLite, durable commits)', () => {
  it('keeps every acknowledged claim and every invariant', async () => {
    let server = await start();
    const admin = await login('admin', 'xianwu2022');
    // 县政府择日宣布活动启动: the campaign is launched before its first round.
    await fetch(`${base}/api/vouchers/launch`, { method: 'POST', headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, 'content-type': 'application/json' }, body: JSON.stringify({ date: '2022-06-10' }) });
    const users: { cookie: string; csrf: string; id: number }[] = [];
    for (let i = 0; i < 30; i++) {
      const r = await fetch(`${base}/api/users`, {
        method: 'POST',
        headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, 'content-type': 'application/json' },
        body: JSON.stringify({ username: `crash${i}`, displayName: `居民${i}`, role: 'resident', password: 'crash2022x' }),
      });
      const id = (await r.json()).id as number;
      const session = await login(`crash${i}`, 'crash2022x');
      // A new account changes its initial password before anything else.
      await fetch(`${base}/api/auth/password`, {
        method: 'POST',
        headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, 'content-type': 'application/json' },
        body: JSON.stringify({ oldPassword: 'crash2022x', newPassword: 'crash2022y' }),
      });
      users.push({ ...session, id });
    }
    const campaign = await (await fetch(`${base}/api/vouchers/campaign`)).json();
    const kinds: number[] = campaign.categories.flatMap((c: { kinds: { id: number }[] }) => c.kinds.map((k) => k.id));
    const jobs = users.flatMap((u) => kinds.map((k) => ({ u, k })));
    const acked: { userId: number; voucherId: number }[] = [];
    let killed = false;
    const worker = async () => {
      while (jobs.length && !killed) {
        const { u, k } = jobs.shift()!;
        try {
          const r = await fetch(`${base}/api/vouchers/claims`, {
            method: 'POST',
            headers: { cookie: u.cookie, 'x-csrf-token': u.csrf, 'content-type': 'application/json' },
            body: JSON.stringify({ kindId: k, lng: 112.156, lat: 37.552, deviceId: null }),
          });
          if (r.status === 201) acked.push({ userId: u.id, voucherId: (await r.json()).voucherId });
          if (acked.length >= 120 && !killed) {
            killed = true;
            server.kill('SIGKILL');
          }
        } catch {
          // the server is gone: requests in flight fail, and were never acknowledged
        }
      }
    };
    await Promise.all(Array.from({ length: 32 }, worker));
    await stop(server, 'SIGKILL');
    expect(killed).toBe(true);

    server = await start();
    const db = new Database(join(dataDir, 'xianwu.sqlite'), { readonly: true });
    try {
      const rows = db.prepare('select id, user_id from vouchers').all() as { id: number; user_id: number }[];
      const byId = new Map(rows.map((r) => [r.id, r.user_id]));
      for (const a of acked) expect(byId.get(a.voucherId), `acknowledged voucher ${a.voucherId}`).toBe(a.userId);
      const cats = db
        .prepare(
          `select c.budget_fen b, c.committed_fen c, (select coalesce(sum(face_fen),0) from vouchers v where v.category_id = c.id and v.status in ('claimed','redeemed')) live from voucher_categories c`,
        )
        .all() as { b: number; c: number; live: number }[];
      for (const c of cats) {
        expect(c.c).toBe(c.live);
        expect(c.c).toBeLessThanOrEqual(c.b);
      }
      const quotas = db.prepare('select q.claimed, q.released, (select count(*) from vouchers v where v.round_id = q.round_id and v.kind_id = q.kind_id) n from voucher_round_quotas q').all() as {
        claimed: number;
        released: number;
        n: number;
      }[];
      for (const q of quotas) {
        expect(q.claimed).toBe(q.n);
        expect(q.claimed).toBeLessThanOrEqual(q.released);
      }
      expect(db.prepare('select count(*) n from (select 1 from vouchers group by round_id, kind_id, user_id having count(*) > 1)').get()).toEqual({ n: 0 });
    } finally {
      db.close();
      await stop(server, 'SIGTERM');
    }
  }, 120_000);
});
