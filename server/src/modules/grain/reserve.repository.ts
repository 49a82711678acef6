/** All SQL of the county reserve (交政发〔2022〕8号): scales, lots, rotations, orders, receipts, the bank's records. */
import type { Selectable } from 'kysely';
import { appendAudit, type Actor } from '../../core/audit.js';
import type { Database, Db } from '../../core/db.js';

export type LotRow = Selectable<Database['grain_lots']>;
export type RotationRow = Selectable<Database['grain_rotations']>;
export type OrderRow = Selectable<Database['grain_orders']>;
export type ReceiptRow = Selectable<Database['grain_receipts']>;
export type FinanceRow = Selectable<Database['grain_finance']>;
export type ScaleRow = Selectable<Database['grain_reserve_scales']>;

type Trx = Parameters<Parameters<Db['transaction']>[0]>[0];

export class ReserveRepository {
  constructor(private readonly db: Db) {}

  private audit(trx: Trx, actor: Actor, entity: string, id: number | string, action: string, after?: unknown) {
    return appendAudit(trx, this.db.dialect, actor, { entity, entityId: id, action, after });
  }

  /** The scale in force for a year: that year's entry, else the latest before it. */
  async scaleFor(year: number): Promise<ScaleRow | undefined> {
    return this.db.kysely.selectFrom('grain_reserve_scales').selectAll().where('year', '<=', year).orderBy('year', 'desc').limit(1).executeTakeFirst();
  }

  async scales(): Promise<ScaleRow[]> {
    return this.db.kysely.selectFrom('grain_reserve_scales').selectAll().orderBy('year').execute();
  }

  /** Enter a year's scale; a unique violation when the year has one (the caller answers 409). */
  async addScale(actor: Actor, s: Omit<ScaleRow, 'id'>): Promise<ScaleRow> {
    return this.db.transaction(async (trx) => {
      const row = await trx.insertInto('grain_reserve_scales').values(s).returningAll().executeTakeFirstOrThrow();
      await this.audit(trx, actor, 'grain_scale', row.id, 'enter', { year: s.year, scale_kg: s.scale_kg, source: s.source });
      return row;
    });
  }

  async addLot(actor: Actor, l: Omit<LotRow, 'id'>, action = 'register'): Promise<LotRow> {
    return this.db.transaction(async (trx) => {
      const row = await trx.insertInto('grain_lots').values(l).returningAll().executeTakeFirstOrThrow();
      await this.audit(trx, actor, 'grain_lot', row.id, action, { code: l.code, grain: l.grain, quantity_kg: l.quantity_kg, grade: l.grade });
      return row;
    });
  }

