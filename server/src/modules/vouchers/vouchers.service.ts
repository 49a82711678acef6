/** The voucher programme's rules in motion: rounds, claims, codes, redemption, merchants, reports, oversight. */
import { randomInt } from 'node:crypto';
import type { Actor } from '../../core/audit.js';
import { Batcher, type Admission } from '../../core/batcher.js';
import { AppError, notFound } from '../../core/errors.js';
import { inJiaocheng } from '../../core/geo.js';
import { maskCreditCode, validateCreditCode } from '../../core/identifiers.js';
import { fenToChineseUpper, formatFen } from '../../core/money.js';
import { chinaDay, chinaDayStart, nowIso } from '../../core/time.js';
import type { DirectoryService } from '../directory/index.js';
import type { AccountsService } from '../accounts/index.js';
import type { UnitOfWork } from '../../core/db.js';
import type { WorkItem } from '../../core/module.js';
import {
  APPROVING_UNITS,
  FINANCE_UNIT,
  FUNDS_WARNING_SHARE,
  PLATFORM_UNIT,
  SETTLEMENT_STEPS,
  CATEGORIES,
  DISQUALIFIED_BY,
  OVERSIGHT_UNITS,
  CAMPAIGN_RULES_TEXT,
  CLAIM_NEEDS_LOCATION_IN_COUNTY,
  CLAIMS_PER_PERSON_PER_KIND_PER_ROUND,
  VOUCHERS_PER_TRANSACTION,
  REVERSAL_SAME_DAY_ONLY,
  MERCHANT_MUST_BE_ABOVE_QUOTA,
  MERCHANT_ENTITY_TYPES,
  isIndividualBusinessCode,
  PAYMENT_CODE_TTL_SECONDS,
  MERCHANT_SCANNED_ONLY,
  ROUND_WINDOW_TEXT,
  SOURCE,
  TOTAL_BUDGET_FEN,
  settledFen,
  redemptionRate,
  campaignRounds,
  DOCUMENT_DATE,
  CAMPAIGN,
  defaultReleased,
  type CategoryCode,
} from './vouchers.rules.js';
import type { ClaimOutcome, ClaimRequest, KindRow, MerchantRow, RoundRow, SettlementRow, VouchersRepository } from './vouchers.repository.js';

const CLAIM_ERRORS: Record<Exclude<ClaimOutcome, { ok: true }>['reason'] | 'CLOSED' | 'OUTSIDE' | 'UNKNOWN_KIND' | 'BUSY', AppError> = {
  CLOSED: new AppError('CONFLICT', 409, `当前不在领券时间（${ROUND_WINDOW_TEXT}）`),
  OUTSIDE: new AppError('VALIDATION_FAILED', 400, '您当前的位置不在交城县境内，不能领取（须定位在交城县）', [{ field: 'location', message: '不在交城县境内' }]),
  UNKNOWN_KIND: new AppError('VALIDATION_FAILED', 400, '券种不存在', [{ field: 'kindId', message: '券种不存在' }]),
  SOLD_OUT: new AppError('CONFLICT', 409, '本轮该券已领完，请下轮再来'),
  BUDGET: new AppError('CONFLICT', 409, '该类消费券的资金已全部投放'),
  DUPLICATE: new AppError('CONFLICT', 409, '本轮您已领取过该券（每人每轮每种券限领 1 张）'),
  DISQUALIFIED: new AppError('FORBIDDEN', 403, '您已被取消活动资格'),
  BUSY: new AppError('UNAVAILABLE', 503, '领券人数较多，正在排队，请稍候（页面会自动重试）', [], 1),
};

const REDEEM_ERRORS: Record<string, (min?: number) => AppError> = {
  CODE_UNKNOWN: () => new AppError('VALIDATION_FAILED', 400, '付款码无效，请让顾客刷新后重新出示', [{ field: 'code', message: '付款码无效' }]),
  CODE_EXPIRED: () => new AppError('VALIDATION_FAILED', 400, '付款码已过期，请让顾客刷新后重新出示', [{ field: 'code', message: '付款码已过期' }]),
  CODE_USED: () => new AppError('CONFLICT', 409, '付款码已使用过，请让顾客刷新后重新出示'),
  NO_VOUCHER: () => new AppError('CONFLICT', 409, '顾客没有可在本店使用的有效消费券'),
  BELOW_THRESHOLD: (min) => new AppError('VALIDATION_FAILED', 400, `订单金额未达到使用门槛（最低满 ${formatFen(min ?? 0)} 元）`, [{ field: 'orderFen', message: '未达到使用门槛' }]),
  MERCHANT_INACTIVE: () => new AppError('FORBIDDEN', 403, '本商户不在已公布的活动商户名单中，或已被暂停，不能核销'),
  DISQUALIFIED: () => new AppError('FORBIDDEN', 403, '该顾客已被取消活动资格'),
  TXN_CONFLICT: () => new AppError('CONFLICT', 409, '该交易号已用于另一笔核销（金额或付款码不同），请核对交易号'),
  FUNDS: () => new AppError('CONFLICT', 409, '投放平台专户中已拨付的资金不足以支付本次优惠，暂不能核销；请联系县工信局拨付下一批资金'),
};


/** The bureaus the document names, by the directory's unit names. */
const BUREAU_UNITS = { ...APPROVING_UNITS, ...OVERSIGHT_UNITS, finance: FINANCE_UNIT, platform: PLATFORM_UNIT } as const;
type Bureau = keyof typeof BUREAU_UNITS;

/**
 * How long (ms) the oldest claim may have waited for the database before new ones are answered 503 at once. A
 * wait, not a count: how many claims wait a second depends on how fast the machine writes, what a phone waits does not.
 */
