/** All SQL of the gazette registry. */
import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database } from '../../core/db.js';
import type { Db } from '../../core/db.js';
import { appendAudit, type Actor, type AuditEntry } from '../../core/audit.js';
import { cappedCount, filterConditions, searchProviderFor, type IndexedText, type SearchFilters, type SearchHits, type SearchProvider, type SearchQuery } from './gazette.search.js';

export type DocumentRow = Selectable<Database['gazette_documents']> & { structure: string; body_text: string };
export type CitationRow = Selectable<Database['gazette_citations']>;
export type ImportRow = Selectable<Database['gazette_imports']>;

/** A document as the import writes it: the row, its text and structure, its index words and citations. */
export type NewDocument = Omit<Database['gazette_documents'], 'id' | 'import_id' | 'created_at' | 'updated_at'> &
  Omit<Database['gazette_document_texts'], 'document_id'> & {
    indexed: IndexedText;
    citations: Omit<Database['gazette_citations'], 'id' | 'document_id' | 'position'>[];
  };

export interface ListOptions extends SearchFilters {
  sort: 'date_desc' | 'date_asc' | 'number';
  limit: number;
  offset: number;
}

const LIST_COLUMNS = [
  'id', 'doc_number', 'agency_code', 'year', 'serial', 'issuer', 'title', 'doc_type', 'addressees', 'doc_date', 'publicity',
] as const;
export type DocumentSummaryRow = Pick<DocumentRow, (typeof LIST_COLUMNS)[number]>;

export class GazetteRepository {
  readonly search: SearchProvider;

  constructor(
    private readonly db: Db,
    opts: { rankWindow?: number } = {},
  ) {
    this.search = searchProviderFor(db.dialect, opts);
  }

  /** Run fn in one transaction: all or nothing. */
  transaction<T>(fn: (repo: GazetteTx) => Promise<T>): Promise<T> {
    return this.db.transaction((trx) => fn(new GazetteTx(trx, this.search, this.db.dialect)));
  }

  findImportBySha(sha256: string): Promise<ImportRow | undefined> {
    return this.db.kysely.selectFrom('gazette_imports').selectAll().where('sha256', '=', sha256).executeTakeFirst();
  }

  listImports(): Promise<ImportRow[]> {
    return this.db.kysely.selectFrom('gazette_imports').selectAll().orderBy('id', 'desc').execute();
  }

