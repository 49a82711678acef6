import { existsSync, readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/dialects.js';
import { testApp, type TestApp } from '../../test/app.js';
import { GAZETTE_FIXTURE } from './index.js';

describe.each(DIALECTS)('gazette API on %s', (dialect) => {
  let app: FastifyInstance;
  let close: () => Promise<void>;
  let login: TestApp['login'];
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp(dialect, { seed: ['gazette'] });
    ({ app, close, login } = t);
  });
  afterAll(() => close());

  const get = (url: string) => app.inject({ method: 'GET', url });

  it('lists documents publicly, with paging', async () => {
    const res = await get('/api/gazette/documents?pageSize=5&page=2&sort=date_asc');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.total).toBe(20);
    expect(body.items).toHaveLength(5);
    expect(res.headers['x-request-id']).toBeTruthy();
  });

  it('rejects pageSize over 100 with a 400 naming the field', async () => {
    const res = await get('/api/gazette/documents?pageSize=101');
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.error.id).toBe('VALIDATION_FAILED');
    expect(body.error.fields[0].field).toBe('pageSize');
    expect(body.error.message).toContain('pageSize');
  });

  it('rejects an unknown document type and a malformed date', async () => {
    expect((await get('/api/gazette/documents?type=小说')).json().error.fields[0].field).toBe('type');
    expect((await get('/api/gazette/documents?dateFrom=2022/01/01')).json().error.fields[0].field).toBe('dateFrom');
  });

  it('returns a document by id and by 文号, 404 for an unknown one', async () => {
    const list = (await get('/api/gazette/documents?pageSize=100')).json();
    const one = list.items.find((d: { docNumber: string }) => d.docNumber === '交政办发〔2022〕13号');
    const byId = await get(`/api/gazette/documents/${one.id}`);
    expect(byId.statusCode).toBe(200);
    expect(byId.json().title).toContain('消费券');
    const byNo = await get(`/api/gazette/documents/${encodeURIComponent('交政办发[2022]13号')}`);
    expect(byNo.json().id).toBe(one.id);
    const missing = await get('/api/gazette/documents/999999');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.id).toBe('NOT_FOUND');
  });

  it('searches with highlighted snippets', async () => {
    const res = await get(`/api/gazette/search?q=${encodeURIComponent('消费券')}&pageSize=5`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.items[0].docNumber).toBe('交政办发〔2022〕13号');
    expect(body.items[0].snippet.some((p: { hit: boolean; text: string }) => p.hit && p.text === '消费券')).toBe(true);
    expect((await get('/api/gazette/search?q=')).statusCode).toBe(400);
  });

  it('imports only for administrators, and refuses a non-gazette with nothing written', async () => {
    const anon = await app.inject({ method: 'POST', url: '/api/gazette/imports', payload: 'x', headers: { 'content-type': 'text/plain' } });
    expect(anon.statusCode).toBe(401);
    const township = await login('tianning');
    const denied = await app.inject({ method: 'POST', url: '/api/gazette/imports', payload: 'x', headers: { ...township.headers, 'content-type': 'text/plain' } });
    expect(denied.statusCode).toBe(403);
    const admin = await login('admin');
    const bad = await app.inject({
      method: 'POST',
      url: '/api/gazette/imports?fileName=notes.txt',
      payload: '这只是一份会议记录。',
      headers: { ...admin.headers, 'content-type': 'text/plain' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.id).toBe('GAZETTE_NOT_RECOGNIZED');
    expect(bad.json().error.message).toContain('不是政府公报');
    const imports = await app.inject({ method: 'GET', url: '/api/gazette/imports', headers: admin.headers });
    expect(imports.json().items).toHaveLength(1);
  });

  it('never replaces a document by a cut text unasked, keeps every replaced version, and restores from the full file', async () => {
    const admin = await login('admin');
    const full = readFileSync(GAZETTE_FIXTURE, 'utf8');
    const post = (text: string, query = '') =>
      app.inject({ method: 'POST', url: `/api/gazette/imports?fileName=g.txt${query}`, payload: text, headers: { ...admin.headers, 'content-type': 'text/plain' } });
    const doc = () => get('/api/gazette/documents/交政发〔2022〕2号').then((r) => r.json() as { id: number; text: string });
    const versions = async () => (await get(`/api/gazette/documents/${(await doc()).id}/versions`)).json().items as { length: number; replacedBy: string }[];
    const before = (await doc()).text.length;

    // The first 1,001 bytes: the notice and a plan cut mid-sentence.
    const cut = Buffer.from(full, 'utf8').subarray(0, 1001).toString('utf8');
    const refused = await post(cut);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({ id: 'GAZETTE_SHORTER', fields: [{ field: '交政发〔2022〕2号' }] });
    expect((await doc()).text.length).toBe(before);

    // A document whose signature block lost its date is incomplete, whatever the administrator says.
    const noDate = await post(full.slice(0, full.indexOf('2022 年 4 月 14 日')), '&confirmShorter=true');
    expect([noDate.statusCode, noDate.json().error.id]).toEqual([400, 'GAZETTE_INCOMPLETE']);

    // Confirmed: replaced, and the stored text kept as a version.
    const confirmed = await post(cut, '&confirmShorter=true');
    expect(confirmed.statusCode).toBe(201);
    expect(confirmed.json().updated).toEqual(['交政发〔2022〕2号']);
    expect((await doc()).text.length).toBeLessThan(before);
    expect((await versions()).map((v) => v.length)).toEqual([before]);

    // The full file, although imported before, restores the document: documents are compared, not files.
    const restored = await post(full);
    expect(restored.statusCode).toBe(201);
    expect(restored.json().updated).toEqual(['交政发〔2022〕2号']);
    expect((await doc()).text.length).toBe(before);
    expect((await versions()).map((v) => v.replacedBy)).toEqual(['admin', 'admin']);
    const again = await post(full);
    expect([again.statusCode, again.json().unchanged]).toEqual([200, true]);
  });

  it('shows a document stored by an older parser, and parses the bundled gazette again on start', async () => {
    const db = t.db;
    const row = await db.kysely.selectFrom('gazette_documents').select('id').where('doc_number', '=', '交政函〔2022〕13号').executeTakeFirstOrThrow();
    // As an older parser stored it: no outline version, no members, no closing, no section text.
    const old = JSON.parse((await db.kysely.selectFrom('gazette_document_texts').select('structure').where('document_id', '=', row.id).executeTakeFirstOrThrow()).structure);
    const strip = (b: { paragraphs: string[]; sections: { children: unknown[] }[] }) => ({ paragraphs: b.paragraphs, sections: b.sections.map(function s(x: any): any { return { number: x.number, marker: x.marker, level: x.level, heading: x.heading, paragraphs: x.paragraphs, children: x.children.map(s) }; }) });
    const { outline: _v, ...rest } = old;
    await db.kysely.updateTable('gazette_document_texts').set({ structure: JSON.stringify({ ...rest, body: strip(old.body) }) }).where('document_id', '=', row.id).execute();
    await db.kysely.updateTable('gazette_documents').set({ content_hash: 'made-by-an-older-parser' }).where('id', '=', row.id).execute();
    const shown = await get(`/api/gazette/documents/${row.id}`);
    expect(shown.statusCode).toBe(200);
    expect(shown.json().body.closing).toEqual([]);
    await t.app.registry.seed({ demo: false, only: ['gazette'] });
    const again = (await get(`/api/gazette/documents/${row.id}`)).json();
    expect(again.body.closing).toEqual(['请你单位尽快依法完成公司注册组建工作，并认真履行出资人权利和义务，加强公司运营监管。', '特此批复']);
  });

  it('prints a document as GB/T 9704 lays it out on A4, and offers feeds of new documents', async () => {
    const page = await get('/api/gazette/documents/交政函〔2022〕13号/print');
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.body).toContain('@page { size: A4; margin: 37mm 26mm 35mm 28mm; }');
    expect(page.body).toContain(String.raw`content: "—\00A0" counter(page) "\00A0—"`);
    expect(page.body).toContain('<div class="issuer">交城县人民政府</div><div class="docno">交政函〔2022〕13号</div>');
    // Lines of the title break between words only (checked against the printed title, read by hand: 国有资本 stays whole).
    const title = /<h1>(.*?)<\/h1>/.exec(page.body)![1];
    expect(title.replaceAll('<wbr>', '')).toBe('关于同意成立交城县国有资本运营有限公司的批复');
    for (const word of ['交城县', '国有', '资本', '运营', '有限公司', '批复']) expect(title).toContain(word);
    expect(page.body).toContain('<span class="printed">2022年6月23日印发</span>');
    expect(page.body).toContain('<div>2022年6月23日</div>');
    const feed = await get('/api/gazette/feed.atom');
    expect(feed.headers['content-type']).toMatch(/^application\/atom\+xml/);
    expect(feed.body.match(/<entry>/g)).toHaveLength(20);
    const series = await get(`/api/gazette/feed.atom?series=${encodeURIComponent('交政办函')}`);
    expect(series.body.match(/<entry>/g)).toHaveLength(5);
    expect(series.body).toContain('<title>交城县人民政府公报 · 交政办函</title>');
  });

  it.runIf(dialect === 'sqlite' && existsSync('/usr/bin/chromium'))('downloads the printed document as a PDF', async () => {
    const pdf = await get('/api/gazette/documents/交政函〔2022〕13号/pdf');
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    // A4: 595 × 842 points.
    const [w, h] = /MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/.exec(pdf.rawPayload.toString('latin1'))!.slice(1).map(Number);
    expect([Math.round(w), Math.round(h)]).toEqual([595, 842]);
  }, 60_000);

  it('never sends a stack trace; unknown API routes are JSON 404s', async () => {
    const res = await get('/api/nope');
    expect(res.statusCode).toBe(404);
    expect(res.json().error.id).toBe('NOT_FOUND');
    expect(res.body).not.toContain('at ');
  });

  it('serves the OpenAPI document', async () => {
    const res = await get('/docs/json');
    expect(res.statusCode).toBe(200);
    expect(Object.keys(res.json().paths)).toContain('/api/gazette/search');
  });
});
