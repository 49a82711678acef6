/**
 * All SQL of the vouchers, written by concern in its own file and joined here into the one repository the module
 * uses. Every invariant is held by the database: conditional updates (never read-then-write) and unique keys, inside
 * one transaction per group of claims, per redemption and per reversal.
 */
import { RepositoryBase } from './base.repository.js';
import { CampaignRepository } from './campaign.repository.js';
import { ClaimsRepository } from './claims.repository.js';
import { MerchantsRepository } from './merchants.repository.js';
import { ReportsRepository } from './reports.repository.js';
import { SettlementRepository } from './settlement.repository.js';
import { TillRepository } from './till.repository.js';

export type { KindRow, RoundRow } from './campaign.repository.js';
export type { ClaimOutcome, ClaimRequest } from './claims.repository.js';
export type { MerchantRow } from './merchants.repository.js';
export type { SettlementRow } from './settlement.repository.js';
export type { RedeemOutcome } from './till.repository.js';

const PARTS = [CampaignRepository, ClaimsRepository, TillRepository, MerchantsRepository, SettlementRepository, ReportsRepository] as const;

/** The vouchers' repository: every concern's statements on one object over one database. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- the concerns' methods are joined onto the class below
export interface VouchersRepository extends CampaignRepository, ClaimsRepository, TillRepository, MerchantsRepository, SettlementRepository, ReportsRepository {}
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class VouchersRepository extends RepositoryBase {}

// The concerns' methods become the repository's own (one object, so tests and callers see one prototype).
for (const part of PARTS) {
  for (const name of Object.getOwnPropertyNames(part.prototype)) {
    if (name === 'constructor') continue;
    if (Object.prototype.hasOwnProperty.call(VouchersRepository.prototype, name)) throw new Error(`消费券数据访问方法重名：${name}`);
    Object.defineProperty(VouchersRepository.prototype, name, Object.getOwnPropertyDescriptor(part.prototype, name)!);
  }
}
