/**
 * Anonymous short queries against a 20,000-document gazette (the probe that stalled the server): 4 clients search
 * single characters and wordless terms as fast as they are answered, while /api/health is asked every 20 ms.
 * The health figure is also measured with nothing else running, in the same run, as the baseline. Request limits
 * are off for the run: it measures the server's own work, not the limiter's refusals. Loopback only, bounded.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { corpus } from './gazette.bench.js';
import { freePort, spawnServer, waitHealthy } from './server.js';
import { percentile } from './stats.js';

const DOCS = 20_000;
const CLIENTS = 4;
const QUERIES_PER_CLIENT = 150;
/** The commonest characters of the gazette, a digit, a letter, and terms with no word in them. */
const SHORT = ['的', '县', '一', '政', '券', '2', 'a', '和', '是', '，的', '了', '在'];

async function timed(url: string): Promise<number> {
  const t0 = performance.now();
  const r = await fetch(url);
  await r.arrayBuffer();
  if (!r.ok) throw new Error(`${url}: ${r.status}`);
  return performance.now() - t0;
}

/** Health latencies, one request every `everyMs`, until `stop()` says so. */
async function probeHealth(base: string, everyMs: number, stop: () => boolean): Promise<number[]> {
  const out: number[] = [];
  while (!stop()) {
    out.push(await timed(`${base}/api/health`));
    await new Promise((r) => setTimeout(r, everyMs));
  }
  return out;
}

export interface SecurityBench {
  shortP95: number;
  healthP99: number;
  healthIdleP99: number;
  docs: number;
}

/** Short-query p95 and health p99 while 4 clients run short queries, on a 20,000-document corpus. */
export async function benchSecurity(log: (m: string) => void): Promise<SecurityBench> {
  const built = await corpus(DOCS, log);
  await built.destroy();
  const dir = mkdtempSync(join(tmpdir(), 'xianwu-bench-security-'));
  copyFileSync(join(process.cwd(), 'data', 'bench', `gazette-${DOCS}.sqlite`), join(dir, 'xianwu.sqlite'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const s = spawnServer({ PORT: String(port), DATA_DIR: dir, DEMO_ACCOUNTS: 'false', NODE_ENV: 'production', RATE_LIMITS: 'off' });
  try {
    await waitHealthy(base, s.child, s.log);
    for (const q of SHORT) await timed(`${base}/api/gazette/search?q=${encodeURIComponent(q)}`); // warm the page cache
    let idleDone = false;
    const idleRun = probeHealth(base, 20, () => idleDone);
    await new Promise((r) => setTimeout(r, 3000));
    idleDone = true;
    const idle = await idleRun;

    let done = false;
    const health = probeHealth(base, 20, () => done);
    const queries: number[] = [];
    await Promise.all(
      Array.from({ length: CLIENTS }, async (_, c) => {
        for (let i = 0; i < QUERIES_PER_CLIENT; i++) {
          const q = SHORT[(c * 7 + i) % SHORT.length];
          queries.push(await timed(`${base}/api/gazette/search?q=${encodeURIComponent(q)}&page=${1 + (i % 5)}`));
        }
      }),
    );
    done = true;
    const during = await health;
    log(`  security: ${queries.length} short queries, ${during.length} health checks during them, ${idle.length} before`);
    return { shortP95: percentile(queries, 95), healthP99: percentile(during, 99), healthIdleP99: percentile(idle, 99), docs: DOCS };
  } finally {
    s.child.kill('SIGTERM');
    await new Promise((r) => s.child.once('exit', r));
    rmSync(dir, { recursive: true, force: true });
  }
}
