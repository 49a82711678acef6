/**
 * Full-text search behind one interface, with a SQLite (FTS5) and a PostgreSQL (tsvector)
 * implementation. Both index words segmented by jieba in the application, and match a query
 * term as a phrase of its words, so both dialects give the same answers.
 */
import { createHash } from 'node:crypto';
import { sql, type Kysely, type SqlBool, type Expression } from 'kysely';
import type { Database } from '../../core/db.js';
import type { DialectName } from '../../core/db.js';

export interface SearchFilters {
  issuer?: string;
  type?: string;
  series?: string;
  year?: number;
  dateFrom?: string;
  dateTo?: string;
}

export interface SearchQuery {
  /** Each term as its segmented words; all terms must match (AND), each as a phrase. */
  phrases: string[][];
  /** Raw terms for substring matching (short terms, or when the index finds nothing). */
  substrings: string[];
}

export interface SearchHits {
  ids: number[];
  total: number;
}

/** The filterable values of a document. */
export interface FacetValues {
  issuer: string;
  type: string;
  series: string;
  year: number;
}

export interface SearchProvider {
  readonly name: string;
  /** Index (or re-index) one document. */
  index(db: Kysely<Database>, id: number, titleWords: string, bodyWords: string, facets: FacetValues): Promise<void>;
  remove(db: Kysely<Database>, id: number): Promise<void>;
  /** Ranked document ids for the words of the query. */
  searchWords(db: Kysely<Database>, q: SearchQuery, f: SearchFilters, limit: number, offset: number): Promise<SearchHits>;
  /** Substring scan (LIKE), newest first. */
  searchSubstrings(db: Kysely<Database>, q: SearchQuery, f: SearchFilters, limit: number, offset: number): Promise<SearchHits>;
}

/** SQL conditions for the filters, on gazette_documents aliased as d. */
export function filterConditions(f: SearchFilters): Expression<SqlBool>[] {
  const c: Expression<SqlBool>[] = [];
  if (f.issuer) c.push(sql<SqlBool>`d.issuer = ${f.issuer}`);
  if (f.type) c.push(sql<SqlBool>`d.doc_type = ${f.type}`);
  if (f.series) c.push(sql<SqlBool>`d.agency_code = ${f.series}`);
  if (f.year) c.push(sql<SqlBool>`d.year = ${f.year}`);
  if (f.dateFrom) c.push(sql<SqlBool>`d.doc_date >= ${f.dateFrom}`);
  if (f.dateTo) c.push(sql<SqlBool>`d.doc_date <= ${f.dateTo}`);
  return c;
}

const andAll = (c: Expression<SqlBool>[]) => (c.length ? sql.join(c, sql` and `) : sql`1 = 1`);

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (m) => `\\${m}`);
}

function likeConditions(q: SearchQuery): Expression<SqlBool>[] {
  return q.substrings.map((t) => {
    const p = `%${escapeLike(t)}%`;
    return sql<SqlBool>`(d.title like ${p} escape '\\' or t.body_text like ${p} escape '\\')`;
  });
}

/** One alphanumeric token per filter value (the tokenizer would split the value itself). */
const facetToken = (name: string, value: string | number) => `f${createHash('sha1').update(`${name}:${value}`).digest('hex').slice(0, 16)}`;

function facetTokens(f: SearchFilters): string[] {
  const t: string[] = [];
  if (f.issuer) t.push(facetToken('issuer', f.issuer));
  if (f.type) t.push(facetToken('type', f.type));
  if (f.series) t.push(facetToken('series', f.series));
  if (f.year) t.push(facetToken('year', f.year));
  return t;
}

class SqliteFtsSearch implements SearchProvider {
  readonly name = 'sqlite-fts5';

  constructor(private readonly rankWindow = RANK_WINDOW) {}

  async index(db: Kysely<Database>, id: number, titleWords: string, bodyWords: string, f: FacetValues) {
    const facets = facetTokens({ issuer: f.issuer, type: f.type, series: f.series, year: f.year }).join(' ');
    await sql`delete from gazette_fts where rowid = ${id}`.execute(db);
    await sql`insert into gazette_fts (rowid, title, body, facets) values (${id}, ${titleWords}, ${bodyWords}, ${facets})`.execute(db);
  }

  async remove(db: Kysely<Database>, id: number) {
    await sql`delete from gazette_fts where rowid = ${id}`.execute(db);
  }

  async searchWords(db: Kysely<Database>, q: SearchQuery, f: SearchFilters, limit: number, offset: number) {
    const words = q.phrases.map((ws) => `{title body} : "${ws.map((w) => w.replace(/"/g, '""')).join(' ')}"`);
    const facets = facetTokens(f).map((t) => `facets : ${t}`);
    const match = [...words, ...facets].join(' AND ');
    if (!f.dateFrom && !f.dateTo) return this.rankedByIndex(db, match, limit, offset);
    const where = andAll([sql<SqlBool>`gazette_fts match ${match}`, ...filterConditions({ dateFrom: f.dateFrom, dateTo: f.dateTo })]);
    const rows = await sql<{ id: number }>`
      select d.id from gazette_fts join gazette_documents d on d.id = gazette_fts.rowid
      where ${where} order by bm25(gazette_fts, 5.0, 1.0, 0.0), d.id desc limit ${limit} offset ${offset}`.execute(db);
    const total = await sql<{ n: number }>`
      select count(*) as n from gazette_fts join gazette_documents d on d.id = gazette_fts.rowid where ${where}`.execute(db);
    return { ids: rows.rows.map((r) => r.id), total: Number(total.rows[0]?.n ?? 0) };
  }

