import type { Generated } from 'kysely';

/** The step log of every declared procedure (core/workflow.ts): who took which step on which record, when. */
export interface WorkflowTables {
  workflow_steps: {
    id: Generated<number>;
    /** The procedure's entity, e.g. toilet_household. */
    entity: string;
    record_id: string;
    step: string;
    /** Empty for the record's creation. */
    from_state: string | null;
    to_state: string;
    actor_name: string;
    actor_role: string;
    user_id: number | null;
    note: string | null;
    /** The deadline of the state entered, when the state has one (YYYY-MM-DD). */
    due_on: string | null;
    at: string;
  };
}

declare module '../../core/db.js' {
  interface Database extends WorkflowTables {}
}
