/** Export jobs: every write a conditional update on the job's own row. */
import type { Insertable, Selectable } from 'kysely';
import type { Database, Db } from '../../core/db.js';

export type ExportJobRow = Selectable<Database['export_jobs']>;

export class ExportsRepository {
  constructor(private readonly db: Db) {}

  create(j: Insertable<Database['export_jobs']>): Promise<ExportJobRow> {
    return this.db.kysely.insertInto('export_jobs').values(j).returningAll().executeTakeFirstOrThrow();
  }

  job(id: number): Promise<ExportJobRow | undefined> {
    return this.db.kysely.selectFrom('export_jobs').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Record progress of a job still running (a job the cleaner gave up on stays failed). */
  async progress(id: number, done: number, at: string): Promise<void> {
    await this.db.kysely.updateTable('export_jobs').set({ done, updated_at: at }).where('id', '=', id).where('status', '=', 'running').execute();
  }

  /** End a running job: ready with its size, or failed with why; false when it had ended already. */
  async finish(id: number, end: { status: 'ready'; done: number; bytes: number; at: string } | { status: 'failed'; message: string; at: string }): Promise<boolean> {
    const { at, ...rest } = end;
    const r = await this.db.kysely.updateTable('export_jobs').set({ ...rest, updated_at: at }).where('id', '=', id).where('status', '=', 'running').executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /** Give up on running jobs not moved since `before` (their process ended); their ids. */
  async failStale(before: string, message: string, at: string): Promise<number[]> {
    const rows = await this.db.kysely.updateTable('export_jobs').set({ status: 'failed', message, updated_at: at }).where('status', '=', 'running').where('updated_at', '<', before).returning('id').execute();
    return rows.map((r) => r.id);
  }

  /** Forget ended jobs last moved before `before`; their ids (for their files). */
  async deleteEnded(before: string): Promise<number[]> {
    const rows = await this.db.kysely.deleteFrom('export_jobs').where('status', '!=', 'running').where('updated_at', '<', before).returning('id').execute();
    return rows.map((r) => r.id);
  }
}
