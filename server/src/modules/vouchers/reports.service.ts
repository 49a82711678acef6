/** Reports and oversight: the document's report fields, the invariants, the fraud leads, disqualifications (公安、市场监管、工信). */
import type { Access } from '../../core/access.js';
import type { Actor } from '../../core/audit.js';
import { conflict, forbidden, notFound } from '../../core/errors.js';
import { chinaMinute } from '../../core/time.js';
import type { AccountsService } from '../accounts/index.js';
import { LEAD_READERS, bureauAmong, requireParty } from './vouchers.parties.js';
import type { VouchersRepository } from './vouchers.repository.js';
import { DISQUALIFIED_BY, SOURCE, redemptionRate } from './vouchers.rules.js';

export class ReportsService {
  constructor(
    private readonly repo: VouchersRepository,
    private readonly access: Access,
    private readonly accounts: AccountsService,
    private readonly now: () => string,
  ) {}

  /** The document's report fields per round, kind and category, plus leverage (order ÷ redeemed). */
  async report() {
    await this.repo.expireDue(this.now());
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

  /** The leads, for the bureaus that review them and the one that keeps the merchant list. */
  /** Whether the actor reads the leads (so a page offers the tab only to those it would not refuse). */
  async mayReadLeads(actor: Actor): Promise<boolean> {
    return (await this.access.which(actor, LEAD_READERS, {})) !== null;
  }

  async fraudFlags(actor: Actor, sinceDays = 14) {
    await requireParty(this.access, actor, LEAD_READERS, '异常线索仅供县公安局、县市场监管局、县工信局核查');
    const since = new Date(Date.parse(this.now()) - sinceDays * 86400_000).toISOString();
    const s = await this.repo.fraudSignals(since);
    return [
      ...s.bursts.map((b) => ({ kind: '集中核销', merchantId: b.merchant_id, detail: `${chinaMinute(b.minute)}（北京时间）1 分钟内核销 ${b.n} 笔` })),
      ...s.repeat.map((r) => ({ kind: '同一居民多次在同一商户核销', merchantId: r.merchant_id, residentId: r.user_id, detail: `${r.n} 张` })),
      ...s.nearThreshold.filter((n) => Number(n.near) / Number(n.total) >= 0.8).map((n) => ({ kind: '订单金额集中在门槛', merchantId: n.merchant_id, detail: `${n.near}/${n.total} 笔订单金额比门槛高不到 1 元` })),
      ...s.devices.map((d) => ({ kind: '同一设备多人领券', deviceId: d.device_id, detail: `${d.residents} 名居民` })),
      ...s.staff.map((x) => ({ kind: '商户人员核销自己的券', merchantId: x.merchant_id, residentId: x.user_id, detail: `${x.n} 笔` })),
    ];
  }

  /** Whether the actor's bureau may take away, or give back, this kind of subject's qualification (DISQUALIFIED_BY). */
  private async requireDisqualifier(actor: Actor, subject: 'resident' | 'merchant') {
    if (!(await bureauAmong(this.access, actor, DISQUALIFIED_BY[subject]))) {
      throw forbidden(subject === 'merchant' ? '取消或恢复商户的活动资格由县工信局办理' : '取消或恢复居民的活动资格由县公安局、县市场监管局办理');
    }
  }

  async disqualify(actor: Actor, subject: 'resident' | 'merchant', subjectId: number, reason: string) {
    await this.requireDisqualifier(actor, subject);
    const exists = subject === 'merchant' ? !!(await this.repo.merchantById(subjectId)) : (await this.accounts.summaries([subjectId])).some((u) => u.role === 'resident');
    if (!exists) throw notFound(subject === 'merchant' ? `商户 ${subjectId}` : `居民 ${subjectId}`);
    if (!(await this.repo.disqualify(actor, subject, subjectId, reason, this.now()))) throw conflict('已取消过其活动资格');
    return { ok: true as const };
  }

  /** Give a qualification back, with a reason (audited). */
  async liftDisqualification(actor: Actor, id: number, reason: string) {
    const row = await this.repo.disqualification(id);
    if (!row) throw notFound(`取消资格记录 ${id}`);
    await this.requireDisqualifier(actor, row.subject);
    if (!(await this.repo.lift(actor, id, reason, this.now()))) throw conflict('该资格已恢复');
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
