/** 农村改厕: the townships' quotas, the villages' coverage, the list's public notice and its objections, the tenders. */
import { TOWNSHIP, scopeOf, type Access } from '../../core/access.js';
import type { Actor } from '../../core/audit.js';
import type { UnitOfWork } from '../../core/db.js';
import { conflict, forbidden, invalidField, notFound } from '../../core/errors.js';
import type { DirectoryService } from '../directory/index.js';
import type { NoticesService } from '../notices/index.js';
import { filterOf, isOffice, staffOnly, scopeOfToilets } from './toilets.access.js';
import { FROM } from './toilets.states.js';
import { HouseholdsChanged, type HouseholdRow, type ToiletsRepository } from './toilets.repository.js';
import { MODES, NOTICE_DAYS, OLD_PARTS, PLAN_TOTAL_2022, QUOTAS_2022, SOURCE, mode, ratePermille, reaches } from './toilets.rules.js';

type Progress = Awaited<ReturnType<ToiletsRepository['progress']>>;

export class SelectionService {
  constructor(
    private readonly repo: ToiletsRepository,
    private readonly directory: DirectoryService,
    private readonly notices: NoticesService,
    private readonly access: Access,
    private readonly uow: UnitOfWork,
    private readonly today: () => string,
    private readonly now: () => string,
  ) {}

  /** The year's quotas for the three townships the document names (unknown names are skipped). */
  async seed(): Promise<string[]> {
    // The townships' quotas are the county's plan shared out: a table that does not add up to it is not installed.
    const shared = QUOTAS_2022.reduce((a, q) => a + q.total, 0);
    if (shared !== PLAN_TOTAL_2022) throw new Error(`各乡镇改厕指标合计 ${shared} 座，与全县计划 ${PLAN_TOTAL_2022} 座不符（${SOURCE} 三、（二））`);
    const units = await this.directory.all();
    const rows: { township_id: number; bucket: string; label: string; cap: number }[] = [];
    for (const q of QUOTAS_2022) {
      const t = units.find((u) => u.kind === 'township' && u.name === q.township);
      if (!t) continue;
      rows.push({ township_id: t.id, bucket: 'total', label: '合计', cap: q.total });
      for (const p of q.parts) rows.push({ township_id: t.id, bucket: p.bucket, label: p.label, cap: p.cap });
    }
    await this.repo.seedQuotas(rows);
    return [];
  }

  /** Per village of the scope: households, already sanitary, wishing, chosen, accepted; the rate now and reachable. */
  async coverage(actor: Actor, counted?: Progress) {
    const s = filterOf(staffOnly(actor));
    const rows = counted ?? (await this.repo.progress(s.townshipIds));
    const units = new Map((await this.directory.all()).map((u) => [u.id, u]));
    const by = new Map<number, { villageId: number; village: string; townshipId: number; township: string; households: number; sanitary: number; wishing: number; chosen: number; accepted: number }>();
    for (const r of rows) {
      if (s.villageIds && !s.villageIds.includes(r.village_id)) continue;
      const v = by.get(r.village_id) ?? { villageId: r.village_id, village: units.get(r.village_id)?.name ?? String(r.village_id), townshipId: r.township_id, township: units.get(r.township_id)?.name ?? '', households: 0, sanitary: 0, wishing: 0, chosen: 0, accepted: 0 };
      const n = Number(r.n);
      v.households += n;
      if (r.sanitary) v.sanitary += n;
      else if (r.wish && r.status !== 'withdrawn') v.wishing += n;
      if (FROM.selected.includes(r.status)) v.chosen += n;
      if (r.status === 'accepted') v.accepted += n;
      by.set(r.village_id, v);
    }
    return [...by.values()]
      .map((v) => ({
        ...v,
        ratePermille: ratePermille(v.sanitary + v.accepted, v.households),
        reachablePermille: ratePermille(v.sanitary + v.wishing, v.households),
        canReach: reaches(v.sanitary + v.wishing, v.households),
        reached: reaches(v.sanitary + v.accepted, v.households),
      }))
      .sort((a, b) => Number(b.canReach) - Number(a.canReach) || b.reachablePermille - a.reachablePermille || a.villageId - b.villageId);
  }