export const DEFAULT_CLAIM_WAIT_MS = 500;

export interface ClaimInput {
  kindId: number;
  lng: number;
  lat: number;
  deviceId: string | null;
}

export type ClaimAnswer =
  | { ok: true; voucher: { voucherId: number; round: number; label: string; category: string; expiresAt: string } }
  | { ok: false; error: AppError };

/** The round open for claims at `at` (not paused or ended), if any. */
const openRound = (rounds: RoundRow[], at: string): RoundRow | null =>
  rounds.find((r) => r.opens_at <= at && at < r.expires_at && r.status !== 'paused' && r.status !== 'ended') ?? null;

/** Round and kind in one number (kind ids stay far below it), so the rush's lookups are numeric. */
const KIND_SPAN = 1_000_000;

export class VouchersService {
  private cache: { at: number; kinds: KindRow[]; rounds: RoundRow[] } | null = null;
  /** Early "sold out" answers per round and kind; the database stays the authority and this only saves it work. */
  private soldOut = new Set<number>();
  /** Per round and kind, the residents this process has seen claim: a repeat is refused without the database. */
  private claimed = new Map<number, Set<number>>();
  private readonly claims: Batcher<ClaimRequest, ClaimOutcome>;

  constructor(
    private readonly repo: VouchersRepository,
    private readonly directory: DirectoryService,
    private readonly accounts: AccountsService,
    private readonly unitOfWork: UnitOfWork,
    private readonly now: () => string = nowIso,
    /** Admission by waiting time (VOUCHER_CLAIM_WAIT_MS): past it a claim is answered 503 and writes nothing. */
    claimAdmission: Admission = { targetMs: DEFAULT_CLAIM_WAIT_MS },
  ) {
    // Both figures are held by the schema's unique keys — one redemption per transaction number, one voucher per
    // resident, round and kind — so another figure in the rules needs another schema, not a quiet mismatch.
    if (VOUCHERS_PER_TRANSACTION !== 1 || CLAIMS_PER_PERSON_PER_KIND_PER_ROUND !== 1) {
      throw new Error(`消费券规则（${SOURCE}）改为单笔限用 ${VOUCHERS_PER_TRANSACTION} 张、每人每轮每种限领 ${CLAIMS_PER_PERSON_PER_KIND_PER_ROUND} 张：数据表的唯一约束按各 1 张设计，须同时修改表结构`);
    }
    this.claims = new Batcher((items) => this.repo.claimBatch(items), 256, claimAdmission);
  }

  /** Set up the campaign from the document when it is not there yet. */
  async seedIfEmpty(): Promise<boolean> {
    if (await this.repo.isSeeded()) return false;
    // The categories' budgets are the document's whole fund: a campaign that does not add up is not set up.
    const total = CATEGORIES.reduce((s, c) => s + c.budgetFen, 0);
    if (total !== TOTAL_BUDGET_FEN) throw new Error(`消费券各类别资金合计 ${formatFen(total)} 元，与${SOURCE}的财政资金 ${formatFen(TOTAL_BUDGET_FEN)} 元不符`);
    await this.repo.seed(
      CATEGORIES.map((c) => ({
        code: c.code,
        name: c.name,
        scope: c.scope,
        budgetFen: c.budgetFen,
        kinds: c.kinds.map((k) => ({ ...k, label: `满${k.thresholdFen / 100}减${k.discountFen / 100}` })),
      })),
    );
    return true;
  }

  /**
   * 「县政府择日宣布活动启动」: the office launches the campaign on a day after the document's date (and not after its
   * end); the rounds are the Saturdays from that day, each kind's quota the category budget spread over them.
   */
  async launch(actor: Actor, date: string) {
    await this.requireIndustryOrAdmin(actor);
    if (date <= DOCUMENT_DATE) {
      throw new AppError('VALIDATION_FAILED', 400, `活动启动日期应在方案成文（${DOCUMENT_DATE}）之后（县政府择日宣布活动启动）`, [{ field: 'date', message: `应晚于 ${DOCUMENT_DATE}` }]);
    }
    const rounds = campaignRounds(date, await this.repo.campaignEnd());
    if (!rounds.length) throw new AppError('VALIDATION_FAILED', 400, `${date} 之后到活动截止（${CAMPAIGN.to}）已没有周六，无法投放`, [{ field: 'date', message: '晚于最后一轮' }]);
    const released = new Map<number, number>();
    for (const k of await this.repo.kinds()) {
      const category = CATEGORIES.find((c) => c.code === k.category_code)!;
      const rule = category.kinds.find((x) => x.thresholdFen === Number(k.threshold_fen) && x.discountFen === Number(k.discount_fen))!;
      released.set(k.id, defaultReleased(category, rule, rounds.length));
    }
    if (!(await this.repo.launch(actor, date, rounds, released))) throw new AppError('CONFLICT', 409, '活动已启动');
    this.invalidate();
    return { rounds: rounds.length, firstOpensAt: rounds[0].opensAt, lastExpiresAt: rounds.at(-1)!.expiresAt };
  }

