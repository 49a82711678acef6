/**
 * The Saturday-10:00 rush (交政办发〔2022〕13号): a round opens for BENCH_RESIDENTS residents (default 100,000).
 * Against servers on 127.0.0.1 only, bounded by request counts:
 *  - baseline: a bare Fastify POST route in its own process;
 *  - successful claims: every resident claims one voucher (quota and budget raised for the run);
 *  - rejections: every resident claims again (duplicate) or claims a sold-out kind;
 * on SQLite with durable commits (one process), then on PostgreSQL with two processes.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import pg from 'pg';
import { migrateToLatest, openDb, type Db } from '../server/src/core/db.js';
import { hashPassword } from '../server/src/core/auth.js';
import { allMigrations } from '../server/src/boot.js';
import { testRegistry } from '../server/src/test/app.js';
import { insertUsers } from '../server/src/test/builders.js';
import { launchCampaign } from '../server/src/modules/vouchers/vouchers.testing.js';
import { fmt } from './stats.js';
import { freePort, spawnServer, waitHealthy } from './server.js';

const root = new URL('..', import.meta.url).pathname;
const RESIDENTS = Number(process.env.BENCH_RESIDENTS ?? 100_000);
const CONNECTIONS = 256;
const CLOCK = '2022-06-11T10:30:00+08:00';
const NOW = '2022-06-11T02:30:00.000Z';

/** CPU time (user + system, µs) a process has used so far, from /proc; 0 where there is no /proc. */
function cpuMicros(pid: number | undefined): number {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(f[11]) + Number(f[12])) * 1e6) / 100; // utime, stime in clock ticks (USER_HZ = 100)
  } catch {
    return 0;
  }
}

const stop = (c: ChildProcess) => new Promise<void>((r) => (c.exitCode !== null ? r() : (c.on('exit', () => r()), c.kill('SIGTERM'))));

/** Residents and their sessions, written straight into the database (100,000 Argon2 logins would be the benchmark). */
async function prepare(db: Db): Promise<{ tokens: { cookie: string; csrf: string }[]; kindA: number; kindB: number }> {
  await migrateToLatest(db, allMigrations());
  const registry = testRegistry(db);
  await registry.seed({ demo: false, only: ['vouchers'] });
  await launchCampaign(registry.service('vouchers'));
  const hash = await hashPassword(randomBytes(12).toString('hex'));
  const at = '2022-06-01T00:00:00.000Z';
  const expires = '2099-01-01T00:00:00.000Z';
  const tokens: { cookie: string; csrf: string }[] = [];
  const ids = await insertUsers(db, RESIDENTS, { prefix: 'bench', passwordHash: hash });
  for (let i = 0; i < RESIDENTS; i += 1000) {
    const sessions = ids.slice(i, i + 1000).map((userId) => {
      const token = randomBytes(24).toString('base64url');
      const csrf = randomBytes(12).toString('base64url');
      tokens.push({ cookie: `xw_session=${token}`, csrf });
      return { id: createHash('sha256').update(token).digest('hex'), user_id: userId, csrf_token: csrf, created_at: at, last_seen_at: '2099-01-01T00:00:00.000Z', expires_at: expires };
    });
    await db.kysely.insertInto('sessions').values(sessions).execute();
  }
  const kinds = await db.kysely.selectFrom('voucher_kinds').select(['id', 'category_id']).orderBy('id').execute();
  const round = await db.kysely.selectFrom('voucher_rounds').select('id').where('opens_at', '<=', NOW).where('expires_at', '>', NOW).executeTakeFirstOrThrow();
  const [kindA, kindB] = [kinds[2], kinds[3]]; // the general vouchers
  // The rush at scale: enough quota and budget for every resident to get kind A; kind B is already sold out.
  await db.kysely.updateTable('voucher_round_quotas').set({ released: RESIDENTS }).where('round_id', '=', round.id).where('kind_id', '=', kindA.id).execute();
  await db.kysely.updateTable('voucher_round_quotas').set({ released: 0 }).where('round_id', '=', round.id).where('kind_id', '=', kindB.id).execute();
  await db.kysely.updateTable('voucher_categories').set({ budget_fen: 100_000_000_000 }).where('id', '=', kindA.category_id).execute();
  return { tokens, kindA: kindA.id, kindB: kindB.id };
}

type Token = { cookie: string; csrf: string };

/** One measured load: requests per second of the wanted status, from the wall clock to the last response (autocannon's own duration is whole seconds). */
interface Phase {
  perS: number;
  count: number;
  seconds: number;
  serverCpuUs: number;
  clientCpuUs: number;
  results: autocannon.Result[];
}

