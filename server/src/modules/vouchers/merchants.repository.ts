/** The merchants' SQL: applications, the review's conditional updates, published batches, cashiers. */
import { type Insertable, type Selectable } from 'kysely';
import { isUniqueViolation, type Database } from '../../core/db.js';
import { appendAudit, type Actor } from '../../core/audit.js';
import { RepositoryBase } from './base.repository.js';

export type MerchantRow = Selectable<Database['merchants']>;

export class MerchantsRepository extends RepositoryBase {
  merchantOfUser(userId: number) {
    return this.k
      .selectFrom('merchants as m')
      .leftJoin('merchant_cashiers as c', 'c.merchant_id', 'm.id')
      .selectAll('m')
      .where((eb) => eb.or([eb('m.owner_user_id', '=', userId), eb('c.user_id', '=', userId)]))
      .executeTakeFirst();
  }

  listMerchants(f: { published?: boolean }) {
    let q = this.k.selectFrom('merchants').selectAll().orderBy('id');
    if (f.published) q = q.where('batch_no', 'is not', null);
    return q.execute();
  }

  /** Register a merchant; 'DUPLICATE' when the credit code is already registered. */
  async createMerchant(actor: Actor, m: Insertable<Database['merchants']>): Promise<MerchantRow | 'DUPLICATE'> {
    try {
      return await this.db.transaction(async (trx) => {
        const row = await trx.insertInto('merchants').values(m).returningAll().executeTakeFirstOrThrow();
        await appendAudit(trx, this.db.dialect, actor, { entity: 'merchant', entityId: row.id, action: 'apply', after: row });
        return row;
      });
    } catch (err) {
      if (isUniqueViolation(err)) return 'DUPLICATE';
      throw err;
    }
  }

  /**
   * One bureau's approval, recorded once: conditional on the merchant still pending and that bureau not having
   * approved, so a rejection and an approval cannot both win and a second approval by the same bureau changes nothing.
   */
  async recordApproval(id: number, bureau: 'industry' | 'statistics', by: string, now: string): Promise<boolean> {
    const q = this.k.updateTable('merchants').where('id', '=', id).where('status', '=', 'pending');
    const r = await (bureau === 'industry'
      ? q.set({ industry_approved_by: by, industry_approved_at: now }).where('industry_approved_at', 'is', null)
      : q.set({ statistics_approved_by: by, statistics_approved_at: now }).where('statistics_approved_at', 'is', null)
    ).executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /** The bureaus that have approved a merchant. */
  async approvals(id: number): Promise<('industry' | 'statistics')[]> {
    const m = await this.k.selectFrom('merchants').select(['industry_approved_at', 'statistics_approved_at']).where('id', '=', id).executeTakeFirst();
    return m ? [...(m.industry_approved_at ? ['industry' as const] : []), ...(m.statistics_approved_at ? ['statistics' as const] : [])] : [];
  }

  /** The review's conditional update (the kit writes the step log and the audit record): false when the merchant had moved. */
  async transitionMerchant(id: number, from: readonly string[], to: string, patch: Record<string, unknown>): Promise<boolean> {
    const r = await this.k
      .updateTable('merchants')
      .set({ ...patch, status: to as MerchantRow['status'] })
      .where('id', '=', id)
      .where('status', 'in', from as MerchantRow['status'][])
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /** Publish every approved, unpublished merchant as the next batch with its effective date. */
  async publishBatch(actor: Actor, effectiveDate: string): Promise<{ batchNo: number; count: number }> {
    return this.db.transaction(async (trx) => {
      const max = await trx.selectFrom('merchants').select((eb) => eb.fn.max('batch_no').as('m')).executeTakeFirst();
      const batchNo = Number(max?.m ?? 0) + 1;
      const r = await trx
        .updateTable('merchants')
        .set({ batch_no: batchNo, effective_date: effectiveDate })
        .where('status', '=', 'approved')
        .where('batch_no', 'is', null)
        .executeTakeFirst();
      const count = Number(r.numUpdatedRows);
      if (count) await appendAudit(trx, this.db.dialect, actor, { entity: 'merchant_batch', entityId: batchNo, action: 'publish', after: { effectiveDate, count } });
      return { batchNo: count ? batchNo : batchNo - 1, count };
    });
  }

  async addCashier(actor: Actor, merchantId: number, userId: number): Promise<void> {
    await this.db.transaction(async (trx) => {
      await trx.insertInto('merchant_cashiers').values({ user_id: userId, merchant_id: merchantId }).execute();
      await appendAudit(trx, this.db.dialect, actor, { entity: 'merchant_cashier', entityId: userId, action: 'create', after: { merchantId } });
    });
  }

  /** The user ids of a merchant's cashiers (their accounts belong to the accounts module). */
  async cashierIds(merchantId: number): Promise<number[]> {
    const rows = await this.k.selectFrom('merchant_cashiers').select('user_id').where('merchant_id', '=', merchantId).orderBy('user_id').execute();
    return rows.map((r) => r.user_id);
  }

  merchantById(id: number) {
    return this.k.selectFrom('merchants').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Ids of merchants whose qualification is taken away. */
  async disqualifiedMerchantIds(): Promise<Set<number>> {
    const rows = await this.k.selectFrom('voucher_disqualifications').select('subject_id').where('subject', '=', 'merchant').execute();
    return new Set(rows.map((r) => r.subject_id));
  }
}
