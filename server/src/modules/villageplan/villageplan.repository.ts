/** All SQL of 村庄规划编制. */
import type { Insertable, Kysely, Selectable } from 'kysely';
import { appendAudit, type Actor } from '../../core/audit.js';
import { isUniqueViolation, type Database, type Db } from '../../core/db.js';

export type ClassificationRow = Selectable<Database['villageplan_classifications']>;
export type EvaluationRow = Selectable<Database['villageplan_evaluations']>;
export type CaseRow = Selectable<Database['villageplan_cases']>;
type NewClassification = Omit<Insertable<Database['villageplan_classifications']>, 'id' | 'status' | 'check_note'>;

const inIds = (ids: number[]) => (ids.length ? ids : [-1]);

export class VillageplanRepository {
  constructor(private readonly db: Db) {}

  private audit(trx: Kysely<Database>, actor: Actor, entity: string, id: number, action: string, after?: unknown) {
    return appendAudit(trx, this.db.dialect, actor, { entity, entityId: id, action, after });
  }

  // ---- classification -------------------------------------------------------------------------------------------

  /**
   * Save a village's class: a new row, or the township's own row while the bureau has not checked it (submitted or
   * returned), back to submitted. Null when the village is checked already (or a concurrent save took it).
   */
  async saveClassification(actor: Actor, c: NewClassification): Promise<ClassificationRow | null> {
    try {
      return await this.db.transaction(async (trx) => {
        const updated = await trx
          .updateTable('villageplan_classifications')
          .set({ ...c, status: 'submitted', check_note: null })
          .where('village_id', '=', c.village_id)
          .where('township_id', '=', c.township_id)
          .where('status', 'in', ['submitted', 'returned'])
          .returningAll()
          .executeTakeFirst();
        const row = updated ?? (await trx.insertInto('villageplan_classifications').values({ ...c, status: 'submitted', check_note: null }).returningAll().executeTakeFirstOrThrow());
        await this.audit(trx, actor, 'villageplan_classification', row.id, updated ? 'reclassify' : 'classify', { village: c.village_id, cls: c.cls, route: c.route, year: c.year });
        return row;
      });
    } catch (e) {
      if (isUniqueViolation(e)) return null;
      throw e;
    }
  }

  classification(id: number) {
    return this.db.kysely.selectFrom('villageplan_classifications').selectAll().where('id', '=', id).executeTakeFirst();
  }

  classifications(townshipIds?: number[]) {
    let q = this.db.kysely.selectFrom('villageplan_classifications').selectAll();
    if (townshipIds) q = q.where('township_id', 'in', inIds(townshipIds));
    return q.orderBy('township_id').orderBy('village_id').execute();
  }

  classificationsOf(villageIds: number[]) {
    return this.db.kysely.selectFrom('villageplan_classifications').selectAll().where('village_id', 'in', inIds(villageIds)).execute();
  }

  async transitionClassification(id: number, from: readonly string[], to: string, patch: Record<string, unknown>): Promise<boolean> {
    const r = await this.db.kysely
      .updateTable('villageplan_classifications')
      .set({ ...(patch as Partial<ClassificationRow>), status: to as ClassificationRow['status'] })
      .where('id', '=', id)
      .where('status', 'in', from as ClassificationRow['status'][])
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  // ---- evaluation of existing plans -----------------------------------------------------------------------------

  /** Record an evaluation; null when the village's plan was evaluated already. */
  async saveEvaluation(actor: Actor, e: Omit<Insertable<Database['villageplan_evaluations']>, 'id'>): Promise<EvaluationRow | null> {
    try {
      return await this.db.transaction(async (trx) => {
        const row = await trx.insertInto('villageplan_evaluations').values(e).returningAll().executeTakeFirstOrThrow();
        await this.audit(trx, actor, 'villageplan_evaluation', row.id, 'evaluate', { village: e.village_id, outcome: e.outcome });
        return row;
      });
    } catch (err) {
      if (isUniqueViolation(err)) return null;
      throw err;
    }
  }

  evaluations(townshipIds?: number[]) {
    let q = this.db.kysely.selectFrom('villageplan_evaluations').selectAll();
    if (townshipIds) q = q.where('township_id', 'in', inIds(townshipIds));
    return q.orderBy('township_id').orderBy('village_id').execute();
  }

  evaluationsOf(villageIds: number[]) {
    return this.db.kysely.selectFrom('villageplan_evaluations').selectAll().where('village_id', 'in', inIds(villageIds)).execute();
  }

  // ---- plan cases -----------------------------------------------------------------------------------------------

  /** A case and its villages, in the caller's unit of work; null when one of the villages is in a case already. */
  async createCase(c: Omit<Insertable<Database['villageplan_cases']>, 'id'>, villageIds: number[]): Promise<CaseRow | null> {
    try {
      return await this.db.transaction(async (trx) => {
        const row = await trx.insertInto('villageplan_cases').values(c).returningAll().executeTakeFirstOrThrow();
        await trx.insertInto('villageplan_case_villages').values(villageIds.map((village_id) => ({ case_id: row.id, village_id }))).execute();
        return row;
      });
    } catch (e) {
      if (isUniqueViolation(e)) return null;
      throw e;
    }
  }

  case(id: number) {
    return this.db.kysely.selectFrom('villageplan_cases').selectAll().where('id', '=', id).executeTakeFirst();
  }

  cases(townshipIds?: number[]) {
    let q = this.db.kysely.selectFrom('villageplan_cases').selectAll();
    if (townshipIds) q = q.where('township_id', 'in', inIds(townshipIds));
    return q.orderBy('id').execute();
  }

  /** The villages of the cases, by case. */
  async villagesOf(caseIds: number[]): Promise<Map<number, number[]>> {
    const rows = await this.db.kysely.selectFrom('villageplan_case_villages').selectAll().where('case_id', 'in', inIds(caseIds)).orderBy('village_id').execute();
    const out = new Map<number, number[]>();
    for (const r of rows) out.set(r.case_id, [...(out.get(r.case_id) ?? []), r.village_id]);
    return out;
  }

  /** Which of the villages are in a case already. */
  async planned(villageIds: number[]): Promise<number[]> {
    const rows = await this.db.kysely.selectFrom('villageplan_case_villages').select('village_id').where('village_id', 'in', inIds(villageIds)).execute();
    return rows.map((r) => r.village_id);
  }

  async transitionCase(id: number, from: readonly string[], to: string, patch: Record<string, unknown>): Promise<boolean> {
    const r = await this.db.kysely
      .updateTable('villageplan_cases')
      .set({ ...(patch as Partial<CaseRow>), status: to })
      .where('id', '=', id)
      .where('status', 'in', [...from])
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  /** The village notices of a case, written in the notice step's unit of work. */
  async setNotices(id: number, ids: number[], lastDay: string): Promise<void> {
    await this.db.kysely.updateTable('villageplan_cases').set({ notice_ids: JSON.stringify(ids), notice_last_day: lastDay }).where('id', '=', id).execute();
  }
}
