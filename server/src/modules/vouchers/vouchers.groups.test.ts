/**
 * Claim groups written at the same moment by two app processes (two connection pools, as with several
 * processes on one PostgreSQL): the groups take the same rows in opposite orders and claim for the same
 * residents, yet neither deadlocks, every resident gets each kind once, and the invariants hold.
 */
import { describe, expect, it } from 'vitest';
import { DIALECTS, freshDb } from '../../test/dialects.js';
import { VouchersRepository, type ClaimRequest } from './vouchers.repository.js';
import { expectInvariants, seedCampaign } from './vouchers.testing.js';
import { insertUsers } from '../../test/builders.js';

const RESIDENTS = 240;
const PER_STEP = 60;

describe.each(DIALECTS)('claim groups from two processes on %s', (dialect) => {
  it('never deadlock, never double-claim', async () => {
    const { db, cleanup, another } = await freshDb(dialect);
    try {
      const repo = new VouchersRepository(db);
      const users = (await insertUsers(db, RESIDENTS, { prefix: 'g' })).map((id) => ({ id }));
      await seedCampaign(
      repo,
        [
          { code: 'general', name: '通用', scope: '商超', budgetFen: 100_000_000, kinds: [{ thresholdFen: 8000, discountFen: 2000, label: 'a', released: 1000 }, { thresholdFen: 20000, discountFen: 4000, label: 'b', released: 1000 }] },
          { code: 'catering', name: '餐饮', scope: '餐饮', budgetFen: 100_000_000, kinds: [{ thresholdFen: 10000, discountFen: 2500, label: 'c', released: 1000 }, { thresholdFen: 20000, discountFen: 5000, label: 'd', released: 1000 }] },
        ],
        [{ seq: 1, opensAt: '2022-06-04T02:00:00.000Z', expiresAt: '2022-06-10T14:00:00.000Z' }],
      );
      const round = await db.kysely.selectFrom('voucher_rounds').select(['id', 'opens_at', 'expires_at']).executeTakeFirstOrThrow();
      const kinds = await db.kysely.selectFrom('voucher_kinds').select(['id', 'category_id', 'threshold_fen', 'discount_fen']).orderBy('id').execute();
      const claim = (user: number, k: (typeof kinds)[number]): ClaimRequest => ({
        roundId: round.id,
        kindId: k.id,
        categoryId: k.category_id,
        userId: user,
        faceFen: Number(k.discount_fen),
        thresholdFen: Number(k.threshold_fen),
        validFrom: round.opens_at,
        expiresAt: round.expires_at,
        lng: 112.156,
        lat: 37.552,
        deviceId: null,
        now: '2022-06-04T03:00:00.000Z',
      });
      const first = new VouchersRepository(db);
      const second = new VouchersRepository(another());
      const outcomes = [];
      // Each step: both processes claim every kind for the same residents, in opposite orders.
      for (let step = 0; step < RESIDENTS / PER_STEP; step++) {
        const who = users.slice(step * PER_STEP, (step + 1) * PER_STEP).map((u) => u.id);
        // Kind by kind: each group holds its first kinds' rows long before it reaches the other group's.
        const forward = kinds.flatMap((k) => who.map((u) => claim(u, k)));
        const backward = [...kinds].reverse().flatMap((k) => who.map((u) => claim(u, k)));
        outcomes.push(...(await Promise.all([first.claimBatch(forward), second.claimBatch(backward)])).flat());
      }
      expect(outcomes.filter((o) => o.ok)).toHaveLength(RESIDENTS * kinds.length);
      expect(outcomes.filter((o) => !o.ok).every((o) => !o.ok && o.reason === 'DUPLICATE')).toBe(true);
      expectInvariants(await repo.invariantSnapshot());
    } finally {
      await cleanup();
    }
  });
});
