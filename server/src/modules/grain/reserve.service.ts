/**
 * 县级储备粮 (交政发〔2022〕8号): the reserve's scale as the office enters it, the lots (不宜存 not counted), the rotation
 * on the kit with its orders (each with its public bid), receipts (below 中等 refused) and the 农发行's records.
 */
import { inScope, OWNER } from '../../core/access.js';
import type { FilePolicy } from '../../core/module.js';
import type { Access } from '../../core/access.js';
import type { Actor } from '../../core/audit.js';
import { isUniqueViolation, type UnitOfWork } from '../../core/db.js';
import { conflict, forbidden, invalidField, notFound } from '../../core/errors.js';
import { yuanToFen } from '../../core/money.js';
import type { WorkItem } from '../../core/module.js';
import type { Flow } from '../../core/workflow.js';
import type { AccountsService } from '../accounts/index.js';
import { BANK, CENTRE, REFORM, reserveScope, requireParty, type ReserveScope } from './grain.access.js';
import { ROTATION_WAITING, type RotationStatus } from './grain.flow.js';
import { BANK_RULE, BID_CHANNELS, PLAN_2022, PURCHASE_RULE, ROTATION_SHARE, RESERVE_SOURCE, checkShare, fitForReserve, gapDays, gapRisk, gradeRefusal, kgToWanJin, wanJinToKg, yuanPerTonneToFen, type Grade } from './grain.rules.js';
import type { LotRow, OrderRow, ReserveRepository, RotationRow } from './reserve.repository.js';

export type RotationFlow = Flow<RotationRow, RotationStatus, any>;

export interface LotIn { code: string; grain: string; quantity: string; grade: Grade; yearStored: number; warehouse: string; enterpriseName: string; enterpriseUsername: string | null }
export interface RotationIn { year: number; grain: string; quantity: string; mode: string; enterpriseName: string; enterpriseUsername: string | null; note: string; shareReason: string | null }
export interface BidIn { channel: string; date: string; bidders: string[]; winner: string; price: string; resultDoc: string }
export interface OrderIn { direction: 'out' | 'in'; quantity: string | null; lotIds: number[]; bid: BidIn | null }
export interface ReceiptIn { orderId: number; quantity: string; grade: Grade; warehouse: string; lotCode: string; inspectionNo: string; inspector: string; receivedOn: string }
export interface FinanceIn { kind: 'loan' | 'repayment'; amount: string; date: string; reference: string }

const inOwn = (s: ReserveScope, ownerUserId: number | null) => s.kind === 'county' || inScope(s, { ownerUserId });

/** The states in which the 农发行 records a loan or a repayment: from approval until the rotation is closed. */
const FINANCE_STATES: readonly string[] = ['approved', 'received', 'reviewed'];

export class ReserveService {
  constructor(
    private readonly repo: ReserveRepository,
    private readonly access: Access,
    private readonly accounts: AccountsService,
    readonly flow: RotationFlow,
    private readonly uow: UnitOfWork,
    private readonly today: () => string,
    private readonly now: () => string,
  ) {}

  /** The store the procedure runs on: a rotation the actor may read, and its conditional move. */
  static store(repo: ReserveRepository, access: Access) {
    return {
      load: async (actor: Actor, id: number) => {
        const r = await repo.rotation(id);
        if (!r) return null;
        const s = await reserveScope(access, actor).catch(() => null);
        return s && inOwn(s, r.owner_user_id) ? r : null;
      },
      transition: (id: number, from: readonly string[], to: string, patch: Record<string, unknown>) => repo.transition(id, from, to, patch),
    };
  }

  private async ownerOf(username: string | null, field: string): Promise<number | null> {
    if (!username) return null;
    const id = await this.accounts.idOf(username);
    if (!id) throw invalidField(field, `没有账号「${username}」`);
    return id;
  }

  // ── the reserve's scale ──

