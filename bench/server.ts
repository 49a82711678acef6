/** Servers for the benchmarks: each in its own process, on loopback only. */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

const root = new URL('..', import.meta.url).pathname;

/** A free TCP port on 127.0.0.1. */
export const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });

/** Wait until the server answers /api/health (or has exited). */
export async function waitHealthy(url: string, child: ChildProcess, log: () => string) {
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(`${url}/api/health`)).ok) return;
    } catch {
      // starting
    }
    if (child.exitCode !== null) throw new Error(`server exited:\n${log()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server did not start:\n${log()}`);
}

/** Start `npm start`'s server in its own process on 127.0.0.1, with its last output kept for errors. */
export function spawnServer(env: Record<string, string>): { child: ChildProcess; log: () => string } {
  let out = '';
  // BENCH_CPU_PROF=<dir> writes a CPU profile of each server process there.
  const prof = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  // BENCH_PERF=1 lets `perf` name the JIT-compiled functions of each server process.
  if (process.env.BENCH_PERF) prof.push('--perf-basic-prof');
  const child = spawn(process.execPath, [...prof, '--import', 'tsx', 'server/src/main.ts'], {
    cwd: root,
    env: { ...process.env, HOST: '127.0.0.1', LOG_LEVEL: 'warn', SEED_GAZETTE: 'false', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d) => (out = (out + d).slice(-4000)));
  child.stderr?.on("data", (d) => { out = (out + d).slice(-4000); if (process.env.BENCH_SHOW) process.stderr.write(d); });
  return { child, log: () => out };
}

