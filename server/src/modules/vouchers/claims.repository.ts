/**
 * The claims' SQL, the Saturday rush's hot path: groups of claims in one transaction (prepared statements on SQLite,
 * one set-returning function on PostgreSQL), expiry, and a resident's vouchers.
 */
import { sql } from 'kysely';
import type { Db } from '../../core/db.js';
import { RepositoryBase } from './base.repository.js';

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

export class ClaimsRepository extends RepositoryBase {
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

  private stmts: ReturnType<ClaimsRepository['prepare']> | null = null;

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
}