  /** The scale in force, what the lots count, and the year's share. */
  async reserve(actor: Actor, year: number) {
    await reserveScope(this.access, actor);
    const scale = await this.repo.scaleFor(year);
    const counted = await this.repo.countedKg();
    const planned = await this.repo.plannedKg(year);
    const share = scale ? checkShare(planned, scale.scale_kg, year, scale.established_year) : null;
    return {
      year,
      source: RESERVE_SOURCE,
      scale: scale ? { year: scale.year, establishedYear: scale.established_year, scaleKg: scale.scale_kg, scaleWanJin: kgToWanJin(scale.scale_kg), source: scale.source, enteredBy: scale.entered_by } : null,
      counted: counted.map((c) => ({ grain: c.grain, kg: c.kg, wanJin: kgToWanJin(c.kg) })),
      countedWanJin: kgToWanJin(counted.reduce((s, c) => s + c.kg, 0)),
      plan2022: PLAN_2022.map((p) => ({ grain: p.grain, kg: p.kg, wanJin: kgToWanJin(p.kg) })),
      plannedWanJin: kgToWanJin(planned),
      sharePercent: share ? (share.basisPoints / 100).toFixed(2) : null,
      shareProblem: share?.problem ?? (scale ? null : `尚未录入 ${year} 年县级储备粮规模`),
      // Whether this actor files 轮换申请 (the centre): the page shows the form from this, never from the role.
      mayApply: !!(await this.access.which(actor, CENTRE, {})),
    };
  }

  /** Enter a year's scale from its document (the office's figure; the notice gives none). */
  async enterScale(actor: Actor, b: { year: number; establishedYear: number; scale: string; source: string }) {
    await requireParty(this.access, actor, [...CENTRE, ...REFORM], '县级储备粮规模');
    if (b.establishedYear > b.year) throw invalidField('establishedYear', '建立储备的年份不能晚于本年');
    const kg = wanJinToKg(b.scale, 'scale');
    try {
      await this.repo.addScale(actor, { year: b.year, established_year: b.establishedYear, scale_kg: kg, source: b.source, entered_by: actor.name, entered_at: this.now() });
    } catch (e) {
      if (isUniqueViolation(e)) throw conflict(`${b.year} 年的储备规模已录入`);
      throw e;
    }
    return this.reserve(actor, b.year);
  }

  // ── lots ──

  lotView(l: LotRow) {
    const days = l.sold_on ? gapDays(l.sold_on, l.replaced_on, this.today()) : null;
    return {
      id: l.id,
      code: l.code,
      grain: l.grain,
      quantityKg: l.quantity_kg,
      quantityWanJin: kgToWanJin(l.quantity_kg),
      grade: l.grade,
      yearStored: l.year_stored,
      warehouse: l.warehouse,
      enterpriseName: l.enterprise_name,
      status: l.status,
      statusLabel: l.status === 'stored' ? '在储' : '已轮出',
      unfit: !!l.unfit,
      unfitReason: l.unfit_reason,
      counted: l.status === 'stored' && !l.unfit,
      soldOn: l.sold_on,
      replacedOn: l.replaced_on,
      gapDays: days,
      risk: days === null ? null : l.replaced_on ? '已补库' : gapRisk(days),
      demo: !!l.demo,
    };
  }

  async lots(actor: Actor) {
    const s = await reserveScope(this.access, actor);
    return (await this.repo.lots(s.kind === 'own' ? { ownerId: s.userId } : {})).map((l) => this.lotView(l));
  }

  /** Register a lot: the centre for any enterprise, a 承储企业 its own. */
  async addLot(actor: Actor, b: LotIn, opts: { demo?: boolean } = {}) {
    const s = await reserveScope(this.access, actor);
    if (s.kind === 'county') await requireParty(this.access, actor, CENTRE, '储备粮货位登记');
    const owner = s.kind === 'own' ? s.userId : await this.ownerOf(b.enterpriseUsername, 'enterpriseUsername');
    const kg = wanJinToKg(b.quantity);
    try {
      const row = await this.repo.addLot(actor, { code: b.code, grain: b.grain, quantity_kg: kg, grade: b.grade, year_stored: b.yearStored, warehouse: b.warehouse, enterprise_name: b.enterpriseName, owner_user_id: owner, status: 'stored', unfit: 0, unfit_reason: null, sold_on: null, sold_order_id: null, replaced_on: null, replaced_by_lot_id: null, receipt_id: null, demo: opts.demo ? 1 : 0, created_by: actor.name, created_at: this.now() });
      return this.lotView(row);
    } catch (e) {
      if (isUniqueViolation(e)) throw conflict(`货位编号 ${b.code} 已登记`, [{ field: 'code', message: '编号已登记' }]);
      throw e;
    }
  }