  /**
   * 「根据活动开展情况可结合实际进行调整」: the office moves the campaign's end later. The last round's cut is lifted as far
   * as the new end allows (with the vouchers claimed in it, unless it has already expired), and the Saturdays up to
   * the new end become rounds. (inferred) New rounds start with nothing released: the office releases what the budget
   * still allows, round by round, as it does for any round.
   */
  async extendCampaign(actor: Actor, to: string) {
    await this.requireIndustryOrAdmin(actor);
    const { rounds } = await this.state();
    if (!rounds.length) throw new AppError('CONFLICT', 409, '活动尚未启动');
    const from = await this.repo.campaignEnd();
    if (to <= from) throw new AppError('VALIDATION_FAILED', 400, `新的截止日期应晚于现在的 ${from}（只能延长）`, [{ field: 'to', message: `应晚于 ${from}` }]);
    const now = this.now();
    const plan = campaignRounds(chinaDay(rounds[0].opens_at), to);
    const moved = rounds
      .map((r) => ({ r, p: plan.find((x) => x.seq === r.seq) }))
      .filter(({ r, p }) => p && p.expiresAt !== r.expires_at && r.expires_at > now)
      .map(({ r, p }) => ({ roundId: r.id, expiresAt: p!.expiresAt }));
    const added = plan.filter((p) => p.seq > rounds.length);
    if (!(await this.repo.extendCampaign(actor, from, to, moved, added))) throw new AppError('CONFLICT', 409, '活动截止日期已被他人调整，请刷新后重试');
    this.invalidate();
    return { endsOn: to, rounds: rounds.length + added.length, moved: moved.length };
  }

  /** The cached campaign state while it is fresh. */
  private fresh() {
    return this.cache && Date.now() - this.cache.at <= 5_000 ? this.cache : null;
  }

  private async state() {
    const hit = this.fresh();
    if (hit) return hit;
    const [kinds, rounds] = await Promise.all([this.repo.kinds(), this.repo.rounds()]);
    this.cache = { at: Date.now(), kinds, rounds };
    return this.cache;
  }

  private invalidate() {
    this.cache = null;
    this.soldOut.clear();
  }

  /** The round open for claims at `at`, if any. */
  async roundAt(at: string): Promise<RoundRow | null> {
    return openRound((await this.state()).rounds, at);
  }

  /** What a resident (or anyone) sees: the campaign, the current round and what is left of each kind. */
  async campaign() {
    const now = this.now();
    const [{ rounds, kinds }, categories, endsOn] = await Promise.all([this.state(), this.repo.categories(), this.repo.campaignEnd()]);
    const current = await this.roundAt(now);
    const quotas = current ? await this.repo.quotas(current.id) : [];
    return {
      source: SOURCE,
      rulesText: CAMPAIGN_RULES_TEXT,
      documentDate: DOCUMENT_DATE,
      endsOn,
      now,
      currentRound: current ? { id: current.id, seq: current.seq, opensAt: current.opens_at, expiresAt: current.expires_at } : null,
      nextRound: rounds.find((r) => r.opens_at > now && r.status !== 'ended') ?? null,
      rounds: rounds.map((r) => ({ id: r.id, seq: r.seq, opensAt: r.opens_at, expiresAt: r.expires_at, status: r.status })),
      categories: categories.map((c) => ({
        id: c.id,
        code: c.code,
        name: c.name,
        scope: c.scope,
        budgetFen: Number(c.budget_fen),
        committedFen: Number(c.committed_fen),
        redeemedFen: Number(c.redeemed_fen),
        kinds: kinds
          .filter((k) => k.category_id === c.id)
          .map((k) => {
            const q = quotas.find((x) => x.kind_id === k.id);
            return { id: k.id, label: k.label, thresholdFen: Number(k.threshold_fen), discountFen: Number(k.discount_fen), released: q?.released ?? 0, remaining: q ? q.released - q.claimed : 0 };
          }),
      })),
    };
  }

  /** Claim one voucher of a kind in the current round, from a location inside the county; throws on refusal. */
  async claim(actor: Actor, input: ClaimInput) {
    const answer = await this.tryClaim(actor, input);
    if (!answer.ok) throw answer.error;
    return answer.voucher;
  }

  /**
   * The same claim, with a refusal returned rather than thrown: in the Saturday rush most answers are
   * refusals (sold out, already claimed), and the route answers them without the error machinery.
   */
  async tryClaim(actor: Actor, input: ClaimInput): Promise<ClaimAnswer> {
    const now = this.now();
    // The cached campaign state is read synchronously; only a stale cache costs a database trip.
    const { rounds, kinds } = this.fresh() ?? (await this.state());
    const round = openRound(rounds, now);
    if (!round) return { ok: false, error: CLAIM_ERRORS.CLOSED };
    if (CLAIM_NEEDS_LOCATION_IN_COUNTY && !inJiaocheng(input.lng, input.lat)) return { ok: false, error: CLAIM_ERRORS.OUTSIDE };
    const kind = kinds.find((k) => k.id === input.kindId);
    if (!kind) return { ok: false, error: CLAIM_ERRORS.UNKNOWN_KIND };
    const userId = actor.userId!;
    const rk = round.id * KIND_SPAN + kind.id;
    let claimed = this.claimed.get(rk);
    if (!claimed) this.claimed.set(rk, (claimed = new Set()));
    if (claimed.has(userId)) return { ok: false, error: CLAIM_ERRORS.DUPLICATE };
    if (this.soldOut.has(rk)) return { ok: false, error: CLAIM_ERRORS.SOLD_OUT };
    const outcome = await this.claims.submit({
      roundId: round.id,
      kindId: kind.id,
      categoryId: kind.category_id,
      userId,
      faceFen: Number(kind.discount_fen),
      thresholdFen: Number(kind.threshold_fen),
      validFrom: round.opens_at,
      expiresAt: round.expires_at,
      lng: input.lng,
      lat: input.lat,
      deviceId: input.deviceId,
      now,
    });
    // The queue already holds a wait past the target: answered with 503 and Retry-After, nothing written, so the
    // page shows 排队中 and tries again.
    if (!outcome) return { ok: false, error: CLAIM_ERRORS.BUSY };
    if (!outcome.ok) {
      if (outcome.reason === 'SOLD_OUT') this.soldOut.add(rk);
      if (outcome.reason === 'DUPLICATE') claimed.add(userId);
      return { ok: false, error: CLAIM_ERRORS[outcome.reason] };
    }
    claimed.add(userId);
    return { ok: true, voucher: { voucherId: outcome.voucherId, round: round.seq, label: kind.label, category: kind.category_name, expiresAt: round.expires_at } };
  }

