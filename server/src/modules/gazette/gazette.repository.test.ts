import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, freshDb } from '../../test/dialects.js';
import { SYSTEM_ACTOR } from '../../core/audit.js';
import type { Db } from '../../core/db.js';
import { GAZETTE_FIXTURE, type GazetteService } from './index.js';
import { GazetteRepository } from './gazette.repository.js';
import { GazetteService as Service } from './gazette.service.js';

const text = readFileSync(GAZETTE_FIXTURE, 'utf8');

describe.each(DIALECTS)('gazette registry on %s', (dialect) => {
  let db: Db;
  let cleanup: () => Promise<void>;
  let service: GazetteService;

  beforeAll(async () => {
    ({ db, cleanup } = await freshDb(dialect));
    service = new Service(new GazetteRepository(db));
    const res = await service.importText(text, { fileName: 'g.txt', actor: SYSTEM_ACTOR });
    expect(res.created).toHaveLength(20);
  });
  afterAll(() => cleanup());

  it('imports once: the same text again changes nothing', async () => {
    const again = await service.importText(text, { fileName: 'g.txt', actor: SYSTEM_ACTOR });
    expect(again.unchanged).toBe(true);
    expect((await service.list({ sort: 'date_desc', limit: 100, offset: 0 })).total).toBe(20);
  });

  it('re-wrapped text of the same documents updates nothing', async () => {
    const rewrapped = text.replace(/\n/g, '\r\n');
    const res = await service.importText(rewrapped, { fileName: 'crlf.txt', actor: SYSTEM_ACTOR });
    expect(res.unchanged).toBe(false);
    expect(res.created).toEqual([]);
    expect(res.updated).toEqual([]);
    expect(res.skipped).toHaveLength(20);
  });

  it('refuses a file that is not a gazette and writes nothing', async () => {
    await expect(service.importText('会议纪要\n今天天气很好。', { fileName: 'notes.txt', actor: SYSTEM_ACTOR })).rejects.toMatchObject({
      id: 'GAZETTE_NOT_RECOGNIZED',
      status: 400,
    });
    expect((await service.imports()).map((i) => i.file_name)).not.toContain('notes.txt');
  });

  it('lists with filters, sorting and paging', async () => {
    const office = await service.list({ issuer: '交城县人民政府办公室', sort: 'date_asc', limit: 5, offset: 0 });
    expect(office.total).toBe(13);
    expect(office.items).toHaveLength(5);
    expect(office.items[0].date! <= office.items[1].date!).toBe(true);
    expect((await service.list({ type: '批复', sort: 'date_desc', limit: 20, offset: 0 })).total).toBe(3);
    expect((await service.list({ series: '交政办函', sort: 'number', limit: 20, offset: 0 })).items.map((d) => d.serial)).toEqual([12, 13, 16, 18, 19]);
    expect((await service.list({ dateFrom: '2022-06-01', dateTo: '2022-06-30', sort: 'date_desc', limit: 20, offset: 0 })).total).toBe(11);
    const facets = await service.facets();
    expect(Object.fromEntries(facets.agency_code.map((f) => [f.value, f.count]))).toEqual({ 交政办函: 5, 交政办发: 8, 交政函: 3, 交政发: 4 });
  });

  it('returns a document with its structure and relations', async () => {
    const d = await service.get('交政办发[2022]13号');
    expect(d.docNumber).toBe('交政办发〔2022〕13号');
    expect(d.parts[0].body.sections.length).toBeGreaterThan(3);
    const reply = await service.get('交政函〔2022〕6号');
    expect(reply.relations.repliesTo).toMatchObject({ docNumber: '交环字〔2022〕37号', document: null });
    // The plan a 印发 notice issues is its part, not a document it cites.
    expect(d.relations.cites.find((c) => c.title?.includes('消费券投放工作方案'))).toBeUndefined();
    expect(d.parts[0].title).toContain('消费券投放工作方案');
    const land = await service.get('交政发〔2022〕2号');
    expect(land.relations.cites.find((c) => c.docNumber === '国土资发〔2010〕117号')).toMatchObject({ document: null });
    await expect(service.get('交政发〔2022〕99号')).rejects.toMatchObject({ status: 404 });
  });

  it.each([
    ['改厕', '交政办发〔2022〕10号'],
    ['托管', '交政办发〔2022〕16号'],
    ['消防', '交政办函〔2022〕16号'],
    ['轮换', '交政发〔2022〕8号'],
    ['消费券', '交政办发〔2022〕13号'],
    ['限额以上企业', '交政办发〔2022〕13号'],
    ['五方签字', '交政办发〔2022〕10号'],
  ])('search %s finds %s', async (q, expected) => {
    const res = await service.search(q, {}, 1, 20);
    expect(res.items.map((i) => i.docNumber)).toContain(expected);
    const hit = res.items.find((i) => i.docNumber === expected)!;
    expect(hit.snippet.some((p) => p.hit && p.text === q)).toBe(true);
  });

  it.each(['交政办发〔2022〕13号', '交政办发[2022]13号', '交政办发（2022）13 号'])('search by 文号 typed as %s', async (q) => {
    const res = await service.search(q, {}, 1, 20);
    expect(res.mode).toBe('docNumber');
    expect(res.items[0].docNumber).toBe('交政办发〔2022〕13号');
  });

  it('finds documents citing an outside 文号', async () => {
    const res = await service.search('吕政发〔2022〕3号', {}, 1, 20);
    expect(res.items.map((i) => i.docNumber)).toEqual(['交政发〔2022〕7号']);
  });

  it('filters and pages search results', async () => {
    const all = await service.search('乡镇', {}, 1, 100);
    expect(all.total).toBeGreaterThan(5);
    const page2 = await service.search('乡镇', {}, 2, 3);
    expect(page2.items.map((i) => i.id)).toEqual(all.items.slice(3, 6).map((i) => i.id));
    const office = await service.search('乡镇', { issuer: '交城县人民政府' }, 1, 100);
    expect(office.items.every((i) => i.issuer === '交城县人民政府')).toBe(true);
    expect((await service.search('不存在的词语组合甲乙丙', {}, 1, 20)).total).toBe(0);
  });

  it('pages through every match once when only the newest are ranked', async () => {
    const small = new Service(new GazetteRepository(db, { rankWindow: 3 }));
    const all = await small.search('乡镇', {}, 1, 100);
    const seen: number[] = [];
    for (let page = 1; page <= Math.ceil(all.total / 2); page++) seen.push(...(await small.search('乡镇', {}, page, 2)).items.map((i) => i.id));
    expect(seen).toHaveLength(all.total);
    expect(new Set(seen).size).toBe(all.total);
    expect(new Set(seen)).toEqual(new Set(all.items.map((i) => i.id)));
  });

  it('finds a single character, or a term without words, through the index, exactly as a substring would', async () => {
    const docs = (await service.list({ sort: 'date_desc', limit: 100, offset: 0 })).items;
    const texts = await Promise.all(docs.map(async (d) => ({ id: d.id, all: `${d.title} ${d.docNumber} ${d.issuer} ${(await service.get(String(d.id))).text}`.toLowerCase() })));
    for (const c of ['券', '厕', '粮', '的', '2', '鑫']) {
      const expected = texts.filter((t) => t.all.includes(c)).map((t) => t.id).sort((a, b) => a - b);
      const res = await service.search(c, {}, 1, 100);
      expect([c, res.mode, res.items.map((i) => i.id).sort((a, b) => a - b)]).toEqual([c, 'substring', expected]);
      expect(res.total).toBe(expected.length);
    }
    // A character beside a word: both must be in the document.
    const mixed = await service.search('券 消费', {}, 1, 100);
    expect(mixed.items.length).toBeGreaterThan(0);
    expect(mixed.items.every((i) => texts.find((t) => t.id === i.id)!.all.includes('券'))).toBe(true);
    // Punctuation alone finds nothing, without scanning anything.
    expect((await service.search('，。', {}, 1, 20)).total).toBe(0);
  });

  it('serves no result past the counted ones', async () => {
    await expect(service.search('的', {}, 51, 20)).rejects.toMatchObject({ status: 400 });
    expect((await service.search('的', {}, 50, 20)).items).toEqual([]);
  });

  it('finds every document that contains a word a reader types, however jieba cut it (recall)', async () => {
    const docs = (await service.list({ sort: 'date_desc', limit: 100, offset: 0 })).items;
    const texts = await Promise.all(docs.map(async (d) => ({ id: d.id, all: `${d.title} ${d.docNumber} ${d.issuer} ${(await service.get(String(d.id))).text}` })));
    const WORDS = ['消防', '粮食', '改厕', '托管', '消费券', '补助', '验收', '公示', '乡镇', '资金', '土壤', '污水', '健身', '规划', '企业', '储备粮', '轮换',
      '招投标', '森林', '汛期', '秸秆', '扬尘', '耕地', '国有', '改制', '技能', '大赛', '化粪池', '监理', '生态', '排放', '财政', '审计', '宣传', '安全', '防汛'];
    for (const w of WORDS) {
      const expected = texts.filter((t) => t.all.includes(w)).map((t) => t.id).sort((a, b) => a - b);
      const got = (await service.search(w, {}, 1, 100)).items.map((i) => i.id).sort((a, b) => a - b);
      expect([w, expected.filter((id) => !got.includes(id))]).toEqual([w, []]);
      // Two characters are one pair: exactly the documents that contain them.
      if ([...w].length === 2) expect([w, got]).toEqual([w, expected]);
    }
    // The cases that missed before: 消防 in 消防安全类 (交政办发〔2022〕15号), 粮食 in 粮食作物 (交政办发〔2022〕16号).
    const numbers = async (w: string) => (await service.search(w, {}, 1, 100)).items.map((i) => i.docNumber);
    expect(await numbers('消防')).toEqual(expect.arrayContaining(['交政办发〔2022〕15号', '交政发〔2022〕7号']));
    expect(await numbers('粮食')).toContain('交政办发〔2022〕16号');
  });
});
