/**
 * 涉农资金统筹整合: the KPI dashboard over BENCH_AGRI_PROJECTS projects (default 10,000) and BENCH_AGRI_PAYMENTS payments
 * (default 200,000), payments through HTTP, and 50 payments racing for one sub-item's last allocation. The data goes in
 * through the repository (quick); every measured request goes through the app listening on 127.0.0.1.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { buildApp } from '../server/src/app.js';
import { allMigrations } from '../server/src/boot.js';
import { migrateToLatest, openDb, type Db, type DialectName } from '../server/src/core/db.js';
import { DEMO_PASSWORD } from '../server/src/modules/accounts/index.js';
import type { AgrifundService } from '../server/src/modules/agrifund/index.js';
import { STEPS, TREE_2022, type StepCode } from '../server/src/modules/agrifund/agrifund.rules.js';
import { freshDb } from '../server/src/test/dialects.js';
import { testConfig } from '../server/src/test/app.js';
import { median, percentile } from './stats.js';

export interface AgrifundBench {
  projects: number;
  payments: number;
  dashboardP95: number;
  dashboardP50: number;
  payPerS: number;
  payErrors: number;
  raceWon: number;
  overpaid: number;
}

const YEAR = 2022;
const SHARES = [3000, 5000, 2000];
// The race: the last 1 万元 of sub-item 2.1 (水利工程), asked for 50 times at 0.3 万元 — three can be paid.
const RACE_ITEM = '2.1';
const RACE_LEFT_FEN = 1_000_000;
const RACE_ASK = '0.3';
const RACE_REQUESTS = 50;
const PAY_REQUESTS = Number(process.env.BENCH_AGRI_PAY_REQUESTS ?? 2000);

/** How many milestones a project at this step has verified (inferred plan: 开工, 主体完工, 竣工验收). */
const verifiedCount = (step: StepCode) => (step === 'started' ? 1 : step === 'progress' ? 2 : ['accepted', 'settled', 'evaluated'].includes(step) ? 3 : 0);
const shareOf = (amount: number, n: number) => Math.floor((amount * SHARES.slice(0, n).reduce((a, b) => a + b, 0)) / 10_000);