  /**
   * The index alone answers (no lookup of each match's metadata row). Relevance is computed over the
   * newest RANK_WINDOW matches, which follow in order of recency: ranking tens of thousands of matches
   * costs more than a person waits, and among that many the newest are what officials look for.
   */
  private async rankedByIndex(db: Kysely<Database>, match: string, limit: number, offset: number): Promise<SearchHits> {
    const totalRow = await sql<{ n: number }>`select count(*) as n from gazette_fts where gazette_fts match ${match}`.execute(db);
    const total = Number(totalRow.rows[0]?.n ?? 0);
    const ranked = (extra: Expression<SqlBool>, lim: number, off: number) =>
      sql<{ id: number }>`select rowid as id from gazette_fts where gazette_fts match ${match} and ${extra}
        order by bm25(gazette_fts, 5.0, 1.0, 0.0), rowid desc limit ${lim} offset ${off}`.execute(db);
    if (total <= this.rankWindow) return { ids: (await ranked(sql<SqlBool>`1 = 1`, limit, offset)).rows.map((r) => r.id), total };
    const edgeRow = await sql<{ id: number }>`select rowid as id from gazette_fts where gazette_fts match ${match}
      order by rowid desc limit 1 offset ${this.rankWindow - 1}`.execute(db);
    const edge = edgeRow.rows[0].id;
    const ids: number[] = [];
    if (offset < this.rankWindow) ids.push(...(await ranked(sql<SqlBool>`rowid >= ${edge}`, Math.min(limit, this.rankWindow - offset), offset)).rows.map((r) => r.id));
    if (ids.length < limit) {
      const older = await sql<{ id: number }>`select rowid as id from gazette_fts where gazette_fts match ${match} and rowid < ${edge}
        order by rowid desc limit ${limit - ids.length} offset ${Math.max(0, offset - this.rankWindow)}`.execute(db);
      ids.push(...older.rows.map((r) => r.id));
    }
    return { ids, total };
  }

  async searchSubstrings(db: Kysely<Database>, q: SearchQuery, f: SearchFilters, limit: number, offset: number) {
    return substringScan(db, q, f, limit, offset);
  }
}

/** How many of the newest matches are ordered by relevance (bm25). */
export const RANK_WINDOW = 1000;

class PgSearch implements SearchProvider {
  readonly name = 'postgres-tsvector';

  async index(db: Kysely<Database>, id: number, titleWords: string, bodyWords: string, _facets: FacetValues) {
    await sql`update gazette_documents set tsv =
      setweight(to_tsvector('simple', ${titleWords}), 'A') || setweight(to_tsvector('simple', ${bodyWords}), 'D')
      where id = ${id}`.execute(db);
  }

  async remove() {
    // The vector lives in the document row and goes with it.
  }

  async searchWords(db: Kysely<Database>, q: SearchQuery, f: SearchFilters, limit: number, offset: number) {
    const tsq = sql.join(
      q.phrases.map((words) => sql`phraseto_tsquery('simple', ${words.join(' ')})`),
      sql` && `,
    );
    const where = andAll([sql<SqlBool>`d.tsv @@ (${tsq})`, ...filterConditions(f)]);
    const rows = await sql<{ id: number }>`
      select d.id from gazette_documents d where ${where}
      order by ts_rank(d.tsv, ${tsq}) desc, d.doc_date desc limit ${limit} offset ${offset}`.execute(db);
    const total = await sql<{ n: number }>`select count(*) as n from gazette_documents d where ${where}`.execute(db);
    return { ids: rows.rows.map((r) => r.id), total: Number(total.rows[0]?.n ?? 0) };
  }

  async searchSubstrings(db: Kysely<Database>, q: SearchQuery, f: SearchFilters, limit: number, offset: number) {
    return substringScan(db, q, f, limit, offset);
  }
}

async function substringScan(db: Kysely<Database>, q: SearchQuery, f: SearchFilters, limit: number, offset: number) {
  const where = andAll([...likeConditions(q), ...filterConditions(f)]);
  const rows = await sql<{ id: number }>`
    select d.id from gazette_documents d join gazette_document_texts t on t.document_id = d.id
    where ${where} order by d.doc_date desc, d.id desc limit ${limit} offset ${offset}`.execute(db);
  const total = await sql<{ n: number }>`
    select count(*) as n from gazette_documents d join gazette_document_texts t on t.document_id = d.id where ${where}`.execute(db);
  return { ids: rows.rows.map((r) => r.id), total: Number(total.rows[0]?.n ?? 0) };
}

/** The search provider for a dialect. */
export function searchProviderFor(dialect: DialectName, opts: { rankWindow?: number } = {}): SearchProvider {
  return dialect === 'postgres' ? new PgSearch() : new SqliteFtsSearch(opts.rankWindow);
}