  /** Mark a lot 不宜存: it no longer counts towards the reserve's scale. */
  async markUnfit(actor: Actor, id: number, reason: string) {
    const s = await reserveScope(this.access, actor);
    const l = await this.repo.lot(id);
    if (!l || !inOwn(s, l.owner_user_id)) throw notFound(`储备粮货位 ${id}`);
    if (s.kind === 'county') await requireParty(this.access, actor, CENTRE, '标记不宜存');
    if (!(await this.repo.markUnfit(actor, id, reason))) throw conflict(l.unfit ? '该货位已标记不宜存' : '该货位已轮出');
    return this.lotView((await this.repo.lot(id))!);
  }

  // ── rotations ──

  private async view(actor: Actor, r: RotationRow) {
    return {
      id: r.id,
      year: r.year,
      grain: r.grain,
      plannedKg: r.planned_kg,
      plannedWanJin: kgToWanJin(r.planned_kg),
      mode: r.mode,
      enterpriseName: r.enterprise_name,
      sharePercent: (r.share_bp / 100).toFixed(2),
      shareReason: r.share_reason,
      note: r.application_note,
      status: r.status,
      statusLabel: this.flow.label(r.status),
      approvedBy: r.approved_by,
      approvalNote: r.approval_note,
      subsidyRateFen: r.subsidy_rate_fen,
      subsidySource: r.subsidy_source,
      rotatedKg: r.rotated_kg,
      rotatedWanJin: r.rotated_kg === null ? null : kgToWanJin(r.rotated_kg),
      saleFen: r.sale_fen,
      purchaseFen: r.purchase_fen,
      subsidyFen: r.subsidy_fen,
      lossFen: r.loss_fen,
      demo: !!r.demo,
      createdAt: r.created_at,
      actions: await this.flow.actions(actor, r),
    };
  }

  async rotations(actor: Actor) {
    const s = await reserveScope(this.access, actor);
    const rows = await this.repo.rotations(s.kind === 'own' ? { ownerId: s.userId } : {});
    return Promise.all(rows.map((r) => this.view(actor, r)));
  }

  private async load(actor: Actor, id: number) {
    const r = await ReserveService.store(this.repo, this.access).load(actor, id);
    if (!r) throw notFound(`储备粮轮换 ${id}`);
    return r;
  }

  orderView(o: OrderRow) {
    return { id: o.id, rotationId: o.rotation_id, direction: o.direction, directionLabel: o.direction === 'out' ? '轮出' : '轮入', quantityKg: o.quantity_kg, quantityWanJin: kgToWanJin(o.quantity_kg), lotIds: JSON.parse(o.lot_ids) as number[], channel: o.channel, bidDate: o.bid_date, bidders: o.bidders.split('、'), bidderCount: o.bidder_count, winner: o.winner, priceFen: o.price_fen, resultDoc: o.result_doc, createdBy: o.created_by };
  }

  /** A rotation with its orders, receipts, the bank's records, actions and step log. */
  async detail(actor: Actor, id: number) {
    const r = await this.load(actor, id);
    const [orders, receipts, finance] = await Promise.all([this.repo.orders({ rotationId: id }), this.repo.receipts(id), this.repo.finance(id)]);
    // Which of the rotation's records this actor may enter now: the same parties and states addOrder, addReceipt and
    // addFinance check, so a page shows a form only to whom the server will take it from.
    const holder = (await this.access.which(actor, [OWNER, ...CENTRE], { ownerUserId: r.owner_user_id })) !== null;
    const bank = (await this.access.which(actor, BANK, {})) !== null;
    const forms = { order: holder && r.status === 'approved', receipt: holder && r.status === 'approved', finance: bank && FINANCE_STATES.includes(r.status) };
    return {
      ...(await this.view(actor, r)),
      forms,
      orders: orders.map((o) => this.orderView(o)),
      receipts: receipts.map((x) => ({ id: x.id, orderId: x.order_id, lotId: x.lot_id, warehouse: x.warehouse, quantityKg: x.quantity_kg, quantityWanJin: kgToWanJin(x.quantity_kg), grade: x.grade, inspectionNo: x.inspection_no, inspector: x.inspector, receivedOn: x.received_on })),
      finance: finance.map((f) => ({ id: f.id, kind: f.kind, kindLabel: f.kind === 'loan' ? '轮入贷款' : '销售款回笼', amountFen: f.amount_fen, date: f.on_date, reference: f.reference, createdBy: f.created_by })),
      timeline: await this.flow.timeline(id),
    };
  }

