/** Test helper: every voucher invariant, asserted on a snapshot. */
import { expect } from 'vitest';
import type { VouchersRepository } from './vouchers.repository.js';

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
