/** The fund and the settlement statements (交政办发〔2022〕13号 四、（二）（三）): tranches, and statements on the kit. */
import type { Access } from '../../core/access.js';
import type { Actor } from '../../core/audit.js';
import type { WorkItem } from '../../core/module.js';
import type { UnitOfWork } from '../../core/db.js';
import { conflict, invalidField, notFound } from '../../core/errors.js';
import { fenToChineseUpper, formatFen } from '../../core/money.js';
import { addDays } from '../../core/calendar.js';
import { chinaDay } from '../../core/time.js';
import type { Flow, FlowStore, StepAction, StepLogEntry } from '../../core/workflow.js';
import { bureau, requireParty } from './vouchers.parties.js';
import type { SettlementRow, VouchersRepository } from './vouchers.repository.js';
import { FUNDS_WARNING_SHARE, SETTLEMENT_STEPS, TOTAL_BUDGET_FEN, settledFen } from './vouchers.rules.js';
import type { SettlementStatus, SettlementStep, settlementFlow } from './settlement.flow.js';

type SettlementFlow = Flow<SettlementRow, SettlementStatus, ReturnType<typeof settlementFlow>['steps']>;

/** The statements' store: every statement is the county's, read by all who may read the reports (the route's permission). */
export const settlementStore = (repo: VouchersRepository): FlowStore<SettlementRow> => ({
  load: async (_actor, id) => (await repo.settlementById(id)) ?? null,
  transition: (id, from, to, patch) => repo.transitionStatement(id, from, to, patch),
});

/** One line of a statement: a merchant's redemptions of one China day. */
export interface SettlementLine {
  day: string;
  merchantId: number;
  merchant: string;
  count: number;
  orderFen: number;
  redeemedFen: number;
}

export class SettlementService {
  constructor(
    private readonly repo: VouchersRepository,
    private readonly access: Access,
    readonly flow: SettlementFlow,
    private readonly unitOfWork: UnitOfWork,
    private readonly now: () => string,
  ) {}

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
    await requireParty(this.access, actor, [bureau('industry')], '资金由县工信局分批次拨付至投放平台专户');
    if (!(await this.repo.releaseTranche(actor, amountFen, note, TOTAL_BUDGET_FEN, this.now()))) {
      const f = await this.repo.funds();
      throw conflict(`累计拨付不能超过财政资金 ${formatFen(TOTAL_BUDGET_FEN)} 元（已拨付 ${formatFen(Number(f.released_fen))} 元）`);
    }
    return this.funds();
  }

  /** Settlement: exactly the redeemed amounts, per China day and merchant. */
  async settlement(from: string, to: string) {
    const rows = await this.repo.settlementRows(new Date(`${from}T00:00:00+08:00`).toISOString(), new Date(`${to}T24:00:00+08:00`).toISOString());
    const map = new Map<string, SettlementLine>();
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

  /** A statement as the pages and the print show it; the actor's steps and the step log when given. */
  statementView(r: SettlementRow, extra: { actions?: StepAction[]; timeline?: StepLogEntry[] } = {}) {
    const redeemed = Number(r.redeemed_fen);
    const signed: Record<SettlementStatus, [string | null, string | null]> = {
      reported: [r.reported_by, r.reported_at],
      reviewed: [r.reviewed_by, r.reviewed_at],
      filed: [r.filed_by, r.filed_at],
      settled: [r.settled_by, r.settled_at],
    };
    return {
      id: r.id,
      from: r.from_day,
      to: r.to_day,
      count: r.count,
      orderFen: Number(r.order_fen),
      redeemedFen: redeemed,
      redeemedUpper: fenToChineseUpper(redeemed),
      status: r.status,
      statusLabel: this.flow.label(r.status),
      steps: SETTLEMENT_STEPS.map((st) => ({ status: st.status, label: st.label, by: signed[st.status][0], at: signed[st.status][1] })),
      items: JSON.parse(r.items) as SettlementLine[],
      ...extra,
    };
  }

  /** Every statement, each with the actor's steps and its step log (a statement a week: few). */
  async statements(actor: Actor) {
    const rows = await this.repo.settlements();
    return Promise.all(rows.map(async (r) => this.statementView(r, { actions: await this.flow.actions(actor, r), timeline: await this.flow.timeline(r.id) })));
  }

  /** One statement as printed. */
  async statement(id: number) {
    const r = await this.repo.settlementById(id);
    if (!r) throw notFound(`结算单 ${id}`);
    return this.statementView(r);
  }

  /** 平台报送: the platform reports whole past days; the statement is frozen as reported. */
  async reportSettlement(actor: Actor, from: string, to: string) {
    await requireParty(this.access, actor, [bureau('platform')], '结算报表由投放平台（建行交城支行）报送');
    if (from > to) throw invalidField('from', '晚于截止日期', '起始日期不能晚于截止日期');
    if (to >= chinaDay(this.now())) throw invalidField('to', '应早于今天', '只能报送已经过去的整日（当天的核销仍可冲正）');
    const s = await this.settlement(from, to);
    if (!s.items.length) throw invalidField('from', '没有核销', `${from} 至 ${to} 没有核销记录`);
    // The statement and its first line in the step log are written together.
    const row = await this.unitOfWork(async () => {
      const r = await this.repo.reportSettlement(actor, {
        from_day: from,
        to_day: to,
        count: s.items.reduce((a, x) => a + x.count, 0),
        order_fen: s.items.reduce((a, x) => a + x.orderFen, 0),
        redeemed_fen: s.totalFen,
        items: JSON.stringify(s.items),
        reported_by: actor.name,
        reported_at: this.now(),
      });
      if (r) await this.flow.created(actor, r);
      return r;
    });
    if (!row) throw conflict('所选期间与已报送的结算单重叠，同一天的核销只能结算一次');
    return this.statementView(row, { actions: await this.flow.actions(actor, row) });
  }

  /**
   * What waits on the actor: statements at the step before theirs, and for the platform the whole past days with
   * redemptions that no statement covers yet (reported in order, so only days after the last statement count).
   */
  async workbench(actor: Actor): Promise<WorkItem[]> {
    const rows = await this.repo.settlements();
    const items: WorkItem[] = (await this.flow.waiting(actor, rows)).map((w) => ({ module: '消费券', title: `结算单待${w.label}`, count: w.count, link: '/voucher-dashboard' }));
    if (await this.access.which(actor, [bureau('platform')], {})) {
      const yesterday = addDays(chinaDay(this.now()), -1);
      const last = rows.reduce((m, r) => (r.to_day > m ? r.to_day : m), '');
      const from = last ? addDays(last, 1) : null;
      const days = from && from <= yesterday ? new Set((await this.settlement(from, yesterday)).items.map((x) => x.day)) : new Set<string>();
      if (!last) for (const x of (await this.settlement('2000-01-01', yesterday)).items) days.add(x.day);
      items.push({ module: '消费券', title: '已核销、待报送结算的日期', count: days.size, deadline: [...days].sort()[0] ?? null, link: '/voucher-dashboard' });
    }
    return items;
  }

  /** 县工信局审核 → 县财政局备案 → 结算: each by its body, in order (settlement.flow.ts). */
  async advance(actor: Actor, id: number, to: SettlementStep) {
    const row = await this.flow.run(actor, id, to);
    return this.statementView(row, { actions: await this.flow.actions(actor, row), timeline: await this.flow.timeline(id) });
  }
}