  /** The centre's 轮换申请: the year's share of the reserve checked (outside 20–30 % only with a recorded reason). */
  async apply(actor: Actor, b: RotationIn, opts: { demo?: boolean } = {}) {
    await requireParty(this.access, actor, CENTRE, '轮换申请');
    const kg = wanJinToKg(b.quantity);
    const scale = await this.repo.scaleFor(b.year);
    if (!scale) throw conflict(`尚未录入 ${b.year} 年县级储备粮规模（文件未载明，由县粮食和物资储备中心录入），不能核对轮换比例`);
    const share = checkShare((await this.repo.plannedKg(b.year)) + kg, scale.scale_kg, b.year, scale.established_year);
    const reason = b.shareReason?.trim() || null;
    // A year's plan comes in several applications (2022: 小麦, then 玉米), so only passing 30 % needs a reason here;
    // a year still below 20 % is shown on the reserve's view as its problem.
    const over = share.basisPoints > ROTATION_SHARE.maxPercent * 100 || share.problem?.includes('第二年');
    if (over && !reason) throw invalidField('shareReason', `${share.problem}：须填写理由`, `${share.problem}（${RESERVE_SOURCE}要求每年按储备总量的 20—30%轮换），请填写理由`);
    const owner = await this.ownerOf(b.enterpriseUsername, 'enterpriseUsername');
    return this.uow(async () => {
      const row = await this.repo.createRotation({ year: b.year, grain: b.grain, planned_kg: kg, mode: b.mode, owner_user_id: owner, enterprise_name: b.enterpriseName, share_bp: share.basisPoints, share_reason: over ? reason : null, application_note: b.note, status: 'applied', approved_by: null, approval_note: null, subsidy_rate_fen: null, subsidy_source: null, rotated_kg: null, sale_fen: null, purchase_fen: null, subsidy_fen: null, loss_fen: null, reviewed_by: null, review_note: null, closed_by: null, demo: opts.demo ? 1 : 0, created_by: actor.name, created_at: this.now() });
      await this.flow.created(actor, row, b.note);
      return this.view(actor, row);
    });
  }

  step(actor: Actor, id: number, step: string, body: unknown) {
    return this.flow.run(actor, id, step as never, body).then(() => this.detail(actor, id));
  }

