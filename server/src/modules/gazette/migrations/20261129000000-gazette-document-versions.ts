import type { Kysely } from 'kysely';
import type { DialectName } from '../../../core/db.js';
import { tableWithId } from '../../../core/migration-kit.js';

/** Every replaced version of a document, kept when an import replaces it. */
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  await tableWithId(db, dialect, 'gazette_document_versions')
    .addColumn('document_id', 'integer', (c) => c.notNull().references('gazette_documents.id'))
    .addColumn('doc_number', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('doc_date', 'text')
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('structure', 'text', (c) => c.notNull())
    .addColumn('body_text', 'text', (c) => c.notNull())
    .addColumn('import_id', 'integer', (c) => c.references('gazette_imports.id'))
    .addColumn('replaced_at', 'text', (c) => c.notNull())
    .addColumn('replaced_by', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('gazette_document_versions_document').on('gazette_document_versions').column('document_id').execute();
}

export async function down(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  await db.schema.dropTable('gazette_document_versions').ifExists().execute();
}
