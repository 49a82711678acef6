/**
 * 职业技能大赛, the closing day (7月15日): 2,000 registration forms from 200 connections in one burst, against the real
 * server on SQLite, beside a bare Fastify POST driven the same way in the same run (before and after; their mean).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { residentId } from '../server/src/modules/skills/skills.demo.js';
import { freePort, spawnServer, waitHealthy } from './server.js';

const root = new URL('..', import.meta.url).pathname;
const REGISTRATIONS = Number(process.env.BENCH_SKILLS_REGISTRATIONS ?? 2000);
const CONNECTIONS = 200;
const NO = { china_award: false, national_expert: false, sanjin_expert: false, province_top3: false, lvliang_top3: false };
const stop = (c: ChildProcess) => new Promise<void>((r) => (c.exitCode !== null ? r() : (c.on('exit', () => r()), c.kill('SIGTERM'))));

export interface SkillsBench {
  registrations: number;
  perS: number;
  baselinePerS: number;
  p99: number;
  duplicates: number;
  errors: number;
}

/** A distinct, valid ID for the i-th contestant: born 1970–1999, any day of the year's first 28 of each month. */
const idOf = (i: number) => residentId(`141122${1970 + (i % 30)}${String(1 + (Math.floor(i / 30) % 12)).padStart(2, '0')}${String(1 + (Math.floor(i / 360) % 28)).padStart(2, '0')}${String(Math.floor(i / 10080)).padStart(3, '0')}`);

async function burst(url: string, path: string, headers: Record<string, string>, body: (i: number) => string, amount: number) {
  let next = 0;
  const t0 = performance.now();
  let last = t0;
  const r = await autocannon({
    url,
    connections: CONNECTIONS,
    amount,
    timeout: 30,
    requests: [{ method: 'POST', path, setupRequest: (req: autocannon.Request) => ({ ...req, headers: { 'content-type': 'application/json', ...headers }, body: body(next++) }) }],
  }).on('response', () => {
    last = performance.now();
  });
  return { r, seconds: (last - t0) / 1000 };
}

async function baseline(body: (i: number) => string): Promise<number> {
  const port = await freePort();
  const child = spawn(process.execPath, ['-e', `const f=require('fastify')({bodyLimit:1048576});f.post('/api/skills/registrations',async(r,rep)=>{rep.code(201);return {ok:true,n:r.body.name}});f.listen({port:${port},host:'127.0.0.1',backlog:4096});`], { cwd: root, stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    try {
      await fetch(`${url}/api/skills/registrations`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: body(0) });
      break;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  try {
    await burst(url, '/api/skills/registrations', { cookie: 'xw_session=x', 'x-csrf-token': 'y' }, body, REGISTRATIONS); // warm-up
    const { r, seconds } = await burst(url, '/api/skills/registrations', { cookie: 'xw_session=x', 'x-csrf-token': 'y' }, body, REGISTRATIONS);
    return (r.statusCodeStats['201']?.count ?? 0) / seconds;
  } finally {
    await stop(child);
  }
}

async function login(url: string, username: string, password: string) {
  const r = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (!r.ok) throw new Error(`login ${username}: ${r.status}`);
  const cookie = r.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const csrf = (await r.json()).csrfToken as string;
  const call = async (method: string, path: string, body?: unknown) => (await fetch(`${url}${path}`, { method, headers: { cookie, 'x-csrf-token': csrf, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, body: body === undefined ? undefined : JSON.stringify(body) })).json();
  return { cookie, csrf, call };
}

/** Run the closing-day burst; returns the figures and the baseline. */
export async function benchSkills(log: (m: string) => void): Promise<SkillsBench> {
  const dir = mkdtempSync(join(tmpdir(), 'xianwu-bench-skills-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const s = spawnServer({ PORT: String(port), DATA_DIR: dir, DATABASE_URL: '', DEMO_DATA: 'false', SKILLS_CLOCK_START: '2022-07-15T09:00:00+08:00' });
  try {
    await waitHealthy(url, s.child, s.log);
    const admin = await login(url, 'admin', 'xianwu2022');
    const unitId = ((await admin.call('GET', '/api/directory/units')).items as { id: number; code: string | null }[]).find((u) => u.code === 'JC-SLJ')!.id;
    await admin.call('POST', '/api/users', { username: 'bench_unit', displayName: '县水利局经办人', role: 'department_official', unitId, password: 'Chushi2022ab' });
    await (await login(url, 'bench_unit', 'Chushi2022ab')).call('POST', '/api/auth/password', { oldPassword: 'Chushi2022ab', newPassword: 'Bench2022abcd' });
    const unit = await login(url, 'bench_unit', 'Bench2022abcd');
    const events = ((await unit.call('GET', '/api/skills/events')).items as { id: number; name: string; pair: boolean; mode: string }[]).filter((e) => !e.pair && e.mode !== 'city' && !e.name.includes('驾驶技术'));
    const body = (i: number) => JSON.stringify({ eventId: events[i % events.length]!.id, name: `选手${i}`, idNo: idOf(i), phone: `139${String(i).padStart(8, '0')}`, identity: 'worker', unitId, ssPayer: '县水利局', coach: null, declaration: NO });
    log(`  skills: baseline (bare Fastify POST, ${CONNECTIONS} connections, ${REGISTRATIONS} requests)`);
    const before = await baseline(body);
    // Warm the server's routes on reads, so the burst's forms are the only registrations written.
    await autocannon({ url, connections: 20, amount: 400, requests: [{ method: 'GET', path: '/api/skills/events', headers: { cookie: unit.cookie } }] });
    log(`  skills: ${REGISTRATIONS} registrations from ${CONNECTIONS} connections in one burst`);
    const { r, seconds } = await burst(url, '/api/skills/registrations', { cookie: unit.cookie, 'x-csrf-token': unit.csrf }, body, REGISTRATIONS);
    const after = await baseline(body);
    const ok = r.statusCodeStats['201']?.count ?? 0;
    const list = (await admin.call('GET', '/api/skills/registrations')).items as { idNo: string }[];
    const duplicates = list.length - new Set(list.map((x) => x.idNo)).size;
    log(`  skills: ${ok} written in ${seconds.toFixed(2)} s; baseline ${before.toFixed(0)} / ${after.toFixed(0)} requests/s`);
    return { registrations: list.length, perS: ok / seconds, baselinePerS: (before + after) / 2, p99: r.latency.p99, duplicates, errors: REGISTRATIONS - ok + r.errors };
  } finally {
    await stop(s.child);
    rmSync(dir, { recursive: true, force: true });
  }
}
