/** All SQL of 农村改厕. */
import { sql, type Kysely, type Selectable, type SelectQueryBuilder } from 'kysely';
import { appendAudit, type Actor } from '../../core/audit.js';
import type { Database, Db } from '../../core/db.js';
import { isUniqueViolation } from '../../core/db.js';

export type HouseholdRow = Selectable<Database['toilet_households']>;
export type BatchRow = Selectable<Database['toilet_batches']>;
export type ReportRow = Selectable<Database['toilet_reports']>;
export type ImportRow = Selectable<Database['toilet_imports']>;
export type ImportLine = Selectable<Database['toilet_import_rows']>;
export type SignatureRow = Selectable<Database['toilet_signatures']>;
export type PaymentRow = Selectable<Database['toilet_payments']>;
export type SpotCheckRow = Selectable<Database['toilet_spot_checks']>;
/** Which households a read takes (a scope, and what narrows it). */
export interface HouseholdFilter {
  townshipIds?: number[];
  villageIds?: number[];
  status?: HouseholdRow['status'][];
  userId?: number;
  batchId?: number;
  ids?: number[];
}
export type SpotDrawRow = Selectable<Database['toilet_spot_draws']>;

/** A quota bucket that had no room left: the selection was rolled back. */
export class QuotaFull extends Error {
  constructor(readonly bucket: string) {
    super(`quota ${bucket} full`);
  }
}

/** The households a step names were not all where it expected them (another step came first): it was rolled back. */
export class HouseholdsChanged extends Error {}

/** Columns of a household that an import's validated row supplies. */
const IMPORTED = ['township_id', 'village_id', 'head_name', 'id_no', 'phone', 'address', 'members', 'current_type', 'pits', 'sanitary', 'wish'] as const;

export class ToiletsRepository {
  constructor(private readonly db: Db) {}

  private audit(trx: Kysely<Database>, actor: Actor, entity: string, id: number | string, action: string, after?: unknown) {
    return appendAudit(trx, this.db.dialect, actor, { entity, entityId: id, action, after });
  }

  /** A surveyed household; null when its ID number is in the programme already. */
  async createHousehold(actor: Actor, h: Omit<HouseholdRow, 'id'>): Promise<HouseholdRow | null> {
    try {
      return await this.db.transaction(async (trx) => {
        const row = await trx.insertInto('toilet_households').values(h).returningAll().executeTakeFirstOrThrow();
        await this.audit(trx, actor, 'toilet_household', row.id, 'survey', { village: h.village_id, type: h.current_type });
        return row;
      });
    } catch (e) {
      if (isUniqueViolation(e)) return null;
      throw e;
    }
  }

  household(id: number) {
    return this.db.kysely.selectFrom('toilet_households').selectAll().where('id', '=', id).executeTakeFirst();
  }

  households(f: HouseholdFilter, limit = 5000) {
    return this.filtered(this.db.kysely.selectFrom('toilet_households').selectAll(), f).orderBy('id').limit(limit).execute();
  }

  /** The next page of the filter's households after `afterId`, by id (keyset: each page costs the same however deep). */
  householdsAfter(f: HouseholdFilter, afterId: number, limit: number) {
    return this.filtered(this.db.kysely.selectFrom('toilet_households').selectAll(), f).where('id', '>', afterId).orderBy('id').limit(limit).execute();
  }

  async countHouseholds(f: HouseholdFilter): Promise<number> {
    const r = await this.filtered(this.db.kysely.selectFrom('toilet_households').select((eb) => eb.fn.countAll<number>().as('n')), f).executeTakeFirstOrThrow();
    return Number(r.n);
  }

  private filtered<Q extends SelectQueryBuilder<Database, 'toilet_households', any>>(q: Q, f: HouseholdFilter): Q {
    let out = q as SelectQueryBuilder<Database, 'toilet_households', any>;
    if (f.townshipIds) out = out.where('township_id', 'in', f.townshipIds.length ? f.townshipIds : [-1]);
    if (f.villageIds) out = out.where('village_id', 'in', f.villageIds.length ? f.villageIds : [-1]);
    if (f.status) out = out.where('status', 'in', f.status);
    if (f.userId !== undefined) out = out.where('user_id', '=', f.userId);
    if (f.batchId !== undefined) out = out.where('batch_id', '=', f.batchId);
    if (f.ids) out = out.where('id', 'in', f.ids.length ? f.ids : [-1]);
    return out as Q;
  }

