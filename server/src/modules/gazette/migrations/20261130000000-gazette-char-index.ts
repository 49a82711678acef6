import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../../../core/db.js';
import { searchProviderFor } from '../gazette.search.js';
import { indexedText } from '../gazette.segment.js';

/**
 * Every character of a document indexed beside its words, so a one-character query is an index lookup instead of
 * a LIKE scan of every text. SQLite's FTS5 table cannot gain a column, so it is made anew; both dialects then
 * index the stored documents again.
 */
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  if (dialect === 'sqlite') {
    await sql`drop table gazette_fts`.execute(db);
    await sql`create virtual table gazette_fts using fts5(title, body, facets, chars, content='', contentless_delete=1, tokenize='unicode61')`.execute(db);
  } else {
    await sql`alter table gazette_documents add column chars tsvector`.execute(db);
    await sql`create index gazette_documents_chars on gazette_documents using gin (chars)`.execute(db);
  }
  const search = searchProviderFor(dialect);
  const docs = await sql<{ id: number; title: string; doc_number: string; issuer: string; doc_type: string; agency_code: string; year: number; body_text: string }>`
    select d.id, d.title, d.doc_number, d.issuer, d.doc_type, d.agency_code, d.year, t.body_text
    from gazette_documents d join gazette_document_texts t on t.document_id = d.id order by d.id`.execute(db);
  for (const d of docs.rows) {
    await search.index(db, d.id, indexedText(d.title, d.doc_number, d.issuer, d.body_text), { issuer: d.issuer, type: d.doc_type, series: d.agency_code, year: d.year });
  }
}

export async function down(db: Kysely<any>, dialect: DialectName): Promise<void> {
  if (dialect === 'sqlite') {
    await sql`drop table gazette_fts`.execute(db);
    await sql`create virtual table gazette_fts using fts5(title, body, facets, content='', contentless_delete=1, tokenize='unicode61')`.execute(db);
  } else {
    await sql`drop index if exists gazette_documents_chars`.execute(db);
    await sql`alter table gazette_documents drop column chars`.execute(db);
  }
}
