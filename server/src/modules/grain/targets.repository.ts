/** All SQL of the townships' targets (交政办函〔2022〕13号): indicator types, targets, staged imports, reports. */
import type { Selectable } from 'kysely';
import { appendAudit, type Actor } from '../../core/audit.js';
import type { Database, Db } from '../../core/db.js';

export type IndicatorRow = Selectable<Database['grain_indicators']>;
export type TargetRow = Selectable<Database['grain_targets']>;
export type TargetImportRow = Selectable<Database['grain_target_imports']>;
export type ReportRow = Selectable<Database['grain_reports']>;

export class TargetsRepository {
  constructor(private readonly db: Db) {}

  async indicators(): Promise<IndicatorRow[]> {
    return this.db.kysely.selectFrom('grain_indicators').selectAll().orderBy('id').execute();
  }

  /** A new indicator type; a unique violation when its name exists. */
  async addIndicator(actor: Actor, i: Omit<IndicatorRow, 'id'>): Promise<IndicatorRow> {
    return this.db.transaction(async (trx) => {
      const row = await trx.insertInto('grain_indicators').values(i).returningAll().executeTakeFirstOrThrow();
      await appendAudit(trx, this.db.dialect, actor, { entity: 'grain_indicator', entityId: row.id, action: 'create', after: { name: i.name, unit: i.unit } });
      return row;
    });
  }

  /** Targets of a year, one township's or all. */
  async targets(year: number, townshipId?: number): Promise<TargetRow[]> {
    let q = this.db.kysely.selectFrom('grain_targets').selectAll().where('year', '=', year);
    if (townshipId !== undefined) q = q.where('township_id', '=', townshipId);
    return q.orderBy('township_id').orderBy('indicator_id').execute();
  }

  /** Write targets (new, or replacing the same year, township and indicator) with one audit row. */
  async putTargets(actor: Actor, rows: Omit<TargetRow, 'id'>[], action: string, entityId: number | string): Promise<void> {
    await this.db.transaction(async (trx) => {
      for (const r of rows) {
        await trx
          .insertInto('grain_targets')
          .values(r)
          .onConflict((oc) => oc.columns(['year', 'township_id', 'indicator_id']).doUpdateSet({ value_milli: r.value_milli, origin: r.origin, entered_by: r.entered_by, entered_at: r.entered_at }))
          .execute();
      }
      await appendAudit(trx, this.db.dialect, actor, { entity: 'grain_target', entityId, action, after: { rows: rows.length, year: rows[0]?.year } });
    });
  }

  async addImport(i: Omit<TargetImportRow, 'id'>): Promise<TargetImportRow> {
    return this.db.kysely.insertInto('grain_target_imports').values(i).returningAll().executeTakeFirstOrThrow();
  }

  async importJob(id: number): Promise<TargetImportRow | undefined> {
    return this.db.kysely.selectFrom('grain_target_imports').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Move a staged import to committed or discarded; false when another request moved it first. */
  async closeImport(id: number, status: 'committed' | 'discarded', at: string): Promise<boolean> {
    const r = await this.db.kysely.updateTable('grain_target_imports').set({ status, committed_at: at }).where('id', '=', id).where('status', '=', 'checked').executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  /** A township's report for a season: new, or its correction (the latest figure stands). */
  async putReport(actor: Actor, r: Omit<ReportRow, 'id'>): Promise<ReportRow> {
    return this.db.transaction(async (trx) => {
      const row = await trx
        .insertInto('grain_reports')
        .values(r)
        .onConflict((oc) => oc.columns(['year', 'township_id', 'indicator_id', 'season']).doUpdateSet({ value_milli: r.value_milli, note: r.note, reported_by: r.reported_by, reported_at: r.reported_at }))
        .returningAll()
        .executeTakeFirstOrThrow();
      await appendAudit(trx, this.db.dialect, actor, { entity: 'grain_report', entityId: row.id, action: 'report', after: { season: r.season, value_milli: r.value_milli } });
      return row;
    });
  }

  async reports(year: number, townshipId?: number): Promise<ReportRow[]> {
    let q = this.db.kysely.selectFrom('grain_reports').selectAll().where('year', '=', year);
    if (townshipId !== undefined) q = q.where('township_id', '=', townshipId);
    return q.orderBy('township_id').orderBy('indicator_id').orderBy('id').execute();
  }
}