  /**
   * 「乡镇优先安排改造整村推进率能达到 85%以上的村庄」: whether the household's village can reach it, and the other villages
   * that can and still have wishing households not chosen.
   */
  async priority(actor: Actor, h: HouseholdRow): Promise<{ canReach: boolean; waiting: string[] }> {
    const villages = await this.coverage(actor);
    const here = villages.find((v) => v.villageId === h.village_id);
    return { canReach: here?.canReach ?? true, waiting: villages.filter((v) => v.canReach && v.villageId !== h.village_id && v.wishing - v.chosen > 0).map((v) => v.village) };
  }

  async quotas(actor: Actor) {
    const s = filterOf(staffOnly(actor));
    const units = new Map((await this.directory.all()).map((u) => [u.id, u.name]));
    const rows = await this.repo.quotas();
    return QUOTAS_2022.map((q) => {
      const mine = rows.filter((r) => units.get(r.township_id) === q.township);
      return { township: q.township, townshipId: mine[0]?.township_id ?? null, hint: q.hint, buckets: mine.map((r) => ({ bucket: r.bucket, label: r.label, cap: r.cap, used: r.used })) };
    }).filter((q) => !s.townshipIds || (q.townshipId !== null && s.townshipIds.includes(q.townshipId)));
  }

  /**
   * 公示: the village's chosen households not yet noticed and the subsidy policy go on the 村务公开栏 for at least 7 days,
   * written with the batch in one step.
   */
  async publishBatch(actor: Actor, villageId: number) {
    const v = await this.directory.get(villageId).catch(() => null);
    if (!v || v.kind !== 'village' || !(await this.access.is(actor, TOWNSHIP, { townshipId: v.parentId }))) throw forbidden('改厕户名单由所在乡（镇）在村务公开栏公示');
    const list = (await this.repo.households({ villageIds: [villageId], status: ['selected'] })).filter((h) => h.batch_id === null);
    if (!list.length) throw conflict('本村没有待公示的改厕户');
    const policy = MODES.map((m) => `${m.name}：${m.code === 'old' ? `${m.standardFen / 100} 元/座（地下粪池材料约 ${OLD_PARTS.materialsEstimateFen / 100} 元以中标价为准、施工 ${OLD_PARTS.worksFen / 100} 元，地上厕屋 ${OLD_PARTS.superstructureFen / 100} 元/院以奖代补，验收合格方予补助）` : `${m.standardFen / 100} 元/${m.unit}`}，省、县按 ${m.province}:${m.county} 负担`).join('\n');
    const names = list.map((h, i) => `${i + 1}. ${h.head_name}（${h.address}）—— ${mode(h.mode!).name}`).join('\n');
    const row = await this.uow(async () => {
      const notice = await this.notices.publishToday(actor, {
        unitId: villageId,
        subject: `${v.name} 2022 年农村改厕户名单及补助政策公示`,
        content: `经摸底调查、农户自愿，${v.name}拟确定以下 ${list.length} 户为 2022 年农村改厕户：\n${names}\n\n补助政策（${SOURCE}）：\n${policy}\n不足部分由村集体或个户负担。\n公示期不少于 ${NOTICE_DAYS} 天，如有异议，请向村委会或乡（镇）人民政府反映。`,
        basis: `${SOURCE} 五、（一）1.`,
        minLength: NOTICE_DAYS,
        unit: '日',
      });
      return this.repo
        .createBatch(actor, { township_id: v.parentId!, village_id: villageId, notice_id: notice.id, notice_end: notice.earliestEnd, households: list.length, by_name: actor.name, at: this.now() }, list.map((h) => h.id))
        .catch((e: unknown) => {
          if (e instanceof HouseholdsChanged) throw conflict('名单已变化，请刷新后重新公示');
          throw e;
        });
    });
    return this.batchView(actor, row!.id);
  }

  async batches(actor: Actor) {
    const s = filterOf(staffOnly(actor));
    const rows = await this.repo.batches(s.townshipIds);
    const units = new Map((await this.directory.all()).map((u) => [u.id, u.name]));
    return rows.filter((b) => !s.villageIds || s.villageIds.includes(b.village_id)).map((b) => ({ id: b.id, villageId: b.village_id, village: units.get(b.village_id) ?? '', noticeId: b.notice_id, noticeEnd: b.notice_end, households: b.households, at: b.at, ended: this.today() > b.notice_end }));
  }