  async mine(actor: Actor) {
    const now = this.now();
    return (await this.repo.vouchersOf(actor.userId!)).map((v) => ({
      id: v.id,
      round: v.seq,
      category: v.category_name,
      categoryCode: v.category_code,
      label: v.label,
      faceFen: Number(v.face_fen),
      thresholdFen: Number(v.threshold_fen),
      status: v.status === 'claimed' && v.expires_at <= now ? 'expired' : v.status,
      expiresAt: v.expires_at,
    }));
  }

  /** A short-lived, single-use code for the cashier to scan (被扫支付). */
  async paymentCode(actor: Actor) {
    const code = Array.from({ length: 18 }, () => randomInt(10)).join('');
    const expiresAt = new Date(Date.parse(this.now()) + PAYMENT_CODE_TTL_SECONDS * 1000).toISOString();
    await this.repo.createPaymentCode(actor.userId!, code, expiresAt);
    return { code, expiresAt, ttlSeconds: PAYMENT_CODE_TTL_SECONDS };
  }

  private async merchantFor(actor: Actor): Promise<MerchantRow> {
    const m = await this.repo.merchantOfUser(actor.userId!);
    if (!m) throw new AppError('FORBIDDEN', 403, '您的账号未关联任何商户');
    return m;
  }

  /** Cashier: redeem the best valid voucher for this order; the same transaction number is idempotent. */
  async redeem(actor: Actor, input: { code: string; orderFen: number; txnNo: string }) {
    const m = await this.merchantFor(actor);
    const res = await this.repo.redeem(actor, { merchantId: m.id, cashierUserId: actor.userId!, code: input.code, orderFen: input.orderFen, txnNo: input.txnNo, now: this.now() });
    if (!res.ok) throw REDEEM_ERRORS[res.reason](res.minThresholdFen);
    const r = res.redemption;
    return {
      id: r.id,
      txnNo: r.txn_no,
      orderFen: Number(r.order_fen),
      discountFen: Number(r.discount_fen),
      dueFen: Number(r.order_fen) - Number(r.discount_fen),
      redeemedAt: r.redeemed_at,
      replay: res.replay,
    };
  }

  /** The merchant's own code for residents to scan (主扫); none for a category paid only by 被扫. */
  async merchantPayCode(actor: Actor) {
    const m = await this.merchantFor(actor);
    if (MERCHANT_SCANNED_ONLY.includes(m.category_code as CategoryCode)) {
      throw new AppError('CONFLICT', 409, '通用消费券仅限“被扫支付”方式核销：请扫描顾客出示的付款码');
    }
    return { code: await this.repo.ensurePayCode(m.id, `M${randomInt(10 ** 9, 10 ** 10)}${m.id}`), merchant: m.name };
  }

  /**
   * 主扫: the resident scans the merchant's code and enters the amount; the best voucher the order meets is used, with
   * the same single-use code and the same transaction-number idempotency as at the till.
   */
  async selfRedeem(actor: Actor, input: { merchantCode: string; orderFen: number; txnNo: string }) {
    const m = await this.repo.merchantByPayCode(input.merchantCode.trim());
    if (!m) throw new AppError('VALIDATION_FAILED', 400, '商户收款码无效', [{ field: 'merchantCode', message: '商户收款码无效' }]);
    if (MERCHANT_SCANNED_ONLY.includes(m.category_code as CategoryCode)) {
      throw new AppError('VALIDATION_FAILED', 400, '通用消费券仅限“被扫支付”方式核销：请向收银员出示付款码', [{ field: 'merchantCode', message: '须被扫支付' }]);
    }
    const { code } = await this.paymentCode(actor);
    // The merchant (its owner's account) receives the payment; the resident's own account is never its cashier.
    const res = await this.repo.redeem(actor, { merchantId: m.id, cashierUserId: m.owner_user_id, code, orderFen: input.orderFen, txnNo: `主扫-${input.txnNo}`, now: this.now() });
    if (!res.ok) throw REDEEM_ERRORS[res.reason](res.minThresholdFen);
    const r = res.redemption;
    return { id: r.id, txnNo: input.txnNo, merchant: m.name, orderFen: Number(r.order_fen), discountFen: Number(r.discount_fen), dueFen: Number(r.order_fen) - Number(r.discount_fen), redeemedAt: r.redeemed_at, replay: res.replay };
  }

  async reverse(actor: Actor, redemptionId: number) {
    const m = await this.merchantFor(actor);
    const now = this.now();
    // Same day only: a reversal's window starts at the day's start in China time; otherwise at the beginning of time.
    const res = await this.repo.reverse(actor, { redemptionId, merchantId: m.id, dayStart: REVERSAL_SAME_DAY_ONLY ? chinaDayStart(now) : '0000', now });
    if (!res.ok) {
      if (res.reason === 'NOT_TODAY') throw new AppError('CONFLICT', 409, '只能撤销当天的核销');
      throw notFound(`核销记录 ${redemptionId} `);
    }
    return { returned: res.returned, message: res.returned ? '已撤销，消费券已退回顾客' : '已撤销；消费券已过有效期，额度释放' };
  }

