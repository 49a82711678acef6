/** 农村改厕 (交政办发〔2022〕10号): the workflow and its rules; SQL lives in the repository. */
import type { Actor } from '../../core/audit.js';
import { AppError, notFound } from '../../core/errors.js';
import { maskMobile, maskName, maskResidentId, validateMobile, validateResidentId } from '../../core/identifiers.js';
import type { UnitOfWork } from '../../core/db.js';
import type { XlsxBudget } from '../../core/excel.js';
import type { FilePolicy, WorkItem } from '../../core/module.js';
import { addDays } from '../../core/calendar.js';
import { chinaDay } from '../../core/time.js';
import type { AccountsService } from '../accounts/index.js';
import type { DirectoryService } from '../directory/index.js';
import type { FilesService } from '../files/index.js';
import type { NoticesService } from '../notices/index.js';
import { ToiletsImport } from './toilets.import.js';
import { ToiletSpotChecks } from './toilets.spotchecks.js';
import { HouseholdsChanged, QuotaFull, type HouseholdRow, type ToiletsRepository } from './toilets.repository.js';
import {
  CURRENT_TYPES,
  MODES,
  MODES_FOR,
  NOTICE_DAYS,
  OLD_PARTS,
  PARTIES,
  PAYMENT_STAGES,
  PLAN_TOTAL_2022,
  QUOTAS_2022,
  REPORTS,
  SOURCE,
  SUPERVISED_MODES,
  WHOLE_VILLAGE_PERCENT,
  bucketsFor,
  mode,
  plannedFen,
  ratePermille,
  reaches,
  runChecks,
  split,
  stageFen,
  subsidyFen,
  type CheckResult,
  type CurrentType,
  type ModeCode,
  type PartyCode,
  type ReportKind,
} from './toilets.rules.js';

/** The county body that runs the programme: 「领导小组下设办公室，办公室设在县农业农村局」 (交政办发〔2022〕10号 六、（一）). */
export const OFFICE = '县农业农村局';

const STATUS_LABELS: Record<HouseholdRow['status'], string> = {
  surveyed: '已摸底',
  selected: '已确定改厕户',
  agreed: '已签协议',
  started: '施工中',
  completed: '已完工',
  accepted: '五方验收合格',
  withdrawn: '已退出',
};
/** Statuses from a step on (a household accepted was also chosen, agreed, started and completed). */
const FROM: Record<'selected' | 'agreed' | 'started' | 'completed' | 'accepted', HouseholdRow['status'][]> = {
  selected: ['selected', 'agreed', 'started', 'completed', 'accepted'],
  agreed: ['agreed', 'started', 'completed', 'accepted'],
  started: ['started', 'completed', 'accepted'],
  completed: ['completed', 'accepted'],
  accepted: ['accepted'],
};

/** Photo phases kept with a household (「改厕前厕所进行拍照留存」; 「施工前、施工中、施工后拍摄照片」). */
export const PHOTO_PHASES = { before: '改造前', during: '施工中', after: '施工后' } as const;
/** Signed papers kept with a household: the agreement and the five-party acceptance form. */
export const PAPERS = { agreement: '农村改厕协议', acceptance: '五方签字验收单' } as const;

export interface SurveyInput {
  villageId: number;
  headName: string;
  idNo: string;
  phone: string;
  address: string;
  members: number;
  currentType: CurrentType;
  pits: number;
  sanitary: boolean;
  wish: boolean;
  wishNote: string;
  username: string | null;
}

type Scope = { townshipIds?: number[]; villageIds?: number[]; userId?: number };

export class ToiletsService {
  /** 摸底名册导入 (Excel). */
  readonly importer: ToiletsImport;
  private readonly spot: ToiletSpotChecks;

  constructor(
    private readonly repo: ToiletsRepository,
    private readonly directory: DirectoryService,
    private readonly accounts: AccountsService,
    private readonly notices: NoticesService,
    private readonly files: FilesService,
    private readonly uow: UnitOfWork,
    private readonly today: () => string,
    private readonly now: () => string,
    budget: XlsxBudget,
  ) {
    this.importer = new ToiletsImport(repo, directory, (a) => this.isOffice(a), now, today, budget);
    this.spot = new ToiletSpotChecks(repo, (a, h) => this.view(a, h), now);
  }

  /** The year's quotas for the three townships the document names (unknown names are skipped and reported). */
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

  // ---- who is who -------------------------------------------------------------------------------------------------

  /** The office's officials (and the county administrator) run the county steps. */
  async isOffice(actor: Actor): Promise<boolean> {
    if (actor.role === 'county_admin') return true;
    if (actor.role !== 'department_official' || !actor.unitId) return false;
    return (await this.directory.get(actor.unitId)).name === OFFICE;
  }

  private async requireOffice(actor: Actor) {
    if (!(await this.isOffice(actor))) throw new AppError('FORBIDDEN', 403, `此项由${OFFICE}（县农村改厕工作领导小组办公室）办理`);
  }

  /** What part of the registry an actor sees: a village its own, a township its villages, the county all, a resident theirs. */
  private scope(actor: Actor): Scope {
    if (actor.role === 'village_committee') return { villageIds: [actor.unitId ?? -1] };
    if (actor.role === 'township_official') return { townshipIds: [actor.unitId ?? -1] };
    if (actor.role === 'resident') return { userId: actor.userId ?? -1 };
    if (actor.role === 'county_admin' || actor.role === 'department_official' || actor.role === 'auditor') return {};
    return { villageIds: [] };
  }

  /** The programme's registers, money and reports are the offices'; a household reads its own file only. */
  private staffOnly(actor: Actor) {
    if (actor.role === 'resident') throw new AppError('FORBIDDEN', 403, '居民只能查看本户的改厕档案（「我家的改厕」）');
  }

  private inScope(actor: Actor, h: HouseholdRow): boolean {
    const s = this.scope(actor);
    if (s.villageIds) return s.villageIds.includes(h.village_id);
    if (s.townshipIds) return s.townshipIds.includes(h.township_id);
    if (s.userId !== undefined) return h.user_id === s.userId;
    return true;
  }

  /** Those who work the household's file in full (the village and township that run it; the household itself). */
  private reveals(actor: Actor, h: HouseholdRow): boolean {
    return (actor.role === 'village_committee' || actor.role === 'township_official' || actor.role === 'resident') && this.inScope(actor, h);
  }

  private async load(actor: Actor, id: number): Promise<HouseholdRow> {
    const h = await this.repo.household(id);
    if (!h || !this.inScope(actor, h)) throw notFound(`改厕户 ${id} `);
    return h;
  }

  private requireTownship(actor: Actor, h: HouseholdRow, what: string) {
    if (actor.role !== 'township_official' || actor.unitId !== h.township_id) throw new AppError('FORBIDDEN', 403, `${what}由该户所在乡（镇）办理`);
  }

