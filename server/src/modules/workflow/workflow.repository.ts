/** The step log: appended in the step's unit of work, read per record. */
import type { Actor } from '../../core/audit.js';
import { appendAudit } from '../../core/audit.js';
import type { Db } from '../../core/db.js';
import type { StepLogRow } from '../../core/workflow.js';

export class WorkflowRepository {
  constructor(private readonly db: Db) {}

  async append(row: StepLogRow): Promise<void> {
    await this.db.kysely.insertInto('workflow_steps').values(row).execute();
  }

  log(entity: string, recordId: string) {
    return this.db.kysely.selectFrom('workflow_steps').selectAll().where('entity', '=', entity).where('record_id', '=', recordId).orderBy('id').execute();
  }

  /** The audit record of a step, in the step's transaction. */
  audit(actor: Actor, entity: string, id: number | string, action: string, after: unknown): Promise<void> {
    return this.db.transaction((trx) => appendAudit(trx, this.db.dialect, actor, { entity, entityId: id, action, after }));
  }
}