  async todaysRedemptions(actor: Actor) {
    const m = await this.merchantFor(actor);
    const rows = await this.repo.redemptionsOf(m.id, chinaDayStart(this.now()));
    return { merchant: { id: m.id, name: m.name, category: m.category_code }, items: rows.map((r) => ({ id: r.id, txnNo: r.txn_no, orderFen: Number(r.order_fen), discountFen: Number(r.discount_fen), redeemedAt: r.redeemed_at, status: r.status })) };
  }

  // --------------------------------------------------------------------------- merchants

  async apply(actor: Actor, input: { name: string; creditCode: string; category: CategoryCode; entityType?: 'enterprise' | 'individual'; aboveQuota: boolean; stores: string[] }) {
    const entityType = input.entityType ?? 'enterprise';
    if ((entityType === 'individual') !== isIndividualBusinessCode(input.creditCode.trim())) {
      const why = entityType === 'individual' ? '个体工商户的统一社会信用代码以 92 开头' : '以 92 开头的统一社会信用代码属于个体工商户，请选择主体类型“个体工商户”';
      throw new AppError('VALIDATION_FAILED', 400, why, [{ field: 'entityType', message: why }]);
    }
    const cc = validateCreditCode(input.creditCode);
    if (!cc.valid) throw new AppError('VALIDATION_FAILED', 400, cc.reason, [{ field: 'creditCode', message: cc.reason }]);
    if (MERCHANT_MUST_BE_ABOVE_QUOTA && !input.aboveQuota) {
      throw new AppError('VALIDATION_FAILED', 400, '参加活动的商户须为交城县限额以上企业或个体工商户', [{ field: 'aboveQuota', message: '须为限额以上' }]);
    }
    if (await this.repo.merchantOfUser(actor.userId!)) throw new AppError('CONFLICT', 409, '您的账号已登记过商户');
    const row = await this.repo.createMerchant(actor, {
      name: input.name,
      credit_code: input.creditCode.toUpperCase(),
      category_code: input.category,
      above_quota: 1,
      entity_type: entityType,
      stores: JSON.stringify(input.stores),
      owner_user_id: actor.userId!,
      status: 'pending',
      industry_approved_by: null,
      industry_approved_at: null,
      statistics_approved_by: null,
      statistics_approved_at: null,
      reject_reason: null,
      batch_no: null,
      effective_date: null,
      created_at: this.now(),
    });
    if (row === 'DUPLICATE') throw new AppError('CONFLICT', 409, '该统一社会信用代码已登记');
    return this.merchantView(row);
  }

  merchantView(m: MerchantRow) {
    return {
      id: m.id,
      name: m.name,
      creditCode: m.credit_code,
      entityType: m.entity_type,
      entityTypeName: MERCHANT_ENTITY_TYPES[m.entity_type],
      category: m.category_code,
      categoryName: CATEGORIES.find((c) => c.code === m.category_code)?.name ?? m.category_code,
      stores: JSON.parse(m.stores) as string[],
      status: m.status,
      industryApproved: !!m.industry_approved_at,
      statisticsApproved: !!m.statistics_approved_at,
      rejectReason: m.reject_reason,
      batchNo: m.batch_no,
      effectiveDate: m.effective_date,
    };
  }

  /** Which of the bureaus the document names an official speaks for, if any. */
  private async bureauOf(actor: Actor): Promise<Bureau | null> {
    if (actor.role !== 'department_official' || !actor.unitId) return null;
    const unit = (await this.directory.all()).find((u) => u.id === actor.unitId);
    return (Object.entries(BUREAU_UNITS) as [Bureau, string][]).find(([, name]) => name === unit?.name)?.[0] ?? null;
  }

  private async requireIndustryOrAdmin(actor: Actor) {
    if (actor.role !== 'county_admin' && (await this.bureauOf(actor)) !== 'industry') throw new AppError('FORBIDDEN', 403, '此操作由县工信局（活动工作专班办公室）办理');
  }

  /** Every merchant, for review; the full credit code only for the bureaus that review merchants or leads. */
  async merchants(actor: Actor) {
    const bureau = await this.bureauOf(actor);
    const full = bureau === 'industry' || bureau === 'statistics' || bureau === 'police' || bureau === 'market';
    return (await this.repo.listMerchants({})).map((m) => {
      const v = this.merchantView(m);
      return full ? v : { ...v, creditCode: maskCreditCode(v.creditCode) };
    });
  }

  /** The public list: published merchants in good standing (not suspended, not disqualified), with batch and effective date. */
  async publicMerchants() {
    const [rows, disqualified] = await Promise.all([this.repo.listMerchants({ published: true }), this.repo.disqualifiedMerchantIds()]);
    return rows.filter((m) => m.status === 'approved' && !disqualified.has(m.id)).map((m) => ({ ...this.merchantView(m), creditCode: undefined }));
  }

  /** The bureau of an official who reviews merchants (工信局 or 统计局), else null. */
  private async reviewerOf(actor: Actor): Promise<'industry' | 'statistics' | null> {
    const bureau = await this.bureauOf(actor);
    return bureau === 'industry' || bureau === 'statistics' ? bureau : null;
  }

  async approve(actor: Actor, id: number) {
    const bureau = await this.reviewerOf(actor);
    if (!bureau) throw new AppError('FORBIDDEN', 403, '商户由县工信局会同县统计局核准，须由这两个局的经办人办理');
    const row = await this.repo.approveMerchant(actor, id, bureau, this.now());
    if (!row) throw new AppError('CONFLICT', 409, '该商户不在待审核状态');
    return this.merchantView(row);
  }