  /** How many stored documents carry an outline older than `version` (stored structures start with it). */
  async countOutdatedOutlines(version: number): Promise<number> {
    const r = await this.db.kysely
      .selectFrom('gazette_document_texts')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('structure', 'not like', `{"outline":${version},%`)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  countDocuments(): Promise<number> {
    return this.db.kysely
      .selectFrom('gazette_documents')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
      .then((r) => Number(r.n));
  }

  private full() {
    return this.db.kysely
      .selectFrom('gazette_documents as d')
      .innerJoin('gazette_document_texts as t', 't.document_id', 'd.id')
      .selectAll('d')
      .select(['t.structure', 't.body_text']);
  }

  findById(id: number): Promise<DocumentRow | undefined> {
    return this.full().where('d.id', '=', id).executeTakeFirst() as Promise<DocumentRow | undefined>;
  }

  findByNumber(docNumber: string): Promise<DocumentRow | undefined> {
    return this.full().where('d.doc_number', '=', docNumber).executeTakeFirst() as Promise<DocumentRow | undefined>;
  }

  /** The earlier versions of a document, newest first. */
  versions(documentId: number) {
    return this.db.kysely
      .selectFrom('gazette_document_versions')
      .select(['id', 'title', 'doc_date', 'content_hash', 'body_text', 'import_id', 'replaced_at', 'replaced_by'])
      .where('document_id', '=', documentId)
      .orderBy('id', 'desc')
      .execute();
  }

  /** Summaries (no text) for ids, in the order given. */
  async summaries(ids: number[]): Promise<DocumentSummaryRow[]> {
    if (!ids.length) return [];
    const rows = await this.db.kysely.selectFrom('gazette_documents').select(LIST_COLUMNS).where('id', 'in', ids).execute();
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id)).filter((r): r is DocumentSummaryRow => !!r);
  }

  /**
   * Title and the stretch of text around the first occurrence of `term` (or its opening), keyed by id:
   * the database cuts the window, so a page of results never ships whole documents.
   */
  async snippetSources(ids: number[], term: string, width = 200): Promise<Map<number, { title: string; body_text: string }>> {
    if (!ids.length) return new Map();
    const pos = this.db.dialect === 'postgres' ? sql<number>`strpos(t.body_text, ${term})` : sql<number>`instr(t.body_text, ${term})`;
    const rows = await this.db.kysely
      .selectFrom('gazette_documents as d')
      .innerJoin('gazette_document_texts as t', 't.document_id', 'd.id')
      .select(['d.id', 'd.title', sql<string>`substr(t.body_text, case when ${pos} > 40 then ${pos} - 40 else 1 end, ${width})`.as('body_text')])
      .where('d.id', 'in', ids)
      .execute();
    return new Map(rows.map((r) => [r.id, r]));
  }

  async list(o: ListOptions): Promise<{ rows: DocumentSummaryRow[]; total: number }> {
    const where = filterConditions(o);
    let q = this.db.kysely.selectFrom('gazette_documents as d').select(LIST_COLUMNS.map((c) => `d.${c}` as const));
    let count = this.db.kysely.selectFrom('gazette_documents as d').select((eb) => eb.fn.countAll<number>().as('n'));
    for (const c of where) {
      q = q.where(c);
      count = count.where(c);
    }
    q =
      o.sort === 'number'
        ? q.orderBy('d.agency_code').orderBy('d.year', 'desc').orderBy('d.serial')
        : q.orderBy('d.doc_date', o.sort === 'date_asc' ? 'asc' : 'desc').orderBy('d.id', o.sort === 'date_asc' ? 'asc' : 'desc');
    const [rows, n] = await Promise.all([q.limit(o.limit).offset(o.offset).execute(), count.executeTakeFirstOrThrow()]);
    return { rows, total: Number(n.n) };
  }

  /** Counts per issuer, type, series and year, for filters. */
  async facets(): Promise<Record<'issuer' | 'doc_type' | 'agency_code' | 'year', { value: string; count: number }[]>> {
    const facet = async (col: 'issuer' | 'doc_type' | 'agency_code' | 'year') => {
      const rows = await this.db.kysely
        .selectFrom('gazette_documents')
        .select([col, (eb) => eb.fn.countAll<number>().as('n')])
        .groupBy(col)
        .orderBy(col)
        .execute();
      return rows.map((r) => ({ value: String((r as Record<string, unknown>)[col]), count: Number(r.n) }));
    };
    const [issuer, doc_type, agency_code, year] = await Promise.all([facet('issuer'), facet('doc_type'), facet('agency_code'), facet('year')]);
    return { issuer, doc_type, agency_code, year };
  }

  citationsOf(documentId: number): Promise<CitationRow[]> {
    return this.db.kysely
      .selectFrom('gazette_citations')
      .selectAll()
      .where('document_id', '=', documentId)
      .orderBy('position')
      .execute() as Promise<CitationRow[]>;
  }

  /** Documents in the registry whose 文号 is one of numbers. */
  async idsByNumbers(numbers: string[]): Promise<Map<string, { id: number; title: string }>> {
    if (!numbers.length) return new Map();
    const rows = await this.db.kysely
      .selectFrom('gazette_documents')
      .select(['id', 'doc_number', 'title'])
      .where('doc_number', 'in', numbers)
      .execute();
    return new Map(rows.map((r) => [r.doc_number, { id: r.id, title: r.title }]));
  }

  /** Documents that cite (or answer) a 文号 or a title. */
  async citing(docNumber: string, title: string): Promise<{ id: number; doc_number: string; title: string; kind: string }[]> {
    const rows = await this.db.kysely
      .selectFrom('gazette_citations as c')
      .innerJoin('gazette_documents as d', 'd.id', 'c.document_id')
      .select(['d.id', 'd.doc_number', 'd.title', 'c.kind'])
      .where((eb) => eb.or([eb('c.cited_number', '=', docNumber), eb('c.cited_title', '=', title)]))
      .orderBy('d.doc_date')
      .execute();
    const seen = new Set<string>();
    return rows.filter((r) => (seen.has(`${r.id}|${r.kind}`) ? false : (seen.add(`${r.id}|${r.kind}`), true)));
  }

  /** Ids of documents citing a 文号, newest first (for 文号 search). */
  async idsCiting(docNumber: string, f: SearchFilters, limit: number, offset: number): Promise<SearchHits> {
    const where = sql.join([sql`c.cited_number = ${docNumber}`, ...filterConditions(f)], sql` and `);
    const rows = await sql<{ id: number }>`
      select distinct d.id, d.doc_date from gazette_citations c join gazette_documents d on d.id = c.document_id
      where ${where} order by d.doc_date desc, d.id desc limit ${limit} offset ${offset}`.execute(this.db.kysely);
    const { total, more } = await cappedCount(this.db.kysely, sql`select distinct d.id from gazette_citations c join gazette_documents d on d.id = c.document_id where ${where}`);
    return { ids: rows.rows.map((r) => r.id), total, more };
  }

  /** Ids matching the query's phrases and characters (gazette.search.ts). */
  searchIndex(q: SearchQuery, f: SearchFilters, limit: number, offset: number): Promise<SearchHits> {
    return this.search.search(this.db.kysely, q, f, limit, offset);
  }
}

