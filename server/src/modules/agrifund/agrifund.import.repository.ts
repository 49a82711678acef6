/** All SQL of 涉农资金's project imports: the job, its staged rows, and the conditional moves between their states. */
import type { Selectable } from 'kysely';
import { appendAudit, type Actor } from '../../core/audit.js';
import type { Database, Db } from '../../core/db.js';

export type ImportJobRow = Selectable<Database['agrifund_imports']>;
export type ImportLineRow = Selectable<Database['agrifund_import_rows']>;

export class AgrifundImportRepository {
  constructor(private readonly db: Db) {}

  /** One row in the audit chain, in the caller's unit of work. */
  audit(actor: Actor, id: number, action: string, after?: unknown): Promise<void> {
    return appendAudit(this.db.kysely, this.db.dialect, actor, { entity: 'agrifund_import', entityId: id, action, after });
  }

  create(j: Omit<ImportJobRow, 'id'>): Promise<ImportJobRow> {
    return this.db.kysely.insertInto('agrifund_imports').values(j).returningAll().executeTakeFirstOrThrow();
  }

  job(id: number): Promise<ImportJobRow | undefined> {
    return this.db.kysely.selectFrom('agrifund_imports').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Progress of an import still being checked; false when it is not any more (another process marked it failed). */
  async progress(id: number, patch: Partial<Omit<ImportJobRow, 'id'>>): Promise<boolean> {
    const r = await this.db.kysely.updateTable('agrifund_imports').set(patch).where('id', '=', id).where('status', '=', 'validating').executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  /** Fail an import still being checked, with the reason, and drop its staged rows. */
  async fail(id: number, message: string): Promise<void> {
    await this.db.transaction(async (trx) => {
      const r = await trx.updateTable('agrifund_imports').set({ status: 'failed', message }).where('id', '=', id).where('status', '=', 'validating').executeTakeFirst();
      if (Number(r.numUpdatedRows)) await trx.deleteFrom('agrifund_import_rows').where('import_id', '=', id).execute();
    });
  }

  /** Fail every import being checked whose process has not beaten since `before`, dropping its staged rows; their ids. */
  async failStale(before: string, message: string): Promise<number[]> {
    return this.db.transaction(async (trx) => {
      const ids = (
        await trx.updateTable('agrifund_imports').set({ status: 'failed', message }).where('status', '=', 'validating').where('heartbeat_at', '<', before).returning('id').execute()
      ).map((r) => r.id);
      if (ids.length) await trx.deleteFrom('agrifund_import_rows').where('import_id', 'in', ids).execute();
      return ids;
    });
  }

  async stage(rows: ImportLineRow[]): Promise<void> {
    if (rows.length) await this.db.kysely.insertInto('agrifund_import_rows').values(rows).execute();
  }

  /** An import's staged rows in file order (only those with problems when asked). */
  rows(id: number, problemsOnly = false): Promise<ImportLineRow[]> {
    let q = this.db.kysely.selectFrom('agrifund_import_rows').selectAll().where('import_id', '=', id);
    if (problemsOnly) q = q.where('problems', 'is not', null);
    return q.orderBy('row_no').execute();
  }

  /** Names of the year's projects already in the list (a second project of the same name is refused). */
  async projectNames(year: number): Promise<Set<string>> {
    return new Set((await this.db.kysely.selectFrom('agrifund_projects').select('name').where('year', '=', year).execute()).map((r) => r.name));
  }

  /** Claim a checked import without errors for writing, in the caller's unit of work; false when it is not one any more. */
  async claim(id: number): Promise<boolean> {
    const r = await this.db.kysely.updateTable('agrifund_imports').set({ status: 'committed' }).where('id', '=', id).where('status', '=', 'validated').where('errors', '=', 0).executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  /** Record how many projects a claimed import wrote, and drop its staged rows. */
  async committed(id: number, n: number): Promise<void> {
    await this.db.kysely.updateTable('agrifund_imports').set({ committed: n }).where('id', '=', id).execute();
    await this.db.kysely.deleteFrom('agrifund_import_rows').where('import_id', '=', id).execute();
  }

  /** Discard an import waiting for the office's decision, or one that failed, with its staged rows; false when neither. */
  async discard(id: number): Promise<boolean> {
    const r = await this.db.kysely.updateTable('agrifund_imports').set({ status: 'discarded' }).where('id', '=', id).where('status', 'in', ['validated', 'failed']).executeTakeFirst();
    if (!Number(r.numUpdatedRows)) return false;
    await this.db.kysely.deleteFrom('agrifund_import_rows').where('import_id', '=', id).execute();
    return true;
  }
}
