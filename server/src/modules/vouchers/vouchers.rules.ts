/**
 * The rules of the government consumption vouchers, each quoted once from
 * 交政办发〔2022〕13号《交城县“晋情消费·品质生活”促消费活动政府消费券投放工作方案》.
 * Where the text is silent, the choice made is marked (inferred) and explained.
 */

export const SOURCE = '交政办发〔2022〕13号';

/**
 * 「2022 年 6 月开始，截止 7月底，根据活动开展情况可结合实际进行调整」 (交政办发〔2022〕13号): rounds run inside
 * this window, from the day the county launches the campaign.
 */
export const CAMPAIGN = { name: '“晋情消费·品质生活”促消费活动政府消费券', from: '2022-06-01', to: '2022-07-31', timeZone: 'Asia/Shanghai' } as const;

/**
 * 「2022 年 6 月 8 日」, the document's 成文日期, and 「县政府择日宣布活动启动」 (交政办发〔2022〕13号): the campaign is launched
 * by the county on a day after the document, not set up with it; its rounds are the Saturdays from that day.
 */
export const DOCUMENT_DATE = '2022-06-08';

/**
 * (inferred) A round whose vouchers would still be valid after the campaign's last day is cut: they expire on that
 * day at the usual hour (22:00), so no voucher outlives 「截止7月底」. The rounds of a launch, in order.
 */
export function campaignRounds(launch: string, to: string = CAMPAIGN.to): { seq: number; opensAt: string; expiresAt: string }[] {
  const end = new Date(`${to}T${String(ROUND_EXPIRES.hour).padStart(2, '0')}:00:00+08:00`).toISOString();
  return campaignSaturdays(launch, to).map((saturday, i) => {
    const w = roundWindow(saturday);
    return { seq: i + 1, opensAt: w.opensAt, expiresAt: w.expiresAt < end ? w.expiresAt : end };
  });
}

/** 「财政资金 200 万元」 (交政办发〔2022〕13号), in 分. */
export const TOTAL_BUDGET_FEN = 200_0000_00;

export type CategoryCode = 'catering' | 'general' | 'appliance' | 'fuel' | 'ecommerce';

export interface KindRule {
  /**
   * 「每满100 减 25 元」: threshold and discount in 分. (inferred) One discount per order, not one per each full 100:
   * 「单笔消费限使用 1张消费券」 and a voucher's 优惠面额 is fixed, so an order of 300 still takes 25 off.
   */
  thresholdFen: number;
  discountFen: number;
}

export interface CategoryRule {
  code: CategoryCode;
  name: string;
  budgetFen: number;
  kinds: KindRule[];
  /** What merchants of this category sell. */
  scope: string;
}

const yuan = (y: number) => y * 100;

/**
 * The five categories of 三、资金分配 and their kinds of 五、（一）券种设置 (交政办发〔2022〕13号), e.g. 「（一）餐饮住宿消费券。
 * 投入 70 万元，惠及餐饮、住宿等领域。」 and 「共设置 2种，消费券优惠面额分别为 25 元、50 元，消费者分别消费 100 元、200 元时
 * 可触发数字消费券的使用」; the other four read the same way with the amounts below (a table made from the text, not a
 * quotation of it).
 */
export const CATEGORIES: readonly CategoryRule[] = [
  { code: 'catering', name: '餐饮住宿消费券', budgetFen: yuan(70_0000), scope: '餐饮、住宿', kinds: [{ thresholdFen: yuan(100), discountFen: yuan(25) }, { thresholdFen: yuan(200), discountFen: yuan(50) }] },
  { code: 'general', name: '通用消费券', budgetFen: yuan(90_0000), scope: '商场、超市', kinds: [{ thresholdFen: yuan(80), discountFen: yuan(20) }, { thresholdFen: yuan(200), discountFen: yuan(40) }] },
  { code: 'appliance', name: '家电手机消费券', budgetFen: yuan(25_0000), scope: '家电、手机', kinds: [{ thresholdFen: yuan(500), discountFen: yuan(80) }, { thresholdFen: yuan(3000), discountFen: yuan(300) }] },
  { code: 'fuel', name: '成品油消费券', budgetFen: yuan(10_0000), scope: '成品油', kinds: [{ thresholdFen: yuan(100), discountFen: yuan(25) }, { thresholdFen: yuan(200), discountFen: yuan(50) }] },
  { code: 'ecommerce', name: '电商消费券', budgetFen: yuan(5_0000), scope: '电商', kinds: [{ thresholdFen: yuan(30), discountFen: yuan(10) }, { thresholdFen: yuan(40), discountFen: yuan(15) }] },
];

/** 「单笔消费限使用 1 张消费券」 (交政办发〔2022〕13号). */
export const VOUCHERS_PER_TRANSACTION = 1;

/** 「每人每轮限领取 1 张票券」 (交政办发〔2022〕13号) — read as one of each kind (denomination) per round. */
export const CLAIMS_PER_PERSON_PER_KIND_PER_ROUND = 1;

