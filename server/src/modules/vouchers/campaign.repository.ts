/** The campaign's SQL: the categories and kinds set up from the document, the rounds and their quotas, the campaign's end. */
import { type Selectable } from 'kysely';
import { isUniqueViolation, type Database } from '../../core/db.js';
import { appendAudit, type Actor } from '../../core/audit.js';
import { RepositoryBase } from './base.repository.js';

export type RoundRow = Selectable<Database['voucher_rounds']>;
export type KindRow = Selectable<Database['voucher_kinds']> & { category_code: string; category_name: string };

export class CampaignRepository extends RepositoryBase {
  async isSeeded(): Promise<boolean> {
    return !!(await this.k.selectFrom('voucher_categories').select('id').limit(1).executeTakeFirst());
  }

  /** The campaign's last day. */
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
}
