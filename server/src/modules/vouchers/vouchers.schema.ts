/** The request and response schemas of /api/vouchers. */
import { z } from 'zod';
import { REPORT_FIELDS } from './vouchers.rules.js';
import { StepActions, Timeline, creditCodeField, nameText } from '../../core/schema.js';
import { MERCHANT_STATUSES } from './merchants.flow.js';
import { SETTLEMENT_STATUSES } from './settlement.flow.js';

export { IdParams as Id, isoDate } from '../../core/schema.js';
export const CategoryEnum = z.enum(['catering', 'general', 'appliance', 'fuel', 'ecommerce'], { message: '类别无效' });

/** A resident's claim: the kind, where the phone is, and the device. */
export const ClaimBody = z.object({
  kindId: z.number().int().positive('请选择券种'),
  lng: z.number().min(-180).max(180),
  lat: z.number().min(-90).max(90),
  deviceId: z.string().trim().max(80).nullable().default(null),
});

/** A cashier's redemption: the scanned payment code, the order amount in 分, the merchant's transaction number. */
export const RedemptionBody = z.object({
  code: z.string().trim().regex(/^\d{18}$/, '付款码应为 18 位数字'),
  orderFen: z.number().int().positive('订单金额应大于 0').max(100_000_000),
  txnNo: z.string().trim().min(1, '请填写交易号').max(64),
});

/** 主扫: the resident scans the merchant's code and enters the amount; the transaction number is the phone's own. */
export const SelfRedemptionBody = z.object({
  merchantCode: z.string().trim().min(4, '请扫描或输入商户收款码').max(40),
  orderFen: z.number().int().positive('订单金额应大于 0').max(100_000_000),
  txnNo: z.string().trim().min(8, '交易号无效').max(64),
});
export const SelfRedemptionAnswer = z.object({ id: z.number().int(), txnNo: z.string(), merchant: z.string(), orderFen: z.number().int(), discountFen: z.number().int(), dueFen: z.number().int(), redeemedAt: z.string(), replay: z.boolean() });
export const MerchantPayCode = z.object({ code: z.string().nullable(), merchant: z.string(), reason: z.string().nullable() });

/** A merchant's application. */
export const MerchantApplication = z.object({
  name: nameText(80, '请填写商户名称', 2),
  creditCode: creditCodeField(),
  category: CategoryEnum,
  /** 企业 or 个体工商户 (an above-quota one, confirmed by 县统计局). */
  entityType: z.enum(['enterprise', 'individual'], { message: '主体类型应为 企业 或 个体工商户' }).default('enterprise'),
  aboveQuota: z.boolean(),
  stores: z.array(z.string().trim().min(1).max(120)).min(1, '至少填写一个门店').max(50),
});

/** A cashier account opened by the merchant's manager. */
export const CashierBody = z.object({
  username: z.string().trim().regex(/^[a-z][a-z0-9_]{2,31}$/, '用户名为 3–32 位小写字母、数字或下划线，以字母开头'),
  displayName: z.string().trim().min(1, '请输入姓名').max(40),
  password: z.string().min(1, '请输入初始密码').max(128),
});

/** A claimed voucher, as the claim answers it. */
export const ClaimedVoucher = z.object({ voucherId: z.number().int(), round: z.number().int(), label: z.string(), category: z.string(), expiresAt: z.string() });

const int = z.number().int();
const RoundView = z.object({ id: int, seq: int, opensAt: z.string(), expiresAt: z.string() });

/** The campaign as residents and the office see it: rounds, categories, kinds and what is left this round. */
export const CampaignSchema = z.object({
  source: z.string(),
  rulesText: z.string(),
  /** The document's 成文日期: the campaign is launched after it. */
  documentDate: z.string(),
  /** The campaign's last day (7月底 until the office moves it). */
  endsOn: z.string(),
  now: z.string(),
  currentRound: RoundView.nullable(),
  nextRound: z.object({ id: int, seq: int, opens_at: z.string(), expires_at: z.string(), status: z.string() }).nullable(),
  rounds: z.array(RoundView.extend({ status: z.string() })),
  categories: z.array(
    z.object({
      id: int,
      code: z.string(),
      name: z.string(),
      scope: z.string(),
      budgetFen: int,
      committedFen: int,
      redeemedFen: int,
      kinds: z.array(z.object({ id: int, label: z.string(), thresholdFen: int, discountFen: int, released: int, remaining: int })),
    }),
  ),
});

export const MerchantSchema = z.object({
  id: int,
  name: z.string(),
  creditCode: z.string(),
  entityType: z.enum(['enterprise', 'individual']),
  entityTypeName: z.string(),
  category: z.string(),
  categoryName: z.string(),
  stores: z.array(z.string()),
  status: z.enum(MERCHANT_STATUSES),
  statusLabel: z.string(),
  industryApproved: z.boolean(),
  statisticsApproved: z.boolean(),
  rejectReason: z.string().nullable(),
  batchNo: int.nullable(),
  effectiveDate: z.string().nullable(),
  /** What the reader may do with it now (the review's steps). */
  actions: StepActions.optional(),
});
/** The public list leaves the credit code out. */
export const PublicMerchantSchema = MerchantSchema.omit({ creditCode: true, actions: true });
/** One merchant for its reviewer: its steps and its step log. */
export const MerchantDetail = MerchantSchema.extend({ timeline: Timeline });

