/**
 * Acknowledged means on disk, checked where it can fail: the server runs under strace during a claim storm, and
 * every 201 a resident receives must be written to its socket after an fdatasync/fsync of the WAL that follows the
 * WAL's last write before it. (A SIGKILL test cannot tell: the page cache survives a killed process, so it passes
 * with synchronous=OFF too.) Skipped where strace is not installed; .ci/run installs it.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = new URL('../../../..', import.meta.url).pathname;
const hasStrace = spawnSync('strace', ['-V']).status === 0;
const dataDir = mkdtempSync(join(tmpdir(), 'xianwu-durable-'));
const traceFile = join(dataDir, 'trace.txt');

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });

async function start(port: number, traced: boolean): Promise<ChildProcess> {
  const node = [process.execPath, '--import', 'tsx', 'server/src/main.ts'];
  // -y names each descriptor's file or socket; -s keeps enough of a write to read the response body.
  const argv = traced ? ['strace', '-f', '-qq', '-y', '-s', '2048', '-e', 'trace=pwrite64,write,writev,sendto,fsync,fdatasync', '-o', traceFile, ...node] : node;
  const child = spawn(argv[0], argv.slice(1), {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'error', SEED_GAZETTE: 'false', DEMO_DATA: 'false', VOUCHER_CLOCK_START: '2022-06-11T10:30:00+08:00' },
    stdio: 'ignore',
    // Its own process group, so that stopping it stops strace and the server together.
    detached: true,
  });
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) return child;
    } catch {
      // starting
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('server did not start');
}

const stop = (c: ChildProcess) =>
  new Promise<void>((r) => {
    if (c.exitCode !== null || c.signalCode) return r();
    c.on('exit', () => r());
    process.kill(-c.pid!, 'SIGTERM');
  });

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe.skipIf(!hasStrace)('durable acknowledgements (SQLite, strace)', () => {
  it('writes every 201 after a WAL sync that covers its commit', async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const post = (path: string, body: unknown, s?: { cookie: string; csrf: string }) =>
      fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...(s ? { cookie: s.cookie, 'x-csrf-token': s.csrf } : {}) }, body: JSON.stringify(body) });
    const login = async (username: string, password: string) => {
      const r = await post('/api/auth/login', { username, password });
      return { cookie: r.headers.getSetCookie().map((c) => c.split(';')[0]).join('; '), csrf: (await r.json()).csrfToken as string };
    };
    // Residents made before tracing, so the trace holds the storm and little else.
    let server = await start(port, false);
    const admin = await login('admin', 'xianwu2022');
    await post('/api/vouchers/launch', { date: '2022-06-10' }, admin);
    for (let i = 0; i < 20; i++) {
      await post('/api/users', { username: `durable${i}`, displayName: `居民${i}`, role: 'resident', password: 'durable2022x' }, admin);
      // A new account changes its initial password before anything else.
      await post('/api/auth/password', { oldPassword: 'durable2022x', newPassword: 'durable2022y' }, await login(`durable${i}`, 'durable2022x'));
    }
    await stop(server);

    server = await start(port, true);
    try {
      const residents = await Promise.all(Array.from({ length: 20 }, (_, i) => login(`durable${i}`, 'durable2022y')));
      const campaign = await (await fetch(`${base}/api/vouchers/campaign`)).json();
      const kinds: number[] = campaign.categories.flatMap((c: { kinds: { id: number }[] }) => c.kinds.map((k) => k.id));
      const answers = await Promise.all(
        residents.flatMap((s) => kinds.map((k) => post('/api/vouchers/claims', { kindId: k, lng: 112.156, lat: 37.552, deviceId: null }, s).then(async (r) => ({ status: r.status, body: await r.json() })))),
      );
      const acked = answers.filter((a) => a.status === 201).map((a) => a.body.voucherId as number);
      expect(acked.length).toBeGreaterThan(50);
      await stop(server);

      // The trace, in the order the syscalls completed; a call split by another thread is read from its first half.
      const lines = readFileSync(traceFile, 'utf8').split('\n');
      let lastWalWrite = -1;
      let lastWalSync = -1;
      const unsynced: number[] = [];
      const seen = new Set<number>();
      lines.forEach((line, i) => {
        if (/pwrite64\([^)]*-wal>/.test(line)) lastWalWrite = i;
        else if (/(fdatasync|fsync)\(\d+<[^>]*-wal>/.test(line)) lastWalSync = i;
        else if (/(write|writev|sendto)\(\d+<(socket|TCP)/.test(line)) {
          const m = /voucherId\\":(\d+)/.exec(line);
          if (!m || !/HTTP\/1\.1 201 Created/.test(line)) return;
          const id = Number(m[1]);
          seen.add(id);
          if (!(lastWalSync > lastWalWrite)) unsynced.push(id);
        }
      });
      expect([...seen].sort((a, b) => a - b)).toEqual([...acked].sort((a, b) => a - b));
      expect(unsynced, 'acknowledged before the WAL was synced').toEqual([]);
    } finally {
      await stop(server);
    }
  }, 180_000);
});
