/** 农村改厕: the township's request for acceptance, the county's spot checks and the three payments. */
import type { Access } from '../../core/access.js';
import type { Actor } from '../../core/audit.js';
import { conflict, forbidden, invalidField, notFound } from '../../core/errors.js';
import type { DirectoryService } from '../directory/index.js';
import { householdInScope, requireOffice, scopeOfToilets, staffOnly } from './toilets.access.js';
import { FROM, type HouseholdStatus } from './toilets.states.js';
import type { PaymentRow, ToiletsRepository } from './toilets.repository.js';
import { PAYMENT_STAGES, SOURCE, plannedFen, split, stageFen, type ModeCode } from './toilets.rules.js';
import type { SpotCheckStatus, ToiletSpotChecks } from './toilets.spotchecks.js';

type MoneyGroup = Awaited<ReturnType<ToiletsRepository['moneyGroups']>>[number];

/**
 * A township's money from what it is counted on (its households grouped by status, mode, 坑位, tender price and subsidy;
 * its payments; its request; its spot checks): allocation, each stage's condition and amount, what was released.
 */
export function moneyOf(groups: readonly MoneyGroup[], paid: readonly PaymentRow[], requestedAt: string | null, spot: (accepted: number) => SpotCheckStatus) {
  const count = (st: HouseholdStatus[]) => groups.filter((g) => st.includes(g.status)).reduce((a, g) => a + Number(g.n), 0);
  const total = count(FROM.agreed);
  const acceptedGroups = groups.filter((g) => g.status === 'accepted');
  const accepted = count(['accepted']);
  const started = count(FROM.started);
  const completed = count(FROM.completed);
  const plannedTotal = groups.reduce((a, g) => a + Number(g.n) * plannedFen(g.mode as ModeCode, g.pits, g.tender_fen === null ? null : Number(g.tender_fen)), 0);
  const allocation = paid[0]?.allocation_fen ?? plannedTotal;
  const acceptedTotal = acceptedGroups.reduce((a, g) => a + Number(g.n) * Number(g.subsidy_fen ?? 0), 0);
  const splitOf = (part: 'provinceFen' | 'countyFen') => acceptedGroups.reduce((a, g) => a + Number(g.n) * split(Number(g.subsidy_fen ?? 0), g.mode as ModeCode)[part], 0);
  // Only the drawn households' checks count: a check recorded elsewhere releases nothing.
  const s = spot(accepted);
  const conditions: Record<number, string | null> = {
    1: !total ? '尚无签订协议的农户' : !started ? '尚未开工' : null,
    2: completed < total || !total ? `签订协议的 ${total} 户中已完工 ${completed} 户` : null,
    3: !requestedAt ? '乡镇尚未提出验收申请' : !s.drawn ? '县农业农村局尚未抽取抽查名单' : s.done < s.need ? `县农业农村局抽查验收 ${s.done}/${s.need} 户` : s.failed ? `抽查不合格 ${s.failed} 户，整改复查后方可拨付` : accepted < total ? `已验收 ${accepted}/${total} 户` : null,
  };
  const stages = PAYMENT_STAGES.map((st) => {
    const done = paid.find((p) => p.stage === st.stage);
    const before = paid.filter((p) => p.stage < st.stage).reduce((a, p) => a + p.amount_fen, 0);
    // 「工程最终以审核为准予以结算」: the last stage pays what the accepted toilets come to, less what was paid.
    const amount = done ? done.amount_fen : st.stage === 3 ? Math.max(0, acceptedTotal - before) : stageFen(allocation, st.percent);
    return { stage: st.stage, name: st.name, percent: st.percent, condition: st.condition, hold: done ? null : conditions[st.stage], amountFen: amount, paid: !!done, paidAt: done?.at ?? null, paidBy: done?.by_name ?? null };
  });
  return {
    households: total,
    started,
    completed,
    accepted,
    allocationFen: allocation,
    acceptedTotalFen: acceptedTotal,
    acceptedSplit: { provinceFen: splitOf('provinceFen'), countyFen: splitOf('countyFen') },
    paidFen: paid.reduce((a, p) => a + p.amount_fen, 0),
    acceptanceRequestedAt: requestedAt,
    spotChecks: { need: s.need, done: s.done, failed: s.failed },
    stages,
  };
}

export class PaymentsService {
  constructor(
    private readonly repo: ToiletsRepository,
    private readonly directory: DirectoryService,
    private readonly access: Access,
    private readonly spot: ToiletSpotChecks,
    private readonly now: () => string,
  ) {}

