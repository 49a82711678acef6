import type { Generated } from 'kysely';

/** The county directory: the module's tables. */
export interface DirectoryTables {
  org_units: {
    id: Generated<number>;
    code: string | null;
    name: string;
    kind: 'county' | 'township' | 'village' | 'department' | 'body';
    parent_id: number | null;
    short_names: string;
    note: string | null;
    created_at: string;
    updated_at: string;
  };
}

declare module '../../core/db.js' {
  interface Database extends DirectoryTables {}
}
