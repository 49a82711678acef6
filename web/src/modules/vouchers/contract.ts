/** What the vouchers routes take and answer, inferred type-only from the server's own schemas (nothing of the server is bundled). */
import type { z } from 'zod';
import type { ClaimBody, ClaimedVoucher, DisqualifyBody, FraudSchema, FundsSchema, LiftBody, MerchantApplication, MerchantDetail as MerchantDetailSchema, MerchantSchema, MyVoucher, RedemptionAnswer, RedemptionBody, ReportSchema, StatementSchema, TodaysRedemptions, TrancheBody } from '../../../../server/src/modules/vouchers/vouchers.schema.js';

export type Merchant = z.output<typeof MerchantSchema>;
/** A merchant with its step log, for its reviewer. */
export type MerchantDetail = z.output<typeof MerchantDetailSchema>;
export type Mine = z.output<typeof MyVoucher>;
/** A redemption as the till just made it. */
export type Redemption = z.output<typeof RedemptionAnswer>;
/** One of today's redemptions at the till. */
export type TodaysRedemption = z.output<typeof TodaysRedemptions>['items'][number];
export type Report = z.output<typeof ReportSchema>;
/** The fund released to the platform and what redemptions drew on it. */
export type Funds = z.output<typeof FundsSchema>;
/** A settlement statement with its four steps. */
export type Statement = z.output<typeof StatementSchema>;
/** The leads and the disqualifications, in force and lifted. */
export type Oversight = z.output<typeof FraudSchema>;
export type ClaimRequest = z.input<typeof ClaimBody>;
export type Claimed = z.output<typeof ClaimedVoucher>;
export type RedemptionRequest = z.input<typeof RedemptionBody>;
export type MerchantApplicationRequest = z.input<typeof MerchantApplication>;
export type DisqualifyRequest = z.input<typeof DisqualifyBody>;
export type LiftRequest = z.input<typeof LiftBody>;
export type TrancheRequest = z.input<typeof TrancheBody>;