/**
 * 「各轮投放时间为每周六上午 10:00，消费券到次周的周五 22:00 失效」 (交政办发〔2022〕13号).
 * A round opens Saturday 10:00 and its vouchers expire the next Friday 22:00, China time.
 */
export const ROUND_OPENS = { weekday: 6, hour: 10, minute: 0 } as const;
export const ROUND_EXPIRES = { daysAfterOpen: 6, hour: 22, minute: 0 } as const;

const WEEKDAY = '日一二三四五六';
const clock = (t: { hour: number; minute: number }) => `${t.hour}:${String(t.minute).padStart(2, '0')}`;
/** The round window in words, from the two constants above: 「每周六 10:00 发放，次周五 22:00 失效」. */
export const ROUND_WINDOW_TEXT = `每周${WEEKDAY[ROUND_OPENS.weekday]} ${clock(ROUND_OPENS)} 发放，次周${WEEKDAY[(ROUND_OPENS.weekday + ROUND_EXPIRES.daysAfterOpen) % 7]} ${clock(ROUND_EXPIRES)} 失效`;

/** What a resident reads above the claim buttons: the document and its claiming rules, from the constants here. */
export const CAMPAIGN_RULES_TEXT = [
  `依据${SOURCE}`,
  ROUND_WINDOW_TEXT,
  `每人每轮每种券限领 ${CLAIMS_PER_PERSON_PER_KIND_PER_ROUND} 张`,
  `单笔消费限用 ${VOUCHERS_PER_TRANSACTION} 张`,
].join(' · ');

/** 「当前地理位置定位为交城县即可」 (交政办发〔2022〕13号): a claim needs a location inside the county. */
export const CLAIM_NEEDS_LOCATION_IN_COUNTY = true;

/** 「参加本次活动的商户为交城县限额以上企业」 (交政办发〔2022〕13号). */
export const MERCHANT_MUST_BE_ABOVE_QUOTA = true;

/**
 * 「县统计局：负责审核参与活动的限上企业和个体户名单」 (交政办发〔2022〕13号): an above-quota individual business (个体工商户)
 * may take part as an enterprise does, once the 统计局 confirms it (its approval, as for every merchant). GB 32100 tells
 * them apart: a 个体工商户's credit code starts 92 (工商 + 个体工商户), an enterprise's does not.
 */
export const MERCHANT_ENTITY_TYPES = { enterprise: '企业', individual: '个体工商户' } as const;
export const isIndividualBusinessCode = (creditCode: string): boolean => creditCode.toUpperCase().startsWith('92');

/**
 * The bodies the document names, by their directory code (who may act is decided by code, never by display name, so
 * renaming a unit in the directory changes nothing):
 * - 「由县工信局会同县统计局核准后分批次公布，动态更新」 and 「县统计局：负责审核参与活动的限上企业和个体户名单」: a merchant is
 *   approved (核准) by 县工信局 together with 县统计局 — each records its approval — and published in batches;
 * - 「县市场监督管理局：负责活动期间诚信经营情况」 and 「县公安局：负责对倒卖、套现、虚报、冒领等手段骗取补助的违法行为进行
 *   严厉打击」: the two bureaus that review the fraud leads;
 * - 「消费券投放平台由交城县人民政府选择由中国建设银行股份有限公司交城支行（以下简称“建行交城支行”）承办」: the platform,
 *   whose accounts report the settlement statements;
 * - 县财政局, which files statements and settles them (交政办发〔2022〕13号).
 */
export const BODIES = {
  industry: { code: 'JC-GXJ', name: '县工信局' },
  statistics: { code: 'JC-TJJ', name: '县统计局' },
  finance: { code: 'JC-CZJ', name: '县财政局' },
  police: { code: 'JC-GAJ', name: '县公安局' },
  market: { code: 'JC-SCJGJ', name: '县市场监督管理局' },
  platform: { code: 'JC-JHZH', name: '建行交城支行' },
} as const;
export type Bureau = keyof typeof BODIES;

/**
 * 「对违规操作的自然人、法人、商户、第三方平台等，一经查实，追究相关责任，并取消活动资格」 (交政办发〔2022〕13号).
 * (inferred) Who acts, since the text names no one: a merchant's qualification is taken away, and given back, by
 * 县工信局, which 「负责统筹协调工作」 and keeps the merchant list; a resident's by the two bureaus that 查实 fraud
 * (公安, 市场监管). The county administrator runs the system, not the campaign, and does neither. Leads and full credit
 * codes are seen by these bureaus and 县统计局 (which reviews the list) only.
 */
export const DISQUALIFIED_BY = { merchant: ['industry'], resident: ['police', 'market'] } as const satisfies Record<string, readonly Bureau[]>;

/**
 * 「县财政将本次活动专项资金 200 万元下达至县工信局。县工信局根据活动开展进度分批次拨付至投放平台“建行交城支行”专户
 * 滚动使用」 (交政办发〔2022〕13号): the 工信局 releases the fund in tranches, never more than TOTAL_BUDGET_FEN in all, and
 * a redemption is refused when what has been released no longer covers it (the account pays for every discount).
 * (inferred) The dashboard warns once what has been redeemed reaches FUNDS_WARNING_SHARE of what has been released.
 */
