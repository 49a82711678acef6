import type { Generated } from 'kysely';
import type { MerchantStatus } from './merchants.flow.js';
import type { SettlementStatus } from './settlement.flow.js';

/** Consumption vouchers (交政办发〔2022〕13号): the module's tables. */
export interface VouchersTables {
  voucher_categories: {
    id: Generated<number>;
    code: string;
    name: string;
    scope: string;
    budget_fen: number;
    committed_fen: Generated<number>;
    redeemed_fen: Generated<number>;
  };
  voucher_kinds: { id: Generated<number>; category_id: number; threshold_fen: number; discount_fen: number; label: string };
  voucher_rounds: { id: Generated<number>; seq: number; opens_at: string; expires_at: string; status: Generated<string> };
  voucher_round_quotas: { round_id: number; kind_id: number; released: number; claimed: Generated<number> };
  merchants: {
    id: Generated<number>;
    name: string;
    credit_code: string;
    category_code: string;
    above_quota: number;
    /** 企业 or 个体工商户 (MERCHANT_ENTITY_TYPES). */
    entity_type: Generated<'enterprise' | 'individual'>;
    /** The code a resident scans to pay this merchant (主扫), made when the merchant first shows it. */
    pay_code: Generated<string | null>;
    stores: string;
    owner_user_id: number;
    /** The review's states (merchants.flow.ts). */
    status: MerchantStatus;
    industry_approved_by: string | null;
    industry_approved_at: string | null;
    statistics_approved_by: string | null;
    statistics_approved_at: string | null;
    reject_reason: string | null;
    batch_no: number | null;
    effective_date: string | null;
    created_at: string;
  };
  merchant_cashiers: { user_id: number; merchant_id: number };
  vouchers: {
    id: Generated<number>;
    round_id: number;
    kind_id: number;
    category_id: number;
    user_id: number;
    face_fen: number;
    threshold_fen: number;
    status: 'claimed' | 'redeemed' | 'expired';
    claimed_at: string;
    valid_from: string;
    expires_at: string;
    lng: number;
    lat: number;
    device_id: string | null;
  };
  payment_codes: { code: string; user_id: number; expires_at: string; used_at: string | null };
  voucher_redemptions: {
    id: Generated<number>;
    voucher_id: number;
    merchant_id: number;
    cashier_user_id: number;
    txn_no: string;
    order_fen: number;
    discount_fen: number;
    redeemed_at: string;
    status: 'active' | 'reversed';
    reversed_at: string | null;
  };
  voucher_disqualifications: { id: Generated<number>; subject: 'resident' | 'merchant'; subject_id: number; reason: string; by_user: string; at: string };
  /** One row: the campaign's last day (CAMPAIGN.to until the office moves it). */
  voucher_campaign: { id: number; ends_on: string };
  /** One row: what the 工信局 has released to the platform's account, and what redemptions have drawn on it. */
  voucher_funds: { id: number; released_fen: number; used_fen: number };
  voucher_fund_tranches: { id: Generated<number>; amount_fen: number; note: string; by_user: string; at: string };
  voucher_settlements: {
    id: Generated<number>;
    from_day: string;
    to_day: string;
    count: number;
    order_fen: number;
    redeemed_fen: number;
    /** The statement's lines as reported, frozen. */
    items: string;
    /** The statement's states (settlement.flow.ts). */
    status: SettlementStatus;
    reported_by: string;
    reported_at: string;
    reviewed_by: string | null;
    reviewed_at: string | null;
    filed_by: string | null;
    filed_at: string | null;
    settled_by: string | null;
    settled_at: string | null;
  };
  voucher_disqualification_lifts: {
    id: Generated<number>;
    subject: 'resident' | 'merchant';
    subject_id: number;
    reason: string;
    by_user: string;
    at: string;
    lift_reason: string;
    lifted_by: string;
    lifted_at: string;
  };
}

declare module '../../core/db.js' {
  interface Database extends VouchersTables {}
}