  /** A township the actor may read the money of: the county any; a township its own; a village its township. */
  private async townshipOf(actor: Actor, townshipId: number) {
    const s = staffOnly(actor);
    const t = await this.directory.get(townshipId).catch(() => null);
    if (!t || t.kind !== 'township') throw notFound(`乡镇 ${townshipId} `);
    if ((s.kind === 'township' || s.kind === 'village') && s.townshipId !== townshipId) throw notFound(`乡镇 ${townshipId} `);
    return t;
  }

  /** 验收申请: the township asks the county to check once every toilet it started is five-party accepted. */
  async requestAcceptance(actor: Actor) {
    const s = scopeOfToilets(actor);
    if (s.kind !== 'township') throw forbidden('验收申请由乡（镇）提出');
    const rows = await this.repo.households({ townshipIds: [s.townshipId], status: FROM.agreed }, 1_000_000);
    const open = rows.filter((r) => r.status !== 'accepted').length;
    const accepted = rows.length - open;
    if (!accepted) throw conflict('尚无五方验收合格的厕所');
    if (open) throw conflict(`尚有 ${open} 户未完成五方签字验收`);
    if (!(await this.repo.requestAcceptance(actor, { township_id: s.townshipId, accepted, by_name: actor.name, at: this.now() }))) throw conflict('已提出验收申请');
    return this.payments(actor, s.townshipId);
  }

  private async requested(townshipId: number) {
    return (await this.repo.acceptanceRequests()).find((r) => r.township_id === townshipId) ?? null;
  }

  /** The households the county checks: ≥ 10 % of the township's accepted toilets, drawn from a seed once per application. */
  async drawSpotChecks(actor: Actor, townshipId: number, seed: string) {
    await requireOffice(this.access, actor);
    await this.townshipOf(actor, townshipId);
    return this.spot.draw(actor, townshipId, seed, !!(await this.requested(townshipId)));
  }

  /** The township's recorded draw (seed, who, when, the households and their checks), or null. */
  async spotDraw(actor: Actor, townshipId: number) {
    await requireOffice(this.access, actor);
    await this.townshipOf(actor, townshipId);
    return this.spot.recorded(actor, townshipId);
  }

  async recordSpotCheck(actor: Actor, householdId: number, passed: boolean, note: string) {
    await requireOffice(this.access, actor);
    const h = await this.repo.household(householdId);
    if (!h || !householdInScope(actor, h)) throw notFound(`改厕户 ${householdId} `);
    if (h.status !== 'accepted') throw conflict('只抽查五方验收合格的厕所');
    if (!(await this.requested(h.township_id))) throw conflict('乡镇尚未提出验收申请');
    await this.spot.record(actor, h, passed, note);
    return this.payments(actor, h.township_id);
  }

  /** The township's money: allocation, each stage's condition and amount, what was released; the accepted total. */
  async payments(actor: Actor, townshipId: number) {
    const t = await this.townshipOf(actor, townshipId);
    // Counted by what the money depends on: a few groups, whatever the size.
    const groups = await this.repo.moneyGroups(FROM.agreed, [townshipId]);
    const request = await this.requested(townshipId);
    const accepted = groups.filter((g) => g.status === 'accepted').reduce((a, g) => a + Number(g.n), 0);
    const spot = await this.spot.status(townshipId, accepted);
    return { townshipId, township: t.name, ...moneyOf(groups, await this.repo.payments(townshipId), request?.at ?? null, () => spot) };
  }

  /** 拨付: a stage, in order, once its condition is met; 30 % and 40 % of the allocation, then the audited rest. */
  async release(actor: Actor, townshipId: number, stage: number) {
    await requireOffice(this.access, actor);
    const p = await this.payments(actor, townshipId);
    const s = p.stages.find((x) => x.stage === stage);
    if (!s) throw invalidField('stage', '未知阶段', '拨付阶段应为 1、2、3');
    if (s.paid) throw conflict(`第 ${stage} 笔（${s.name}）已拨付`);
    const earlier = p.stages.find((x) => x.stage < stage && !x.paid);
    if (earlier) throw conflict(`须先拨付第 ${earlier.stage} 笔（${earlier.name}）`);
    if (s.hold) throw conflict(`「${s.name}」拨付条件未满足：${s.hold}`);
    const ok = await this.repo.pay(actor, { township_id: townshipId, stage, allocation_fen: p.allocationFen, amount_fen: s.amountFen, basis: JSON.stringify({ households: p.households, completed: p.completed, accepted: p.accepted, acceptedTotalFen: p.acceptedTotalFen, source: SOURCE }), by_name: actor.name, at: this.now() });
    if (!ok) throw conflict(`第 ${stage} 笔已拨付`);
    return this.payments(actor, townshipId);
  }
}
