import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../../../core/db.js';

/**
 * PostgreSQL: a group of voucher claims in one statement (one round trip per group instead of one per
 * claim). Each claim is the same chain of conditional steps as everywhere else — not disqualified, quota
 * (claimed < released), category budget, the voucher row unique per round, kind and resident — and a step
 * that fails undoes the earlier ones. The rows every claim of the group will update are locked first, in
 * one global order (categories, then quotas), so two app processes' groups wait for each other instead of
 * deadlocking. SQLite needs nothing: its group is a transaction of prepared statements in the process.
 */
export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  if (dialect !== 'postgres') return;
  await sql`
    create or replace function voucher_claim_batch(
      p_round integer[], p_kind integer[], p_category integer[], p_user integer[], p_face bigint[], p_threshold bigint[],
      p_now text[], p_valid_from text[], p_expires text[], p_lng real[], p_lat real[], p_device text[]
    ) returns table (o_outcome text, o_voucher_id integer)
    language plpgsql volatile as $fn$
    declare
      k integer;
      vid integer;
    begin
      perform 1 from voucher_categories where id = any(p_category) order by id for update;
      perform 1 from voucher_round_quotas q
        where (q.round_id, q.kind_id) in (select r, kd from unnest(p_round, p_kind) as u(r, kd))
        order by q.round_id, q.kind_id for update;
      for k in 1 .. coalesce(array_length(p_round, 1), 0) loop
        o_voucher_id := null;
        if exists (select 1 from voucher_disqualifications where subject = 'resident' and subject_id = p_user[k]) then
          o_outcome := 'DISQUALIFIED';
          return next;
          continue;
        end if;
        update voucher_round_quotas set claimed = claimed + 1 where round_id = p_round[k] and kind_id = p_kind[k] and claimed < released;
        if not found then
          o_outcome := 'SOLD_OUT';
          return next;
          continue;
        end if;
        update voucher_categories set committed_fen = committed_fen + p_face[k] where id = p_category[k] and committed_fen + p_face[k] <= budget_fen;
        if not found then
          update voucher_round_quotas set claimed = claimed - 1 where round_id = p_round[k] and kind_id = p_kind[k];
          o_outcome := 'BUDGET';
          return next;
          continue;
        end if;
        vid := null;
        insert into vouchers (round_id, kind_id, category_id, user_id, face_fen, threshold_fen, status, claimed_at, valid_from, expires_at, lng, lat, device_id)
          values (p_round[k], p_kind[k], p_category[k], p_user[k], p_face[k], p_threshold[k], 'claimed', p_now[k], p_valid_from[k], p_expires[k], p_lng[k], p_lat[k], p_device[k])
          on conflict (round_id, kind_id, user_id) do nothing
          returning id into vid;
        if vid is null then
          update voucher_round_quotas set claimed = claimed - 1 where round_id = p_round[k] and kind_id = p_kind[k];
          update voucher_categories set committed_fen = committed_fen - p_face[k] where id = p_category[k];
          o_outcome := 'DUPLICATE';
          return next;
          continue;
        end if;
        o_outcome := 'OK';
        o_voucher_id := vid;
        return next;
      end loop;
    end
    $fn$`.execute(db);
}

export async function down(db: Kysely<any>, dialect: DialectName): Promise<void> {
  if (dialect !== 'postgres') return;
  await sql`drop function if exists voucher_claim_batch(integer[], integer[], integer[], integer[], bigint[], bigint[], text[], text[], text[], real[], real[], text[])`.execute(db);
}
