/**
 * 农村改厕: a BENCH_HOUSEHOLDS-row survey (default 100,000) imported from Excel through the API — read, every row
 * validated, staged, then written on the user's decision — and the county's dashboard over it, on SQLite.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../server/src/app.js';
import { allMigrations } from '../server/src/boot.js';
import { migrateToLatest, openDb } from '../server/src/core/db.js';
import { DEMO_PASSWORD } from '../server/src/modules/accounts/index.js';
import { residentId } from '../server/src/modules/toilets/toilets.demo.js';
import { surveyWorkbook } from '../server/src/modules/toilets/toilets.import.js';
import { testConfig } from '../server/src/test/app.js';
import { median, percentile } from './stats.js';

export interface ToiletsBench {
  households: number;
  importRowsPerS: number;
  importS: number;
  validateS: number;
  dashboardP95: number;
  dashboardP50: number;
  fileMb: number;
}

export async function benchToilets(log: (m: string) => void): Promise<ToiletsBench> {
  const n = Number(process.env.BENCH_HOUSEHOLDS ?? 100_000);
  const dir = mkdtempSync(join(tmpdir(), 'xianwu-bench-toilets-'));
  const db = openDb({ sqlitePath: join(dir, 'xianwu.sqlite') });
  try {
    await migrateToLatest(db, allMigrations());
    const app = await buildApp({ config: testConfig({ DATA_DIR: dir }), db, logger: false, today: () => '2022-06-01' });
    await app.registry.seed({ demo: false, only: ['accounts', 'toilets'] });
    await app.ready();
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'nongye', password: DEMO_PASSWORD } });
    const headers = { cookie: login.cookies.map((c) => `${c.name}=${c.value}`).join('; '), 'x-csrf-token': login.json().csrfToken as string };
    const units = (await app.inject({ method: 'GET', url: '/api/directory/units', headers })).json().items as { id: number; name: string; kind: string; parentId: number | null }[];
    const villages = units.filter((u) => u.kind === 'village' && u.parentId !== null).map((u) => ({ village: u.name, township: units.find((t) => t.id === u.parentId)!.name }));
    const types = ['老旧厕所（无厕屋）', '传统水泥厕所', '水冲式厕所'];
    const rows = Array.from({ length: n }, (_, i) => {
      const v = villages[i % villages.length];
      // Birth dates over 1940–1999 and a sequence number: n distinct, valid IDs.
      const first17 = `141122${1940 + (i % 60)}${String(1 + (Math.floor(i / 60) % 12)).padStart(2, '0')}${String(1 + (Math.floor(i / 720) % 28)).padStart(2, '0')}${String(Math.floor(i / 20160)).padStart(3, '0')}`;
      return [v.township, v.village, `户主${i}`, residentId(first17), `139${String(i).padStart(8, '0')}`, `${v.village}${i}号`, 1 + (i % 6), types[i % 3], 1, i % 10 === 0 ? '是' : '否', i % 7 === 0 ? '否' : '是'];
    });
    const file = await surveyWorkbook(rows);
    log(`  toilets: ${n} households in a ${(file.length / 1e6).toFixed(1)} MB workbook across ${villages.length} villages`);
    const t0 = performance.now();
    const started = await app.inject({ method: 'POST', url: '/api/toilets/imports?fileName=bench.xlsx', payload: file, headers: { ...headers, 'content-type': 'application/octet-stream' } });
    if (started.statusCode !== 202) throw new Error(`import: ${started.statusCode} ${started.body}`);
    let job = started.json();
    let shown = -1;
    while (job.status === 'validating') {
      await new Promise((r) => setTimeout(r, 100));
      job = (await app.inject({ method: 'GET', url: `/api/toilets/imports/${job.id}`, headers })).json();
      if (job.percent >= shown + 20) log(`  toilets: validating ${(shown = job.percent)}% (${job.done} rows)`);
    }
    const validated = performance.now();
    if (job.status !== 'validated' || job.errors) throw new Error(`import: ${JSON.stringify(job)} ${JSON.stringify(await db.kysely.selectFrom('toilet_import_rows').select(['row_no', 'error', 'id_no']).where('error', 'is not', null).limit(3).execute())}`);
    const done = (await app.inject({ method: 'POST', url: `/api/toilets/imports/${job.id}/commit`, payload: { keepGood: false }, headers })).json();
    const t1 = performance.now();
    if (done.committed !== n) throw new Error(`commit: ${JSON.stringify(done)}`);
    // Some of the registry further along, so the dashboard's money and progress have something to count.
    await db.kysely.updateTable('toilet_households').set({ status: 'accepted', mode: 'flush', selected_at: '2022-06-01T02:00:00.000Z', subsidy_fen: 200_000 }).where('id', '<=', Math.floor(n / 20)).where('sanitary', '=', 0).execute();
    const dash = () => app.inject({ method: 'GET', url: '/api/toilets/dashboard', headers });
    for (let i = 0; i < 5; i++) await dash();
    const times: number[] = [];
    for (let i = 0; i < 40; i++) {
      const s = performance.now();
      const r = await dash();
      times.push(performance.now() - s);
      if (r.statusCode !== 200) throw new Error(`dashboard: ${r.statusCode}`);
    }
    await app.close();
    return { households: n, importS: (t1 - t0) / 1000, validateS: (validated - t0) / 1000, importRowsPerS: n / ((t1 - t0) / 1000), dashboardP95: percentile(times, 95), dashboardP50: median(times), fileMb: file.length / 1e6 };
  } finally {
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
}
