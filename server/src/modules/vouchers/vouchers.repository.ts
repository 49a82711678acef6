/**
 * All SQL of the vouchers. Every invariant is held by the database: conditional updates (never
 * read-then-write) and unique keys, inside one transaction per group of claims, per redemption and per reversal.
 */
import { sql, type Insertable, type Kysely, type Selectable } from 'kysely';
import type { Db } from '../../core/db.js';
import { appendAudit, type Actor } from '../../core/audit.js';
import { isUniqueViolation } from '../../core/db.js';
import type { Database } from '../../core/db.js';
import { chinaDay } from '../../core/time.js';

export type RoundRow = Selectable<Database['voucher_rounds']>;
export type KindRow = Selectable<Database['voucher_kinds']> & { category_code: string; category_name: string };
export type MerchantRow = Selectable<Database['merchants']>;
export type RedemptionRow = Selectable<Database['voucher_redemptions']>;
export type DisqualificationRow = Selectable<Database['voucher_disqualifications']>;

export interface ClaimRequest {
  roundId: number;
  kindId: number;
  categoryId: number;
  userId: number;
  faceFen: number;
  thresholdFen: number;
  validFrom: string;
  expiresAt: string;
  lng: number;
  lat: number;
  deviceId: string | null;
  now: string;
}

export type ClaimOutcome = { ok: true; voucherId: number } | { ok: false; reason: 'SOLD_OUT' | 'BUDGET' | 'DUPLICATE' | 'DISQUALIFIED' };

export type RedeemOutcome =
  | { ok: true; redemption: RedemptionRow; replay: boolean }
  | { ok: false; reason: 'CODE_UNKNOWN' | 'CODE_EXPIRED' | 'CODE_USED' | 'NO_VOUCHER' | 'BELOW_THRESHOLD' | 'MERCHANT_INACTIVE' | 'DISQUALIFIED' | 'TXN_CONFLICT' | 'FUNDS'; minThresholdFen?: number };
export type SettlementRow = Selectable<Database['voucher_settlements']>;

export class VouchersRepository {
  constructor(private readonly db: Db) {}

  private get k(): Kysely<Database> {
    return this.db.kysely;
  }

  // ---------------------------------------------------------------------------------- set-up

  async isSeeded(): Promise<boolean> {
    return !!(await this.k.selectFrom('voucher_categories').select('id').limit(1).executeTakeFirst());
  }

  /** Create categories, kinds, rounds and quotas in one transaction. */
  async campaignEnd(): Promise<string> {
    return (await this.k.selectFrom('voucher_campaign').select('ends_on').where('id', '=', 1).executeTakeFirstOrThrow()).ends_on;
  }

