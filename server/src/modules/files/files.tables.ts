import type { Generated } from 'kysely';

/** Files by content hash and their links to records: the module's tables. */
export interface FilesTables {
  files: { sha256: string; size: number; mime: string; created_at: string };
  file_links: {
    id: Generated<number>;
    sha256: string;
    entity: string;
    entity_id: string;
    file_name: string;
    created_by: number | null;
    created_at: string;
  };
}

declare module '../../core/db.js' {
  interface Database extends FilesTables {}
}
