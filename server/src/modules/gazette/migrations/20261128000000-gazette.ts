import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../../../core/db.js';

/** The gazette registry: imports, documents, citations and the search index. */
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  const pk = dialect === 'postgres' ? 'serial' : 'integer';
  await db.schema
    .createTable('gazette_imports')
    .addColumn('id', pk, (c) => (dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull().unique())
    .addColumn('byte_size', 'integer', (c) => c.notNull())
    .addColumn('documents', 'integer', (c) => c.notNull())
    .addColumn('imported_by', 'text', (c) => c.notNull())
    .addColumn('imported_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('gazette_documents')
    .addColumn('id', pk, (c) => (dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('doc_number', 'text', (c) => c.notNull().unique())
    .addColumn('agency_code', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('serial', 'integer', (c) => c.notNull())
    .addColumn('issuer', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('doc_type', 'text', (c) => c.notNull())
    .addColumn('addressees', 'text', (c) => c.notNull())
    .addColumn('doc_date', 'text')
    .addColumn('publicity', 'text')
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('import_id', 'integer', (c) => c.references('gazette_imports.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // The large parts live apart, so that the metadata rows stay small and a search that joins
  // thousands of matches to their metadata reads few pages.
  await db.schema
    .createTable('gazette_document_texts')
    .addColumn('document_id', 'integer', (c) => c.primaryKey().references('gazette_documents.id').onDelete('cascade'))
    .addColumn('structure', 'text', (c) => c.notNull())
    .addColumn('body_text', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('gazette_documents_date').on('gazette_documents').columns(['doc_date', 'id']).execute();
  await db.schema.createIndex('gazette_documents_issuer').on('gazette_documents').columns(['issuer', 'doc_date']).execute();
  await db.schema.createIndex('gazette_documents_series').on('gazette_documents').columns(['agency_code', 'year', 'serial']).execute();

  await db.schema
    .createTable('gazette_citations')
    .addColumn('id', pk, (c) => (dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('document_id', 'integer', (c) => c.notNull().references('gazette_documents.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('cited_number', 'text')
    .addColumn('cited_title', 'text')
    .addColumn('position', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('gazette_citations_doc').on('gazette_citations').column('document_id').execute();
  await db.schema.createIndex('gazette_citations_number').on('gazette_citations').column('cited_number').execute();

  if (dialect === 'sqlite') {
    // Contentless: the words live only in the index; rows are shown from gazette_documents.
    // facets holds one token per filter value (issuer, type, series, year), so filtering is an index
    // intersection rather than a lookup of every match's metadata row.
    await sql`create virtual table gazette_fts using fts5(title, body, facets, content='', contentless_delete=1, tokenize='unicode61')`.execute(db);
  } else {
    // Filled by the repository from words segmented in the application (PostgreSQL has no Chinese parser built in).
    await sql`alter table gazette_documents add column tsv tsvector`.execute(db);
    await sql`create index gazette_documents_tsv on gazette_documents using gin (tsv)`.execute(db);
    const trgm = await sql<{ n: number }>`select count(*)::int as n from pg_available_extensions where name = 'pg_trgm'`.execute(db);
    if (trgm.rows[0]?.n) {
      // In public, where every schema's search path finds it: an extension made inside one schema goes when that
      // schema is dropped, taking the other schemas' trigram indexes with it. Several databases migrating at once may
      // race to create it; the loser's duplicate is harmless.
      await sql`create extension if not exists pg_trgm schema public`.execute(db).catch((e: { code?: string }) => {
        if (e.code !== '23505' && e.code !== '42710') throw e;
      });
      const where = await sql<{ nspname: string }>`select n.nspname from pg_extension e join pg_namespace n on n.oid = e.extnamespace where e.extname = 'pg_trgm'`.execute(db);
      if (where.rows[0] && where.rows[0].nspname !== 'public') await sql`alter extension pg_trgm set schema public`.execute(db);
      await sql`create index gazette_documents_text_trgm on gazette_document_texts using gin (body_text public.gin_trgm_ops)`.execute(db);
    }
  }
}

export async function down(db: Kysely<any>, dialect: DialectName): Promise<void> {
  if (dialect === 'sqlite') await sql`drop table if exists gazette_fts`.execute(db);
  await db.schema.dropTable('gazette_citations').ifExists().execute();
  await db.schema.dropTable('gazette_document_texts').ifExists().execute();
  await db.schema.dropTable('gazette_documents').ifExists().execute();
  await db.schema.dropTable('gazette_imports').ifExists().execute();
}
