import type { Generated } from 'kysely';

/** The gazette registry: the module's tables. */
export interface GazetteTables {
  gazette_imports: {
    id: Generated<number>;
    file_name: string;
    sha256: string;
    byte_size: number;
    documents: number;
    imported_by: string;
    imported_at: string;
  };
  gazette_documents: {
    id: Generated<number>;
    doc_number: string;
    agency_code: string;
    year: number;
    serial: number;
    issuer: string;
    title: string;
    doc_type: string;
    addressees: string;
    doc_date: string | null;
    publicity: string | null;
    content_hash: string;
    import_id: number | null;
    created_at: string;
    updated_at: string;
  };
  gazette_document_texts: {
    document_id: number;
    structure: string;
    body_text: string;
  };
  gazette_document_versions: {
    id: Generated<number>;
    document_id: number;
    doc_number: string;
    title: string;
    doc_date: string | null;
    content_hash: string;
    structure: string;
    body_text: string;
    import_id: number | null;
    replaced_at: string;
    replaced_by: string;
  };
  gazette_citations: {
    id: Generated<number>;
    document_id: number;
    kind: 'cites' | 'replies_to';
    cited_number: string | null;
    cited_title: string | null;
    position: number;
  };
}

declare module '../../core/db.js' {
  interface Database extends GazetteTables {}
}