  /** A batch with its notice's objections and how each was resolved. */
  async batchView(actor: Actor, id: number) {
    const b = await this.repo.batch(id);
    if (!b) throw notFound(`公示批次 ${id} `);
    const s = scopeOfToilets(actor);
    // The village and township that ran it; in the county the office, the administrator and the auditor.
    const sees = s.kind === 'village' ? s.villageId === b.village_id : s.kind === 'township' ? s.townshipId === b.township_id : scopeOf(actor).kind === 'county' || (await isOffice(this.access, actor));
    if (!sees) throw notFound(`公示批次 ${id} `);
    // The notices module decides who reads objections in full (the unit that published); others read them as the public.
    const objections = (await this.notices.objections(actor, b.notice_id, 1, 500)).items.filter((o) => !o.spam);
    const res = new Map((await this.repo.resolutions(id)).map((r) => [r.objection_id, r]));
    return {
      id: b.id,
      villageId: b.village_id,
      noticeId: b.notice_id,
      noticeEnd: b.notice_end,
      households: b.households,
      ended: this.today() > b.notice_end,
      objections: objections.map((o) => ({ id: o.id, name: o.name, text: o.text, receivedAt: o.receivedAt, resolution: res.get(o.id)?.resolution ?? null, resolvedBy: res.get(o.id)?.by_name ?? null })),
    };
  }

  /** The township records how an objection was resolved (verified, household kept or withdrawn). */
  async resolveObjection(actor: Actor, batchId: number, objectionId: number, resolution: string) {
    const b = await this.repo.batch(batchId);
    if (!b || !(await this.access.is(actor, TOWNSHIP, { townshipId: b.township_id }))) throw forbidden('异议由所在乡（镇）核实处理');
    const v = await this.batchView(actor, batchId);
    if (!v.objections.some((o) => o.id === objectionId)) throw invalidField('objectionId', '未知的异议', '该异议不属于本次公示');
    if (!(await this.repo.resolve(actor, { objection_id: objectionId, batch_id: batchId, resolution, by_name: actor.name, at: this.now() }))) throw conflict('该异议已处理');
    return this.batchView(actor, batchId);
  }

  /** Why a chosen household's agreement cannot be signed yet (the list not on notice, the notice running, objections open), or null. */
  async agreementHold(actor: Actor, h: HouseholdRow): Promise<string | null> {
    if (!h.batch_id) return '改厕户名单尚未公示';
    const b = await this.batchView(actor, h.batch_id);
    if (!b.ended) return `公示期至 ${b.noticeEnd}（不少于 ${NOTICE_DAYS} 天），期满无异议后方可签订协议`;
    const open = b.objections.filter((o) => !o.resolution);
    if (open.length) return `公示收到的 ${open.length} 条异议尚未处理`;
    return null;
  }

  // ---- 材料集中招标 -------------------------------------------------------------------------------------------------

  async addTender(actor: Actor, b: { item: string; winner: string; priceFen: number; documentNo: string }) {
    const s = scopeOfToilets(actor);
    if (s.kind !== 'township') throw forbidden('材料由乡镇集中招标采购');
    const row = await this.repo.addTender(actor, { township_id: s.townshipId, item: b.item, winner: b.winner, price_fen: b.priceFen, document_no: b.documentNo, by_name: actor.name, at: this.now() });
    return { id: row.id, townshipId: row.township_id, item: row.item, winner: row.winner, priceFen: row.price_fen, documentNo: row.document_no, at: row.at };
  }

  async tenders(actor: Actor) {
    const s = staffOnly(actor);
    const rows = await this.repo.tenders(s.kind === 'township' ? s.townshipId : s.kind === 'village' ? (s.townshipId ?? -1) : undefined);
    return rows.map((row) => ({ id: row.id, townshipId: row.township_id, item: row.item, winner: row.winner, priceFen: row.price_fen, documentNo: row.document_no, at: row.at }));
  }
}