async function fill(db: Db, svc: AgrifundService, n: number, payments: number, log: (m: string) => void) {
  const repo = svc.repo;
  const k = db.kysely;
  const towns = await k.selectFrom('org_units').select(['id', 'name']).where('kind', '=', 'township').orderBy('id').execute();
  const items = TREE_2022.flatMap((c) => c.items.map((i) => i.code));
  const allocated = new Map((await repo.items(YEAR)).map((i) => [i.code, i.allocated_fen]));
  const perItem = new Map(items.map((c) => [c, 0]));
  for (let i = 0; i < n; i++) perItem.set(items[i % items.length]!, perItem.get(items[i % items.length]!)! + 1);
  const t0 = performance.now();
  const made: { id: number; item: string; step: StepCode; amount: number; verified: number; paid: number }[] = [];
  await db.unitOfWork(async () => {
    const seen = new Map(items.map((c) => [c, 0]));
    for (let i = 0; i < n; i++) {
      const item = items[i % items.length]!;
      const count = perItem.get(item)!;
      const nth = seen.get(item)!;
      seen.set(item, nth + 1);
      // Whole 元 per project; the item's last project takes the rest, so every sub-item is committed in full.
      const each = Math.floor(allocated.get(item)! / count / 100) * 100;
      const amount = nth === count - 1 ? allocated.get(item)! - each * (count - 1) : each;
      const last = nth === count - 1;
      // Sub-item 2.1 is paid out but for its last project's last 1 万元 (the race); the others spread over the steps.
      const step: StepCode = item === RACE_ITEM ? (last ? 'progress' : 'accepted') : STEPS[i % STEPS.length]!.code;
      const v = item === RACE_ITEM ? 3 : verifiedCount(step);
      const at = '2022-06-01T02:00:00.000Z';
      const p = await repo.createProject(
        { year: YEAR, item_code: item, name: `压测项目${i}`, township_id: towns[i % towns.length]!.id, village_id: null, implementing_unit: `${towns[i % towns.length]!.name}人民政府`, amount_fen: amount, targets: '受益农户 100 户', step, created_by: '压测', created_at: at },
        SHARES.map((share_bp, j) => ({ seq: j + 1, name: ['开工', '主体完工', '竣工验收'][j]!, due_date: '2022-11-30', share_bp, verified_at: j < v ? at : null, verified_by: j < v ? '压测' : null, evidence: j < v ? '核实' : null, reported_at: j < v ? at : null, reported_by: j < v ? '压测' : null, report_note: null, request_fen: null })),
      );
      const verified = shareOf(amount, v);
      const paid = item === RACE_ITEM ? (last ? verified - RACE_LEFT_FEN : verified) : ['settled', 'evaluated'].includes(step) ? verified : Math.floor(verified / 2);
      made.push({ id: p.id, item, step, amount, verified, paid });
    }
  });
  log(`  agrifund: ${n} projects in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  // Payments split over the projects that have been paid anything, each project's summing to its paid amount.
  const payers = made.filter((p) => p.paid > 0);
  const rows: { project_id: number; milestone_seq: number; amount_fen: number; by_name: string; at: string }[] = [];
  payers.forEach((p, i) => {
    const count = Math.floor(payments / payers.length) + (i < payments % payers.length ? 1 : 0);
    const each = Math.floor(p.paid / count);
    for (let j = 0; j < count; j++) rows.push({ project_id: p.id, milestone_seq: 1, amount_fen: j === count - 1 ? p.paid - each * (count - 1) : each, by_name: '压测', at: '2022-07-01T02:00:00.000Z' });
  });
  await k.transaction().execute(async (k) => {
    for (let i = 0; i < rows.length; i += 1000) await k.insertInto('agrifund_payments').values(rows.slice(i, i + 1000)).execute();
    for (const p of made) await k.updateTable('agrifund_projects').set({ verified_fen: p.verified, paid_fen: p.paid }).where('id', '=', p.id).execute();
    for (const code of items) {
      const paid = made.filter((p) => p.item === code).reduce((a, p) => a + p.paid, 0);
      await k.updateTable('agrifund_items').set({ paid_fen: paid }).where('year', '=', YEAR).where('code', '=', code).execute();
    }
  });
  log(`  agrifund: ${rows.length} payments in ${((performance.now() - t0) / 1000).toFixed(1)} s from the start`);
  const race = made.find((p) => p.item === RACE_ITEM && p.step === 'progress')!;
  // Throughput: 1 元 at a time on projects with verified money not yet paid (other than the race's).
  const open = made.filter((p) => p.item !== RACE_ITEM && ['started', 'progress', 'accepted'].includes(p.step) && p.verified - p.paid >= 100 * 50);
  return { race: race.id, open: open.map((p) => p.id), payments: rows.length };
}

/** The bench on one dialect. */
export async function benchAgrifund(dialect: DialectName, log: (m: string) => void): Promise<AgrifundBench> {
  const n = Number(process.env.BENCH_AGRI_PROJECTS ?? 10_000);
  const payments = Number(process.env.BENCH_AGRI_PAYMENTS ?? 200_000);
  const dir = mkdtempSync(join(tmpdir(), 'xianwu-bench-agrifund-'));
  let db: Db;
  let cleanup: () => Promise<void>;
  if (dialect === 'sqlite') {
    db = openDb({ sqlitePath: join(dir, 'xianwu.sqlite') });
    await migrateToLatest(db, allMigrations());
    cleanup = () => db.destroy();
  } else {
    ({ db, cleanup } = await freshDb('postgres'));
  }
  try {
    const app = await buildApp({ config: testConfig({ DATA_DIR: dir }), db, logger: false, today: () => '2022-10-01' });
    try {
      await app.registry.seed({ demo: false, only: ['accounts', 'agrifund'] });
      const seeded = await fill(db, app.registry.service('agrifund'), n, payments, log);
      await app.listen({ port: 0, host: '127.0.0.1' });
      const url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
      const login = async (username: string) => {
        const r = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: DEMO_PASSWORD }) });
        if (!r.ok) throw new Error(`login ${username}: ${r.status}`);
        return { cookie: r.headers.getSetCookie().map((c) => c.split(';')[0]).join('; '), 'x-csrf-token': (await r.json()).csrfToken as string };
      };
      const admin = await login('admin');
      const finance = await login('caizheng');

      const dash = async () => {
        const r = await fetch(`${url}/api/agrifund/kpis?year=${YEAR}`, { headers: admin });
        const body = await r.text();
        if (r.status !== 200) throw new Error(`dashboard: ${r.status} ${body.slice(0, 200)}`);
        return body;
      };
      const first = JSON.parse(await dash()) as { total: { projects: number } };
      if (first.total.projects !== n) throw new Error(`dashboard counts ${first.total.projects} projects, not ${n}`);
      for (let i = 0; i < 5; i++) await dash();
      const times: number[] = [];
      for (let i = 0; i < 40; i++) {
        const s = performance.now();
        await dash();
        times.push(performance.now() - s);
      }
      log(`  agrifund: dashboard p50 ${median(times).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms over ${n} projects`);

      // Payments through HTTP, 50 connections, each request on its own project (1 元).
      let next = 0;
      const t0 = performance.now();
      let last = t0;
      const r = await autocannon({
        url, connections: 50, amount: PAY_REQUESTS, timeout: 30,
        requests: [{ method: 'POST', setupRequest: (req: autocannon.Request) => {
          const id = seeded.open[next++ % seeded.open.length]!;
          return { ...req, path: `/api/agrifund/projects/${id}/milestones/1/pay`, headers: { 'content-type': 'application/json', ...finance }, body: JSON.stringify({ amountWan: '0.0001' }) };
        } }],
      }).on('response', () => (last = performance.now()));
      const ok = r.statusCodeStats['200']?.count ?? 0;
      const payPerS = ok / ((last - t0) / 1000);
      log(`  agrifund: ${ok} of ${PAY_REQUESTS} payments in ${((last - t0) / 1000).toFixed(2)} s (${JSON.stringify(r.statusCodeStats)})`);

      // The race: 50 requests at once for the last 1 万元 of the sub-item.
      const race = await autocannon({
        url, connections: RACE_REQUESTS, amount: RACE_REQUESTS, timeout: 30,
        requests: [{ method: 'POST', path: `/api/agrifund/projects/${seeded.race}/milestones/1/pay`, headers: { 'content-type': 'application/json', ...finance }, body: JSON.stringify({ amountWan: RACE_ASK }) }],
      });
      const raceWon = race.statusCodeStats['200']?.count ?? 0;
      const k = db.kysely;
      const item = await k.selectFrom('agrifund_items').selectAll().where('year', '=', YEAR).where('code', '=', RACE_ITEM).executeTakeFirstOrThrow();
      const proj = await k.selectFrom('agrifund_projects').selectAll().where('id', '=', seeded.race).executeTakeFirstOrThrow();
      const sum = await k.selectFrom('agrifund_payments').select((e) => e.fn.sum<number | string>('amount_fen').as('s')).where('project_id', '=', seeded.race).executeTakeFirstOrThrow();
      // Over either cap, or a payment row the paid amount does not count: each is money paid out that should not be.
      const overpaid = Math.max(0, Number(item.paid_fen) - Number(item.allocated_fen)) + Math.max(0, Number(proj.paid_fen) - Number(proj.verified_fen)) + Math.abs(Number(sum.s) - Number(proj.paid_fen));
      log(`  agrifund: race ${raceWon} of ${RACE_REQUESTS} paid (${JSON.stringify(race.statusCodeStats)}), sub-item ${RACE_ITEM} paid ${item.paid_fen} of ${item.allocated_fen} 分`);
      return { projects: n, payments: seeded.payments, dashboardP95: percentile(times, 95), dashboardP50: median(times), payPerS, payErrors: PAY_REQUESTS - ok + r.errors, raceWon, overpaid };
    } finally {
      await app.close();
    }
  } finally {
    await cleanup();
    rmSync(dir, { recursive: true, force: true });
  }
}