  async lot(id: number): Promise<LotRow | undefined> {
    return this.db.kysely.selectFrom('grain_lots').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async lots(f: { ownerId?: number; ids?: number[] } = {}): Promise<LotRow[]> {
    let q = this.db.kysely.selectFrom('grain_lots').selectAll();
    if (f.ownerId !== undefined) q = q.where('owner_user_id', '=', f.ownerId);
    if (f.ids) q = q.where('id', 'in', f.ids.length ? f.ids : [-1]);
    return q.orderBy('id').execute();
  }

  /** Mark a stored lot 不宜存 (once): false when it was marked or had gone out meanwhile. */
  async markUnfit(actor: Actor, id: number, reason: string): Promise<boolean> {
    return this.db.transaction(async (trx) => {
      const r = await trx.updateTable('grain_lots').set({ unfit: 1, unfit_reason: reason }).where('id', '=', id).where('unfit', '=', 0).where('status', '=', 'stored').executeTakeFirst();
      if (!Number(r.numUpdatedRows)) return false;
      await this.audit(trx, actor, 'grain_lot', id, 'unfit', { reason });
      return true;
    });
  }

  /** The kilograms counted towards the reserve: stored and fit to keep. */
  async countedKg(): Promise<{ grain: string; kg: number }[]> {
    const rows = await this.db.kysely.selectFrom('grain_lots').select(['grain', (eb) => eb.fn.sum<number>('quantity_kg').as('kg')]).where('status', '=', 'stored').where('unfit', '=', 0).groupBy('grain').orderBy('grain').execute();
    return rows.map((r) => ({ grain: r.grain, kg: Number(r.kg) }));
  }

  async createRotation(r: Omit<RotationRow, 'id'>): Promise<RotationRow> {
    return this.db.kysely.insertInto('grain_rotations').values(r).returningAll().executeTakeFirstOrThrow();
  }

  async rotation(id: number): Promise<RotationRow | undefined> {
    return this.db.kysely.selectFrom('grain_rotations').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async rotations(f: { ownerId?: number; year?: number } = {}): Promise<RotationRow[]> {
    let q = this.db.kysely.selectFrom('grain_rotations').selectAll();
    if (f.ownerId !== undefined) q = q.where('owner_user_id', '=', f.ownerId);
    if (f.year !== undefined) q = q.where('year', '=', f.year);
    return q.orderBy('id').execute();
  }

  /** The kilograms a year's rotations plan, rejected ones left out. */
  async plannedKg(year: number): Promise<number> {
    const r = await this.db.kysely.selectFrom('grain_rotations').select((eb) => eb.fn.sum<number>('planned_kg').as('kg')).where('year', '=', year).where('status', '!=', 'rejected').executeTakeFirst();
    return Number(r?.kg ?? 0);
  }

  async transition(id: number, from: readonly string[], to: string, patch: Record<string, unknown>): Promise<boolean> {
    const r = await this.db.kysely
      .updateTable('grain_rotations')
      .set({ ...patch, status: to as RotationRow['status'] })
      .where('id', '=', id)
      .where('status', 'in', from as RotationRow['status'][])
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  /** The rotation is still in `status` (checked inside a unit of work before a child row is written). */
  async lockRotation(id: number, status: RotationRow['status']): Promise<boolean> {
    // A no-op update takes the row's write lock on PostgreSQL, so a step cannot move it while the child is written.
    const r = await this.db.kysely.updateTable('grain_rotations').set({ status }).where('id', '=', id).where('status', '=', status).executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  async addOrder(actor: Actor, o: Omit<OrderRow, 'id'>): Promise<OrderRow> {
    const row = await this.db.kysely.insertInto('grain_orders').values(o).returningAll().executeTakeFirstOrThrow();
    await this.db.transaction((trx) => this.audit(trx, actor, 'grain_order', row.id, o.direction === 'out' ? 'sell' : 'buy', { rotation_id: o.rotation_id, quantity_kg: o.quantity_kg, price_fen: o.price_fen, channel: o.channel }));
    return row;
  }

  /** Sell lots out (conditional: each still stored and not yet sold); false when one had moved meanwhile. */
  async sellLots(ids: readonly number[], on: string, orderId: number): Promise<boolean> {
    const r = await this.db.kysely.updateTable('grain_lots').set({ status: 'sold', sold_on: on, sold_order_id: orderId }).where('id', 'in', [...ids]).where('status', '=', 'stored').executeTakeFirst();
    return Number(r.numUpdatedRows) === ids.length;
  }

  async orders(f: { rotationId?: number; ownerId?: number } = {}): Promise<OrderRow[]> {
    let q = this.db.kysely.selectFrom('grain_orders').selectAll('grain_orders');
    if (f.rotationId !== undefined) q = q.where('grain_orders.rotation_id', '=', f.rotationId);
    if (f.ownerId !== undefined) q = q.innerJoin('grain_rotations', 'grain_rotations.id', 'grain_orders.rotation_id').where('grain_rotations.owner_user_id', '=', f.ownerId);
    return q.orderBy('grain_orders.id').execute();
  }

  async order(id: number): Promise<OrderRow | undefined> {
    return this.db.kysely.selectFrom('grain_orders').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async addReceipt(actor: Actor, r: Omit<ReceiptRow, 'id'>): Promise<ReceiptRow> {
    const row = await this.db.kysely.insertInto('grain_receipts').values(r).returningAll().executeTakeFirstOrThrow();
    await this.db.transaction((trx) => this.audit(trx, actor, 'grain_receipt', row.id, 'receive', { order_id: r.order_id, quantity_kg: r.quantity_kg, grade: r.grade, inspection_no: r.inspection_no }));
    return row;
  }

  async setLotReceipt(lotId: number, receiptId: number): Promise<void> {
    await this.db.kysely.updateTable('grain_lots').set({ receipt_id: receiptId }).where('id', '=', lotId).execute();
  }

  /** The sold lots of a rotation not yet replaced get the new lot and the day (the first receipt ends their gap). */
  async replaceLots(rotationId: number, lotId: number, on: string): Promise<void> {
    const sold = this.db.kysely.selectFrom('grain_orders').select('id').where('rotation_id', '=', rotationId).where('direction', '=', 'out');
    await this.db.kysely.updateTable('grain_lots').set({ replaced_on: on, replaced_by_lot_id: lotId }).where('sold_order_id', 'in', sold).where('replaced_on', 'is', null).execute();
  }

  async receipts(rotationId?: number): Promise<ReceiptRow[]> {
    let q = this.db.kysely.selectFrom('grain_receipts').selectAll();
    if (rotationId !== undefined) q = q.where('rotation_id', '=', rotationId);
    return q.orderBy('id').execute();
  }

  async receivedByOrder(rotationId: number): Promise<Map<number, number>> {
    const rows = await this.db.kysely.selectFrom('grain_receipts').select(['order_id', (eb) => eb.fn.sum<number>('quantity_kg').as('kg')]).where('rotation_id', '=', rotationId).groupBy('order_id').execute();
    return new Map(rows.map((r) => [r.order_id, Number(r.kg)]));
  }

  async addFinance(actor: Actor, f: Omit<FinanceRow, 'id'>): Promise<FinanceRow> {
    const row = await this.db.kysely.insertInto('grain_finance').values(f).returningAll().executeTakeFirstOrThrow();
    await this.db.transaction((trx) => this.audit(trx, actor, 'grain_finance', row.id, f.kind, { rotation_id: f.rotation_id, amount_fen: f.amount_fen, reference: f.reference }));
    return row;
  }

  async finance(rotationId?: number): Promise<FinanceRow[]> {
    let q = this.db.kysely.selectFrom('grain_finance').selectAll();
    if (rotationId !== undefined) q = q.where('rotation_id', '=', rotationId);
    return q.orderBy('id').execute();
  }

  /** Whether any demo record exists (demo seeding runs once). */
  async hasDemo(): Promise<boolean> {
    return !!(await this.db.kysely.selectFrom('grain_lots').select('id').where('demo', '=', 1).limit(1).executeTakeFirst());
  }
}
