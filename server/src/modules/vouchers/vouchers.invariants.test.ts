/**
 * Random interleavings of claims, redemptions, reversals and expiries, with the invariants checked after
 * every step, on every dialect. Small budgets and quotas make the limits bite often.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { DIALECTS, freshDb } from '../../test/dialects.js';
import type { Db } from '../../core/db.js';
import { SYSTEM_ACTOR } from '../../core/audit.js';
import { VouchersRepository } from './vouchers.repository.js';
import { expectInvariants, seedCampaign } from './vouchers.testing.js';
import { insertUsers } from '../../test/builders.js';

const ROUNDS = [
  { seq: 1, opensAt: '2022-06-04T02:00:00.000Z', expiresAt: '2022-06-10T14:00:00.000Z' },
  { seq: 2, opensAt: '2022-06-11T02:00:00.000Z', expiresAt: '2022-06-17T14:00:00.000Z' },
];
const TIMES = ['2022-06-04T03:00:00.000Z', '2022-06-06T03:00:00.000Z', '2022-06-11T03:00:00.000Z', '2022-06-13T03:00:00.000Z'];

type Op =
  | { op: 'claim'; user: number; kind: number; t: number }
  | { op: 'redeem'; user: number; amount: number; t: number; txn: number }
  | { op: 'reverse'; pick: number; t: number }
  | { op: 'expire'; t: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ op: fc.constant('claim' as const), user: fc.nat(2), kind: fc.nat(3), t: fc.nat(TIMES.length - 1) }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('redeem' as const), user: fc.nat(2), amount: fc.integer({ min: 1000, max: 30000 }), t: fc.nat(TIMES.length - 1), txn: fc.nat(8) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('reverse' as const), pick: fc.nat(20), t: fc.nat(TIMES.length - 1) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('expire' as const), t: fc.nat(TIMES.length - 1) }) },
);

describe.each(DIALECTS)('voucher invariants under random interleavings on %s', (dialect) => {
  let db: Db;
  let cleanup: () => Promise<void>;
  let repo: VouchersRepository;
  let users: number[];
  let merchant: number;
  let kinds: { id: number; category_id: number; threshold_fen: number; discount_fen: number }[];

  beforeAll(async () => {
    ({ db, cleanup } = await freshDb(dialect));
    repo = new VouchersRepository(db);
    const now = '2022-06-01T00:00:00.000Z';
    users = await insertUsers(db, 6, { prefix: 'u' });
    await seedCampaign(
      repo,
      [
        { code: 'general', name: '通用', scope: '商超', budgetFen: 10000, kinds: [{ thresholdFen: 8000, discountFen: 2000, label: 'a', released: 3 }, { thresholdFen: 20000, discountFen: 4000, label: 'b', released: 2 }] },
        { code: 'catering', name: '餐饮', scope: '餐饮', budgetFen: 7500, kinds: [{ thresholdFen: 10000, discountFen: 2500, label: 'c', released: 2 }, { thresholdFen: 20000, discountFen: 5000, label: 'd', released: 2 }] },
      ],
      ROUNDS,
    );
    kinds = (await repo.kinds()).map((k) => ({ id: k.id, category_id: k.category_id, threshold_fen: Number(k.threshold_fen), discount_fen: Number(k.discount_fen) }));
    const m = await repo.createMerchant(SYSTEM_ACTOR, {
      name: '店',
      credit_code: '91141122MA0K100090',
      category_code: 'general',
      above_quota: 1,
      stores: '[]',
      owner_user_id: users[0],
      status: 'approved',
      industry_approved_by: 'x',
      industry_approved_at: now,
      statistics_approved_by: 'y',
      statistics_approved_at: now,
      reject_reason: null,
      batch_no: 1,
      effective_date: '2022-06-01',
      created_at: now,
    });
    merchant = (m as { id: number }).id;
  });
  afterAll(() => cleanup());

  async function reset() {
    for (const t of ['voucher_redemptions', 'payment_codes', 'vouchers']) await sql`delete from ${sql.table(t)}`.execute(db.kysely);
    await sql`update voucher_round_quotas set claimed = 0`.execute(db.kysely);
    await sql`update voucher_categories set committed_fen = 0, redeemed_fen = 0`.execute(db.kysely);
  }

  const check = async () => expectInvariants(await repo.invariantSnapshot());

  it('hold after every step', async () => {
    let codeSeq = 0;
    const seen = { claims: 0, redemptions: 0, reversals: 0, expired: 0 };
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 40 }), async (ops) => {
        await reset();
        for (const o of ops) {
          const now = TIMES[o.t];
          const round = ROUNDS.findIndex((r) => r.opensAt <= now && now < r.expiresAt) + 1;
          if (o.op === 'claim' && round) {
            const k = kinds[o.kind];
            const roundRow = (await repo.rounds()).find((r) => r.seq === round)!;
            // Several claims in one batch, including the same one twice: the batch path under test.
            const res = await repo.claimBatch(
              [0, 1].map(() => ({
                roundId: roundRow.id,
                kindId: k.id,
                categoryId: k.category_id,
                userId: users[o.user],
                faceFen: k.discount_fen,
                thresholdFen: k.threshold_fen,
                validFrom: roundRow.opens_at,
                expiresAt: roundRow.expires_at,
                lng: 112.15,
                lat: 37.55,
                deviceId: null,
                now,
              })),
            );
            expect(res[1].ok).toBe(false); // the same claim twice in one batch: the second never wins
            seen.claims += res.filter((r) => r.ok).length;
          } else if (o.op === 'redeem') {
            const code = String(++codeSeq).padStart(18, '0');
            await repo.createPaymentCode(users[o.user], code, new Date(Date.parse(now) + 60_000).toISOString());
            const r = await repo.redeem(SYSTEM_ACTOR, { merchantId: merchant, cashierUserId: users[0], code, orderFen: o.amount, txnNo: `t${o.txn}`, now });
            if (r.ok && !r.replay) seen.redemptions++;
          } else if (o.op === 'reverse') {
            const all = await db.kysely.selectFrom('voucher_redemptions').select('id').orderBy('id').execute();
            if (all.length) {
              const r = await repo.reverse(SYSTEM_ACTOR, { redemptionId: all[o.pick % all.length].id, merchantId: merchant, dayStart: '2022-06-01T00:00:00.000Z', now });
              if (r.ok) seen.reversals++;
            }
          } else if (o.op === 'expire') {
            seen.expired += await repo.expireDue(now);
          }
          await check();
        }
      }),
      // A fixed seed: the same interleavings on every dialect and every run, so the coverage checks below are stable.
      { numRuns: 60, seed: 20220604 },
    );
    // The runs did exercise every path.
    expect(seen.claims).toBeGreaterThan(20);
    expect(seen.redemptions).toBeGreaterThan(5);
    expect(seen.reversals).toBeGreaterThan(0);
    expect(seen.expired).toBeGreaterThan(0);
  });
});