  /** A 轮出 or 轮入 order with its public bid (「进入粮食电子交易平台或市级粮油批发市场进行公开招投标竞价」). */
  async addOrder(actor: Actor, id: number, b: OrderIn) {
    const r = await this.load(actor, id);
    await this.access.require(actor, [OWNER, ...CENTRE], { ownerUserId: r.owner_user_id }, `轮出、轮入订单（${PURCHASE_RULE}）`);
    if (r.status !== 'approved') throw conflict(`当前为「${this.flow.label(r.status)}」，须经县发展和改革局批准后方可轮出、轮入`);
    const bid = b.bid;
    if (!bid) throw invalidField('bid', '须附公开招投标竞价记录', `轮出、轮入须进入${BID_CHANNELS.join('或')}公开招投标竞价：请填写竞价记录`);
    const bidders = bid.bidders.map((x) => x.trim()).filter(Boolean);
    if (!bidders.includes(bid.winner.trim())) throw invalidField('bid.winner', '中标（成交）方应为参与竞价的单位之一');
    const price = yuanPerTonneToFen(bid.price, 'bid.price');
    if (price <= 0) throw invalidField('bid.price', '成交价应大于 0');
    const orders = await this.repo.orders({ rotationId: id });
    const sum = (d: 'out' | 'in') => orders.filter((o) => o.direction === d).reduce((s, o) => s + o.quantity_kg, 0);
    let kg: number;
    let lots: LotRow[] = [];
    if (b.direction === 'out') {
      if (!b.lotIds.length) throw invalidField('lotIds', '请选择轮出的货位');
      lots = await this.repo.lots({ ids: b.lotIds });
      const bad = lots.length !== new Set(b.lotIds).size ? '所选货位不存在' : lots.find((l) => l.grain !== r.grain) ? `只能轮出${r.grain}货位` : lots.find((l) => l.status !== 'stored') ? '所选货位已轮出' : lots.find((l) => r.owner_user_id !== null && l.owner_user_id !== r.owner_user_id) ? '只能轮出本承储企业的货位' : null;
      if (bad) throw invalidField('lotIds', bad);
      kg = lots.reduce((s, l) => s + l.quantity_kg, 0);
      if (sum('out') + kg > r.planned_kg) throw conflict(`轮出累计 ${kgToWanJin(sum('out') + kg)} 万斤，超过轮换计划 ${kgToWanJin(r.planned_kg)} 万斤`);
    } else {
      if (!b.quantity) throw invalidField('quantity', '请填写轮入数量（万斤）');
      kg = wanJinToKg(b.quantity);
      // 先销后购: buying waits for the sale; 边销边购 lets both run together.
      if (r.mode === '先销后购' && !sum('out')) throw conflict('本次轮换采取「先销后购」：须先轮出后轮入');
      if (sum('in') + kg > r.planned_kg) throw conflict(`轮入累计 ${kgToWanJin(sum('in') + kg)} 万斤，超过轮换计划 ${kgToWanJin(r.planned_kg)} 万斤`);
    }
    return this.uow(async () => {
      if (!(await this.repo.lockRotation(id, 'approved'))) throw conflict('状态已变化，请刷新后重试');
      const row = await this.repo.addOrder(actor, { rotation_id: id, direction: b.direction, quantity_kg: kg, lot_ids: JSON.stringify(lots.map((l) => l.id)), channel: bid.channel, bid_date: bid.date, bidders: bidders.join('、'), bidder_count: bidders.length, winner: bid.winner.trim(), price_fen: price, result_doc: bid.resultDoc, created_by: actor.name, created_at: this.now() });
      if (lots.length && !(await this.repo.sellLots(lots.map((l) => l.id), bid.date, row.id))) throw conflict('所选货位已被其他订单轮出，请刷新后重试');
      return this.orderView(row);
    });
  }

  /**
   * The bid's result documents (成交确认书, 竞价结果) as files on the order: read by whoever reads its rotation,
   * attached by whoever may enter its orders, while the rotation takes them.
   */
  readonly bidFiles: FilePolicy = {
    mimes: ['application/pdf', 'image/jpeg', 'image/png'],
    canRead: async (actor, entityId) => {
      const order = /^\d+$/.test(entityId) ? await this.repo.order(Number(entityId)) : undefined;
      if (!actor || !order) return false;
      return !!(await ReserveService.store(this.repo, this.access).load(actor, order.rotation_id));
    },
    canAttach: async (actor, entityId) => {
      const order = /^\d+$/.test(entityId) ? await this.repo.order(Number(entityId)) : undefined;
      const r = order && (await ReserveService.store(this.repo, this.access).load(actor, order.rotation_id));
      return !!r && r.status === 'approved' && (await this.access.which(actor, [OWNER, ...CENTRE], { ownerUserId: r.owner_user_id })) !== null;
    },
  };

