/** The till: payment codes, redemption (被扫 and 主扫), same-day reversal, and the merchant's cashiers. */
import { randomInt } from 'node:crypto';
import type { Actor } from '../../core/audit.js';
import type { UnitOfWork } from '../../core/db.js';
import { conflict, forbidden, invalidField, notFound, type AppError } from '../../core/errors.js';
import { formatFen } from '../../core/money.js';
import { chinaDayStart } from '../../core/time.js';
import type { AccountsService } from '../accounts/index.js';
import type { MerchantRow, RedeemOutcome, VouchersRepository } from './vouchers.repository.js';
import { MERCHANT_SCANNED_ONLY, PAYMENT_CODE_TTL_SECONDS, REVERSAL_SAME_DAY_ONLY, type CategoryCode } from './vouchers.rules.js';

const REDEEM_ERRORS: Record<Exclude<RedeemOutcome, { ok: true }>['reason'], (min?: number) => AppError> = {
  CODE_UNKNOWN: () => invalidField('code', '付款码无效', '付款码无效，请让顾客刷新后重新出示'),
  CODE_EXPIRED: () => invalidField('code', '付款码已过期', '付款码已过期，请让顾客刷新后重新出示'),
  CODE_USED: () => conflict('付款码已使用过，请让顾客刷新后重新出示'),
  NO_VOUCHER: () => conflict('顾客没有可在本店使用的有效消费券'),
  BELOW_THRESHOLD: (min) => invalidField('orderFen', '未达到使用门槛', `订单金额未达到使用门槛（最低满 ${formatFen(min ?? 0)} 元）`),
  MERCHANT_INACTIVE: () => forbidden('本商户不在已公布的活动商户名单中，或已被暂停，不能核销'),
  DISQUALIFIED: () => forbidden('该顾客已被取消活动资格'),
  TXN_CONFLICT: () => conflict('该交易号已用于另一笔核销（金额或付款码不同），请核对交易号'),
  FUNDS: () => conflict('投放平台专户中已拨付的资金不足以支付本次优惠，暂不能核销；请联系县工信局拨付下一批资金'),
};

export class TillService {
  constructor(
    private readonly repo: VouchersRepository,
    private readonly accounts: AccountsService,
    private readonly unitOfWork: UnitOfWork,
    private readonly now: () => string,
  ) {}

  /** A short-lived, single-use code for the cashier to scan (被扫支付). */
  async paymentCode(actor: Actor) {
    const code = Array.from({ length: 18 }, () => randomInt(10)).join('');
    const expiresAt = new Date(Date.parse(this.now()) + PAYMENT_CODE_TTL_SECONDS * 1000).toISOString();
    await this.repo.createPaymentCode(actor.userId!, code, expiresAt);
    return { code, expiresAt, ttlSeconds: PAYMENT_CODE_TTL_SECONDS };
  }

  /** The merchant the account owns or works the till of. */
  async merchantFor(actor: Actor): Promise<MerchantRow> {
    const m = await this.repo.merchantOfUser(actor.userId!);
    if (!m) throw forbidden('您的账号未关联任何商户');
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
    // A general-voucher merchant has no store code by the rule (被扫 only): an answer, not an error, so its till says why.
    if (MERCHANT_SCANNED_ONLY.includes(m.category_code as CategoryCode)) return { code: null, merchant: m.name, reason: '通用消费券仅限“被扫支付”方式核销：请扫描顾客出示的付款码' };
    return { code: await this.repo.ensurePayCode(m.id, `M${randomInt(10 ** 9, 10 ** 10)}${m.id}`), merchant: m.name, reason: null };
  }

  /**
   * 主扫: the resident scans the merchant's code and enters the amount; the best voucher the order meets is used, with
   * the same single-use code and the same transaction-number idempotency as at the till.
   */
  async selfRedeem(actor: Actor, input: { merchantCode: string; orderFen: number; txnNo: string }) {
    const m = await this.repo.merchantByPayCode(input.merchantCode.trim());
    if (!m) throw invalidField('merchantCode', '商户收款码无效');
    if (MERCHANT_SCANNED_ONLY.includes(m.category_code as CategoryCode)) throw invalidField('merchantCode', '须被扫支付', '通用消费券仅限“被扫支付”方式核销：请向收银员出示付款码');
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
      if (res.reason === 'NOT_TODAY') throw conflict('只能撤销当天的核销');
      throw notFound(`核销记录 ${redemptionId} `);
    }
    return { returned: res.returned, message: res.returned ? '已撤销，消费券已退回顾客' : '已撤销；消费券已过有效期，额度释放' };
  }

  async todaysRedemptions(actor: Actor) {
    const m = await this.merchantFor(actor);
    const rows = await this.repo.redemptionsOf(m.id, chinaDayStart(this.now()));
    return { merchant: { id: m.id, name: m.name, category: m.category_code }, items: rows.map((r) => ({ id: r.id, txnNo: r.txn_no, orderFen: Number(r.order_fen), discountFen: Number(r.discount_fen), redeemedAt: r.redeemed_at, status: r.status })) };
  }

  private async ownMerchant(actor: Actor): Promise<MerchantRow> {
    const m = await this.merchantFor(actor);
    if (m.owner_user_id !== actor.userId) throw forbidden('只有商户负责人可以管理收银员');
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
}
