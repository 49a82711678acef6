import type { Generated } from 'kysely';
import type { StepLogRow } from '../../core/workflow.js';

/** The step log of every declared procedure (core/workflow.ts): who took which step on which record, when. */
export interface WorkflowTables {
  /** One row per step taken; the columns are the kit's `StepLogRow`, so the two cannot drift apart. */
  workflow_steps: StepLogRow & { id: Generated<number> };
}

declare module '../../core/db.js' {
  interface Database extends WorkflowTables {}
}
