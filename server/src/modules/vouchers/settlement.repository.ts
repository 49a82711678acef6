/** The fund's and the settlement statements' SQL: tranches released to the platform, statements reported and moved on. */
import { sql, type Selectable } from 'kysely';
import { type Database } from '../../core/db.js';
import { appendAudit, type Actor } from '../../core/audit.js';
import { RepositoryBase } from './base.repository.js';

export type SettlementRow = Selectable<Database['voucher_settlements']>;

export class SettlementRepository extends RepositoryBase {
  funds() {
    return this.k.selectFrom('voucher_funds').selectAll().where('id', '=', 1).executeTakeFirstOrThrow();
  }

  tranches() {
    return this.k.selectFrom('voucher_fund_tranches').selectAll().orderBy('id').execute();
  }

  /** Release a tranche; false when it would take the total past `cap` (a conditional update). Audited. */
  async releaseTranche(actor: Actor, amountFen: number, note: string, cap: number, now: string): Promise<boolean> {
    return this.db.transaction(async (trx) => {
      const r = await trx
        .updateTable('voucher_funds')
        .set((eb) => ({ released_fen: eb('released_fen', '+', amountFen) }))
        .where('id', '=', 1)
        .where('released_fen', '<=', cap - amountFen)
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1) return false;
      const t = await trx.insertInto('voucher_fund_tranches').values({ amount_fen: amountFen, note, by_user: actor.name, at: now }).returning('id').executeTakeFirstOrThrow();
      await appendAudit(trx, this.db.dialect, actor, { entity: 'voucher_fund_tranche', entityId: t.id, action: 'release', after: { amountFen, note } });
      return true;
    });
  }

  settlements() {
    return this.k.selectFrom('voucher_settlements').selectAll().orderBy('from_day').execute();
  }

  settlementById(id: number) {
    return this.k.selectFrom('voucher_settlements').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /**
   * The platform reports a statement for whole days; refused (null) when a statement already covers any of them.
   * Statements are written one at a time (the funds row is locked on PostgreSQL), so two cannot overlap.
   */
  async reportSettlement(actor: Actor, s: Omit<SettlementRow, 'id' | 'status' | 'reviewed_by' | 'reviewed_at' | 'filed_by' | 'filed_at' | 'settled_by' | 'settled_at'>): Promise<SettlementRow | null> {
    return this.db.transaction(async (trx) => {
      if (this.db.dialect === 'postgres') await sql`select 1 from voucher_funds where id = 1 for update`.execute(trx);
      const overlap = await trx.selectFrom('voucher_settlements').select('id').where('from_day', '<=', s.to_day).where('to_day', '>=', s.from_day).executeTakeFirst();
      if (overlap) return null;
      const row = await trx.insertInto('voucher_settlements').values({ ...s, status: 'reported' }).returningAll().executeTakeFirstOrThrow();
      await appendAudit(trx, this.db.dialect, actor, { entity: 'voucher_settlement', entityId: row.id, action: 'report', after: { from: s.from_day, to: s.to_day, count: s.count, redeemedFen: s.redeemed_fen } });
      return row;
    });
  }

  /** Move a statement one step on, from the states given only (the kit writes the step log and the audit record). */
  async transitionStatement(id: number, from: readonly string[], to: string, patch: Record<string, unknown>): Promise<boolean> {
    const r = await this.k
      .updateTable('voucher_settlements')
      .set({ ...patch, status: to as SettlementRow['status'] })
      .where('id', '=', id)
      .where('status', 'in', from as SettlementRow['status'][])
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /** Active redemptions between two instants, with their merchant's name (the service groups them by China day). */
  settlementRows(from: string, to: string) {
    return this.k
      .selectFrom('voucher_redemptions as x')
      .innerJoin('merchants as m', 'm.id', 'x.merchant_id')
      .select(['x.redeemed_at', 'x.merchant_id', 'm.name', 'x.order_fen', 'x.discount_fen'])
      .where('x.status', '=', 'active')
      .where('x.redeemed_at', '>=', from)
      .where('x.redeemed_at', '<', to)
      .orderBy('x.redeemed_at')
      .execute();
  }
}
