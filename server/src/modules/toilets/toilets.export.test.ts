/**
 * The household ledger of a county-sized programme: exported as a job while the server keeps answering. The health
 * check's latency during the export is compared with its idle latency measured in the same run (never a fixed ms).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { DIALECTS } from '../../test/dialects.js';
import { testApp, type Session, type TestApp } from '../../test/app.js';

const N = 20_000;
/** Generous: the old export held the loop for the whole file (thousands of times idle); a batch costs a few ms. */
const RATIO = 40;

const p99 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.99))];

describe.each(DIALECTS)('农村改厕 ledger export on %s', (dialect) => {
  let t: TestApp;
  let base: string;
  const s: Record<string, Session> = {};
  const get = (who: string, path: string) => fetch(base + path, { headers: s[who].headers });
  const post = (who: string, path: string) => fetch(base + path, { method: 'POST', headers: s[who].headers });

  /** Latency of /api/health, one request after another, while `busy()` says so (or `n` times). */
  async function healthWhile(busy: () => boolean | Promise<boolean>, n = Infinity): Promise<number[]> {
    const times: number[] = [];
    while (times.length < n && (await busy())) {
      const t0 = performance.now();
      const res = await fetch(`${base}/api/health`);
      await res.arrayBuffer();
      times.push(performance.now() - t0);
    }
    return times;
  }

  beforeAll(async () => {
    t = await testApp(dialect, { seed: ['toilets'] });
    for (const u of ['nongye', 'gongxin', 'shenji', 'jumin']) s[u] = await t.login(u);
    const units = await t.app.registry.service('directory').all();
    const villages = units.filter((u) => u.kind === 'village');
    const rows = Array.from({ length: N }, (_, i) => {
      const v = villages[i % villages.length];
      return {
        township_id: v.parentId!, village_id: v.id, head_name: `王${'晓明'.slice(0, 1 + (i % 2))}`, id_no: `141122${String(i).padStart(12, '0')}`, phone: `139${String(Math.floor(i / 10_000)).padStart(8, '0')}`,
        address: `${i}号`, members: 4, current_type: 'old', pits: 1, sanitary: 0, wish: 1, wish_note: '', user_id: null, status: 'surveyed' as const, mode: null, selected_at: null, priority_note: null,
        batch_id: null, agreement_no: null, agreement_at: null, builder_kind: null, builder_name: null, supervisor_name: null, tender_fen: null, toilet_no: null, started_at: null, completed_at: null,
        checks: null, checks_passed: null, superstructure_passed: null, accepted_at: null, subsidy_fen: null, created_by: 'test', created_at: '2022-06-01T00:00:00.000Z',
      };
    });
    for (let i = 0; i < rows.length; i += 500) await t.db.kysely.insertInto('toilet_households').values(rows.slice(i, i + 500)).execute();
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const addr = t.app.server.address();
    base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  }, 120_000);
  afterAll(() => t?.close());

  it('writes every household, masked, as a job with progress, the health check answering throughout; only its owner sees it', async () => {
    const idle = await healthWhile(() => true, 200);
    const t0 = performance.now();
    const started = await post('nongye', '/api/exports/toilets/households');
    expect(started.status).toBe(202);
    const job = (await started.json()) as { id: number; total: number; status: string };
    expect(job).toMatchObject({ total: N, status: 'running' });
    let status = 'running';
    const seen: number[] = [];
    let polls = 0;
    const during = await healthWhile(async () => {
      if (polls++ % 10) return true;
      const p = (await (await get('nongye', `/api/exports/${job.id}`)).json()) as { status: string; done: number };
      status = p.status;
      seen.push(p.done);
      return status === 'running';
    });
    expect(status).toBe('ready');
    const took = performance.now() - t0;
    // Progress moved while the file was written, and the server answered many checks meanwhile.
    expect(seen.some((d) => d > 0 && d < N)).toBe(true);
    expect(during.length).toBeGreaterThan(20);
    // A check never waits for the file: the old export held every request for as long as it took.
    expect(Math.max(...during)).toBeLessThan(took / 4);
    expect(p99(during), `health p99 idle ${p99(idle).toFixed(2)} ms, during the export ${p99(during).toFixed(2)} ms over ${during.length} checks`).toBeLessThan(p99(idle) * RATIO);

    // Someone else (the auditor, another bureau) learns nothing of it, not even that it exists.
    for (const who of ['gongxin', 'shenji']) {
      expect((await get(who, `/api/exports/${job.id}`)).status).toBe(404);
      expect((await get(who, `/api/exports/${job.id}/file`)).status).toBe(404);
    }
    const file = await get('nongye', `/api/exports/${job.id}/file`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-disposition')).toContain(encodeURIComponent('农村改厕台账.xlsx'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await file.arrayBuffer());
    const ws = wb.worksheets[0];
    // Filed as an office files it: the title, the unit that made it (not the login name) and when, the header, the rows, the 合计.
    expect(ws.getRow(1).getCell(1).value).toBe('农村改厕台账');
    expect(String(ws.getRow(2).getCell(1).value)).toMatch(/^制表：县农业农村局　导出时间：\d{4}-\d{2}-\d{2} \d{2}:\d{2}（北京时间）$/);
    expect(ws.getRow(3).getCell(3).value).toBe('户主');
    expect(ws.actualRowCount).toBe(N + 4);
    const last = ws.getRow(N + 4);
    expect(last.getCell(1).value).toBe('合计');
    let sum = 0;
    for (let n = 4; n < N + 4; n++) sum += Math.round(Number(ws.getRow(n).getCell(13).value || 0) * 100);
    expect(Math.round(Number(last.getCell(13).value) * 100)).toBe(sum);
    const ids = new Set<string>();
    let unmasked = 0;
    ws.eachRow((row, n) => {
      if (n <= 3 || n === N + 4) return;
      const [name, idNo, phone] = [3, 4, 5].map((c) => String(row.getCell(c).value));
      if (!/^王\*{1,2}$/.test(name) || !/^1411\*{10}\d{4}$/.test(idNo) || !/^139\*{4}\d{4}$/.test(phone)) unmasked++;
      ids.add(idNo.slice(-4) + phone.slice(-4));
    });
    expect(unmasked).toBe(0);
    // Every household once (the unmasked tails tell them apart).
    expect(ids.size).toBe(N);
  }, 180_000);

  it('streams the direct download between batches too, the health check answering meanwhile', async () => {
    const idle = await healthWhile(() => true, 200);
    let finished = false;
    const t0 = performance.now();
    const download = get('nongye', '/api/toilets/households.xlsx').then(async (r) => {
      const body = Buffer.from(await r.arrayBuffer());
      finished = true;
      return { status: r.status, body };
    });
    const during = await healthWhile(() => !finished);
    const { status, body } = await download;
    const took = performance.now() - t0;
    expect(status).toBe(200);
    expect(during.length).toBeGreaterThan(20);
    expect(Math.max(...during)).toBeLessThan(took / 4);
    expect(p99(during), `health p99 idle ${p99(idle).toFixed(2)} ms, during the download ${p99(during).toFixed(2)} ms`).toBeLessThan(p99(idle) * RATIO);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(body as unknown as ArrayBuffer);
    expect(wb.worksheets[0].actualRowCount).toBe(N + 4);
  }, 180_000);

  it('lets the auditor export too, and refuses a household account', async () => {
    const res = await post('shenji', '/api/exports/toilets/households');
    expect(res.status).toBe(202);
    const job = (await res.json()) as { id: number; total: number };
    expect(job.total).toBe(N);
    expect((await get('shenji', `/api/exports/${job.id}`)).status).toBe(200);
    expect((await get('nongye', `/api/exports/${job.id}`)).status).toBe(404);
    // Left running: closing the app stops it (the job is marked failed, its partial file removed).
    expect((await post('jumin', '/api/exports/toilets/households')).status).toBe(403);
  }, 120_000);
});
