/**
 * npm run bench: every figure with its ratio to a baseline measured in the same run
 * (these machines are shared and noisy). Loopback only; bounded in count and time.
 */
import { benchAgrifund } from './agrifund.bench.js';
import { benchParse, benchSearch } from './gazette.bench.js';
import { benchRush, benchVouchers, formatVoucherLine } from './vouchers.bench.js';
import { benchSecurity } from './security.bench.js';
import { benchSkills } from './skills.bench.js';
import { benchSupervision } from './supervision.bench.js';
import { benchToilets } from './toilets.bench.js';
import { benchTrusteeship } from './trusteeship.bench.js';
import { fmt } from './stats.js';

const only = process.argv.slice(2);
const want = (name: string) => !only.length || only.includes(name);
const log = (m: string) => console.error(m);

if (want('gazette')) {
  const docs = Number(process.env.BENCH_DOCS ?? 100_000);
  log(`gazette: parsing, then search on ${docs} documents (the corpus is built once under data/bench/)`);
  const parse = benchParse();
  const s = await benchSearch(docs, log);
  console.log(
    `gazette: parse_MBps=${fmt(parse)} search_p95_ms=${fmt(s.p95)} search_p50_ms=${fmt(s.p50)} like_median_ms=${fmt(s.likeMedian)} speedup_vs_like=${fmt(s.speedup, 1)} docs=${s.docs} index_mb=${fmt(s.indexBytes / 1e6, 1)}`,
  );
}

if (want('vouchers')) {
  const v = await benchVouchers(log);
  console.log(`vouchers: baseline_rps=${fmt(v.base, 0)} (bare Fastify POST, 256 connections, mean of its runs; each ratio uses the runs beside its phase)`);
  console.log(`vouchers: ${formatVoucherLine(v.sqlite)} db=sqlite processes=1`);
  if (v.postgres) console.log(`vouchers: ${formatVoucherLine(v.postgres)} db=postgres processes=2`);
}

if (want('security')) {
  log('security: short queries from 4 clients on 20,000 documents, and /api/health meanwhile');
  const s = await benchSecurity(log);
  console.log(
    `security: short_query_p95_ms=${fmt(s.shortP95)} health_p99_ms_during_short_queries=${fmt(s.healthP99)} docs=${s.docs} health_p99_ms_idle=${fmt(s.healthIdleP99)} health_ratio_to_idle=${fmt(s.healthP99 / s.healthIdleP99)}`,
  );
}

if (want('vouchers-rush')) {
  log('vouchers-rush: more connections than one process can serve, with admission control');
  const r = await benchRush(log);
  console.log(
    `vouchers-rush: connections=${r.connections} errors=${r.errors} timeouts=${r.timeouts} p99_ms=${fmt(r.p99, 0)} shed_ratio=${fmt(r.shed, 3)} over_issued=${r.overIssued} duplicates=${r.duplicates} answers=${r.total} baseline_timeouts=${r.baselineTimeouts} baseline_p99_ms=${fmt(r.baselineP99, 0)}`,
  );
}

if (want('supervision')) {
  log('supervision: extraction over the whole gazette; the dashboard over 20,000 tasks and 200,000 reports (SQLite)');
  const s = await benchSupervision(log);
  console.log(`supervision: extract_ms=${fmt(s.extractMs, 0)} dashboard_p95_ms=${fmt(s.dashboardP95, 1)} tasks=${s.tasks} dashboard_p50_ms=${fmt(s.dashboardP50, 1)} reports=${s.reports}`);
}

if (want('trusteeship')) {
  log('trusteeship: the season settled for 10,000 organisations and 1,000,000 work confirmations, the 100 元/亩 cap per plot across them');
  for (const dialect of ['sqlite', 'postgres'] as const) {
    try {
      if (dialect === 'postgres') {
        if (process.env.BENCH_SKIP_PG) throw new Error('BENCH_SKIP_PG is set');
        process.env.DATABASE_URL ??= process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
      }
      const t = await benchTrusteeship(dialect, log);
      console.log(`trusteeship: orgs=${t.orgs} confirmations=${t.confirmations} settle_s=${fmt(t.settleS, 1)} rows_per_s=${fmt(t.rowsPerS, 0)} db=${dialect} capped=${t.capped} paid_yuan=${fmt(t.paidFen / 100, 2)}`);
    } catch (err) {
      log(`  ${dialect}: skipped (${(err as Error).message.split('\n')[0]})`);
    }
  }
}

if (want('toilets')) {
  log('toilets: a 100,000-household survey imported from Excel (read, validated, staged, committed) and the county dashboard over it (SQLite)');
  const t = await benchToilets(log);
  console.log(`toilets: import_rows_per_s=${fmt(t.importRowsPerS, 0)} dashboard_p95_ms=${fmt(t.dashboardP95, 1)} households=${t.households} import_s=${fmt(t.importS, 1)} validate_s=${fmt(t.validateS, 1)} dashboard_p50_ms=${fmt(t.dashboardP50, 1)} file_mb=${fmt(t.fileMb, 1)}`);
}

if (want('skills')) {
  log('skills: the closing day, 2,000 registration forms from 200 connections in one burst (SQLite)');
  const s = await benchSkills(log);
  console.log(`skills: registrations=${s.registrations} register_per_s=${fmt(s.perS, 0)} ratio_vs_baseline=${fmt(s.perS / s.baselinePerS)} p99_ms=${fmt(s.p99, 0)} duplicates=${s.duplicates} errors=${s.errors} baseline_rps=${fmt(s.baselinePerS, 0)}`);
}

if (want('agrifund')) {
  log('agrifund: the KPI dashboard over 10,000 projects and 200,000 payments, payments through HTTP, 50 payments racing for one sub-item\'s last allocation');
  for (const dialect of ['sqlite', 'postgres'] as const) {
    try {
      if (dialect === 'postgres') {
        if (process.env.BENCH_SKIP_PG) throw new Error('BENCH_SKIP_PG is set');
        process.env.DATABASE_URL ??= process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
      }
      const a = await benchAgrifund(dialect, log);
      const tail = dialect === 'sqlite' ? '' : ` db=${dialect}`;
      console.log(`agrifund: projects=${a.projects} payments=${a.payments} dashboard_p95_ms=${fmt(a.dashboardP95, 1)} pay_per_s=${fmt(a.payPerS, 0)} overpaid=${a.overpaid}${tail}`);
      log(`  ${dialect}: dashboard_p50_ms=${fmt(a.dashboardP50, 1)} pay_errors=${a.payErrors} race_paid=${a.raceWon}`);
    } catch (err) {
      log(`  ${dialect}: skipped (${(err as Error).message.split('\n')[0]})`);
    }
  }
}
