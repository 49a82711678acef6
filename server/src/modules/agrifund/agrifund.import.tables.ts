import type { Generated } from 'kysely';

/** 涉农资金统筹整合: project tables imported from Excel (the 见网络版 annexes), staged until committed or discarded. */
export interface AgrifundImportTables {
  agrifund_imports: {
    id: Generated<number>;
    year: number;
    /** Which annex the rows come from (IMPORT_TABLES). */
    table_kind: string;
    file_name: string;
    status: 'validating' | 'validated' | 'committed' | 'failed' | 'discarded';
    total: number;
    done: number;
    percent: number;
    errors: number;
    committed: number;
    message: string | null;
    by_user_id: number;
    by_name: string;
    at: string;
    heartbeat_at: string;
  };
  agrifund_import_rows: {
    import_id: number;
    row_no: number;
    /** JSON: the row's cells by column, as read. */
    cells: string;
    /** JSON: the ProjectInput a clean row makes; null on a row with problems. */
    project: string | null;
    /** JSON: [{ field, message }], null when clean. */
    problems: string | null;
  };
}

declare module '../../core/db.js' {
  interface Database extends AgrifundImportTables {}
}