  // ---- survey -----------------------------------------------------------------------------------------------------

  /** A village where the actor may survey: its own (village committee), one of its villages (township), any (office). */
  private async surveyVillage(actor: Actor, villageId: number) {
    const v = await this.directory.get(villageId).catch(() => null);
    if (!v || v.kind !== 'village' || v.parentId === null) throw new AppError('VALIDATION_FAILED', 400, '所在村不在组织机构目录中', [{ field: 'villageId', message: '未知的村' }]);
    const ok = actor.role === 'village_committee' ? actor.unitId === v.id : actor.role === 'township_official' ? actor.unitId === v.parentId : await this.isOffice(actor);
    if (!ok) throw new AppError('FORBIDDEN', 403, '只能登记本村（本乡镇所辖村）的农户');
    return v as typeof v & { parentId: number };
  }

  private problemsOf(b: Pick<SurveyInput, 'idNo' | 'phone' | 'currentType' | 'pits' | 'sanitary' | 'members'>): { field: string; message: string }[] {
    const out: { field: string; message: string }[] = [];
    const id = validateResidentId(b.idNo, new Date(`${this.today()}T12:00:00+08:00`));
    if (!id.valid) out.push({ field: 'idNo', message: `身份证号无效：${id.reason}` });
    if (!validateMobile(b.phone).valid) out.push({ field: 'phone', message: '联系电话应为 11 位手机号' });
    if (!CURRENT_TYPES.some((t) => t.code === b.currentType)) out.push({ field: 'currentType', message: `现有厕所类型应为：${CURRENT_TYPES.map((t) => t.name).join('、')}` });
    if (b.currentType !== 'public' && b.pits !== 1) out.push({ field: 'pits', message: '农户厕所按 1 个坑位登记；坑位数只用于集体厕所、公厕' });
    if (b.currentType === 'public' && b.sanitary) out.push({ field: 'sanitary', message: '集体厕所、公厕不计入农户卫生厕所普及率' });
    if (!Number.isInteger(b.members) || b.members < 0 || b.members > 50) out.push({ field: 'members', message: '家庭人口应为 0–50 的整数' });
    return out;
  }

  /** 摸底登记: one household (or a collective toilet), its ID checked, once in the programme. */
  async survey(actor: Actor, b: SurveyInput) {
    const v = await this.surveyVillage(actor, b.villageId);
    const problems = this.problemsOf(b);
    if (problems.length) throw new AppError('VALIDATION_FAILED', 400, problems.map((p) => p.message).join('；'), problems);
    const userId = b.username ? await this.accounts.idOf(b.username) : null;
    if (b.username && !userId) throw new AppError('VALIDATION_FAILED', 400, `农户账号 ${b.username} 不存在`, [{ field: 'username', message: '不存在' }]);
    const row = await this.repo.createHousehold(actor, {
      township_id: v.parentId,
      village_id: v.id,
      head_name: b.headName,
      id_no: b.idNo.trim().toUpperCase(),
      phone: b.phone,
      address: b.address,
      members: b.members,
      current_type: b.currentType,
      pits: b.pits,
      sanitary: b.sanitary ? 1 : 0,
      wish: b.wish ? 1 : 0,
      wish_note: b.wishNote,
      user_id: userId,
      status: 'surveyed',
      mode: null,
      selected_at: null,
      priority_note: null,
      batch_id: null,
      agreement_no: null,
      agreement_at: null,
      builder_kind: null,
      builder_name: null,
      supervisor_name: null,
      tender_fen: null,
      toilet_no: null,
      started_at: null,
      completed_at: null,
      checks: null,
      checks_passed: null,
      superstructure_passed: null,
      accepted_at: null,
      subsidy_fen: null,
      created_by: actor.name,
      created_at: this.now(),
    });
    if (!row) throw new AppError('CONFLICT', 409, '该身份证号的农户已在改厕名册中，不能重复登记', [{ field: 'idNo', message: '已登记' }]);
    return this.view(actor, row);
  }

  /** A household as the actor may see it; `full` false masks names, IDs and phones whoever asks (exports). */
  view(actor: Actor, h: HouseholdRow, full = this.reveals(actor, h)) {
    const m = h.mode ? mode(h.mode) : null;
    const planned = h.mode ? plannedFen(h.mode as ModeCode, h.pits, h.tender_fen) : null;
    return {
      id: h.id,
      townshipId: h.township_id,
      villageId: h.village_id,
      headName: full ? h.head_name : maskName(h.head_name),
      idNo: full ? h.id_no : maskResidentId(h.id_no),
      phone: full ? h.phone : maskMobile(h.phone),
      address: h.address,
      members: h.members,
      currentType: h.current_type,
      currentTypeName: CURRENT_TYPES.find((t) => t.code === h.current_type)?.name ?? h.current_type,
      pits: h.pits,
      sanitary: h.sanitary === 1,
      wish: h.wish === 1,
      wishNote: h.wish_note,
      status: h.status,
      statusLabel: STATUS_LABELS[h.status],
      mode: h.mode,
      modeName: m?.name ?? null,
      priorityNote: h.priority_note,
      batchId: h.batch_id,
      agreementNo: h.agreement_no,
      builderKind: h.builder_kind,
      builderName: h.builder_name,
      supervisorName: h.supervisor_name,
      tenderFen: h.tender_fen,
      toiletNo: h.toilet_no,
      startedAt: h.started_at,
      completedAt: h.completed_at,
      checks: h.checks ? (JSON.parse(h.checks) as { results: CheckResult[] }).results : null,
      superstructurePassed: h.superstructure_passed === null ? null : h.superstructure_passed === 1,
      acceptedAt: h.accepted_at,
      plannedFen: planned,
      subsidyFen: h.subsidy_fen,
      ...(h.mode ? { split: split(h.subsidy_fen ?? planned!, h.mode as ModeCode) } : { split: null }),
    };
  }

  async households(actor: Actor, f: { villageId?: number; status?: HouseholdRow['status'] }) {
    const s = this.scope(actor);
    const rows = await this.repo.households({ ...s, ...(f.villageId ? { villageIds: s.villageIds ? s.villageIds.filter((v) => v === f.villageId) : [f.villageId] } : {}), ...(f.status ? { status: [f.status] } : {}) });
    return rows.map((h) => this.view(actor, h));
  }

  async household(actor: Actor, id: number) {
    const h = await this.load(actor, id);
    const sigs = await this.repo.signatures([id]);
    return {
      ...this.view(actor, h),
      signatures: PARTIES.map((p) => {
        const s = sigs.find((x) => x.party === p.code);
        return { party: p.code, name: p.name, signer: s?.signer_name ?? null, via: s?.via ?? null, at: s?.at ?? null };
      }),
    };
  }

  // ---- coverage and choosing households -------------------------------------------------------------------------