/** Drive `amount` claim requests at the servers and time them. */
async function drive(servers: { pid?: number; url: string }[], tokens: Token[], kindFor: (i: number) => number, amount: number, status: string): Promise<Phase> {
  let next = 0;
  const cpu0 = servers.reduce((a, s) => a + cpuMicros(s.pid), 0);
  const client0 = process.cpuUsage();
  const t0 = performance.now();
  // Timed to the last response: autocannon itself only finishes on its next one-second tick.
  let last = t0;
  const results = await Promise.all(
    servers.map(({ url }) =>
      autocannon({
        url,
        connections: Math.floor(CONNECTIONS / servers.length),
        amount: Math.floor(amount / servers.length),
        timeout: 30,
        requests: [
          {
            method: 'POST',
            path: '/api/vouchers/claims',
            setupRequest: (req: autocannon.Request) => {
              const i = next++;
              const t = tokens[i % tokens.length];
              return { ...req, headers: { 'content-type': 'application/json', cookie: t.cookie, 'x-csrf-token': t.csrf }, body: JSON.stringify({ kindId: kindFor(i), lng: 112.156, lat: 37.552, deviceId: null }) };
            },
          },
        ],
      }).on('response', () => {
        last = performance.now();
      }),
    ),
  );
  const seconds = (last - t0) / 1000;
  const client = process.cpuUsage(client0);
  const n = count(results, status);
  return {
    perS: n / seconds,
    count: n,
    seconds,
    serverCpuUs: (servers.reduce((a, s) => a + cpuMicros(s.pid), 0) - cpu0) / amount,
    clientCpuUs: (client.user + client.system) / amount,
    results,
  };
}

const sum = (rs: autocannon.Result[], f: (r: autocannon.Result) => number) => rs.reduce((s, r) => s + f(r), 0);
const count = (rs: autocannon.Result[], code: string) => sum(rs, (r) => Number((r.statusCodeStats as Record<string, { count: number }>)[code]?.count ?? 0));

async function invariants(db: Db) {
  const over = await sql<{ n: number }>`select count(*) as n from voucher_round_quotas where claimed > released`.execute(db.kysely);
  const overBudget = await sql<{ n: number }>`select count(*) as n from voucher_categories where committed_fen > budget_fen`.execute(db.kysely);
  const rowsVsCount = await sql<{ n: number }>`select count(*) as n from voucher_round_quotas q where q.claimed <> (select count(*) from vouchers v where v.round_id = q.round_id and v.kind_id = q.kind_id)`.execute(db.kysely);
  const dups = await sql<{ n: number }>`select count(*) as n from (select 1 from vouchers group by round_id, kind_id, user_id having count(*) > 1) d`.execute(db.kysely);
  return { overIssued: Number(over.rows[0].n) + Number(overBudget.rows[0].n) + Number(rowsVsCount.rows[0].n), duplicates: Number(dups.rows[0].n) };
}

/**
 * Baseline: a bare Fastify POST route in its own process, driven exactly like the claims (same client,
 * connections and per-request cookie, token and JSON body), so that only the server side differs. It is
 * measured right before and right after each phase, and each phase is compared with the mean of the two:
 * these machines are shared, and their speed drifts within a minute.
 */
class Baseline {
  private constructor(
    private readonly child: ChildProcess,
    private readonly url: string,
    private readonly tokens: Token[],
  ) {}

  static async start(): Promise<Baseline> {
    const port = await freePort();
    const child = startBare(port);
    const url = `http://127.0.0.1:${port}`;
    await waitHealthyPost(url);
    const tokens = Array.from({ length: 1000 }, () => ({ cookie: `xw_session=${randomBytes(24).toString('base64url')}`, csrf: randomBytes(12).toString('base64url') }));
    const b = new Baseline(child, url, tokens);
    await b.measure(Math.min(RESIDENTS, 20_000)); // warm-up, as the servers warm up in their first phase
    b.runs.length = 0;
    return b;
  }

  readonly runs: number[] = [];

  async measure(amount: number, log?: (m: string) => void): Promise<number> {
    const p = await drive([{ pid: this.child.pid, url: this.url }], this.tokens, () => 1, amount, '200');
    log?.(`    baseline: ${fmt(p.perS, 0)} requests/s; CPU per request server ${fmt(p.serverCpuUs, 1)} µs, client ${fmt(p.clientCpuUs, 1)} µs`);
    this.runs.push(p.perS);
    return p.perS;
  }

  stop = () => stop(this.child);
}

export interface VoucherBench {
  dialect: string;
  processes: number;
  /** The baseline beside each phase (mean of the runs right before and right after it). */
  claimsBase: number;
  rejectsBase: number;
  claimsPerS: number;
  rejectsPerS: number;
  p50: number;
  p99: number;
  successes: number;
  rejected: number;
  overIssued: number;
  duplicates: number;
}

