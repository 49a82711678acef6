/** Test helper: every voucher invariant, asserted on a snapshot. */
import { expect } from 'vitest';
import { SYSTEM_ACTOR } from '../../core/audit.js';
import type { VouchersRepository } from './vouchers.repository.js';
import type { VouchersService } from './vouchers.service.js';
import { TOTAL_BUDGET_FEN } from './vouchers.rules.js';

export function expectInvariants(s: Awaited<ReturnType<VouchersRepository['invariantSnapshot']>>): void {
  for (const c of s.categories) {
    expect(c.committed).toBeLessThanOrEqual(c.budget);
    expect(c.committed).toBe(c.liveClaimed + c.liveRedeemed);
    expect(c.redeemed).toBe(c.liveRedeemed);
  }
  for (const q of s.quotas) {
    expect(q.claimed).toBeLessThanOrEqual(q.released);
    expect(q.claimed).toBe(q.rows);
  }
  expect(s.duplicateClaims).toBe(0);
  expect(s.doubleRedemptions).toBe(0);
}

/** A campaign as the repository tests set it up: categories with each kind's quota per round, and rounds (seed, then launch). */
export async function seedCampaign(
  repo: VouchersRepository,
  categories: { code: string; name: string; scope: string; budgetFen: number; kinds: { thresholdFen: number; discountFen: number; label: string; released: number }[] }[],
  rounds: { seq: number; opensAt: string; expiresAt: string }[],
): Promise<void> {
  await repo.seed(categories.map((c) => ({ ...c, kinds: c.kinds.map(({ released: _released, ...k }) => k) })));
  const quota = new Map(categories.flatMap((c) => c.kinds).map((k) => [k.label, k.released]));
  await repo.launch(SYSTEM_ACTOR, rounds[0]?.opensAt.slice(0, 10) ?? '', rounds, new Map((await repo.kinds()).map((k) => [k.id, quota.get(k.label)!])));
  // The whole budget released to the platform, so that only the invariants under test refuse a redemption.
  await repo.releaseTranche(SYSTEM_ACTOR, TOTAL_BUDGET_FEN, '测试', TOTAL_BUDGET_FEN, '2022-06-01T00:00:00.000Z');
}

/** The day the tests' campaign is launched (a Friday after the document's 2022-06-08); round 1 opens Saturday 2022-06-11. */
export const TEST_LAUNCH = '2022-06-10';

/** Launch the campaign as the county administrator would. */
export const launchCampaign = (service: VouchersService) =>
  service.campaign.launch({ userId: null, name: 'admin', role: 'county_admin', unitId: null, townshipId: null }, TEST_LAUNCH);

