/** Reports and oversight: the document's report fields, the invariants, the fraud signals, disqualifications. */
import { sql, type Selectable } from 'kysely';
import { isUniqueViolation, type Database } from '../../core/db.js';
import { appendAudit, type Actor } from '../../core/audit.js';
import { RepositoryBase } from './base.repository.js';

export type DisqualificationRow = Selectable<Database['voucher_disqualifications']>;

export class ReportsRepository extends RepositoryBase {
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
}