async function runOn(dialect: 'sqlite' | 'postgres', base: Baseline, log: (m: string) => void): Promise<VoucherBench> {
  let db: Db;
  let env: Record<string, string>;
  let cleanup: () => Promise<void>;
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'xianwu-bench-'));
    db = openDb({ sqlitePath: join(dir, 'xianwu.sqlite') });
    env = { DATA_DIR: dir, DATABASE_URL: '' };
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  } else {
    const base = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
    const schema = `bench_${randomBytes(4).toString('hex')}`;
    const c = new pg.Client({ connectionString: base });
    await c.connect();
    await c.query(`create schema ${schema}`);
    await c.end();
    const u = new URL(base);
    u.searchParams.set('options', `-c search_path=${schema},public`);
    db = openDb({ url: u.toString() });
    env = { DATABASE_URL: u.toString(), DATA_DIR: mkdtempSync(join(tmpdir(), 'xianwu-bench-')) };
    cleanup = async () => {
      const c2 = new pg.Client({ connectionString: base });
      await c2.connect();
      await c2.query(`drop schema ${schema} cascade`);
      // Flush now what the run dirtied, so that PostgreSQL's writes do not land in the next run's SQLite phase.
      await c2.query('checkpoint').catch(() => {});
      await c2.end();
    };
  }
  try {
    log(`  ${dialect}: creating ${RESIDENTS} residents and sessions`);
    const { tokens, kindA, kindB } = await prepare(db);
    const processes = dialect === 'sqlite' ? 1 : 2;
    const servers: { child: ChildProcess; url: string }[] = [];
    for (let i = 0; i < processes; i++) {
      const port = await freePort();
      const s = spawnServer({ VOUCHER_CLOCK_START: CLOCK, ...env, PORT: String(port), DEMO_ACCOUNTS: 'false' });
      const url = `http://127.0.0.1:${port}`;
      await waitHealthy(url, s.child, s.log);
      servers.push({ child: s.child, url });
    }
    try {
      const procs = servers.map((s) => ({ pid: s.child.pid, url: s.url }));
      const phaseLog = (what: string, p: Phase) =>
        log(`    ${dialect}: ${p.count} ${what}, ${fmt(p.perS, 0)}/s; CPU per request server ${fmt(p.serverCpuUs, 1)} µs, client ${fmt(p.clientCpuUs, 1)} µs`);
      log(`  ${dialect}: ${RESIDENTS} successful claims over ${CONNECTIONS} connections (${processes} process${processes > 1 ? 'es' : ''}), baseline before and after`);
      const b0 = await base.measure(RESIDENTS, log);
      const ok = await drive(procs, tokens, () => kindA, RESIDENTS, '201');
      phaseLog('claims', ok);
      const b1 = await base.measure(RESIDENTS, log);
      log(`  ${dialect}: ${RESIDENTS} rejected claims (duplicates and a sold-out kind), baseline after`);
      const rej = await drive(procs, tokens, (i) => (i % 2 ? kindA : kindB), RESIDENTS, '409');
      phaseLog('refusals', rej);
      const b2 = await base.measure(RESIDENTS, log);
      const claimsPerS = ok.perS;
      const rejectsPerS = rej.perS;
      const successes = ok.count;
      const rejected = rej.count;
      const p50 = Math.max(...ok.results.map((r) => r.latency.p50));
      const p99 = Math.max(...ok.results.map((r) => r.latency.p99));
      const inv = await invariants(db);
      return { dialect, processes, claimsBase: (b0 + b1) / 2, rejectsBase: (b1 + b2) / 2, claimsPerS, rejectsPerS, p50, p99, successes, rejected, ...inv };
    } finally {
      await Promise.all(servers.map((s) => stop(s.child)));
    }
  } finally {
    await db.destroy();
    await cleanup();
  }
}

/** Run the voucher benchmark; returns the figures per dialect and the baseline. */
export async function benchVouchers(log: (m: string) => void) {
  log('vouchers: baseline server (bare Fastify POST, driven like the claims)');
  const base = await Baseline.start();
  try {
    const sqlite = await runOn('sqlite', base, log);
    let postgres: VoucherBench | null = null;
    try {
      if (process.env.BENCH_SKIP_PG) throw new Error('BENCH_SKIP_PG is set');
      postgres = await runOn('postgres', base, log);
    } catch (err) {
      log(`  postgres: skipped (${(err as Error).message.split('\n')[0]})`);
    }
    return { base: base.runs.reduce((a, b) => a + b, 0) / base.runs.length, sqlite, postgres };
  } finally {
    await base.stop();
  }
}