  /** The procedure's conditional update: the household moves only from one of `from`; false when it was not there. */
  async transition(id: number, from: readonly string[], to: string, patch: Record<string, unknown>): Promise<boolean> {
    const r = await this.db.kysely
      .updateTable('toilet_households')
      .set({ ...(patch as Partial<HouseholdRow>), status: to as HouseholdRow['status'] })
      .where('id', '=', id)
      .where('status', 'in', from as HouseholdRow['status'][])
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  /** Take one place in each bucket, each by a conditional update (QuotaFull names the first that had none left). */
  async takePlaces(townshipId: number, buckets: string[]) {
    for (const b of buckets) {
      const r = await this.db.kysely.updateTable('toilet_quotas').set({ used: sql`used + 1` }).where('township_id', '=', townshipId).where('bucket', '=', b).whereRef('used', '<', 'cap').executeTakeFirst();
      if (!r.numUpdatedRows) throw new QuotaFull(b);
    }
  }

  /** Give a household's places back (it withdrew before works started). */
  async givePlaces(townshipId: number, buckets: string[]) {
    for (const b of buckets) await this.db.kysely.updateTable('toilet_quotas').set({ used: sql`used - 1` }).where('township_id', '=', townshipId).where('bucket', '=', b).where('used', '>', 0).execute();
  }

  quotas(townshipId?: number) {
    let q = this.db.kysely.selectFrom('toilet_quotas').selectAll();
    if (townshipId !== undefined) q = q.where('township_id', '=', townshipId);
    return q.orderBy('township_id').orderBy('bucket').execute();
  }

  /** The year's quotas, once (a reseed changes nothing). */
  async seedQuotas(rows: { township_id: number; bucket: string; label: string; cap: number }[]) {
    for (const r of rows) {
      await this.db.kysely
        .insertInto('toilet_quotas')
        .values({ ...r, used: 0 })
        .onConflict((oc) => oc.columns(['township_id', 'bucket']).doNothing())
        .execute();
    }
  }

  /** A village's notice batch: every listed household chosen and not yet on a notice, or nothing (HouseholdsChanged). */
  async createBatch(actor: Actor, b: Omit<BatchRow, 'id'>, householdIds: number[]): Promise<BatchRow | null> {
    return this.db.transaction(async (trx) => {
      const row = await trx.insertInto('toilet_batches').values(b).returningAll().executeTakeFirstOrThrow();
      const r = await trx.updateTable('toilet_households').set({ batch_id: row.id }).where('id', 'in', householdIds).where('village_id', '=', b.village_id).where('status', '=', 'selected').where('batch_id', 'is', null).executeTakeFirst();
      if (Number(r.numUpdatedRows) !== householdIds.length) throw new HouseholdsChanged();
      await this.audit(trx, actor, 'toilet_batch', row.id, 'notice', { village: b.village_id, notice: b.notice_id, households: householdIds.length });
      return row;
    });
  }

  batch(id: number) {
    return this.db.kysely.selectFrom('toilet_batches').selectAll().where('id', '=', id).executeTakeFirst();
  }

  batches(townshipIds?: number[]) {
    let q = this.db.kysely.selectFrom('toilet_batches').selectAll();
    if (townshipIds) q = q.where('township_id', 'in', townshipIds.length ? townshipIds : [-1]);
    return q.orderBy('id', 'desc').limit(1000).execute();
  }

  resolutions(batchId: number) {
    return this.db.kysely.selectFrom('toilet_objection_resolutions').selectAll().where('batch_id', '=', batchId).execute();
  }

  async resolve(actor: Actor, r: Selectable<Database['toilet_objection_resolutions']>): Promise<boolean> {
    try {
      await this.db.transaction(async (trx) => {
        await trx.insertInto('toilet_objection_resolutions').values(r).execute();
        await this.audit(trx, actor, 'toilet_batch', r.batch_id, 'resolve_objection', { objection: r.objection_id, resolution: r.resolution });
      });
      return true;
    } catch (e) {
      if (isUniqueViolation(e)) return false;
      throw e;
    }
  }

  /** One party's signature; false when that party has signed already. */
  async sign(actor: Actor, s: SignatureRow): Promise<boolean> {
    try {
      await this.db.transaction(async (trx) => {
        await trx.insertInto('toilet_signatures').values(s).execute();
        await this.audit(trx, actor, 'toilet_household', s.household_id, 'sign', { party: s.party, signer: s.signer_name, via: s.via });
      });
      return true;
    } catch (e) {
      if (isUniqueViolation(e)) return false;
      throw e;
    }
  }

  signatures(householdIds: number[]) {
    return this.db.kysely.selectFrom('toilet_signatures').selectAll().where('household_id', 'in', householdIds.length ? householdIds : [-1]).orderBy('at').execute();
  }

  async addTender(actor: Actor, t: Omit<Selectable<Database['toilet_tenders']>, 'id'>) {
    return this.db.transaction(async (trx) => {
      const row = await trx.insertInto('toilet_tenders').values(t).returningAll().executeTakeFirstOrThrow();
      await this.audit(trx, actor, 'toilet_tender', row.id, 'create', t);
      return row;
    });
  }

  tenders(townshipId?: number) {
    let q = this.db.kysely.selectFrom('toilet_tenders').selectAll();
    if (townshipId !== undefined) q = q.where('township_id', '=', townshipId);
    return q.orderBy('id', 'desc').execute();
  }

  async requestAcceptance(actor: Actor, r: Selectable<Database['toilet_acceptance_requests']>): Promise<boolean> {
    try {
      await this.db.transaction(async (trx) => {
        await trx.insertInto('toilet_acceptance_requests').values(r).execute();
        await this.audit(trx, actor, 'toilet_township', r.township_id, 'request_acceptance', { accepted: r.accepted });
      });
      return true;
    } catch (e) {
      if (isUniqueViolation(e)) return false;
      throw e;
    }
  }

  acceptanceRequests() {
    return this.db.kysely.selectFrom('toilet_acceptance_requests').selectAll().execute();
  }

  /** The township's draw, once; false when it has one already (the primary key refuses a second). */
  async recordSpotDraw(actor: Actor, d: SpotDrawRow): Promise<boolean> {
    try {
      await this.db.transaction(async (trx) => {
        await trx.insertInto('toilet_spot_draws').values(d).execute();
        await this.audit(trx, actor, 'toilet_township', d.township_id, 'spot_draw', { seed: d.seed, population: d.population, drawn: d.drawn });
      });
      return true;
    } catch (e) {
      if (isUniqueViolation(e)) return false;
      throw e;
    }
  }

  spotDraw(townshipId: number) {
    return this.db.kysely.selectFrom('toilet_spot_draws').selectAll().where('township_id', '=', townshipId).executeTakeFirst();
  }

  /** Every township's draw (the dashboard reads them at once). */
  spotDraws() {
    return this.db.kysely.selectFrom('toilet_spot_draws').selectAll().execute();
  }

  async addSpotCheck(actor: Actor, c: Omit<SpotCheckRow, 'id'>) {
    return this.db.transaction(async (trx) => {
      const row = await trx.insertInto('toilet_spot_checks').values(c).returningAll().executeTakeFirstOrThrow();
      await this.audit(trx, actor, 'toilet_household', c.household_id, 'spot_check', { passed: c.passed, note: c.note });
      return row;
    });
  }

  spotChecks(townshipId?: number) {
    let q = this.db.kysely.selectFrom('toilet_spot_checks').selectAll();
    if (townshipId !== undefined) q = q.where('township_id', '=', townshipId);
    return q.orderBy('id').execute();
  }

  /** A payment stage, once per township (the primary key refuses a second). */
  async pay(actor: Actor, p: PaymentRow): Promise<boolean> {
    try {
      await this.db.transaction(async (trx) => {
        await trx.insertInto('toilet_payments').values(p).execute();
        await this.audit(trx, actor, 'toilet_township', p.township_id, `pay_stage_${p.stage}`, { amount: p.amount_fen, allocation: p.allocation_fen });
      });
      return true;
    } catch (e) {
      if (isUniqueViolation(e)) return false;
      throw e;
    }
  }

  payments(townshipId?: number) {
    let q = this.db.kysely.selectFrom('toilet_payments').selectAll();
    if (townshipId !== undefined) q = q.where('township_id', '=', townshipId);
    return q.orderBy('township_id').orderBy('stage').execute();
  }

  /** A report, once per unit and period. */
  async submitReport(actor: Actor, r: Omit<ReportRow, 'id'>): Promise<ReportRow | null> {
    try {
      return await this.db.transaction(async (trx) => {
        const row = await trx.insertInto('toilet_reports').values(r).returningAll().executeTakeFirstOrThrow();
        await this.audit(trx, actor, 'toilet_report', row.id, 'submit', { kind: r.kind, unit: r.unit_id, period: r.period });
        return row;
      });
    } catch (e) {
      if (isUniqueViolation(e)) return null;
      throw e;
    }
  }

  reports(f: { unitIds?: number[]; kind?: string }) {
    let q = this.db.kysely.selectFrom('toilet_reports').selectAll();
    if (f.unitIds) q = q.where('unit_id', 'in', f.unitIds.length ? f.unitIds : [-1]);
    if (f.kind) q = q.where('kind', '=', f.kind);
    return q.orderBy('id').execute();
  }

  /** Households counted by township, village, status, coverage and wish (the dashboard's one read, from its index). */
  progress(townshipIds?: number[]) {
    let q = this.db.kysely
      .selectFrom('toilet_households')
      .select(['township_id', 'village_id', 'status', 'sanitary', 'wish', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy(['township_id', 'village_id', 'status', 'sanitary', 'wish']);
    if (townshipIds) q = q.where('township_id', 'in', townshipIds.length ? townshipIds : [-1]);
    return q.execute();
  }

  /** The townships' households from a step on (all townships, or those named), counted by what their money depends on. */
  moneyGroups(status: HouseholdRow['status'][], townshipIds?: number[]) {
    let q = this.db.kysely
      .selectFrom('toilet_households')
      .select(['township_id', 'status', 'mode', 'pits', 'tender_fen', 'subsidy_fen', (eb) => eb.fn.countAll<number>().as('n')])
      .where('status', 'in', status)
      .groupBy(['township_id', 'status', 'mode', 'pits', 'tender_fen', 'subsidy_fen']);
    if (townshipIds) q = q.where('township_id', 'in', townshipIds.length ? townshipIds : [-1]);
    return q.execute();
  }

  /** Per village: when its first household was chosen, when its last was accepted, and how many are still under way. */
  async reportingWindows(townshipIds?: number[]) {
    let q = this.db.kysely
      .selectFrom('toilet_households')
      .select([
        'township_id',
        'village_id',
        (eb) => eb.fn.min('selected_at').as('first'),
        (eb) => eb.fn.max('accepted_at').as('last'),
        (eb) => eb.fn.sum<number>(eb.case().when('status', 'in', ['selected', 'agreed', 'started', 'completed']).then(1).else(0).end()).as('open'),
      ])
      .where('selected_at', 'is not', null)
      .where('status', '!=', 'withdrawn')
      .groupBy(['township_id', 'village_id']);
    if (townshipIds) q = q.where('township_id', 'in', townshipIds.length ? townshipIds : [-1]);
    return q.execute();
  }

  /** ID numbers among `ids` that are in the programme already. */
  async existingIds(ids: string[]): Promise<Set<string>> {
    if (!ids.length) return new Set();
    const rows = await this.db.kysely.selectFrom('toilet_households').select('id_no').where('id_no', 'in', ids).execute();
    return new Set(rows.map((r) => r.id_no));
  }

  async createImport(i: Omit<ImportRow, 'id'>): Promise<ImportRow> {
    return this.db.kysely.insertInto('toilet_imports').values(i).returningAll().executeTakeFirstOrThrow();
  }

  importJob(id: number) {
    return this.db.kysely.selectFrom('toilet_imports').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Progress of an import still being checked; false when it is not any more (another process marked it failed). */
  async progressImport(id: number, patch: Partial<Omit<ImportRow, 'id'>>): Promise<boolean> {
    const r = await this.db.kysely.updateTable('toilet_imports').set(patch).where('id', '=', id).where('status', '=', 'validating').executeTakeFirst();
    return Boolean(r.numUpdatedRows);
  }

  /** Fail an import still being checked, with the reason; its staged rows go once it is failed (whoever failed it). */
  async failImport(id: number, message: string) {
    await this.db.transaction(async (trx) => {
      await trx.updateTable('toilet_imports').set({ status: 'failed', message }).where('id', '=', id).where('status', '=', 'validating').execute();
      await trx.deleteFrom('toilet_import_rows').where('import_id', 'in', (eb) => eb.selectFrom('toilet_imports').select('id').where('id', '=', id).where('status', '=', 'failed')).execute();
    });
  }

  /** Fail every import being checked whose process has not shown a sign of life since `before`, dropping its staged rows; their ids. */
  async failStaleImports(before: string, message: string): Promise<number[]> {
    return this.db.transaction(async (trx) => {
      const failed = await trx
        .updateTable('toilet_imports')
        .set({ status: 'failed', message })
        .where('status', '=', 'validating')
        .where((eb) => eb.or([eb('heartbeat_at', 'is', null), eb('heartbeat_at', '<', before)]))
        .returning('id')
        .execute();
      const ids = failed.map((f) => f.id);
      if (ids.length) await trx.deleteFrom('toilet_import_rows').where('import_id', 'in', ids).execute();
      return ids;
    });
  }

  /** Staged rows, in pieces that stay under both dialects' parameter limits. */
  async stageRows(rows: ImportLine[]) {
    const per = 1000;
    await this.db.transaction(async (trx) => {
      for (let i = 0; i < rows.length; i += per) await trx.insertInto('toilet_import_rows').values(rows.slice(i, i + per)).execute();
    });
  }

  importErrors(id: number) {
    return this.db.kysely.selectFrom('toilet_import_rows').selectAll().where('import_id', '=', id).where('error', 'is not', null).orderBy('row_no').execute();
  }

  /**
   * Write an import's good rows as surveyed households in one statement, and mark it committed; nothing when it is not
   * validated any more (another commit, a discard) or when `onlyIfClean` and it has errors.
   */
  async commitImport(actor: Actor, id: number, by: string, at: string, onlyIfClean: boolean): Promise<number | null> {
    return this.db.transaction(async (trx) => {
      let claim = trx.updateTable('toilet_imports').set({ status: 'committed' }).where('id', '=', id).where('status', '=', 'validated');
      if (onlyIfClean) claim = claim.where('errors', '=', 0);
      if (!(await claim.executeTakeFirst()).numUpdatedRows) return null;
      const cols = IMPORTED.join(', ');
      const r = await sql`insert into toilet_households (${sql.raw(cols)}, wish_note, status, created_by, created_at)
        select ${sql.raw(cols)}, '', 'surveyed', ${by}, ${at} from toilet_import_rows where import_id = ${id} and error is null order by row_no`.execute(trx);
      const n = Number(r.numAffectedRows ?? 0);
      await trx.updateTable('toilet_imports').set({ committed: n }).where('id', '=', id).execute();
      await trx.deleteFrom('toilet_import_rows').where('import_id', '=', id).where('error', 'is', null).execute();
      await this.audit(trx, actor, 'toilet_import', id, 'commit', { households: n });
      return n;
    });
  }

  /** Discard an import waiting for the user's decision, or one that failed; false when it is neither any more. */
  async discardImport(actor: Actor, id: number): Promise<boolean> {
    return this.db.transaction(async (trx) => {
      const r = await trx.updateTable('toilet_imports').set({ status: 'discarded' }).where('id', '=', id).where('status', '=', 'validated').executeTakeFirst();
      if (r.numUpdatedRows) {
        await trx.deleteFrom('toilet_import_rows').where('import_id', '=', id).where('error', 'is', null).execute();
      } else {
        const f = await trx.updateTable('toilet_imports').set({ status: 'discarded' }).where('id', '=', id).where('status', '=', 'failed').executeTakeFirst();
        if (!f.numUpdatedRows) return false;
        await trx.deleteFrom('toilet_import_rows').where('import_id', '=', id).execute();
      }
      await this.audit(trx, actor, 'toilet_import', id, 'discard');
      return true;
    });
  }
}
