/**
 * The till's SQL: payment codes, redemption (idempotent by transaction number) and same-day reversal, each all or
 * nothing in one transaction; a merchant's own pay code (主扫).
 */
import { type Kysely, type Selectable } from 'kysely';
import { isUniqueViolation, type Database } from '../../core/db.js';
import { appendAudit, type Actor } from '../../core/audit.js';
import { chinaDay } from '../../core/time.js';
import { RepositoryBase } from './base.repository.js';

export type RedemptionRow = Selectable<Database['voucher_redemptions']>;
export type RedeemOutcome =
  | { ok: true; redemption: RedemptionRow; replay: boolean }
  | { ok: false; reason: 'CODE_UNKNOWN' | 'CODE_EXPIRED' | 'CODE_USED' | 'NO_VOUCHER' | 'BELOW_THRESHOLD' | 'MERCHANT_INACTIVE' | 'DISQUALIFIED' | 'TXN_CONFLICT' | 'FUNDS'; minThresholdFen?: number };

export class TillRepository extends RepositoryBase {
  async createPaymentCode(userId: number, code: string, expiresAt: string): Promise<void> {
    await this.k.insertInto('payment_codes').values({ code, user_id: userId, expires_at: expiresAt, used_at: null }).execute();
  }

  /**
   * Redeem with a payment code: the same transaction number returns the first result; otherwise the code is
   * spent, the best voucher of the merchant's category whose threshold the order meets is redeemed, and the
   * redemption recorded — all or nothing.
   */
  async redeem(actor: Actor, r: { merchantId: number; cashierUserId: number; code: string; orderFen: number; txnNo: string; now: string }): Promise<RedeemOutcome> {
    try {
      return await this.db.transaction(async (trx) => {
        const prior = await trx.selectFrom('voucher_redemptions').selectAll().where('merchant_id', '=', r.merchantId).where('txn_no', '=', r.txnNo).executeTakeFirst();
        if (prior) return this.replay(trx, prior, r);
        const m = await trx.selectFrom('merchants').select(['status', 'category_code', 'batch_no', 'effective_date']).where('id', '=', r.merchantId).executeTakeFirst();
        const today = chinaDay(r.now);
        if (!m || m.status !== 'approved' || m.batch_no === null || (m.effective_date ?? '9999') > today) return { ok: false, reason: 'MERCHANT_INACTIVE' } as const;
        const banned = await trx.selectFrom('voucher_disqualifications').select('id').where('subject', '=', 'merchant').where('subject_id', '=', r.merchantId).executeTakeFirst();
        if (banned) return { ok: false, reason: 'MERCHANT_INACTIVE' } as const;
        const spent = await trx
          .updateTable('payment_codes')
          .set({ used_at: r.now })
          .where('code', '=', r.code)
          .where('used_at', 'is', null)
          .where('expires_at', '>', r.now)
          .returning('user_id')
          .executeTakeFirst();
        if (!spent) {
          const c = await trx.selectFrom('payment_codes').select(['used_at', 'expires_at']).where('code', '=', r.code).executeTakeFirst();
          return { ok: false, reason: !c ? 'CODE_UNKNOWN' : c.used_at ? 'CODE_USED' : 'CODE_EXPIRED' } as const;
        }
        const residentBanned = await trx.selectFrom('voucher_disqualifications').select('id').where('subject', '=', 'resident').where('subject_id', '=', spent.user_id).executeTakeFirst();
        if (residentBanned) throw new Abort({ ok: false, reason: 'DISQUALIFIED' });
        const category = await trx.selectFrom('voucher_categories').select('id').where('code', '=', m.category_code).executeTakeFirstOrThrow();
        const usable = trx
          .selectFrom('vouchers')
          .selectAll()
          .where('user_id', '=', spent.user_id)
          .where('status', '=', 'claimed')
          .where('category_id', '=', category.id)
          .where('valid_from', '<=', r.now)
          .where('expires_at', '>', r.now);
        const best = await usable.where('threshold_fen', '<=', r.orderFen).orderBy('face_fen', 'desc').orderBy('expires_at').limit(1).executeTakeFirst();
        if (!best) {
          const any = await usable.orderBy('threshold_fen').limit(1).executeTakeFirst();
          // Undo the spent code: the cashier may correct the amount and scan again.
          throw new Abort(any ? { ok: false, reason: 'BELOW_THRESHOLD', minThresholdFen: Number(any.threshold_fen) } : { ok: false, reason: 'NO_VOUCHER' });
        }
        const used = await trx.updateTable('vouchers').set({ status: 'redeemed' }).where('id', '=', best.id).where('status', '=', 'claimed').executeTakeFirst();
        if (Number(used.numUpdatedRows) !== 1) throw new Abort({ ok: false, reason: 'NO_VOUCHER' });
        // The platform's account pays the discount: only what the 工信局 has released may be drawn (a conditional update).
        const face = Number(best.face_fen);
        const drawn = await trx
          .updateTable('voucher_funds')
          .set((eb) => ({ used_fen: eb('used_fen', '+', face) }))
          .where('id', '=', 1)
          .where((eb) => eb(eb('released_fen', '-', eb.ref('used_fen')), '>=', face))
          .executeTakeFirst();
        if (Number(drawn.numUpdatedRows) !== 1) throw new Abort({ ok: false, reason: 'FUNDS' });
        const redemption = await trx
          .insertInto('voucher_redemptions')
          .values({
            voucher_id: best.id,
            merchant_id: r.merchantId,
            cashier_user_id: r.cashierUserId,
            txn_no: r.txnNo,
            order_fen: r.orderFen,
            discount_fen: Number(best.face_fen),
            redeemed_at: r.now,
            status: 'active',
            reversed_at: null,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        await trx.updateTable('voucher_categories').set((eb) => ({ redeemed_fen: eb('redeemed_fen', '+', Number(best.face_fen)) })).where('id', '=', category.id).execute();
        await appendAudit(trx, this.db.dialect, actor, { entity: 'voucher_redemption', entityId: redemption.id, action: 'redeem', after: { voucherId: best.id, orderFen: r.orderFen, discountFen: best.face_fen, txnNo: r.txnNo } });
        return { ok: true, redemption, replay: false } as const;
      });
    } catch (err) {
      if (err instanceof Abort) return err.outcome;
      // Two tills sending the same transaction number at once: the loser reads the winner's result.
      if (isUniqueViolation(err)) {
        const prior = await this.k.selectFrom('voucher_redemptions').selectAll().where('merchant_id', '=', r.merchantId).where('txn_no', '=', r.txnNo).executeTakeFirst();
        if (prior) return this.replay(this.k, prior, r);
      }
      throw err;
    }
  }

  /**
   * A transaction number sent again: the same request (same amount, a code of the same resident) gets the first
   * result; anything else under that number is a different sale and is refused, never answered with another's result.
   */
  private async replay(k: Kysely<Database>, prior: RedemptionRow, r: { code: string; orderFen: number }): Promise<RedeemOutcome> {
    if (Number(prior.order_fen) !== r.orderFen) return { ok: false, reason: 'TXN_CONFLICT' };
    const same = await k
      .selectFrom('payment_codes as p')
      .innerJoin('vouchers as v', 'v.user_id', 'p.user_id')
      .select('p.code')
      .where('p.code', '=', r.code)
      .where('v.id', '=', prior.voucher_id)
      .executeTakeFirst();
    return same ? { ok: true, redemption: prior, replay: true } : { ok: false, reason: 'TXN_CONFLICT' };
  }

  /**
   * Reverse a redemption made today: the voucher returns to its holder while still valid; past its expiry it
   * expires instead and its budget is freed.
   */
  async reverse(actor: Actor, r: { redemptionId: number; merchantId: number; dayStart: string; now: string }): Promise<{ ok: true; returned: boolean } | { ok: false; reason: 'NOT_FOUND' | 'NOT_TODAY' }> {
    return this.db.transaction(async (trx) => {
      const red = await trx
        .updateTable('voucher_redemptions')
        .set({ status: 'reversed', reversed_at: r.now })
        .where('id', '=', r.redemptionId)
        .where('merchant_id', '=', r.merchantId)
        .where('status', '=', 'active')
        .where('redeemed_at', '>=', r.dayStart)
        .returning(['voucher_id', 'discount_fen'])
        .executeTakeFirst();
      if (!red) {
        const exists = await trx.selectFrom('voucher_redemptions').select(['status']).where('id', '=', r.redemptionId).where('merchant_id', '=', r.merchantId).executeTakeFirst();
        return { ok: false, reason: exists?.status === 'active' ? 'NOT_TODAY' : 'NOT_FOUND' } as const;
      }
      const v = await trx.selectFrom('vouchers').select(['category_id', 'expires_at', 'face_fen']).where('id', '=', red.voucher_id).executeTakeFirstOrThrow();
      const returned = v.expires_at > r.now;
      await trx.updateTable('vouchers').set({ status: returned ? 'claimed' : 'expired' }).where('id', '=', red.voucher_id).where('status', '=', 'redeemed').execute();
      const face = Number(v.face_fen);
      await trx.updateTable('voucher_funds').set((eb) => ({ used_fen: eb('used_fen', '-', face) })).where('id', '=', 1).execute();
      await trx
        .updateTable('voucher_categories')
        .set((eb) => (returned ? { redeemed_fen: eb('redeemed_fen', '-', face) } : { redeemed_fen: eb('redeemed_fen', '-', face), committed_fen: eb('committed_fen', '-', face) }))
        .where('id', '=', v.category_id)
        .execute();
      await appendAudit(trx, this.db.dialect, actor, { entity: 'voucher_redemption', entityId: r.redemptionId, action: 'reverse', after: { returned } });
      return { ok: true, returned } as const;
    });
  }

  redemptionsOf(merchantId: number, since: string) {
    return this.k.selectFrom('voucher_redemptions').selectAll().where('merchant_id', '=', merchantId).where('redeemed_at', '>=', since).orderBy('id', 'desc').execute();
  }

  /** Give a merchant its pay code once; the code it has (new or old). */
  async ensurePayCode(merchantId: number, code: string): Promise<string> {
    await this.k.updateTable('merchants').set({ pay_code: code }).where('id', '=', merchantId).where('pay_code', 'is', null).execute();
    return (await this.k.selectFrom('merchants').select('pay_code').where('id', '=', merchantId).executeTakeFirstOrThrow()).pay_code!;
  }

  merchantByPayCode(code: string) {
    return this.k.selectFrom('merchants').selectAll().where('pay_code', '=', code).executeTakeFirst();
  }
}

/** Rolls the redemption's transaction back and carries its refusal out. */
class Abort extends Error {
  constructor(readonly outcome: RedeemOutcome) {
    super('aborted');
  }
}