export const MyVoucher = z.object({
  id: int,
  round: int,
  category: z.string(),
  categoryCode: z.string(),
  label: z.string(),
  faceFen: int,
  thresholdFen: int,
  status: z.enum(['claimed', 'redeemed', 'expired']),
  expiresAt: z.string(),
});
export const PaymentCode = z.object({ code: z.string(), expiresAt: z.string(), ttlSeconds: int });
export const RedemptionAnswer = z.object({ id: int, txnNo: z.string(), orderFen: int, discountFen: int, dueFen: int, redeemedAt: z.string(), replay: z.boolean() });
export const TodaysRedemptions = z.object({
  merchant: z.object({ id: int, name: z.string(), category: z.string() }),
  items: z.array(z.object({ id: int, txnNo: z.string(), orderFen: int, discountFen: int, redeemedAt: z.string(), status: z.enum(['active', 'reversed']) })),
});
export const ReversalAnswer = z.object({ returned: z.boolean(), message: z.string() });
export const Cashier = z.object({ id: int, username: z.string(), displayName: z.string(), active: z.boolean() });
export const NewCashier = Cashier.omit({ active: true });
export const PublishAnswer = z.object({ batchNo: int, count: int });
export const LaunchAnswer = z.object({ rounds: int, firstOpensAt: z.string(), lastExpiresAt: z.string() });

/** The document's report fields (vouchers.rules.ts), each a count or an amount; 核销率 a percentage. */
const documentFields = Object.fromEntries(REPORT_FIELDS.map((f) => [f, f === '核销率' ? z.number() : int])) as { [F in (typeof REPORT_FIELDS)[number]]: z.ZodNumber };
const ReportLine = z.object({ ...documentFields, 领取量: int, '核销率（按投放量）': z.number(), 拉动比: z.number() });
export const ReportSchema = z.object({
  source: z.string(),
  byRoundKind: z.array(ReportLine.extend({ round: int, kind: z.string(), category: z.string() })),
  byCategory: z.array(ReportLine.extend({ category: z.string() })),
  byRound: z.array(ReportLine.extend({ round: int })),
  total: ReportLine,
});
export const SettlementSchema = z.object({
  from: z.string(),
  to: z.string(),
  items: z.array(z.object({ day: z.string(), merchantId: int, merchant: z.string(), count: int, orderFen: int, redeemedFen: int })),
  totalFen: int,
});
const Disqualification = z.object({ id: int, subject: z.enum(['resident', 'merchant']), subject_id: int, reason: z.string(), by_user: z.string(), at: z.string() });
export const FraudSchema = z.object({
  items: z.array(z.object({ kind: z.string(), merchantId: int.optional(), residentId: int.optional(), deviceId: z.string().nullable().optional(), detail: z.string() })),
  disqualified: z.array(Disqualification),
  lifted: z.array(Disqualification.extend({ lift_reason: z.string(), lifted_by: z.string(), lifted_at: z.string() })),
});
export const DisqualifyBody = z.object({ subject: z.enum(['resident', 'merchant']), subjectId: z.number().int().positive(), reason: z.string().trim().min(2, '请填写理由').max(500) });
export const LiftBody = z.object({ reason: z.string().trim().min(2, '请填写恢复资格的理由').max(500) });

/** The fund: budget, released to the platform, drawn by redemptions, balance, and the tranches. */
export const FundsSchema = z.object({
  budgetFen: int,
  releasedFen: int,
  usedFen: int,
  balanceFen: int,
  /** Redemptions have drawn FUNDS_WARNING_SHARE of what was released. */
  warning: z.boolean(),
  tranches: z.array(z.object({ id: int, amountFen: int, note: z.string(), by: z.string(), at: z.string() })),
});
export const TrancheBody = z.object({ amountFen: int.positive('拨付金额应大于 0'), note: z.string().trim().min(2, '请填写拨付说明（批次、文件）').max(200) });
export const StatementSchema = z.object({
  id: int,
  from: z.string(),
  to: z.string(),
  count: int,
  orderFen: int,
  redeemedFen: int,
  /** The amount in 大写, as a statement prints it. */
  redeemedUpper: z.string(),
  status: z.enum(SETTLEMENT_STATUSES),
  statusLabel: z.string(),
  steps: z.array(z.object({ status: z.string(), label: z.string(), by: z.string().nullable(), at: z.string().nullable() })),
  items: z.array(z.object({ day: z.string(), merchantId: int, merchant: z.string(), count: int, orderFen: int, redeemedFen: int })),
  /** What the reader may do with it now (the next step, by its body). */
  actions: StepActions.optional(),
  timeline: Timeline.optional(),
});