  /** A warehouse receipt of an 轮入 order, with its inspection: grain below 中等 is refused and nothing written. */
  async addReceipt(actor: Actor, id: number, b: ReceiptIn) {
    const r = await this.load(actor, id);
    await this.access.require(actor, [OWNER, ...CENTRE], { ownerUserId: r.owner_user_id }, '入库验收');
    if (r.status !== 'approved') throw conflict(`当前为「${this.flow.label(r.status)}」，不能入库验收`);
    if (!fitForReserve(b.grade)) throw invalidField('grade', gradeRefusal(b.grade));
    const order = await this.repo.order(b.orderId);
    if (!order || order.rotation_id !== id || order.direction !== 'in') throw invalidField('orderId', '请选择本次轮换的轮入订单');
    const kg = wanJinToKg(b.quantity);
    const got = (await this.repo.receivedByOrder(id)).get(order.id) ?? 0;
    if (got + kg > order.quantity_kg) throw invalidField('quantity', `超过轮入订单尚未入库的 ${kgToWanJin(order.quantity_kg - got)} 万斤`);
    try {
      return await this.uow(async () => {
        if (!(await this.repo.lockRotation(id, 'approved'))) throw conflict('状态已变化，请刷新后重试');
        const lot = await this.repo.addLot(actor, { code: b.lotCode, grain: r.grain, quantity_kg: kg, grade: b.grade, year_stored: Number(b.receivedOn.slice(0, 4)), warehouse: b.warehouse, enterprise_name: r.enterprise_name, owner_user_id: r.owner_user_id, status: 'stored', unfit: 0, unfit_reason: null, sold_on: null, sold_order_id: null, replaced_on: null, replaced_by_lot_id: null, receipt_id: null, demo: r.demo, created_by: actor.name, created_at: this.now() }, 'receive');
        const rec = await this.repo.addReceipt(actor, { rotation_id: id, order_id: order.id, lot_id: lot.id, warehouse: b.warehouse, quantity_kg: kg, grade: b.grade, inspection_no: b.inspectionNo, inspector: b.inspector, received_on: b.receivedOn, created_by: actor.name, created_at: this.now() });
        await this.repo.setLotReceipt(lot.id, rec.id);
        await this.repo.replaceLots(id, lot.id, b.receivedOn);
        return { id: rec.id, lotId: lot.id, quantityKg: kg, quantityWanJin: kgToWanJin(kg), grade: b.grade };
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw conflict('货位编号或检验报告编号已登记', [{ field: 'inspectionNo', message: '已登记' }]);
      throw e;
    }
  }

  /** The 农发行's purchase loan or the repayment from the sale (「销售款的及时回笼」). */
  async addFinance(actor: Actor, id: number, b: FinanceIn) {
    const r = await this.load(actor, id);
    await requireParty(this.access, actor, BANK, `轮入贷款与销售款回笼（${BANK_RULE}）`);
    if (!FINANCE_STATES.includes(r.status)) throw conflict(`当前为「${this.flow.label(r.status)}」，不能登记贷款或回笼`);
    const fen = yuanToFen(b.amount, 'amount');
    if (fen <= 0) throw invalidField('amount', '金额应大于 0');
    const row = await this.uow(() => this.repo.addFinance(actor, { rotation_id: id, kind: b.kind, amount_fen: fen, on_date: b.date, reference: b.reference, created_by: actor.name, created_at: this.now() }));
    return { id: row.id, kind: row.kind, kindLabel: row.kind === 'loan' ? '轮入贷款' : '销售款回笼', amountFen: row.amount_fen, date: row.on_date, reference: row.reference, createdBy: row.created_by };
  }

  /** Every order with its bid (the bids' ledger). */
  async bids(actor: Actor) {
    const s = await reserveScope(this.access, actor);
    return (await this.repo.orders(s.kind === 'own' ? { ownerId: s.userId } : {})).map((o) => this.orderView(o));
  }

  /** The lots gone out, with their 轮空期 and its risk. */
  async gaps(actor: Actor) {
    return (await this.lots(actor)).filter((l) => l.soldOn);
  }

  async finance(actor: Actor) {
    const s = await reserveScope(this.access, actor);
    if (s.kind === 'own') throw forbidden('贷款与回笼台账由县财政局、县农发行等查看');
    const rotations = new Map((await this.repo.rotations()).map((r) => [r.id, r]));
    return (await this.repo.finance()).map((f) => ({ id: f.id, rotationId: f.rotation_id, grain: rotations.get(f.rotation_id)?.grain ?? '', kind: f.kind, kindLabel: f.kind === 'loan' ? '轮入贷款' : '销售款回笼', amountFen: f.amount_fen, date: f.on_date, reference: f.reference, createdBy: f.created_by }));
  }

  /** What waits on the actor among the rotations they read. */
  async workbench(actor: Actor): Promise<WorkItem[]> {
    const s = await reserveScope(this.access, actor).catch(() => null);
    if (!s) return [];
    const rows = await this.repo.rotations(s.kind === 'own' ? { ownerId: s.userId } : {});
    // A step that waits on no one (不予批准 is the other answer to the same application) is not a to-do of its own.
    return (await this.flow.waiting(actor, rows)).filter((w) => ROTATION_WAITING[w.step]).map((w) => ({ module: '粮食', title: ROTATION_WAITING[w.step]!, count: w.count, link: '/grain?tab=rotations' }));
  }

  /** Demo installs: whether the demo was seeded. */
  hasDemo() {
    return this.repo.hasDemo();
  }
}