/** Writes inside one transaction. */
export class GazetteTx {
  constructor(
    private readonly trx: Kysely<Database>,
    private readonly search: SearchProvider,
    private readonly dialect: Db['dialect'],
  ) {}

  /** The audit record of this transaction's write. */
  audit(actor: Actor, e: AuditEntry): Promise<void> {
    return appendAudit(this.trx, this.dialect, actor, e);
  }

  async insertImport(row: Omit<Database['gazette_imports'], 'id'>): Promise<number> {
    const r = await this.trx.insertInto('gazette_imports').values(row).returning('id').executeTakeFirstOrThrow();
    return r.id;
  }

  findByNumber(docNumber: string) {
    return this.trx.selectFrom('gazette_documents').select(['id', 'content_hash']).where('doc_number', '=', docNumber).executeTakeFirst();
  }

  /** The length in characters of a stored document's text (counted by the database: the text is not read). */
  async textLength(documentId: number): Promise<number> {
    const r = await this.trx
      .selectFrom('gazette_document_texts')
      .select((eb) => eb.fn<number>('length', ['body_text']).as('n'))
      .where('document_id', '=', documentId)
      .executeTakeFirst();
    return Number(r?.n ?? 0);
  }

  /** Keep the stored version of a document before an import replaces it. */
  async keepVersion(documentId: number, importId: number, now: string, by: string): Promise<void> {
    const cur = await this.trx
      .selectFrom('gazette_documents as d')
      .innerJoin('gazette_document_texts as t', 't.document_id', 'd.id')
      .select(['d.doc_number', 'd.title', 'd.doc_date', 'd.content_hash', 't.structure', 't.body_text'])
      .where('d.id', '=', documentId)
      .executeTakeFirstOrThrow();
    await this.trx.insertInto('gazette_document_versions').values({ document_id: documentId, ...cur, import_id: importId, replaced_at: now, replaced_by: by }).execute();
  }

  /** Insert a document, or replace it when its 文号 exists; returns its id. */
  async upsertDocument(d: NewDocument, importId: number, now: string, existingId?: number): Promise<number> {
    const { indexed, citations, structure, body_text, ...row } = d;
    let id: number;
    if (existingId) {
      await this.trx
        .updateTable('gazette_documents')
        .set({ ...row, import_id: importId, updated_at: now })
        .where('id', '=', existingId)
        .execute();
      await this.trx.deleteFrom('gazette_citations').where('document_id', '=', existingId).execute();
      await this.trx.updateTable('gazette_document_texts').set({ structure, body_text }).where('document_id', '=', existingId).execute();
      id = existingId;
    } else {
      const r = await this.trx
        .insertInto('gazette_documents')
        .values({ ...row, import_id: importId, created_at: now, updated_at: now })
        .returning('id')
        .executeTakeFirstOrThrow();
      id = r.id;
      await this.trx.insertInto('gazette_document_texts').values({ document_id: id, structure, body_text }).execute();
    }
    if (citations.length) {
      await this.trx
        .insertInto('gazette_citations')
        .values(citations.map((c, position) => ({ ...c, document_id: id, position })))
        .execute();
    }
    await this.search.index(this.trx as unknown as Kysely<Database>, id, indexed, {
      issuer: row.issuer,
      type: row.doc_type,
      series: row.agency_code,
      year: row.year,
    });
    return id;
  }
}
