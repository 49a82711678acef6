import type { Generated } from 'kysely';

/** Export jobs: who asked, how far the file is, where it ends up (the file itself is under <DATA_DIR>/exports). */
export interface ExportsTables {
  export_jobs: {
    id: Generated<number>;
    /** The user who started it: the only one who sees its progress or downloads it. */
    owner_id: number;
    /** The declaring module and the export's name there (`toilets`, `households`). */
    module: string;
    name: string;
    title: string;
    file_name: string;
    status: 'running' | 'ready' | 'failed';
    done: number;
    total: number;
    bytes: number | null;
    message: string | null;
    created_at: string;
    /** Moved on every progress write: a running job not moved for long lost its process. */
    updated_at: string;
  };
}

declare module '../../core/db.js' {
  interface Database extends ExportsTables {}
}
