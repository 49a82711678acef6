/**
 * Gazette benchmarks: parser throughput, and search on a corpus scaled to BENCH_DOCS documents
 * (default 100,000) made by renumbering copies of the gazette's documents, against a LIKE scan
 * of the same corpus measured in the same run.
 */
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { migrateToLatest, openDb, type Db } from '../server/src/core/db.js';
import { GAZETTE_FIXTURE, parseGazette } from '../server/src/modules/gazette/index.js';
import { GazetteRepository } from '../server/src/modules/gazette/gazette.repository.js';
import { GazetteService } from '../server/src/modules/gazette/gazette.service.js';
import { allMigrations } from '../server/src/boot.js';

/** The gazette's service and repository over a database (the benchmark fills the repository directly). */
const createGazette = (db: Db) => {
  const repository = new GazetteRepository(db);
  return { repository, service: new GazetteService(repository) };
};
import { toNewDocument } from '../server/src/modules/gazette/gazette.service.js';
import { sql } from 'kysely';
import { median, percentile, timeMs } from './stats.js';

const QUERIES = ['改厕', '托管', '消防', '轮换', '消费券', '限额以上企业', '五方签字', '储备粮', '招投标', '森林城市', '汛期 值班', '农村 污水'];

/** Parser MB/s (median of runs). */
export function benchParse(runs = 15): number {
  const text = readFileSync(GAZETTE_FIXTURE, 'utf8');
  const mb = Buffer.byteLength(text) / 1e6;
  parseGazette(text);
  const rates: number[] = [];
  for (let i = 0; i < runs; i++) rates.push(mb / (timeMs(() => parseGazette(text)) / 1000));
  return median(rates);
}

/** Build (or reuse) the scaled SQLite corpus. */
export async function corpus(docs: number, log: (m: string) => void): Promise<Db> {
  const dir = join(process.cwd(), 'data', 'bench');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `gazette-${docs}.sqlite`);
  if (existsSync(file)) {
    const db = openDb({ sqlitePath: file });
    // A corpus built before a schema change is brought up to date (the gazette's migrations re-index it).
    await migrateToLatest(db, allMigrations());
    const n = await createGazette(db).repository.countDocuments();
    if (n === docs) return db;
    await db.destroy();
    rmSync(file, { force: true });
  }
  const db = openDb({ sqlitePath: file });
  await migrateToLatest(db, allMigrations());
  const base = parseGazette(readFileSync(GAZETTE_FIXTURE, 'utf8')).documents.map(toNewDocument);
  const copies = Math.ceil(docs / base.length);
  const started = Date.now();
  const { repository } = createGazette(db);
  let made = 0;
  for (let c = 0; c < copies && made < docs; c++) {
    await repository.transaction(async (tx) => {
      const importId = c === 0 ? await tx.insertImport({ file_name: 'bench', sha256: `bench-${docs}`, byte_size: 0, documents: docs, imported_by: 'bench', imported_at: new Date().toISOString() }) : 1;
      for (const d of base) {
        if (made >= docs) break;
        // Renumber: a distinct 文号 per copy (year and serial shift), same text.
        const year = 2022 - (c % 20);
        const serial = d.serial + 1000 * Math.floor(c / 20);
        const no = `${d.agency_code}〔${year}〕${serial}号`;
        await tx.upsertDocument({ ...d, doc_number: no, year, serial, citations: d.citations.slice(0, 3) }, importId, '2026-01-01T00:00:00.000Z');
        made++;
      }
    });
    if (c % 50 === 0) log(`  corpus: ${made}/${docs} documents (${Math.round((Date.now() - started) / 1000)} s)`);
  }
  await sql`pragma wal_checkpoint(truncate)`.execute(db.kysely);
  await sql`insert into gazette_fts(gazette_fts) values ('optimize')`.execute(db.kysely);
  log(`  corpus built in ${Math.round((Date.now() - started) / 1000)} s`);
  return db;
}

/** The baseline: each term as LIKE '%…%' over every title and text, newest first, with the full count. */
export async function likeScan(db: Db, terms: string[]): Promise<void> {
  const where = sql.join(terms.map((t) => sql`(d.title like ${`%${t}%`} or t.body_text like ${`%${t}%`})`), sql` and `);
  await sql`select d.id from gazette_documents d join gazette_document_texts t on t.document_id = d.id where ${where} order by d.doc_date desc, d.id desc limit 20`.execute(db.kysely);
  await sql`select count(*) as n from gazette_documents d join gazette_document_texts t on t.document_id = d.id where ${where}`.execute(db.kysely);
}

export interface SearchBench {
  docs: number;
  /** Bytes of the full-text index (words, characters and character pairs). */
  indexBytes: number;
  p50: number;
  p95: number;
  likeMedian: number;
  searchMedian: number;
  speedup: number;
}

/** Search p95 (ms) on the scaled corpus and its speed-up over a LIKE scan. */
export async function benchSearch(docs: number, log: (m: string) => void): Promise<SearchBench> {
  const db = await corpus(docs, log);
  try {
    const { service } = createGazette(db);
    const times: number[] = [];
    for (const q of QUERIES) await service.search(q, {}, 1, 20); // warm the page cache
    for (let round = 0; round < 10; round++) {
      for (const [i, q] of QUERIES.entries()) {
        // Every third query also filters by issuer, as people do on the search page.
        const filters = i % 3 === 2 ? { issuer: '交城县人民政府办公室' } : {};
        const t0 = performance.now();
        await service.search(q, filters, 1 + (round % 3), 20);
        times.push(performance.now() - t0);
      }
    }
    // The baseline: the same queries as a LIKE '%…%' scan (first page and count), fewer rounds.
    const like: number[] = [];
    const perQuerySearch: number[] = [];
    for (const q of QUERIES.slice(0, 4)) {
      const t0 = performance.now();
      await likeScan(db, q.split(' '));
      like.push(performance.now() - t0);
      const t1 = performance.now();
      await service.search(q, {}, 1, 20);
      perQuerySearch.push(performance.now() - t1);
    }
    const likeMedian = median(like);
    const searchMedian = median(perQuerySearch);
    const size = await sql<{ n: number }>`select sum(pgsize) as n from dbstat where name like 'gazette_fts%'`.execute(db.kysely);
    return { docs, indexBytes: Number(size.rows[0]?.n ?? 0), p50: percentile(times, 50), p95: percentile(times, 95), likeMedian, searchMedian, speedup: likeMedian / searchMedian };
  } finally {
    await db.destroy();
  }
}