  async reject(actor: Actor, id: number, reason: string) {
    if (!(await this.reviewerOf(actor))) throw new AppError('FORBIDDEN', 403, '商户由县工信局会同县统计局核准，须由这两个局的经办人办理');
    const row = await this.repo.setMerchantStatus(actor, id, ['pending'], 'rejected', { reject_reason: reason }, 'reject');
    if (!row) throw new AppError('CONFLICT', 409, '该商户不在待审核状态');
    return this.merchantView(row);
  }

  async publish(actor: Actor, effectiveDate?: string) {
    await this.requireIndustryOrAdmin(actor);
    return this.repo.publishBatch(actor, effectiveDate ?? chinaDay(this.now()));
  }

  async suspend(actor: Actor, id: number, suspended: boolean) {
    await this.requireIndustryOrAdmin(actor);
    const row = suspended
      ? await this.repo.setMerchantStatus(actor, id, ['approved'], 'suspended', {}, 'suspend')
      : await this.repo.setMerchantStatus(actor, id, ['suspended'], 'approved', {}, 'resume');
    if (!row) throw new AppError('CONFLICT', 409, suspended ? '只能暂停已审核通过的商户' : '该商户未被暂停');
    return this.merchantView(row);
  }

  private async ownMerchant(actor: Actor): Promise<MerchantRow> {
    const m = await this.merchantFor(actor);
    if (m.owner_user_id !== actor.userId) throw new AppError('FORBIDDEN', 403, '只有商户负责人可以管理收银员');
    return m;
  }

  /** The merchant's owner opens a cashier account (role 商户, linked to this merchant). */
  async addCashier(actor: Actor, input: { username: string; displayName: string; password: string }) {
    const m = await this.ownMerchant(actor);
    // The account and its link to the merchant are written together: a failed link leaves no orphan account.
    const user = await this.unitOfWork(async () => {
      const u = await this.accounts.create(actor, { ...input, role: 'merchant', unitId: null, mobile: null });
      await this.repo.addCashier(actor, m.id, u.id);
      return u;
    });
    return { id: user.id, username: user.username, displayName: user.displayName };
  }

  async cashiers(actor: Actor) {
    const m = await this.ownMerchant(actor);
    const users = await this.accounts.summaries(await this.repo.cashierIds(m.id));
    return users.map((u) => ({ id: u.id, username: u.username, displayName: u.displayName, active: u.active }));
  }

  /** What waits on the actor: merchants for their bureau to review, and (工信局) reviewed ones to publish. */
  async workbench(actor: Actor): Promise<WorkItem[]> {
    if (actor.role !== 'county_admin' && actor.role !== 'department_official') return [];
    const bureau = await this.bureauOf(actor);
    const all = await this.repo.listMerchants({});
    const pending = all.filter((m) => m.status === 'pending' && (bureau === 'industry' ? !m.industry_approved_at : bureau === 'statistics' ? !m.statistics_approved_at : false));
    const toPublish = bureau === 'industry' || actor.role === 'county_admin' ? all.filter((m) => m.status === 'approved' && m.batch_no === null) : [];
    const office = bureau === 'industry' || actor.role === 'county_admin';
    const unlaunched = office && !(await this.state()).rounds.length ? 1 : 0;
    return [
      { module: '消费券', title: '消费券活动待启动（县政府择日宣布）', count: unlaunched, link: '/voucher-dashboard' },
      { module: '消费券', title: bureau === 'statistics' ? '活动商户待审核（县统计局）' : '活动商户待审核（县工信局）', count: pending.length, link: '/merchants' },
      { module: '消费券', title: '已通过审核、待公布的商户', count: toPublish.length, link: '/merchants' },
    ];
  }

  // --------------------------------------------------------------------------- office

  async setReleased(actor: Actor, roundId: number, kindId: number, released: number) {
    await this.requireIndustryOrAdmin(actor);
    const round = (await this.state()).rounds.find((r) => r.id === roundId);
    if (!round) throw notFound(`第 ${roundId} 轮`);
    if (round.expires_at <= this.now()) throw new AppError('CONFLICT', 409, '该轮已结束，不能调整投放量');
    if (!(await this.repo.setReleased(actor, roundId, kindId, released))) throw new AppError('CONFLICT', 409, '投放量不能少于本轮已领取的数量');
    this.invalidate();
    return { ok: true as const };
  }

  async setRoundStatus(actor: Actor, roundId: number, status: 'scheduled' | 'paused' | 'ended') {
    await this.requireIndustryOrAdmin(actor);
    if (!(await this.state()).rounds.some((r) => r.id === roundId)) throw notFound(`第 ${roundId} 轮`);
    if (!(await this.repo.setRoundStatus(actor, roundId, status))) throw new AppError('CONFLICT', 409, '该轮已结束，不能恢复或再调整');
    this.invalidate();
    return { ok: true as const };
  }

  /** Expire what is due (run on a timer and before reports). */
  expireDue() {
    return this.repo.expireDue(this.now());
  }