  /**
   * Move the campaign's end later: the new end (only later than the stored one, a conditional update), the rounds whose
   * expiry moves with it (and the vouchers claimed in them), and the new rounds with nothing released yet. Audited.
   */
  async extendCampaign(
    actor: Actor,
    from: string,
    to: string,
    moved: { roundId: number; expiresAt: string }[],
    added: { seq: number; opensAt: string; expiresAt: string }[],
  ): Promise<boolean> {
    return this.db.transaction(async (trx) => {
      const r = await trx.updateTable('voucher_campaign').set({ ends_on: to }).where('id', '=', 1).where('ends_on', '=', from).where('ends_on', '<', to).executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1) return false;
      for (const m of moved) {
        await trx.updateTable('voucher_rounds').set({ expires_at: m.expiresAt }).where('id', '=', m.roundId).execute();
        await trx.updateTable('vouchers').set({ expires_at: m.expiresAt }).where('round_id', '=', m.roundId).where('status', '=', 'claimed').execute();
      }
      const kinds = await trx.selectFrom('voucher_kinds').select('id').execute();
      for (const a of added) {
        const round = await trx.insertInto('voucher_rounds').values({ seq: a.seq, opens_at: a.opensAt, expires_at: a.expiresAt }).returning('id').executeTakeFirstOrThrow();
        for (const k of kinds) await trx.insertInto('voucher_round_quotas').values({ round_id: round.id, kind_id: k.id, released: 0 }).execute();
      }
      await appendAudit(trx, this.db.dialect, actor, { entity: 'voucher_campaign', entityId: null, action: 'extend', before: { endsOn: from }, after: { endsOn: to, movedRounds: moved.length, addedRounds: added.length } });
      return true;
    });
  }

  /** The campaign's categories and kinds (rounds come with the launch). */
  async seed(categories: { code: string; name: string; scope: string; budgetFen: number; kinds: { thresholdFen: number; discountFen: number; label: string }[] }[]): Promise<void> {
    await this.db.transaction(async (trx) => {
      for (const c of categories) {
        const cat = await trx.insertInto('voucher_categories').values({ code: c.code, name: c.name, scope: c.scope, budget_fen: c.budgetFen }).returning('id').executeTakeFirstOrThrow();
        for (const kind of c.kinds) {
          await trx.insertInto('voucher_kinds').values({ category_id: cat.id, threshold_fen: kind.thresholdFen, discount_fen: kind.discountFen, label: kind.label }).execute();
        }
      }
    });
  }

  /**
   * Launch: the rounds and each kind's quota in them, in one transaction with its audit record; false when the
   * campaign was launched already (the rounds' unique sequence numbers decide between two launches at once).
   */
  async launch(actor: Actor, date: string, rounds: { seq: number; opensAt: string; expiresAt: string }[], released: Map<number, number>): Promise<boolean> {
    try {
      await this.db.transaction(async (trx) => {
        for (const r of rounds) {
          const round = await trx.insertInto('voucher_rounds').values({ seq: r.seq, opens_at: r.opensAt, expires_at: r.expiresAt }).returning('id').executeTakeFirstOrThrow();
          for (const [kindId, n] of released) await trx.insertInto('voucher_round_quotas').values({ round_id: round.id, kind_id: kindId, released: n }).execute();
        }
        await appendAudit(trx, this.db.dialect, actor, { entity: 'voucher_campaign', entityId: null, action: 'launch', after: { date, rounds: rounds.length, first: rounds[0]?.opensAt, last: rounds.at(-1)?.expiresAt } });
      });
      return true;
    } catch (err) {
      if (isUniqueViolation(err)) return false;
      throw err;
    }
  }

  kinds(): Promise<KindRow[]> {
    return this.k
      .selectFrom('voucher_kinds as k')
      .innerJoin('voucher_categories as c', 'c.id', 'k.category_id')
      .selectAll('k')
      .select(['c.code as category_code', 'c.name as category_name'])
      .orderBy('k.id')
      .execute();
  }

  categories() {
    return this.k.selectFrom('voucher_categories').selectAll().orderBy('id').execute();
  }

  rounds(): Promise<RoundRow[]> {
    return this.k.selectFrom('voucher_rounds').selectAll().orderBy('seq').execute();
  }

  quotas(roundId: number) {
    return this.k.selectFrom('voucher_round_quotas').selectAll().where('round_id', '=', roundId).execute();
  }

  /** Set a round's released quantity for a kind; never below what was already claimed. */
  async setReleased(actor: Actor, roundId: number, kindId: number, released: number): Promise<boolean> {
    return this.db.transaction(async (trx) => {
      const r = await trx
        .updateTable('voucher_round_quotas')
        .set({ released })
        .where('round_id', '=', roundId)
        .where('kind_id', '=', kindId)
        .where('claimed', '<=', released)
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1) return false;
      await appendAudit(trx, this.db.dialect, actor, { entity: 'voucher_quota', entityId: `${roundId}:${kindId}`, action: 'set_released', after: { released } });
      return true;
    });
  }

  async setRoundStatus(actor: Actor, roundId: number, status: 'scheduled' | 'paused' | 'ended'): Promise<boolean> {
    return this.db.transaction(async (trx) => {
      // An ended round stays ended (its vouchers and report are final); a conditional update, no read-then-write.
      const r = await trx.updateTable('voucher_rounds').set({ status }).where('id', '=', roundId).where('status', '!=', 'ended').executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1) return false;
      await appendAudit(trx, this.db.dialect, actor, { entity: 'voucher_round', entityId: roundId, action: `status_${status}`, after: { status } });
      return true;
    });
  }

  // ---------------------------------------------------------------------------------- claims

  /**
   * Claims in one transaction (one durable commit for the batch); a refused claim undoes only itself.
   * Order per claim: disqualification, quota, budget, then the unique claim row.
   */
  async claimBatch(items: ClaimRequest[]): Promise<ClaimOutcome[]> {
    const raw = this.db.sqlite;
    // SQLite: prepared statements in one synchronous transaction, holding Kysely's only connection so that
    // nothing else interleaves.
    if (raw) return this.k.connection().execute(async () => this.claimBatchSqlite(raw, items));
    // PostgreSQL: the whole group in one statement (migration 20261128230000-voucher-claim-batch), hence one transaction.
    const col = <T>(f: (c: ClaimRequest) => T) => items.map(f);
    const r = await sql<{ outcome: 'OK' | Exclude<ClaimOutcome, { ok: true }>['reason']; voucher_id: number | null }>`
      select outcome, voucher_id from voucher_claim_batch(
        ${col((c) => c.roundId)}::integer[], ${col((c) => c.kindId)}::integer[], ${col((c) => c.categoryId)}::integer[], ${col((c) => c.userId)}::integer[],
        ${col((c) => c.faceFen)}::bigint[], ${col((c) => c.thresholdFen)}::bigint[], ${col((c) => c.now)}::text[], ${col((c) => c.validFrom)}::text[],
        ${col((c) => c.expiresAt)}::text[], ${col((c) => c.lng)}::real[], ${col((c) => c.lat)}::real[], ${col((c) => c.deviceId)}::text[]
      ) with ordinality as t(outcome, voucher_id, n) order by n`.execute(this.k);
    if (r.rows.length !== items.length) throw new Error(`voucher_claim_batch answered ${r.rows.length} of ${items.length} claims`);
    return r.rows.map((row): ClaimOutcome => (row.outcome === 'OK' ? { ok: true, voucherId: Number(row.voucher_id) } : { ok: false, reason: row.outcome }));
  }

  private stmts: ReturnType<VouchersRepository['prepare']> | null = null;

  private prepare(raw: NonNullable<Db['sqlite']>) {
    return {
      banned: raw.prepare(`select 1 from voucher_disqualifications where subject = 'resident' and subject_id = ?`).pluck(),
      quota: raw.prepare(`update voucher_round_quotas set claimed = claimed + 1 where round_id = ? and kind_id = ? and claimed < released`),
      unquota: raw.prepare(`update voucher_round_quotas set claimed = claimed - 1 where round_id = ? and kind_id = ?`),
      insert: raw.prepare(
        `insert into vouchers (round_id, kind_id, category_id, user_id, face_fen, threshold_fen, status, claimed_at, valid_from, expires_at, lng, lat, device_id)
         select ?, ?, ?, ?, ?, ?, 'claimed', ?, ?, ?, ?, ?, ?
         where not exists (select 1 from voucher_disqualifications where subject = 'resident' and subject_id = ?)
         on conflict (round_id, kind_id, user_id) do nothing`,
      ),
      uninsert: raw.prepare(`delete from vouchers where id = ?`),
      budget: raw.prepare(`update voucher_categories set committed_fen = committed_fen + ? where id = ? and committed_fen + ? <= budget_fen`),
    };
  }

  /**
   * A batch of claims in one SQLite transaction (one fsync). Each claim is three conditional statements —
   * quota, the voucher row (unique per round, kind and resident; none for a disqualified resident), budget —
   * and a claim refused at a later step undoes its earlier ones in the same transaction. Nobody sees the
   * undone steps: the batch holds SQLite's only write lock and readers see committed data only.
   */
  private claimBatchSqlite(raw: NonNullable<Db['sqlite']>, items: ClaimRequest[]): ClaimOutcome[] {
    const st = (this.stmts ??= this.prepare(raw));
    return raw.transaction((batch: ClaimRequest[]) =>
      batch.map((c): ClaimOutcome => {
        if (st.quota.run(c.roundId, c.kindId).changes !== 1) return { ok: false, reason: 'SOLD_OUT' };
        const ins = st.insert.run(c.roundId, c.kindId, c.categoryId, c.userId, c.faceFen, c.thresholdFen, c.now, c.validFrom, c.expiresAt, c.lng, c.lat, c.deviceId, c.userId);
        if (ins.changes !== 1) {
          st.unquota.run(c.roundId, c.kindId);
          return { ok: false, reason: st.banned.get(c.userId) ? 'DISQUALIFIED' : 'DUPLICATE' };
        }
        if (st.budget.run(c.faceFen, c.categoryId, c.faceFen).changes !== 1) {
          st.uninsert.run(ins.lastInsertRowid);
          st.unquota.run(c.roundId, c.kindId);
          return { ok: false, reason: 'BUDGET' };
        }
        return { ok: true, voucherId: Number(ins.lastInsertRowid) };
      }),
    )(items);
  }

  /** Vouchers past their expiry stop counting against the budget. */
  async expireDue(now: string): Promise<number> {
    return this.db.transaction(async (trx) => {
      const rows = await trx
        .updateTable('vouchers')
        .set({ status: 'expired' })
        .where('status', '=', 'claimed')
        .where('expires_at', '<=', now)
        .returning(['category_id', 'face_fen'])
        .execute();
      const byCat = new Map<number, number>();
      for (const r of rows) byCat.set(r.category_id, (byCat.get(r.category_id) ?? 0) + Number(r.face_fen));
      for (const [id, fen] of byCat) {
        await trx.updateTable('voucher_categories').set((eb) => ({ committed_fen: eb('committed_fen', '-', fen) })).where('id', '=', id).execute();
      }
      return rows.length;
    });
  }

  vouchersOf(userId: number) {
    return this.k
      .selectFrom('vouchers as v')
      .innerJoin('voucher_kinds as k', 'k.id', 'v.kind_id')
      .innerJoin('voucher_categories as c', 'c.id', 'v.category_id')
      .innerJoin('voucher_rounds as r', 'r.id', 'v.round_id')
      .select(['v.id', 'v.status', 'v.face_fen', 'v.threshold_fen', 'v.claimed_at', 'v.valid_from', 'v.expires_at', 'k.label', 'c.name as category_name', 'c.code as category_code', 'r.seq'])
      .where('v.user_id', '=', userId)
      .orderBy('v.id', 'desc')
      .execute();
  }

  // ---------------------------------------------------------------------------------- payment codes

  async createPaymentCode(userId: number, code: string, expiresAt: string): Promise<void> {
    await this.k.insertInto('payment_codes').values({ code, user_id: userId, expires_at: expiresAt, used_at: null }).execute();
  }

  // ---------------------------------------------------------------------------------- merchants

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
   * One bureau's approval; the merchant becomes approved when both have approved. Conditional on the
   * merchant still pending, so a rejection and an approval cannot both win.
   */
  async approveMerchant(actor: Actor, id: number, bureau: 'industry' | 'statistics', now: string): Promise<MerchantRow | undefined> {
    return this.db.transaction(async (trx) => {
      const set = bureau === 'industry' ? { industry_approved_by: actor.name, industry_approved_at: now } : { statistics_approved_by: actor.name, statistics_approved_at: now };
      const r = await trx.updateTable('merchants').set(set).where('id', '=', id).where('status', '=', 'pending').returningAll().executeTakeFirst();
      if (!r) return undefined;
      let row = r;
      if (r.industry_approved_at && r.statistics_approved_at) {
        row = await trx.updateTable('merchants').set({ status: 'approved' }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
      }
      await appendAudit(trx, this.db.dialect, actor, { entity: 'merchant', entityId: id, action: `approve_${bureau}`, after: { status: row.status } });
      return row;
    });
  }

  async setMerchantStatus(actor: Actor, id: number, from: MerchantRow['status'][], to: MerchantRow['status'], extra: Partial<MerchantRow>, action: string): Promise<MerchantRow | undefined> {
    return this.db.transaction(async (trx) => {
      const row = await trx.updateTable('merchants').set({ status: to, ...extra }).where('id', '=', id).where('status', 'in', from).returningAll().executeTakeFirst();
      if (row) await appendAudit(trx, this.db.dialect, actor, { entity: 'merchant', entityId: id, action, after: { status: to, ...extra } });
      return row;
    });
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

  // ---------------------------------------------------------------------------------- redemption

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

  // ---------------------------------------------------------------------------------- funds and settlement

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

  /** Move a statement one step on, from the status before it only; false when it is not there. Audited. */
  async advanceSettlement(actor: Actor, id: number, from: SettlementRow['status'], to: 'reviewed' | 'filed' | 'settled', now: string): Promise<boolean> {
    return this.db.transaction(async (trx) => {
      const stamp = to === 'reviewed' ? { reviewed_by: actor.name, reviewed_at: now } : to === 'filed' ? { filed_by: actor.name, filed_at: now } : { settled_by: actor.name, settled_at: now };
      const r = await trx.updateTable('voucher_settlements').set({ status: to, ...stamp }).where('id', '=', id).where('status', '=', from).executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1) return false;
      await appendAudit(trx, this.db.dialect, actor, { entity: 'voucher_settlement', entityId: id, action: to, after: { status: to } });
      return true;
    });
  }

  redemptionsOf(merchantId: number, since: string) {
    return this.k.selectFrom('voucher_redemptions').selectAll().where('merchant_id', '=', merchantId).where('redeemed_at', '>=', since).orderBy('id', 'desc').execute();
  }

  // ---------------------------------------------------------------------------------- oversight

  /** Take a subject's qualification away; false when it already is. */
  async disqualify(actor: Actor, subject: 'resident' | 'merchant', subjectId: number, reason: string, now: string): Promise<boolean> {
    try {
      await this.db.transaction(async (trx) => {
        await trx.insertInto('voucher_disqualifications').values({ subject, subject_id: subjectId, reason, by_user: actor.name, at: now }).execute();
        await appendAudit(trx, this.db.dialect, actor, { entity: `voucher_${subject}`, entityId: subjectId, action: 'disqualify', after: { reason } });
      });
      return true;
    } catch (err) {
      if (isUniqueViolation(err)) return false;
      throw err;
    }
  }

  /** Give a qualification back: the row moves to the lifts, in one transaction with its audit record. */
  async lift(actor: Actor, id: number, liftReason: string, now: string): Promise<DisqualificationRow | undefined> {
    return this.db.transaction(async (trx) => {
      // The delete is the condition: of two lifts at once, only one finds the row.
      const row = await trx.deleteFrom('voucher_disqualifications').where('id', '=', id).returningAll().executeTakeFirst();
      if (!row) return undefined;
      const { id: _id, ...rest } = row;
      await trx.insertInto('voucher_disqualification_lifts').values({ ...rest, lift_reason: liftReason, lifted_by: actor.name, lifted_at: now }).execute();
      await appendAudit(trx, this.db.dialect, actor, { entity: `voucher_${row.subject}`, entityId: row.subject_id, action: 'lift_disqualification', before: { reason: row.reason }, after: { reason: liftReason } });
      return row;
    });
  }

  disqualification(id: number) {
    return this.k.selectFrom('voucher_disqualifications').selectAll().where('id', '=', id).executeTakeFirst();
  }

  disqualifications() {
    return this.k.selectFrom('voucher_disqualifications').selectAll().orderBy('id', 'desc').execute();
  }

  liftedDisqualifications() {
    return this.k.selectFrom('voucher_disqualification_lifts').selectAll().orderBy('id', 'desc').execute();
  }

  /** Give a merchant its pay code once; the code it has (new or old). */
  async ensurePayCode(merchantId: number, code: string): Promise<string> {
    await this.k.updateTable('merchants').set({ pay_code: code }).where('id', '=', merchantId).where('pay_code', 'is', null).execute();
    return (await this.k.selectFrom('merchants').select('pay_code').where('id', '=', merchantId).executeTakeFirstOrThrow()).pay_code!;
  }

  merchantByPayCode(code: string) {
    return this.k.selectFrom('merchants').selectAll().where('pay_code', '=', code).executeTakeFirst();
  }

  merchantById(id: number) {
    return this.k.selectFrom('merchants').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Ids of merchants whose qualification is taken away. */
  async disqualifiedMerchantIds(): Promise<Set<number>> {
    const rows = await this.k.selectFrom('voucher_disqualifications').select('subject_id').where('subject', '=', 'merchant').execute();
    return new Set(rows.map((r) => r.subject_id));
  }

  /** The document's report fields per round and kind. */
  async reportRows() {
    const rows = await sql<{
      round_id: number;
      seq: number;
      kind_id: number;
      label: string;
      category_code: string;
      category_name: string;
      released: number;
      claimed: number;
      redeemed: number;
      order_fen: number;
      discount_fen: number;
    }>`
      select q.round_id, r.seq, q.kind_id, k.label, c.code as category_code, c.name as category_name, q.released, q.claimed,
        (select count(*) from voucher_redemptions x join vouchers v on v.id = x.voucher_id
          where x.status = 'active' and v.round_id = q.round_id and v.kind_id = q.kind_id) as redeemed,
        (select coalesce(sum(x.order_fen), 0) from voucher_redemptions x join vouchers v on v.id = x.voucher_id
          where x.status = 'active' and v.round_id = q.round_id and v.kind_id = q.kind_id) as order_fen,
        (select coalesce(sum(x.discount_fen), 0) from voucher_redemptions x join vouchers v on v.id = x.voucher_id
          where x.status = 'active' and v.round_id = q.round_id and v.kind_id = q.kind_id) as discount_fen
      from voucher_round_quotas q
      join voucher_rounds r on r.id = q.round_id
      join voucher_kinds k on k.id = q.kind_id
      join voucher_categories c on c.id = k.category_id
      order by r.seq, q.kind_id`.execute(this.k);
    return rows.rows.map((r) => ({ ...r, redeemed: Number(r.redeemed), order_fen: Number(r.order_fen), discount_fen: Number(r.discount_fen) }));
  }

  /** Which merchants redeemed which round's kind (active redemptions), once each: totals count merchants from these. */
  redeemingMerchants() {
    return this.k
      .selectFrom('voucher_redemptions as x')
      .innerJoin('vouchers as v', 'v.id', 'x.voucher_id')
      .select(['v.round_id', 'v.kind_id', 'x.merchant_id'])
      .where('x.status', '=', 'active')
      .distinct()
      .execute();
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

  /** Everything the invariant checks need, for tests and the dashboard. */
  async invariantSnapshot() {
    const [cats, quotas, dupClaims, dupRedemptions] = await Promise.all([
      sql<{ id: number; budget_fen: number; committed_fen: number; redeemed_fen: number; live_claimed: number; live_redeemed: number }>`
        select c.id, c.budget_fen, c.committed_fen, c.redeemed_fen,
          (select coalesce(sum(v.face_fen), 0) from vouchers v where v.category_id = c.id and v.status = 'claimed') as live_claimed,
          (select coalesce(sum(v.face_fen), 0) from vouchers v where v.category_id = c.id and v.status = 'redeemed') as live_redeemed
        from voucher_categories c`.execute(this.k),
      sql<{ round_id: number; kind_id: number; released: number; claimed: number; rows: number }>`
        select q.round_id, q.kind_id, q.released, q.claimed,
          (select count(*) from vouchers v where v.round_id = q.round_id and v.kind_id = q.kind_id) as rows
        from voucher_round_quotas q`.execute(this.k),
      sql<{ n: number }>`select count(*) as n from (select round_id, kind_id, user_id from vouchers group by round_id, kind_id, user_id having count(*) > 1) d`.execute(this.k),
      sql<{ n: number }>`select count(*) as n from (select voucher_id from voucher_redemptions where status = 'active' group by voucher_id having count(*) > 1) d`.execute(this.k),
    ]);
    return {
      categories: cats.rows.map((r) => ({ id: r.id, budget: Number(r.budget_fen), committed: Number(r.committed_fen), redeemed: Number(r.redeemed_fen), liveClaimed: Number(r.live_claimed), liveRedeemed: Number(r.live_redeemed) })),
      quotas: quotas.rows.map((q) => ({ roundId: q.round_id, kindId: q.kind_id, released: Number(q.released), claimed: Number(q.claimed), rows: Number(q.rows) })),
      duplicateClaims: Number(dupClaims.rows[0].n),
      doubleRedemptions: Number(dupRedemptions.rows[0].n),
    };
  }

  /** Data for the anti-fraud flags (the rules that read them are in the service). */
  async fraudSignals(since: string) {
    const [bursts, repeat, nearThreshold, devices, staff] = await Promise.all([
      sql<{ merchant_id: number; minute: string; n: number }>`
        select merchant_id, substr(redeemed_at, 1, 16) as minute, count(*) as n from voucher_redemptions
        where status = 'active' and redeemed_at >= ${since} group by merchant_id, substr(redeemed_at, 1, 16) having count(*) >= 5`.execute(this.k),
      sql<{ merchant_id: number; user_id: number; n: number }>`
        select x.merchant_id, v.user_id, count(*) as n from voucher_redemptions x join vouchers v on v.id = x.voucher_id
        where x.status = 'active' and x.redeemed_at >= ${since} group by x.merchant_id, v.user_id having count(*) >= 3`.execute(this.k),
      sql<{ merchant_id: number; total: number; near: number }>`
        select x.merchant_id, count(*) as total, sum(case when x.order_fen - v.threshold_fen < 100 then 1 else 0 end) as near
        from voucher_redemptions x join vouchers v on v.id = x.voucher_id
        where x.status = 'active' and x.redeemed_at >= ${since} group by x.merchant_id having count(*) >= 5`.execute(this.k),
      sql<{ device_id: string; residents: number }>`
        select device_id, count(distinct user_id) as residents from vouchers where device_id is not null and claimed_at >= ${since}
        group by device_id having count(distinct user_id) >= 3`.execute(this.k),
      sql<{ merchant_id: number; user_id: number; n: number }>`
        select x.merchant_id, v.user_id, count(*) as n from voucher_redemptions x
        join vouchers v on v.id = x.voucher_id
        join merchants m on m.id = x.merchant_id
        left join merchant_cashiers mc on mc.merchant_id = m.id and mc.user_id = v.user_id
        where x.status = 'active' and x.redeemed_at >= ${since} and (m.owner_user_id = v.user_id or mc.user_id is not null or x.cashier_user_id = v.user_id)
        group by x.merchant_id, v.user_id`.execute(this.k),
    ]);
    return { bursts: bursts.rows, repeat: repeat.rows, nearThreshold: nearThreshold.rows, devices: devices.rows, staff: staff.rows };
  }
}

/** Rolls the redemption's transaction back and carries its refusal out. */
class Abort extends Error {
  constructor(readonly outcome: RedeemOutcome) {
    super('aborted');
  }
}