export const formatVoucherLine = (b: VoucherBench) =>
  `claims_per_s=${fmt(b.claimsPerS, 0)} ratio_vs_baseline=${fmt(b.claimsPerS / b.claimsBase)} rejects_ratio=${fmt(b.rejectsPerS / b.rejectsBase)} p50_ms=${fmt(b.p50, 0)} p99_ms=${fmt(b.p99, 0)} over_issued=${b.overIssued} duplicates=${b.duplicates} successes=${b.successes} rejected=${b.rejected} baseline_rps=${fmt(b.claimsBase, 0)}/${fmt(b.rejectsBase, 0)}`;

/** A bare Fastify POST route in its own process: the baseline every figure is compared with. */
const startBare = (port: number) =>
  spawn(process.execPath, ['-e', `const f=require('fastify')();f.post('/api/vouchers/claims',async(r)=>({ok:true,kindId:r.body.kindId}));f.listen({port:${port},host:'127.0.0.1',backlog:4096});`], { cwd: root, stdio: 'ignore' });

/** Wait until a bare server answers a POST. */
async function waitHealthyPost(url: string) {
  for (let i = 0; i < 100; i++) {
    try {
      await fetch(`${url}/api/vouchers/claims`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"kindId":1}' });
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

export interface RushBench {
  /** The same load against a bare Fastify POST route: what this machine and client do at that many connections. */
  baselineTimeouts: number;
  baselineP99: number;
  connections: number;
  errors: number;
  timeouts: number;
  p99: number;
  total: number;
  shed: number;
  overIssued: number;
  duplicates: number;
}

/**
 * 10:00 on a Saturday with more residents pressing 领取 than one process can serve: RUSH_CONNECTIONS connections
 * for RUSH_SECONDS seconds against one SQLite process, each request a different resident's claim. Admission
 * control answers 503 at once while the claim queue's oldest claim has waited past VOUCHER_CLAIM_WAIT_MS, so on a
 * machine that cannot keep up shed_ratio rises instead of p99; nothing may hang or fail.
 */
export async function benchRush(log: (m: string) => void): Promise<RushBench> {
  const connections = Number(process.env.RUSH_CONNECTIONS ?? 2000);
  const seconds = Number(process.env.RUSH_SECONDS ?? 20);
  // The baseline first: at 2,000 connections on one loopback, even a bare route sees connections time out.
  const basePort = await freePort();
  const bare = startBare(basePort);
  await waitHealthyPost(`http://127.0.0.1:${basePort}`);
  const b = await autocannon({
    url: `http://127.0.0.1:${basePort}`,
    connections,
    duration: seconds,
    timeout: 10,
    requests: [{ method: 'POST', path: '/api/vouchers/claims', headers: { 'content-type': 'application/json' }, body: '{"kindId":1,"lng":112.156,"lat":37.552,"deviceId":null}' }],
  });
  await stop(bare);
  log(`  rush: baseline (bare Fastify POST, same load): timeouts ${b.timeouts}, p99 ${b.latency.p99} ms`);
  const dir = mkdtempSync(join(tmpdir(), 'xianwu-bench-rush-'));
  const db = openDb({ sqlitePath: join(dir, 'xianwu.sqlite') });
  try {
    log(`  rush: creating ${RESIDENTS} residents and sessions`);
    const { tokens, kindA } = await prepare(db);
    const port = await freePort();
    const s = spawnServer({ VOUCHER_CLOCK_START: CLOCK, DATA_DIR: dir, DATABASE_URL: '', PORT: String(port), DEMO_ACCOUNTS: 'false' });
    const url = `http://127.0.0.1:${port}`;
    await waitHealthy(url, s.child, s.log);
    try {
      log(`  rush: ${connections} connections for ${seconds} s`);
      let next = 0;
      const r = await autocannon({
        url,
        connections,
        duration: seconds,
        timeout: 10,
        requests: [
          {
            method: 'POST',
            path: '/api/vouchers/claims',
            setupRequest: (req: autocannon.Request) => {
              const t = tokens[next++ % tokens.length];
              return { ...req, headers: { 'content-type': 'application/json', cookie: t.cookie, 'x-csrf-token': t.csrf }, body: JSON.stringify({ kindId: kindA, lng: 112.156, lat: 37.552, deviceId: null }) };
            },
          },
        ],
      });
      const codes = r.statusCodeStats as Record<string, { count: number }>;
      const total = Object.values(codes).reduce((a, c) => a + c.count, 0);
      log(`  rush: answers ${JSON.stringify(Object.fromEntries(Object.entries(codes).map(([k, v]) => [k, v.count])))}`);
      const inv = await invariants(db);
      return { baselineTimeouts: b.timeouts, baselineP99: b.latency.p99, connections, errors: r.errors - r.timeouts, timeouts: r.timeouts, p99: r.latency.p99, total, shed: (codes['503']?.count ?? 0) / Math.max(1, total), ...inv };
    } finally {
      await stop(s.child);
    }
  } finally {
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
}