  /** The document's report fields per round, kind and category, plus leverage (order ÷ redeemed). */
  async report() {
    await this.expireDue();
    const [rows, pairs] = await Promise.all([this.repo.reportRows(), this.repo.redeemingMerchants()]);
    // Merchants by round and kind; a total counts the distinct merchants of its rows, never a sum or a maximum.
    const merchantsOf = new Map<string, Set<number>>();
    for (const p of pairs) {
      const key = `${p.round_id}|${p.kind_id}`;
      (merchantsOf.get(key) ?? merchantsOf.set(key, new Set()).get(key)!).add(p.merchant_id);
    }
    type Row = (typeof rows)[number];
    const line = (xs: Row[]) => {
      const t = xs.reduce((a, r) => ({ released: a.released + r.released, claimed: a.claimed + r.claimed, redeemed: a.redeemed + r.redeemed, order: a.order + r.order_fen, discount: a.discount + r.discount_fen }), { released: 0, claimed: 0, redeemed: 0, order: 0, discount: 0 });
      const merchants = new Set(xs.flatMap((r) => [...(merchantsOf.get(`${r.round_id}|${r.kind_id}`) ?? [])]));
      return {
        投放量: t.released,
        领取量: t.claimed,
        核销量: t.redeemed,
        核销率: redemptionRate(t.redeemed, t.claimed),
        '核销率（按投放量）': redemptionRate(t.redeemed, t.released),
        订单金额: t.order,
        核销金额: t.discount,
        核销商家数: merchants.size,
        拉动比: t.discount ? Math.round((t.order / t.discount) * 100) / 100 : 0,
      };
    };
    const byRoundKind = rows.map((r) => ({ round: r.seq, kind: r.label, category: r.category_name, ...line([r]) }));
    const byCategory = [...new Set(rows.map((r) => r.category_name))].map((c) => ({ category: c, ...line(rows.filter((r) => r.category_name === c)) }));
    const byRound = [...new Set(rows.map((r) => r.seq))].map((s) => ({ round: s, ...line(rows.filter((r) => r.seq === s)) }));
    return { source: SOURCE, byRoundKind, byCategory, byRound, total: line(rows) };
  }

  /** Settlement: exactly the redeemed amounts, per China day and merchant. */
  async settlement(from: string, to: string) {
    const rows = await this.repo.settlementRows(new Date(`${from}T00:00:00+08:00`).toISOString(), new Date(`${to}T24:00:00+08:00`).toISOString());
    const map = new Map<string, { day: string; merchantId: number; merchant: string; count: number; orderFen: number; redeemedFen: number }>();
    for (const r of rows) {
      const day = chinaDay(r.redeemed_at);
      const key = `${day}|${r.merchant_id}`;
      const e = map.get(key) ?? { day, merchantId: r.merchant_id, merchant: r.name, count: 0, orderFen: 0, redeemedFen: 0 };
      e.count++;
      e.orderFen += Number(r.order_fen);
      e.redeemedFen += settledFen({ discountFen: Number(r.discount_fen) });
      map.set(key, e);
    }
    const items = [...map.values()];
    return { from, to, items, totalFen: items.reduce((s, x) => s + x.redeemedFen, 0) };
  }

  // --------------------------------------------------------------------------- funds and settlement

  /** The fund: the document's budget, what the 工信局 has released to the platform, what redemptions drew on it. */
  async funds() {
    const [f, tranches] = await Promise.all([this.repo.funds(), this.repo.tranches()]);
    const [released, used] = [Number(f.released_fen), Number(f.used_fen)];
    return {
      budgetFen: TOTAL_BUDGET_FEN,
      releasedFen: released,
      usedFen: used,
      balanceFen: released - used,
      warning: released > 0 && used >= released * FUNDS_WARNING_SHARE,
      tranches: tranches.map((t) => ({ id: t.id, amountFen: Number(t.amount_fen), note: t.note, by: t.by_user, at: t.at })),
    };
  }

  /** 县工信局 releases a tranche to the platform's account; never more than the budget in all. */
  async releaseTranche(actor: Actor, amountFen: number, note: string) {
    if ((await this.bureauOf(actor)) !== 'industry') throw new AppError('FORBIDDEN', 403, '资金由县工信局分批次拨付至投放平台专户');
    if (!(await this.repo.releaseTranche(actor, amountFen, note, TOTAL_BUDGET_FEN, this.now()))) {
      const f = await this.repo.funds();
      throw new AppError('CONFLICT', 409, `累计拨付不能超过财政资金 ${formatFen(TOTAL_BUDGET_FEN)} 元（已拨付 ${formatFen(Number(f.released_fen))} 元）`);
    }
    return this.funds();
  }

  statementView(r: SettlementRow) {
    const redeemed = Number(r.redeemed_fen);
    return {
      id: r.id,
      from: r.from_day,
      to: r.to_day,
      count: r.count,
      orderFen: Number(r.order_fen),
      redeemedFen: redeemed,
      redeemedUpper: fenToChineseUpper(redeemed),
      status: r.status,
      steps: SETTLEMENT_STEPS.map((st) => {
        const [by, at] = st.status === 'reported' ? [r.reported_by, r.reported_at] : st.status === 'reviewed' ? [r.reviewed_by, r.reviewed_at] : st.status === 'filed' ? [r.filed_by, r.filed_at] : [r.settled_by, r.settled_at];
        return { status: st.status, label: st.label, by, at };
      }),
      items: JSON.parse(r.items) as Awaited<ReturnType<VouchersService['settlement']>>['items'],
    };
  }

  async statements() {
    return (await this.repo.settlements()).map((r) => this.statementView(r));
  }

  async statement(id: number) {
    const r = await this.repo.settlementById(id);
    if (!r) throw notFound(`结算单 ${id}`);
    return this.statementView(r);
  }