  /** Per village of the scope: households, already sanitary, wishing, chosen, accepted; the rate now and reachable. */
  async coverage(actor: Actor, counted?: Awaited<ReturnType<ToiletsRepository['progress']>>) {
    this.staffOnly(actor);
    const s = this.scope(actor);
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

  async quotas(actor: Actor) {
    this.staffOnly(actor);
    const s = this.scope(actor);
    const units = new Map((await this.directory.all()).map((u) => [u.id, u.name]));
    const rows = await this.repo.quotas();
    return QUOTAS_2022.map((q) => {
      const mine = rows.filter((r) => units.get(r.township_id) === q.township);
      return { township: q.township, townshipId: mine[0]?.township_id ?? null, hint: q.hint, buckets: mine.map((r) => ({ bucket: r.bucket, label: r.label, cap: r.cap, used: r.used })) };
    }).filter((q) => !s.townshipIds || (q.townshipId !== null && s.townshipIds.includes(q.townshipId)));
  }

  /**
   * 确定改厕户: by the township, within its quota (a ceiling per township and part, taken by a conditional update), villages
   * that can reach 85 % first; a household in another village is chosen only with a reason while such a village still
   * has households waiting. The before-photo must be on file (「对改厕前厕所进行拍照留存，作为开展农村改厕工作的依据」).
   */
  async select(actor: Actor, id: number, m: ModeCode, priorityNote: string | null) {
    const h = await this.load(actor, id);
    this.requireTownship(actor, h, '确定改厕户');
    if (h.status !== 'surveyed') throw new AppError('CONFLICT', 409, `该户${STATUS_LABELS[h.status]}，不能重复确定`);
    if (h.sanitary) throw new AppError('CONFLICT', 409, '该户已达卫生厕所标准，不纳入改厕');
    if (!h.wish) throw new AppError('CONFLICT', 409, '该户无改厕意愿：「未经农户同意，不得强行推进农户改厕」');
    if (!MODES_FOR[h.current_type as CurrentType].includes(m)) throw new AppError('VALIDATION_FAILED', 400, `${CURRENT_TYPES.find((t) => t.code === h.current_type)?.name}不能采用「${mode(m).name}」`, [{ field: 'mode', message: '模式与现有厕所不符' }]);
    const township = await this.directory.get(h.township_id);
    const buckets = bucketsFor(township.name, m);
    if (!buckets) throw new AppError('CONFLICT', 409, `${township.name} 2022 年没有「${mode(m).name}」指标（${SOURCE} 三、（二））`);
    if (!(await this.files.counts('toilet_photo', [`${id}.before`])).get(`${id}.before`)) throw new AppError('CONFLICT', 409, '请先上传改造前厕所照片（存档备案，作为改厕依据）');
    const villages = await this.coverage(actor);
    const here = villages.find((v) => v.villageId === h.village_id);
    // Households that wish it and are not chosen yet, in villages that can reach 85 %.
    const waiting = villages.filter((v) => v.canReach && v.villageId !== h.village_id && v.wishing - v.chosen > 0);
    if (here && !here.canReach && waiting.length && !priorityNote?.trim()) {
      throw new AppError('CONFLICT', 409, `「乡镇优先安排改造整村推进率能达到 ${WHOLE_VILLAGE_PERCENT}%以上的村庄」：${waiting.map((v) => v.village).join('、')}尚有待改农户；确需先改本村的，请写明理由`, [{ field: 'priorityNote', message: '需写明理由' }]);
    }
    try {
      await this.repo.select(actor, id, h.township_id, buckets, { status: 'selected', mode: m, selected_at: this.now(), priority_note: here?.canReach ? null : (priorityNote?.trim() || null) });
    } catch (e) {
      if (e instanceof HouseholdsChanged) throw new AppError('CONFLICT', 409, '该户状态已变化，请刷新');
      if (e instanceof QuotaFull) {
        const q = (await this.repo.quotas(h.township_id)).find((x) => x.bucket === e.bucket);
        throw new AppError('CONFLICT', 409, `${township.name}「${q?.label ?? e.bucket}」指标 ${q?.cap ?? ''} 座已用完（${SOURCE} 三、（二））`);
      }
      throw e;
    }
    return this.view(actor, (await this.repo.household(id))!);
  }

  /** A household changes its mind before works start: it leaves the list and its place goes back to the quota. */
  async withdraw(actor: Actor, id: number, reason: string) {
    const h = await this.load(actor, id);
    this.requireTownship(actor, h, '退出改厕');
    const township = await this.directory.get(h.township_id);
    if (!(await this.repo.withdraw(actor, id, h.township_id, bucketsFor(township.name, h.mode as ModeCode) ?? [], reason))) throw new AppError('CONFLICT', 409, '只有已确定、尚未开工的改厕户可以退出');
    return this.view(actor, (await this.repo.household(id))!);
  }

  /**
   * 公示: the village's chosen households not yet noticed and the subsidy policy go on the 村务公开栏 for at least 7 days,
   * written with the batch in one step.
   */
  async publishBatch(actor: Actor, villageId: number) {
    const v = await this.directory.get(villageId).catch(() => null);
    if (!v || v.kind !== 'village' || actor.role !== 'township_official' || actor.unitId !== v.parentId) throw new AppError('FORBIDDEN', 403, '改厕户名单由所在乡（镇）在村务公开栏公示');
    const list = (await this.repo.households({ villageIds: [villageId], status: ['selected'] })).filter((h) => h.batch_id === null);
    if (!list.length) throw new AppError('CONFLICT', 409, '本村没有待公示的改厕户');
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
      const b = await this.repo
        .createBatch(actor, { township_id: v.parentId!, village_id: villageId, notice_id: notice.id, notice_end: notice.earliestEnd, households: list.length, by_name: actor.name, at: this.now() }, list.map((h) => h.id))
        .catch((e: unknown) => {
          if (e instanceof HouseholdsChanged) throw new AppError('CONFLICT', 409, '名单已变化，请刷新后重新公示');
          throw e;
        });
      return b!;
    });
    return this.batchView(actor, row.id);
  }

  async batches(actor: Actor) {
    this.staffOnly(actor);
    const s = this.scope(actor);
    const rows = await this.repo.batches(s.townshipIds);
    const units = new Map((await this.directory.all()).map((u) => [u.id, u.name]));
    return rows.filter((b) => !s.villageIds || s.villageIds.includes(b.village_id)).map((b) => ({ id: b.id, villageId: b.village_id, village: units.get(b.village_id) ?? '', noticeId: b.notice_id, noticeEnd: b.notice_end, households: b.households, at: b.at, ended: this.today() > b.notice_end }));
  }

  /** A batch with its notice's objections and how each was resolved. */
  async batchView(actor: Actor, id: number) {
    const b = await this.repo.batch(id);
    if (!b) throw notFound(`公示批次 ${id} `);
    if (actor.role === 'village_committee' ? actor.unitId !== b.village_id : actor.role === 'township_official' ? actor.unitId !== b.township_id : !(await this.isOffice(actor)) && actor.role !== 'auditor') throw notFound(`公示批次 ${id} `);
    const objections = (await this.notices.objections(actor.role === 'auditor' || actor.role === 'department_official' ? null : actor, b.notice_id, 1, 500)).items.filter((o) => !o.spam);
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
    if (!b || actor.role !== 'township_official' || actor.unitId !== b.township_id) throw new AppError('FORBIDDEN', 403, '异议由所在乡（镇）核实处理');
    const v = await this.batchView(actor, batchId);
    if (!v.objections.some((o) => o.id === objectionId)) throw new AppError('VALIDATION_FAILED', 400, '该异议不属于本次公示', [{ field: 'objectionId', message: '未知的异议' }]);
    if (!(await this.repo.resolve(actor, { objection_id: objectionId, batch_id: batchId, resolution, by_name: actor.name, at: this.now() }))) throw new AppError('CONFLICT', 409, '该异议已处理');
    return this.batchView(actor, batchId);
  }

  /** Why a household's agreement cannot be signed yet, or null. */
  private async agreementHold(actor: Actor, h: HouseholdRow): Promise<string | null> {
    if (h.status !== 'selected') return `该户${STATUS_LABELS[h.status]}`;
    if (!h.batch_id) return '改厕户名单尚未公示';
    const b = await this.batchView(actor, h.batch_id);
    if (!b.ended) return `公示期至 ${b.noticeEnd}（不少于 ${NOTICE_DAYS} 天），期满无异议后方可签订协议`;
    const open = b.objections.filter((o) => !o.resolution);
    if (open.length) return `公示收到的 ${open.length} 条异议尚未处理`;
    return null;
  }

  /** 《农村改厕协议》: signed by the township or the village committee once the notice ended without open objections; the scan on file. */
  async agree(actor: Actor, id: number, agreementNo: string) {
    const h = await this.load(actor, id);
    const ok = (actor.role === 'township_official' && actor.unitId === h.township_id) || (actor.role === 'village_committee' && actor.unitId === h.village_id);
    if (!ok) throw new AppError('FORBIDDEN', 403, '协议由乡镇或村委会与农户签订');
    const hold = await this.agreementHold(actor, h);
    if (hold) throw new AppError('CONFLICT', 409, `暂不能签订协议：${hold}`);
    if (!(await this.files.counts('toilet_paper', [`${id}.agreement`])).get(`${id}.agreement`)) throw new AppError('CONFLICT', 409, '请先上传双方签字的《农村改厕协议》扫描件');
    if (!(await this.repo.move(actor, id, ['selected'], { status: 'agreed', agreement_no: agreementNo, agreement_at: this.now() }, 'agree'))) throw new AppError('CONFLICT', 409, '该户状态已变化，请刷新');
    return this.view(actor, (await this.repo.household(id))!);
  }

  // ---- construction -----------------------------------------------------------------------------------------------

  async addTender(actor: Actor, b: { item: string; winner: string; priceFen: number; documentNo: string }) {
    if (actor.role !== 'township_official' || !actor.unitId) throw new AppError('FORBIDDEN', 403, '材料由乡镇集中招标采购');
    const row = await this.repo.addTender(actor, { township_id: actor.unitId, item: b.item, winner: b.winner, price_fen: b.priceFen, document_no: b.documentNo, by_name: actor.name, at: this.now() });
    return { id: row.id, townshipId: row.township_id, item: row.item, winner: row.winner, priceFen: row.price_fen, documentNo: row.document_no, at: row.at };
  }

  async tenders(actor: Actor) {
    this.staffOnly(actor);
    const s = this.scope(actor);
    const rows = await this.repo.tenders(s.townshipIds?.[0] ?? (actor.role === 'village_committee' ? (actor.townshipId ?? -1) : undefined));
    return rows.map((row) => ({ id: row.id, townshipId: row.township_id, item: row.item, winner: row.winner, priceFen: row.price_fen, documentNo: row.document_no, at: row.at }));
  }

  /** 开工: who builds (a team or the household itself), the supervisor for 大三格 and 水冲, the materials at the tender price. */
  async start(actor: Actor, id: number, b: { builderKind: 'team' | 'self'; builderName: string | null; supervisorName: string | null; tenderId: number | null; startedOn: string }) {
    const h = await this.load(actor, id);
    this.requireTownship(actor, h, '开工登记');
    if (h.status !== 'agreed') throw new AppError('CONFLICT', 409, h.status === 'selected' ? '须先签订《农村改厕协议》' : `该户${STATUS_LABELS[h.status]}`);
    if (b.startedOn > this.today()) throw new AppError('VALIDATION_FAILED', 400, '开工日期不能晚于今天', [{ field: 'startedOn', message: '晚于今天' }]);
    if (b.builderKind === 'team' && !b.builderName?.trim()) throw new AppError('VALIDATION_FAILED', 400, '统一施工的，请填写经招标、议标确定的施工队', [{ field: 'builderName', message: '请填写施工队' }]);
    const m = h.mode as ModeCode;
    if (SUPERVISED_MODES.includes(m) && !b.supervisorName?.trim()) throw new AppError('VALIDATION_FAILED', 400, '大三格化粪池和水冲厕所须聘请第三方工程监理，请填写监理单位', [{ field: 'supervisorName', message: '请填写监理单位' }]);
    let tenderFen: number | null = null;
    if (m === 'old') {
      const t = b.tenderId ? (await this.repo.tenders(h.township_id)).find((x) => x.id === b.tenderId) : undefined;
      if (!t) throw new AppError('VALIDATION_FAILED', 400, '老旧厕所改造的化粪池等材料以乡镇中标价为准，请选择本乡镇的中标记录', [{ field: 'tenderId', message: '请选择中标记录' }]);
      tenderFen = t.price_fen;
    }
    const patch = { status: 'started' as const, builder_kind: b.builderKind, builder_name: b.builderKind === 'self' ? `农户自建（${h.head_name}）` : b.builderName!.trim(), supervisor_name: b.supervisorName?.trim() || null, tender_fen: tenderFen, started_at: b.startedOn };
    if (!(await this.repo.move(actor, id, ['agreed'], patch, 'start'))) throw new AppError('CONFLICT', 409, '该户状态已变化，请刷新');
    return this.view(actor, (await this.repo.household(id))!);
  }

  /**
   * 完工: the toilet's number, the photos during and after works, and the attachment's checks measured. The underground
   * and general checks must pass (the township has it put right first); the superstructure's result decides its 1300 元.
   */
  async complete(actor: Actor, id: number, b: { toiletNo: string; completedOn: string; values: Record<string, string>; concrete: string | null; roof: string | null }) {
    const h = await this.load(actor, id);
    this.requireTownship(actor, h, '完工登记');
    if (h.status !== 'started') throw new AppError('CONFLICT', 409, h.status === 'agreed' ? '尚未开工' : `该户${STATUS_LABELS[h.status]}`);
    if (b.completedOn < (h.started_at ?? '') || b.completedOn > this.today()) throw new AppError('VALIDATION_FAILED', 400, `完工日期应在开工日期 ${h.started_at} 与今天之间`, [{ field: 'completedOn', message: '日期不合理' }]);
    const photos = await this.files.counts('toilet_photo', [`${id}.during`, `${id}.after`]);
    const missing = (['during', 'after'] as const).filter((p) => !photos.get(`${id}.${p}`)).map((p) => PHOTO_PHASES[p]);
    if (missing.length) throw new AppError('CONFLICT', 409, `请先上传${missing.join('、')}照片（施工队必须在施工前、施工中、施工后拍摄照片）`);
    const results = runChecks(h.mode as ModeCode, b.values, { concrete: b.concrete, roof: b.roof });
    const failed = results.filter((r) => r.part === 'main' && !r.passed);
    if (failed.length) throw new AppError('VALIDATION_FAILED', 400, `技术指标未达标，整改后再登记完工：${failed.map((f) => `${f.text}（实测 ${f.value ?? '未填'}）`).join('；')}`, failed.map((f) => ({ field: `values.${f.code}`, message: f.text })));
    const sup = results.filter((r) => r.part === 'superstructure');
    const superPassed = sup.length ? sup.every((r) => r.passed) : null;
    try {
      const ok = await this.repo.move(actor, id, ['started'], { status: 'completed', toilet_no: b.toiletNo, completed_at: b.completedOn, checks: JSON.stringify({ results, concrete: b.concrete, roof: b.roof }), checks_passed: 1, superstructure_passed: superPassed === null ? null : superPassed ? 1 : 0 }, 'complete');
      if (!ok) throw new AppError('CONFLICT', 409, '该户状态已变化，请刷新');
    } catch (e) {
      if (e instanceof AppError) throw e;
      if (String((e as Error).message).match(/unique|UNIQUE|duplicate/)) throw new AppError('CONFLICT', 409, `厕所编号 ${b.toiletNo} 已被使用`, [{ field: 'toiletNo', message: '编号重复' }]);
      throw e;
    }
    return this.view(actor, (await this.repo.household(id))!);
  }

  // ---- five-party acceptance ----------------------------------------------------------------------------------------

  /** Whether the actor may record a party's signature on this household's acceptance form, and how. */
  private entitled(actor: Actor, h: HouseholdRow, party: PartyCode): 'app' | 'paper' | null {
    const township = actor.role === 'township_official' && actor.unitId === h.township_id;
    const village = actor.role === 'village_committee' && actor.unitId === h.village_id;
    switch (party) {
      case 'farmer':
        if (actor.role === 'resident' && h.user_id === actor.userId) return 'app';
        return village ? 'paper' : null;
      case 'village':
        return village ? 'app' : null;
      case 'township':
        return township ? 'app' : null;
      case 'builder':
      case 'supervisor':
        return township ? 'paper' : null;
    }
  }

  /**
   * One of the five signatures. The fifth accepts the toilet and freezes its subsidy (the superstructure's 1300 元 only
   * when its check passed).
   */
  async sign(actor: Actor, id: number, party: PartyCode, signerName: string | null) {
    const h = await this.load(actor, id);
    const via = this.entitled(actor, h, party);
    const p = PARTIES.find((x) => x.code === party)!;
    if (!via) {
      const who: Record<PartyCode, string> = { farmer: '农户本人（或村委会据纸质验收单代录）', builder: '乡镇（据纸质验收单录入施工队签字）', village: '该户所在村委会', supervisor: '乡镇（据纸质验收单录入监理签字）', township: '该户所在乡（镇）' };
      throw new AppError('FORBIDDEN', 403, `「${p.name}」签字应由${who[party]}办理`);
    }
    if (h.status !== 'completed') throw new AppError('CONFLICT', 409, h.status === 'accepted' ? '该厕所已五方验收' : '厕所完工后方可验收签字');
    const signer = party === 'farmer' ? h.head_name : party === 'builder' ? (signerName?.trim() || h.builder_name!) : party === 'supervisor' ? (signerName?.trim() ?? '') : actor.name;
    if (party === 'supervisor' && !signer) throw new AppError('VALIDATION_FAILED', 400, '请填写签字的监理人员', [{ field: 'signerName', message: '请填写' }]);
    if (!(await this.repo.sign(actor, { household_id: id, party, signer_name: signer, by_user_id: actor.userId, by_role: actor.role, via, at: this.now() }))) throw new AppError('CONFLICT', 409, `「${p.name}」已签字`);
    const sigs = await this.repo.signatures([id]);
    if (PARTIES.every((x) => sigs.some((s) => s.party === x.code))) {
      const fen = subsidyFen(h.mode as ModeCode, { pits: h.pits, tenderFen: h.tender_fen, superstructurePassed: h.superstructure_passed === null ? null : h.superstructure_passed === 1 });
      await this.repo.move(actor, id, ['completed'], { status: 'accepted', accepted_at: this.now(), subsidy_fen: fen }, 'accept');
    }
    return this.household(actor, id);
  }

  // ---- the county's acceptance and payments ---------------------------------------------------------------------------

  private async townshipOf(actor: Actor, townshipId: number) {
    this.staffOnly(actor);
    const t = await this.directory.get(townshipId).catch(() => null);
    if (!t || t.kind !== 'township') throw notFound(`乡镇 ${townshipId} `);
    if (actor.role === 'township_official' && actor.unitId !== townshipId) throw notFound(`乡镇 ${townshipId} `);
    if (actor.role === 'village_committee' && actor.townshipId !== townshipId) throw notFound(`乡镇 ${townshipId} `);
    return t;
  }

  /** 验收申请: the township asks the county to check once every toilet it started is five-party accepted. */
  async requestAcceptance(actor: Actor) {
    if (actor.role !== 'township_official' || !actor.unitId) throw new AppError('FORBIDDEN', 403, '验收申请由乡（镇）提出');
    const rows = await this.repo.households({ townshipIds: [actor.unitId], status: ['agreed', 'started', 'completed', 'accepted'] }, 1_000_000);
    const open = rows.filter((r) => r.status !== 'accepted').length;
    const accepted = rows.length - open;
    if (!accepted) throw new AppError('CONFLICT', 409, '尚无五方验收合格的厕所');
    if (open) throw new AppError('CONFLICT', 409, `尚有 ${open} 户未完成五方签字验收`);
    if (!(await this.repo.requestAcceptance(actor, { township_id: actor.unitId, accepted, by_name: actor.name, at: this.now() }))) throw new AppError('CONFLICT', 409, '已提出验收申请');
    return this.payments(actor, actor.unitId);
  }

  /** The households the county checks: ≥ 10 % of the township's accepted toilets, drawn from a seed once per application. */
  async drawSpotChecks(actor: Actor, townshipId: number, seed: string) {
    await this.requireOffice(actor);
    await this.townshipOf(actor, townshipId);
    return this.spot.draw(actor, townshipId, seed, (await this.repo.acceptanceRequests()).some((r) => r.township_id === townshipId));
  }

  /** The township's recorded draw (seed, who, when, the households and their checks), or null. */
  async spotDraw(actor: Actor, townshipId: number) {
    await this.requireOffice(actor);
    await this.townshipOf(actor, townshipId);
    return this.spot.recorded(actor, townshipId);
  }

  async recordSpotCheck(actor: Actor, householdId: number, passed: boolean, note: string) {
    await this.requireOffice(actor);
    const h = await this.load(actor, householdId);
    if (h.status !== 'accepted') throw new AppError('CONFLICT', 409, '只抽查五方验收合格的厕所');
    if (!(await this.repo.acceptanceRequests()).some((r) => r.township_id === h.township_id)) throw new AppError('CONFLICT', 409, '乡镇尚未提出验收申请');
    await this.spot.record(actor, h, passed, note);
    return this.payments(actor, h.township_id);
  }

  /** The township's money: allocation, each stage's condition and amount, what was released; the accepted total. */
  async payments(actor: Actor, townshipId: number) {
    const t = await this.townshipOf(actor, townshipId);
    // Counted by what the money depends on (status, mode, 坑位, tender price, subsidy): a few groups, whatever the size.
    const groups = await this.repo.moneyGroups(townshipId, FROM.agreed);
    const paid = await this.repo.payments(townshipId);
    const request = (await this.repo.acceptanceRequests()).find((r) => r.township_id === townshipId) ?? null;
    const count = (st: HouseholdRow['status'][]) => groups.filter((g) => st.includes(g.status)).reduce((a, g) => a + Number(g.n), 0);
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
    const spot = await this.spot.status(townshipId, accepted);
    const conditions: Record<number, string | null> = {
      1: !total ? '尚无签订协议的农户' : !started ? '尚未开工' : null,
      2: completed < total || !total ? `签订协议的 ${total} 户中已完工 ${completed} 户` : null,
      3: !request ? '乡镇尚未提出验收申请' : !spot.drawn ? '县农业农村局尚未抽取抽查名单' : spot.done < spot.need ? `县农业农村局抽查验收 ${spot.done}/${spot.need} 户` : spot.failed ? `抽查不合格 ${spot.failed} 户，整改复查后方可拨付` : accepted < total ? `已验收 ${accepted}/${total} 户` : null,
    };
    const paidSum = paid.reduce((a, p) => a + p.amount_fen, 0);
    const stages = PAYMENT_STAGES.map((s) => {
      const done = paid.find((p) => p.stage === s.stage);
      const before = paid.filter((p) => p.stage < s.stage).reduce((a, p) => a + p.amount_fen, 0);
      // 「工程最终以审核为准予以结算」: the last stage pays what the accepted toilets come to, less what was paid.
      const amount = done ? done.amount_fen : s.stage === 3 ? Math.max(0, acceptedTotal - before) : stageFen(allocation, s.percent);
      return { stage: s.stage, name: s.name, percent: s.percent, condition: s.condition, hold: done ? null : conditions[s.stage], amountFen: amount, paid: !!done, paidAt: done?.at ?? null, paidBy: done?.by_name ?? null };
    });
    return {
      townshipId,
      township: t.name,
      households: total,
      started,
      completed,
      accepted,
      allocationFen: allocation,
      acceptedTotalFen: acceptedTotal,
      acceptedSplit: { provinceFen: splitOf('provinceFen'), countyFen: splitOf('countyFen') },
      paidFen: paidSum,
      acceptanceRequestedAt: request?.at ?? null,
      spotChecks: { need: spot.need, done: spot.done, failed: spot.failed },
      stages,
    };
  }

  /** 拨付: a stage, in order, once its condition is met; 30 % and 40 % of the allocation, then the audited rest. */
  async release(actor: Actor, townshipId: number, stage: number) {
    await this.requireOffice(actor);
    const p = await this.payments(actor, townshipId);
    const s = p.stages.find((x) => x.stage === stage);
    if (!s) throw new AppError('VALIDATION_FAILED', 400, '拨付阶段应为 1、2、3', [{ field: 'stage', message: '未知阶段' }]);
    if (s.paid) throw new AppError('CONFLICT', 409, `第 ${stage} 笔（${s.name}）已拨付`);
    const earlier = p.stages.find((x) => x.stage < stage && !x.paid);
    if (earlier) throw new AppError('CONFLICT', 409, `须先拨付第 ${earlier.stage} 笔（${earlier.name}）`);
    if (s.hold) throw new AppError('CONFLICT', 409, `「${s.name}」拨付条件未满足：${s.hold}`);
    const ok = await this.repo.pay(actor, { township_id: townshipId, stage, allocation_fen: p.allocationFen, amount_fen: s.amountFen, basis: JSON.stringify({ households: p.households, completed: p.completed, accepted: p.accepted, acceptedTotalFen: p.acceptedTotalFen, source: SOURCE }), by_name: actor.name, at: this.now() });
    if (!ok) throw new AppError('CONFLICT', 409, `第 ${stage} 笔已拨付`);
    return this.payments(actor, townshipId);
  }

  // ---- reports ------------------------------------------------------------------------------------------------------

  /** The figures a unit reports, from the registry (pre-filled; the unit adds its note). */
  private async figures(unitId: number, level: 'village' | 'township') {
    const rows = await this.repo.progress(level === 'township' ? [unitId] : undefined);
    const f = { surveyed: 0, selected: 0, agreed: 0, started: 0, completed: 0, accepted: 0 };
    for (const r of rows) {
      if (level === 'village' && r.village_id !== unitId) continue;
      const n = Number(r.n);
      f.surveyed += n;
      for (const k of ['selected', 'agreed', 'started', 'completed', 'accepted'] as const) if (FROM[k].includes(r.status)) f[k] += n;
    }
    return f;
  }

  /** Every report due so far (and the next of each), by unit, with when it came in and whether it was late. */
  async schedule(actor: Actor) {
    this.staffOnly(actor);
    const s = this.scope(actor);
    const today = this.today();
    const units = new Map((await this.directory.all()).map((u) => [u.id, u.name]));
    const windows = (await this.repo.reportingWindows(s.townshipIds)).filter((w) => !s.villageIds || s.villageIds.includes(w.village_id));
    // Only the reports of the units on this schedule (the workbench asks on every page).
    const submitted = await this.repo.reports({ unitIds: [...new Set(windows.flatMap((w) => [w.village_id, w.township_id]))] });
    const got = new Map(submitted.map((r) => [`${r.kind}|${r.unit_id}|${r.period}`, r]));
    const out: { kind: ReportKind; name: string; unitId: number; unit: string; period: string; due: string; submittedAt: string | null; late: boolean; state: string }[] = [];
    const add = (kind: ReportKind, unitId: number, period: string, due: string) => {
      const r = got.get(`${kind}|${unitId}|${period}`);
      const late = r ? r.submitted_day > due : today > due;
      out.push({ kind, name: REPORTS.find((x) => x.kind === kind)!.name, unitId, unit: units.get(unitId) ?? '', period, due, submittedAt: r?.submitted_at ?? null, late, state: r ? (late ? '逾期报送' : '按时报送') : late ? '逾期未报' : '待报送' });
    };
    const townships = new Map<number, string>();
    for (const w of windows) {
      const first = chinaDay(String(w.first));
      // Reporting runs while the village has work under way, and up to the day its last toilet was accepted.
      const last = Number(w.open) > 0 || !w.last ? today : chinaDay(String(w.last));
      for (const kind of ['weekly', 'monthly'] as const) for (const d of duePeriods(kind, first, last, today)) add(kind, w.village_id, d.period, d.due);
      const t = townships.get(w.township_id);
      if (!t || first < t) townships.set(w.township_id, first);
    }
    for (const [tid, first] of townships) if (!s.villageIds) for (const d of duePeriods('township', first, today, today)) add('township', tid, d.period, d.due);
    return out.sort((a, b) => b.due.localeCompare(a.due) || a.unit.localeCompare(b.unit));
  }

  /** Submit a report: the unit's own, for a period on the schedule, once. */
  async submitReport(actor: Actor, kind: ReportKind, period: string, note: string) {
    const level = kind === 'township' ? 'township_official' : 'village_committee';
    if (actor.role !== level || !actor.unitId) throw new AppError('FORBIDDEN', 403, kind === 'township' ? '乡镇月报由乡（镇）向县农业农村局报送' : '村周报、月报由村委会向乡（镇）报送');
    const item = (await this.schedule(actor)).find((x) => x.kind === kind && x.unitId === actor.unitId && x.period === period);
    if (!item) throw new AppError('VALIDATION_FAILED', 400, `${period} 不在本单位的报送日程中`, [{ field: 'period', message: '不在日程中' }]);
    const figures = await this.figures(actor.unitId, kind === 'township' ? 'township' : 'village');
    const row = await this.repo.submitReport(actor, { kind, unit_id: actor.unitId, period, due: item.due, figures: JSON.stringify(figures), note, by_name: actor.name, submitted_at: this.now(), submitted_day: this.today() });
    if (!row) throw new AppError('CONFLICT', 409, '该期报表已报送');
    return { id: row.id, kind, period, due: row.due, figures, late: row.submitted_day > row.due, submittedAt: row.submitted_at };
  }

  async prefill(actor: Actor, kind: ReportKind) {
    if (!actor.unitId) throw new AppError('FORBIDDEN', 403, '只有村委会和乡镇报送');
    return this.figures(actor.unitId, kind === 'township' ? 'township' : 'village');
  }

  async reports(actor: Actor) {
    this.staffOnly(actor);
    const s = this.scope(actor);
    const units = await this.directory.all();
    const unitIds = s.villageIds ?? (s.townshipIds ? units.filter((u) => s.townshipIds!.includes(u.id) || (u.parentId !== null && s.townshipIds!.includes(u.parentId))).map((u) => u.id) : undefined);
    return (await this.repo.reports({ unitIds })).map((r) => ({ id: r.id, kind: r.kind, unitId: r.unit_id, unit: units.find((u) => u.id === r.unit_id)?.name ?? '', period: r.period, due: r.due, figures: JSON.parse(r.figures) as Record<string, number>, note: r.note, by: r.by_name, submittedAt: r.submitted_at, late: r.submitted_day > r.due }));
  }

  /** 改厕用户花名册: the village's renovated households (completed or accepted), masked for anyone but its village and township. */
  async roster(actor: Actor, villageId: number) {
    return (await this.households(actor, { villageId })).filter((h) => h.status === 'completed' || h.status === 'accepted');
  }

  // ---- dashboard and ledger ------------------------------------------------------------------------------------------

  async dashboard(actor: Actor) {
    this.staffOnly(actor);
    const s = this.scope(actor);
    const rows = await this.repo.progress(s.townshipIds);
    const villages = await this.coverage(actor, rows);
    const quotas = await this.quotas(actor);
    const units = new Map((await this.directory.all()).map((u) => [u.id, u.name]));
    type T = { townshipId: number; township: string; quota: number; surveyed: number; selected: number; agreed: number; started: number; completed: number; accepted: number; dueFen: number; paidFen: number };
    const by = new Map<number, T>();
    for (const r of rows) {
      if (s.villageIds && !s.villageIds.includes(r.village_id)) continue;
      const t = by.get(r.township_id) ?? { townshipId: r.township_id, township: units.get(r.township_id) ?? '', quota: 0, surveyed: 0, selected: 0, agreed: 0, started: 0, completed: 0, accepted: 0, dueFen: 0, paidFen: 0 };
      const n = Number(r.n);
      t.surveyed += n;
      for (const k of ['selected', 'agreed', 'started', 'completed', 'accepted'] as const) if (FROM[k].includes(r.status)) t[k] += n;
      by.set(r.township_id, t);
    }
    for (const q of quotas) {
      if (q.townshipId === null) continue;
      const t = by.get(q.townshipId) ?? { townshipId: q.townshipId, township: q.township, quota: 0, surveyed: 0, selected: 0, agreed: 0, started: 0, completed: 0, accepted: 0, dueFen: 0, paidFen: 0 };
      t.quota = q.buckets.find((b) => b.bucket === 'total')?.cap ?? 0;
      by.set(q.townshipId, t);
    }
    if (!s.villageIds) {
      for (const t of by.values()) {
        if (!t.agreed) continue;
        const p = await this.payments(actor, t.townshipId);
        t.paidFen = p.paidFen;
        // What is due by now: every stage whose condition is met, paid or not.
        t.dueFen = p.stages.filter((x) => x.paid || !x.hold).reduce((a, x) => a + x.amountFen, 0);
      }
    }
    return { plan: PLAN_TOTAL_2022, townships: [...by.values()].sort((a, b) => a.townshipId - b.townshipId), villages, reached: villages.filter((v) => v.reached).length, threshold: WHOLE_VILLAGE_PERCENT };
  }

  /** How many households the actor's ledger export holds (staff only). */
  async ledgerCount(actor: Actor): Promise<number> {
    this.staffOnly(actor);
    return this.repo.countHouseholds(this.scope(actor));
  }

  /** The household ledger (台账) for Excel in pages by id: personal data masked whoever asks (it leaves the system). */
  async *ledgerPages(actor: Actor, size = 500) {
    this.staffOnly(actor);
    const s = this.scope(actor);
    const units = new Map((await this.directory.all()).map((u) => [u.id, u.name]));
    for (let after = 0; ; ) {
      const rows = await this.repo.householdsAfter(s, after, size);
      if (!rows.length) return;
      after = rows[rows.length - 1].id;
      yield rows.map((h) => ({ ...this.view(actor, h, false), township: units.get(h.township_id) ?? '', village: units.get(h.village_id) ?? '' }));
    }
  }

  // ---- files ------------------------------------------------------------------------------------------------------

  private async fileTarget(actor: Actor | null, entityId: string) {
    const m = /^(\d+)\.([a-z]+)$/.exec(entityId);
    if (!m || !actor) return null;
    const h = await this.repo.household(Number(m[1]));
    if (!h || !this.inScope(actor, h)) return null;
    return { h, phase: m[2] };
  }

  /**
   * Photos and signed papers show the household unmasked, so they are read by those who read its file in full (the
   * household, its village, its township), the 县农业农村局 and the county administrator who run the programme, and the
   * auditor; another bureau, which reads the register masked, gets 403.
   */
  private async mayReadFiles(actor: Actor | null, entityId: string): Promise<boolean> {
    const t = await this.fileTarget(actor, entityId);
    if (!t || !actor) return false;
    return this.reveals(actor, t.h) || actor.role === 'auditor' || (await this.isOffice(actor));
  }

  /** Photos (JPEG/PNG, ≤ 5 MB: a phone's photo, not a scan) before, during and after works; `<household id>.<phase>`. */
  readonly photoPolicy: FilePolicy = {
    mimes: ['image/jpeg', 'image/png'],
    maxBytes: 5 * 1024 * 1024,
    canRead: (actor, entityId) => this.mayReadFiles(actor, entityId),
    canAttach: async (actor, entityId) => {
      const t = await this.fileTarget(actor, entityId);
      if (!t || !(t.phase in PHOTO_PHASES)) return false;
      if (t.phase === 'before') return (actor.role === 'village_committee' || actor.role === 'township_official') && t.h.status === 'surveyed';
      return actor.role === 'township_official' && t.h.status === 'started';
    },
  };

  /** Signed papers: the agreement (before it is recorded) and the five-party acceptance form (once completed). */
  readonly paperPolicy: FilePolicy = {
    mimes: ['application/pdf', 'image/jpeg', 'image/png'],
    canRead: (actor, entityId) => this.mayReadFiles(actor, entityId),
    canAttach: async (actor, entityId) => {
      const t = await this.fileTarget(actor, entityId);
      if (!t || !(t.phase in PAPERS) || (actor.role !== 'village_committee' && actor.role !== 'township_official')) return false;
      return t.phase === 'agreement' ? t.h.status === 'selected' : t.h.status === 'completed' || t.h.status === 'accepted';
    },
  };

  // ---- workbench --------------------------------------------------------------------------------------------------

  async workbench(actor: Actor): Promise<WorkItem[]> {
    const items: WorkItem[] = [];
    const link = '/toilets';
    if (actor.role === 'township_official' || actor.role === 'village_committee') {
      const s = this.scope(actor);
      const late = (await this.schedule(actor)).filter((r) => r.unitId === actor.unitId && !r.submittedAt);
      const due = late.filter((r) => r.late || r.due <= addDays(this.today(), 7));
      items.push({ module: '农村改厕', title: '改厕报表待报送', count: due.length, deadline: due.map((r) => r.due).sort()[0] ?? null, link: `${link}?tab=reports` });
      if (actor.role === 'township_official') {
        const rows = await this.repo.households({ ...s, status: ['selected', 'completed'] }, 100_000);
        const batches = new Map((await this.repo.batches(s.townshipIds)).map((b) => [b.id, b]));
        items.push({ module: '农村改厕', title: '改厕户待公示', count: rows.filter((h) => h.status === 'selected' && !h.batch_id).length, link });
        items.push({ module: '农村改厕', title: '公示期满待签协议', count: rows.filter((h) => h.status === 'selected' && h.batch_id && this.today() > (batches.get(h.batch_id)?.notice_end ?? '9')).length, link });
        items.push({ module: '农村改厕', title: '已完工待五方验收', count: rows.filter((h) => h.status === 'completed').length, link });
      }
      if (actor.role === 'village_committee') {
        const rows = await this.repo.households({ ...s, status: ['completed'] }, 100_000);
        const sigs = await this.repo.signatures(rows.map((h) => h.id));
        items.push({ module: '农村改厕', title: '验收单待村委会签字', count: rows.filter((h) => !sigs.some((x) => x.household_id === h.id && x.party === 'village')).length, link });
      }
    } else if (actor.role === 'resident' && actor.userId) {
      const rows = await this.repo.households({ userId: actor.userId, status: ['completed'] });
      const sigs = await this.repo.signatures(rows.map((h) => h.id));
      items.push({ module: '农村改厕', title: '改厕验收待农户签字', count: rows.filter((h) => !sigs.some((x) => x.household_id === h.id && x.party === 'farmer')).length, link: '/my-toilet' });
    } else if (await this.isOffice(actor)) {
      const req = await this.repo.acceptanceRequests();
      let waiting = 0;
      for (const r of req) {
        const p = await this.payments(actor, r.township_id);
        if (p.spotChecks.done < p.spotChecks.need) waiting++;
      }
      items.push({ module: '农村改厕', title: '乡镇验收申请待抽查', count: waiting, link });
    }
    return items;
  }
}

/**
 * The periods a report kind asks of a unit that joined the programme on `first`, through `last` (the day its work ended,
 * or today), each with its due day; the next weekly one ahead of today is listed too. A month whose due day came
 * before the unit joined asks nothing of it.
 */
export function duePeriods(kind: ReportKind, first: string, last: string, today: string): { period: string; due: string }[] {
  const r = REPORTS.find((x) => x.kind === kind)!;
  const out: { period: string; due: string }[] = [];
  if ('weekday' in r) {
    let d = first;
    while (new Date(`${d}T00:00:00Z`).getUTCDay() !== r.weekday) d = addDays(d, 1);
    const limit = last < today ? last : addDays(today, 6);
    for (; d <= limit; d = addDays(d, 7)) out.push({ period: d, due: d });
    return out;
  }
  const end = (last < today ? last : today).slice(0, 7);
  for (let m = first.slice(0, 7); m <= end; ) {
    const due = `${m}-${String(r.day).padStart(2, '0')}`;
    if (due >= first) out.push({ period: m, due });
    const [y, mo] = m.split('-').map(Number);
    m = mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, '0')}`;
  }
  return out;
}
