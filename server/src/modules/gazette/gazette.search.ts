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

/** One term of a query: its words, matched as a phrase, or (when given) all its character pairs. */
export interface SearchTerm {
  words: string[];
  /** The term's adjacent character pairs: a document with every one of them matches too (recall over jieba's cut). */
  grams: string[];
}

export interface SearchQuery {
  /** Every term must match (AND). */
  terms: SearchTerm[];
  /** Characters that must each appear somewhere in the document (single-character and wordless terms). */
  chars: string[];
}

export interface SearchHits {
  ids: number[];
  /** Matches counted, up to COUNT_CAP. */
  total: number;
  /** More than COUNT_CAP documents match. */
  more: boolean;
}

/** What a document is indexed by: its title's and body's words, and every character it contains. */
export interface IndexedText {
  titleWords: string;
  bodyWords: string;
  chars: string;
}

/**
 * Counting stops here, and no result past it is served: counting or paging through every match of a common
 * character on a large corpus is the work that stalled the server, and nobody reads a thousand results.
 */
export const COUNT_CAP = 1000;

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
  index(db: Kysely<Database>, id: number, text: IndexedText, facets: FacetValues): Promise<void>;
  remove(db: Kysely<Database>, id: number): Promise<void>;
  /** Document ids matching every phrase and every character: ranked when there are words, newest first otherwise. */
  search(db: Kysely<Database>, q: SearchQuery, f: SearchFilters, limit: number, offset: number): Promise<SearchHits>;
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

/** One alphanumeric token per filter value (the tokenizer would split the value itself). */
const facetToken = (name: string, value: string | number) => `f${createHash('sha1').update(`${name}:${value}`).digest('hex').slice(0, 16)}`;

/** The facet tokens a document is indexed with, and a filter matches. */
export function facetTokens(f: SearchFilters): string[] {
  const t: string[] = [];
  if (f.issuer) t.push(facetToken('issuer', f.issuer));
  if (f.type) t.push(facetToken('type', f.type));
  if (f.series) t.push(facetToken('series', f.series));
  if (f.year) t.push(facetToken('year', f.year));
  return t;
}

/** A count of a query's rows that stops past COUNT_CAP. */
export async function cappedCount(db: Kysely<Database>, matches: ReturnType<typeof sql>): Promise<{ total: number; more: boolean }> {
  const r = await sql<{ n: number }>`select count(*) as n from (${matches} limit ${COUNT_CAP + 1}) m`.execute(db);
  const n = Number(r.rows[0]?.n ?? 0);
  return { total: Math.min(n, COUNT_CAP), more: n > COUNT_CAP };
}

class SqliteFtsSearch implements SearchProvider {
  readonly name = 'sqlite-fts5';

  constructor(private readonly rankWindow = RANK_WINDOW) {}

  async index(db: Kysely<Database>, id: number, text: IndexedText, f: FacetValues) {
    const facets = facetTokens({ issuer: f.issuer, type: f.type, series: f.series, year: f.year }).join(' ');
    await sql`delete from gazette_fts where rowid = ${id}`.execute(db);
    await sql`insert into gazette_fts (rowid, title, body, facets, chars) values (${id}, ${text.titleWords}, ${text.bodyWords}, ${facets}, ${text.chars})`.execute(db);
  }

  async remove(db: Kysely<Database>, id: number) {
    await sql`delete from gazette_fts where rowid = ${id}`.execute(db);
  }

  async search(db: Kysely<Database>, q: SearchQuery, f: SearchFilters, limit: number, offset: number): Promise<SearchHits> {
    const quote = (x: string) => `"${x.replace(/"/g, '""')}"`;
    const words = q.terms.map((t) => {
      const phrase = t.words.length ? `{title body} : ${quote(t.words.join(' '))}` : null;
      const grams = t.grams.length ? `(${t.grams.map((g) => `chars : ${quote(g)}`).join(' AND ')})` : null;
      return `(${[phrase, grams].filter(Boolean).join(' OR ')})`;
    });
    const chars = q.chars.map((c) => `chars : ${quote(c)}`);
    const facets = facetTokens(f).map((t) => `facets : ${t}`);
    const match = [...words, ...chars, ...facets].join(' AND ');
    const ranking = words.length ? sql`bm25(gazette_fts, 5.0, 1.0, 0.0, 0.0), ` : sql``;
    if (!f.dateFrom && !f.dateTo) {
      if (words.length) return this.rankedByIndex(db, match, limit, offset);
      // Characters only: no relevance to speak of; the index hands them newest first.
      const { total, more } = await cappedCount(db, sql`select 1 from gazette_fts where gazette_fts match ${match}`);
      const rows = await sql<{ id: number }>`select rowid as id from gazette_fts where gazette_fts match ${match} order by rowid desc limit ${limit} offset ${offset}`.execute(db);
      return { ids: rows.rows.map((r) => r.id), total, more };
    }
    const where = andAll([sql<SqlBool>`gazette_fts match ${match}`, ...filterConditions({ dateFrom: f.dateFrom, dateTo: f.dateTo })]);
    const { total, more } = await cappedCount(db, sql`select 1 from gazette_fts join gazette_documents d on d.id = gazette_fts.rowid where ${where}`);
    const rows = await sql<{ id: number }>`
      select d.id from gazette_fts join gazette_documents d on d.id = gazette_fts.rowid
      where ${where} order by ${ranking}d.id desc limit ${limit} offset ${offset}`.execute(db);
    return { ids: rows.rows.map((r) => r.id), total, more };
  }