export const FUNDS_WARNING_SHARE = 0.9;

/**
 * 「消费券投放平台“建行交城支行”应及时提供核销数据报表…县工信局对上述资料审核后报县财政局备案，予以结算」
 * (交政办发〔2022〕13号): a settlement statement goes 平台报送 → 县工信局审核 → 县财政局备案 → 结算, each step by its own
 * body, in this order, and is frozen from the moment it is reported. (inferred) 县财政局 both files and settles, as
 * the text gives the settling to no one else; a statement covers whole past days and no day twice.
 */
export const SETTLEMENT_STEPS = [
  { status: 'reported', label: '平台报送', act: '报送', by: 'platform' },
  { status: 'reviewed', label: '县工信局审核', act: '审核', by: 'industry' },
  { status: 'filed', label: '县财政局备案', act: '备案', by: 'finance' },
  { status: 'settled', label: '结算', act: '结算', by: 'finance' },
] as const satisfies readonly { status: string; label: string; act: string; by: Bureau }[];

/**
 * 「按实际核销金额结算」 (交政办发〔2022〕13号): what the platform is paid for a redemption is the discount actually
 * redeemed, not the face value claimed nor the order amount.
 */
export const settledFen = (redemption: { discountFen: number }): number => redemption.discountFen;

/**
 * 「消费券投放量、核销量、核销率、订单金额、核销金额、核销商家数」 (交政办发〔2022〕13号): the report's fields; the
 * report's contract (vouchers.schema.ts) is built from this list. (inferred) 领取量 is added, as the base of 核销率,
 * with 核销率（按投放量）, and 拉动比 (订单金额 ÷ 核销金额), which county reports usually carry. 核销商家数 counts distinct
 * merchants over whatever rows are totalled: a merchant who redeemed two kinds is one merchant.
 */
export const REPORT_FIELDS = ['投放量', '核销量', '核销率', '订单金额', '核销金额', '核销商家数'] as const;

/**
 * (inferred) 核销率 has no formula in the text. The report gives it as 核销量 ÷ 领取量 — of the vouchers residents took,
 * how many were used — and beside it 核销量 ÷ 投放量 (of those released), as 核销率（按投放量）; both in per cent with
 * two decimals, 0 when nothing was taken or released.
 */
export const redemptionRate = (redeemed: number, base: number): number => (base ? Math.round((redeemed / base) * 10000) / 100 : 0);

/**
 * 「通用消费券仅限“被扫支付”方式核销」 (交政办发〔2022〕13号): a general voucher is redeemed only by the cashier scanning a
 * code the resident shows (被扫). The other categories may also be paid by the resident scanning the merchant's own
 * code (主扫), as the restriction names the general vouchers alone.
 */
export const MERCHANT_SCANNED_ONLY: readonly CategoryCode[] = ['general'];

/**
 * (inferred) The resident's payment code lives 60 seconds and is used once: long enough to show at a till, short
 * enough that a photographed code is useless.
 */
export const PAYMENT_CODE_TTL_SECONDS = 60;

/** (inferred) A redemption may be reversed on the day it was made (China time), as refunds at a till are. */
export const REVERSAL_SAME_DAY_ONLY = true;

/** The round's open and expiry instants (UTC ISO) for the Saturday `saturday` (YYYY-MM-DD, China time). */
export function roundWindow(saturday: string): { opensAt: string; expiresAt: string } {
  const open = new Date(`${saturday}T${String(ROUND_OPENS.hour).padStart(2, '0')}:00:00+08:00`);
  const close = new Date(open.getTime());
  close.setUTCDate(close.getUTCDate() + ROUND_EXPIRES.daysAfterOpen);
  const closeDay = close.toISOString().slice(0, 10);
  const expires = new Date(`${closeDay}T${String(ROUND_EXPIRES.hour).padStart(2, '0')}:00:00+08:00`);
  return { opensAt: open.toISOString(), expiresAt: expires.toISOString() };
}

/** Every Saturday from `from` to `to`, in order. */
function campaignSaturdays(from: string, to: string): string[] {
  const out: string[] = [];
  const d = new Date(`${from}T00:00:00Z`);
  while (d.getUTCDay() !== ROUND_OPENS.weekday) d.setUTCDate(d.getUTCDate() + 1);
  for (; d.toISOString().slice(0, 10) <= to; d.setUTCDate(d.getUTCDate() + 7)) out.push(d.toISOString().slice(0, 10));
  return out;
}

/**
 * (inferred) How many of each kind to release per round when the office has not set it: the category budget
 * spread evenly over the rounds and its kinds, rounded down. Later rounds can be raised as budget frees up.
 */
export function defaultReleased(category: CategoryRule, kind: KindRule, rounds: number): number {
  const perRound = Math.floor(category.budgetFen / rounds);
  return Math.floor(perRound / category.kinds.length / kind.discountFen);
}
