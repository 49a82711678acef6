/** All SQL of 国有建设用地供应计划: plans and caps, parcels, the conditional cap update, the bounding-box query. */
import { sql, type Insertable, type Selectable } from 'kysely';
import { boxMeets, type Box } from '../../core/bbox.js';
import type { Database, Db } from '../../core/db.js';
import type { UseCode } from './land.rules.js';

export type ParcelRow = Selectable<Database['land_parcels']>;

/** A cap a parcel would pass: nothing was written. */
export class CapFull extends Error {
  constructor(readonly cap: 'use' | 'total') {
    super(cap);
  }
}

export class LandRepository {
  constructor(private readonly db: Db) {}

  /** Enter a year's plan with its caps; the year is unique. */
  async insertPlan(p: { year: number; source: string; totalSqm: number; caps: Record<UseCode, number> }, now: string): Promise<number> {
    return this.db.unitOfWork(async () => {
      const { id } = await this.db.kysely.insertInto('land_plans').values({ year: p.year, source: p.source, total_sqm: p.totalSqm, used_total_sqm: 0, created_at: now }).returning('id').executeTakeFirstOrThrow();
      await this.db.kysely.insertInto('land_plan_caps').values(Object.entries(p.caps).map(([use, cap]) => ({ plan_id: id, use, cap_sqm: cap, used_sqm: 0 }))).execute();
      return id;
    });
  }

  planByYear(year: number) {
    return this.db.kysely.selectFrom('land_plans').selectAll().where('year', '=', year).executeTakeFirst();
  }

  caps(planId: number) {
    return this.db.kysely.selectFrom('land_plan_caps').selectAll().where('plan_id', '=', planId).orderBy('use').execute();
  }

  /**
   * Take `areaSqm` from the use's cap and the total by conditional updates; a cap that would be passed (a lost race
   * included) throws CapFull. Call inside a unit of work so the first update rolls back with the second.
   */
  async takeArea(planId: number, use: UseCode, areaSqm: number): Promise<void> {
    const u = await this.db.kysely.updateTable('land_plan_caps').set({ used_sqm: sql`used_sqm + ${areaSqm}` })
      .where('plan_id', '=', planId).where('use', '=', use).where(sql<boolean>`used_sqm + ${areaSqm} <= cap_sqm`).executeTakeFirst();
    if (!u.numUpdatedRows) throw new CapFull('use');
    const t = await this.db.kysely.updateTable('land_plans').set({ used_total_sqm: sql`used_total_sqm + ${areaSqm}` })
      .where('id', '=', planId).where(sql<boolean>`used_total_sqm + ${areaSqm} <= total_sqm`).executeTakeFirst();
    if (!t.numUpdatedRows) throw new CapFull('total');
  }

  /** Give back a parcel's area (it was withdrawn before supply). */
  async giveArea(planId: number, use: UseCode, areaSqm: number): Promise<void> {
    await this.db.kysely.updateTable('land_plan_caps').set({ used_sqm: sql`used_sqm - ${areaSqm}` }).where('plan_id', '=', planId).where('use', '=', use).where('used_sqm', '>=', areaSqm).execute();
    await this.db.kysely.updateTable('land_plans').set({ used_total_sqm: sql`used_total_sqm - ${areaSqm}` }).where('id', '=', planId).where('used_total_sqm', '>=', areaSqm).execute();
  }

  async insertParcel(row: Insertable<Database['land_parcels']>): Promise<number> {
    const { id } = await this.db.kysely.insertInto('land_parcels').values(row).returning('id').executeTakeFirstOrThrow();
    return id;
  }

  parcel(id: number) {
    return this.db.kysely.selectFrom('land_parcels').selectAll().where('id', '=', id).executeTakeFirst();
  }

  parcels(planId: number, statuses?: readonly string[]) {
    let q = this.db.kysely.selectFrom('land_parcels').selectAll().where('plan_id', '=', planId);
    if (statuses) q = q.where('status', 'in', statuses);
    return q.orderBy('id').execute();
  }

  /** Parcels whose bounding box meets the given one (the map's view). */
  inBox(planId: number, b: Box, statuses?: readonly string[]) {
    let q = this.db.kysely.selectFrom('land_parcels').selectAll().where('plan_id', '=', planId).where(boxMeets({ minLng: 'min_lng', minLat: 'min_lat', maxLng: 'max_lng', maxLat: 'max_lat' }, b));
    if (statuses) q = q.where('status', 'in', statuses);
    return q.orderBy('id').execute();
  }

  plans() {
    return this.db.kysely.selectFrom('land_plans').selectAll().orderBy('year').execute();
  }

  parcelByCode(code: string) {
    return this.db.kysely.selectFrom('land_parcels').select('id').where('code', '=', code).executeTakeFirst();
  }

  /** Move a parcel from one of `from` to `to` with its patch; false when another step got there first. */
  async transition(id: number, from: readonly string[], to: string, patch: Partial<ParcelRow> = {}): Promise<boolean> {
    const r = await this.db.kysely.updateTable('land_parcels').set({ ...patch, status: to }).where('id', '=', id).where('status', 'in', from).executeTakeFirst();
    return r.numUpdatedRows > 0n;
  }

  /** 住宅 area by housing type in a plan, for the ≥ 70 % share. */
  housingByType(planId: number) {
    return this.db.kysely.selectFrom('land_parcels').select(['housing_type', (eb) => eb.fn.sum<string | number>('area_sqm').as('sqm')])
      .where('plan_id', '=', planId).where('use', '=', 'residential').where('status', '!=', 'withdrawn').groupBy('housing_type').execute();
  }
}