  /**
   * The index alone answers (no lookup of each match's metadata row). Relevance is computed over the
   * newest RANK_WINDOW matches, which follow in order of recency: ranking tens of thousands of matches
   * costs more than a person waits, and among that many the newest are what officials look for.
   */
  private async rankedByIndex(db: Kysely<Database>, match: string, limit: number, offset: number): Promise<SearchHits> {
    const { total, more } = await cappedCount(db, sql`select 1 from gazette_fts where gazette_fts match ${match}`);
    const ranked = (extra: Expression<SqlBool>, lim: number, off: number) =>
      sql<{ id: number }>`select rowid as id from gazette_fts where gazette_fts match ${match} and ${extra}
        order by bm25(gazette_fts, 5.0, 1.0, 0.0, 0.0), rowid desc limit ${lim} offset ${off}`.execute(db);
    if (total <= this.rankWindow && !more) return { ids: (await ranked(sql<SqlBool>`1 = 1`, limit, offset)).rows.map((r) => r.id), total, more };
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
    return { ids, total, more };
  }
}

/** How many of the newest matches are ordered by relevance (bm25). */
export const RANK_WINDOW = 1000;

class PgSearch implements SearchProvider {
  readonly name = 'postgres-tsvector';

  async index(db: Kysely<Database>, id: number, text: IndexedText, _facets: FacetValues) {
    await sql`update gazette_documents set
      tsv = setweight(to_tsvector('simple', ${text.titleWords}), 'A') || setweight(to_tsvector('simple', ${text.bodyWords}), 'D'),
      chars = to_tsvector('simple', ${text.chars})
      where id = ${id}`.execute(db);
  }

  async remove() {
    // The vectors live in the document row and go with it.
  }

  async search(db: Kysely<Database>, q: SearchQuery, f: SearchFilters, limit: number, offset: number): Promise<SearchHits> {
    const phrases = q.terms.filter((t) => t.words.length);
    const tsq = phrases.length ? sql.join(phrases.map((t) => sql`phraseto_tsquery('simple', ${t.words.join(' ')})`), sql` && `) : null;
    const allOf = (xs: string[]) => sql.join(xs.map((c) => sql`plainto_tsquery('simple', ${c})`), sql` && `);
    const termConditions = q.terms.map((t) => {
      const alt = [
        ...(t.words.length ? [sql<SqlBool>`d.tsv @@ phraseto_tsquery('simple', ${t.words.join(' ')})`] : []),
        ...(t.grams.length ? [sql<SqlBool>`d.chars @@ (${allOf(t.grams)})`] : []),
      ];
      return sql<SqlBool>`(${sql.join(alt, sql` or `)})`;
    });
    const where = andAll([...termConditions, ...(q.chars.length ? [sql<SqlBool>`d.chars @@ (${allOf(q.chars)})`] : []), ...filterConditions(f)]);
    const { total, more } = await cappedCount(db, sql`select 1 from gazette_documents d where ${where}`);
    const order = tsq ? sql`ts_rank(d.tsv, ${tsq}) desc, d.doc_date desc` : sql`d.doc_date desc, d.id desc`;
    const rows = await sql<{ id: number }>`
      select d.id from gazette_documents d where ${where} order by ${order} limit ${limit} offset ${offset}`.execute(db);
    return { ids: rows.rows.map((r) => r.id), total, more };
  }
}

/** The search provider for a dialect. */
export function searchProviderFor(dialect: DialectName, opts: { rankWindow?: number } = {}): SearchProvider {
  return dialect === 'postgres' ? new PgSearch() : new SqliteFtsSearch(opts.rankWindow);
}