  /** 平台报送: the platform reports whole past days; the statement is frozen as reported. */
  async reportSettlement(actor: Actor, from: string, to: string) {
    if ((await this.bureauOf(actor)) !== 'platform') throw new AppError('FORBIDDEN', 403, '结算报表由投放平台（建行交城支行）报送');
    if (from > to) throw new AppError('VALIDATION_FAILED', 400, '起始日期不能晚于截止日期', [{ field: 'from', message: '晚于截止日期' }]);
    if (to >= chinaDay(this.now())) throw new AppError('VALIDATION_FAILED', 400, '只能报送已经过去的整日（当天的核销仍可冲正）', [{ field: 'to', message: '应早于今天' }]);
    const s = await this.settlement(from, to);
    if (!s.items.length) throw new AppError('VALIDATION_FAILED', 400, `${from} 至 ${to} 没有核销记录`, [{ field: 'from', message: '没有核销' }]);
    const row = await this.repo.reportSettlement(actor, {
      from_day: from,
      to_day: to,
      count: s.items.reduce((a, x) => a + x.count, 0),
      order_fen: s.items.reduce((a, x) => a + x.orderFen, 0),
      redeemed_fen: s.totalFen,
      items: JSON.stringify(s.items),
      reported_by: actor.name,
      reported_at: this.now(),
    });
    if (!row) throw new AppError('CONFLICT', 409, '所选期间与已报送的结算单重叠，同一天的核销只能结算一次');
    return this.statementView(row);
  }

  /** 县工信局审核 → 县财政局备案 → 结算: each by its body, in order. */
  async advanceSettlement(actor: Actor, id: number, to: 'reviewed' | 'filed' | 'settled') {
    const i = SETTLEMENT_STEPS.findIndex((st) => st.status === to);
    const step = SETTLEMENT_STEPS[i];
    if ((await this.bureauOf(actor)) !== step.by) throw new AppError('FORBIDDEN', 403, `「${step.label}」由${step.by === 'industry' ? '县工信局' : '县财政局'}办理`);
    const row = await this.repo.settlementById(id);
    if (!row) throw notFound(`结算单 ${id}`);
    if (!(await this.repo.advanceSettlement(actor, id, SETTLEMENT_STEPS[i - 1].status, to, this.now()))) {
      throw new AppError('CONFLICT', 409, `该结算单当前为「${SETTLEMENT_STEPS.find((st) => st.status === row.status)!.label}」，不能办理「${step.label}」（须依次：${SETTLEMENT_STEPS.map((st) => st.label).join(' → ')}）`);
    }
    return this.statement(id);
  }

  // --------------------------------------------------------------------------- oversight (公安、市场监管)

  /** The leads, for the bureaus that review them and the one that keeps the merchant list. */
  async fraudFlags(actor: Actor, sinceDays = 14) {
    const bureau = await this.bureauOf(actor);
    if (bureau !== 'police' && bureau !== 'market' && bureau !== 'industry') throw new AppError('FORBIDDEN', 403, '异常线索仅供县公安局、县市场监管局、县工信局核查');
    const since = new Date(Date.parse(this.now()) - sinceDays * 86400_000).toISOString();
    const s = await this.repo.fraudSignals(since);
    return [
      ...s.bursts.map((b) => ({ kind: '集中核销', merchantId: b.merchant_id, detail: `${b.minute.replace('T', ' ')}（UTC）1 分钟内核销 ${b.n} 笔` })),
      ...s.repeat.map((r) => ({ kind: '同一居民多次在同一商户核销', merchantId: r.merchant_id, residentId: r.user_id, detail: `${r.n} 张` })),
      ...s.nearThreshold.filter((n) => Number(n.near) / Number(n.total) >= 0.8).map((n) => ({ kind: '订单金额集中在门槛', merchantId: n.merchant_id, detail: `${n.near}/${n.total} 笔订单金额比门槛高不到 1 元` })),
      ...s.devices.map((d) => ({ kind: '同一设备多人领券', deviceId: d.device_id, detail: `${d.residents} 名居民` })),
      ...s.staff.map((x) => ({ kind: '商户人员核销自己的券', merchantId: x.merchant_id, residentId: x.user_id, detail: `${x.n} 笔` })),
    ];
  }

  /** Whether the actor's bureau may take away, or give back, this kind of subject's qualification (DISQUALIFIED_BY). */
  private async requireDisqualifier(actor: Actor, subject: 'resident' | 'merchant') {
    const bureau = await this.bureauOf(actor);
    const allowed: readonly Bureau[] = DISQUALIFIED_BY[subject];
    if (!bureau || !allowed.includes(bureau)) {
      throw new AppError('FORBIDDEN', 403, subject === 'merchant' ? '取消或恢复商户的活动资格由县工信局办理' : '取消或恢复居民的活动资格由县公安局、县市场监管局办理');
    }
  }

  async disqualify(actor: Actor, subject: 'resident' | 'merchant', subjectId: number, reason: string) {
    await this.requireDisqualifier(actor, subject);
    const exists =
      subject === 'merchant'
        ? !!(await this.repo.merchantById(subjectId))
        : (await this.accounts.summaries([subjectId])).some((u) => u.role === 'resident');
    if (!exists) throw notFound(subject === 'merchant' ? `商户 ${subjectId}` : `居民 ${subjectId}`);
    if (!(await this.repo.disqualify(actor, subject, subjectId, reason, this.now()))) throw new AppError('CONFLICT', 409, '已取消过其活动资格');
    return { ok: true as const };
  }

  /** Give a qualification back, with a reason (audited). */
  async liftDisqualification(actor: Actor, id: number, reason: string) {
    const row = await this.repo.disqualification(id);
    if (!row) throw notFound(`取消资格记录 ${id}`);
    await this.requireDisqualifier(actor, row.subject);
    if (!(await this.repo.lift(actor, id, reason, this.now()))) throw new AppError('CONFLICT', 409, '该资格已恢复');
    return { ok: true as const };
  }

  async disqualifications() {
    const [current, lifted] = await Promise.all([this.repo.disqualifications(), this.repo.liftedDisqualifications()]);
    return { disqualified: current, lifted };
  }

  /** The invariants, as numbers (tests and the dashboard). */
  snapshot() {
    return this.repo.invariantSnapshot();
  }
}
