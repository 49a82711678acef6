/** 农村改厕: the household register and its procedure (survey, choice, agreement, works, five-party acceptance). */
import { TOWNSHIP, VILLAGE, scopeOf, type Access } from '../../core/access.js';
import type { Actor } from '../../core/audit.js';
import { isUniqueViolation, type UnitOfWork } from '../../core/db.js';
import { conflict, forbidden, invalid, invalidField, notFound } from '../../core/errors.js';
import { maskMobile, maskName, maskResidentId, validateMobile, validateResidentId } from '../../core/identifiers.js';
import type { FilePolicy } from '../../core/module.js';
import type { Flow } from '../../core/workflow.js';
import type { AccountsService } from '../accounts/index.js';
import type { DirectoryService } from '../directory/index.js';
import { COUNTY, filterOf, householdInScope, isOffice, relationsOf, reveals, scopeOfToilets } from './toilets.access.js';
import { PAPERS, PHOTO_PHASES, type CompleteInput, type HouseholdFlowDecl, type StartInput } from './toilets.flow.js';
import { statusLabel, type HouseholdStatus } from './toilets.states.js';
import type { HouseholdRow, ToiletsRepository } from './toilets.repository.js';
import { CURRENT_TYPES, PARTIES, mode, plannedFen, split, type CheckResult, type CurrentType, type ModeCode, type PartyCode } from './toilets.rules.js';

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

/** The household procedure bound to its store and the platform. */
export type HouseholdFlow = Flow<HouseholdRow, HouseholdStatus, HouseholdFlowDecl['steps']>;

export class HouseholdsService {
  constructor(
    private readonly repo: ToiletsRepository,
    private readonly directory: DirectoryService,
    private readonly accounts: AccountsService,
    private readonly access: Access,
    private readonly flow: HouseholdFlow,
    private readonly uow: UnitOfWork,
    private readonly today: () => string,
    private readonly now: () => string,
  ) {}

  /** The household if the actor reads it (else null: answered 404, so its existence is not revealed). */
  async load(actor: Actor, id: number): Promise<HouseholdRow | null> {
    const h = await this.repo.household(id);
    return h && householdInScope(actor, h) ? h : null;
  }

  // ---- survey -----------------------------------------------------------------------------------------------------

  /** A village where the actor may survey: its own (village committee), one of its villages (township), any (office). */
  private async surveyVillage(actor: Actor, villageId: number) {
    const v = await this.directory.get(villageId).catch(() => null);
    if (!v || v.kind !== 'village' || v.parentId === null) throw invalidField('villageId', '未知的村', '所在村不在组织机构目录中');
    if (!(await this.access.which(actor, [VILLAGE, TOWNSHIP, ...COUNTY], { villageId: v.id, townshipId: v.parentId }))) throw forbidden('只能登记本村（本乡镇所辖村）的农户');
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
    if (problems.length) throw invalid(problems.map((p) => p.message).join('；'), problems);
    const userId = b.username ? await this.accounts.idOf(b.username) : null;
    if (b.username && !userId) throw invalidField('username', '不存在', `农户账号 ${b.username} 不存在`);
    const row = await this.uow(async () => {
      const r = await this.repo.createHousehold(actor, {
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
      if (!r) throw conflict('该身份证号的农户已在改厕名册中，不能重复登记', [{ field: 'idNo', message: '已登记' }]);
      await this.flow.created(actor, r);
      return r;
    });
    return this.withActions(actor, row);
  }

  // ---- reading ----------------------------------------------------------------------------------------------------

  /** A household as the actor may see it; `full` false masks names, IDs and phones whoever asks (exports). */
  view(actor: Actor, h: HouseholdRow, full = reveals(actor, h)) {
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
      statusLabel: statusLabel(h.status),
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

  /** The view with the steps this actor may take (a list's without the guards, which read the database). */
  private async withActions(actor: Actor, h: HouseholdRow, guards = true) {
    return { ...this.view(actor, h), actions: await this.flow.actions(actor, h, { guards }) };
  }

  async households(actor: Actor, f: { villageId?: number; status?: HouseholdRow['status'] }) {
    const s = filterOf(scopeOfToilets(actor));
    const rows = await this.repo.households({ ...s, ...(f.villageId ? { villageIds: s.villageIds ? s.villageIds.filter((v) => v === f.villageId) : [f.villageId] } : {}), ...(f.status ? { status: [f.status] } : {}) });
    const out = [];
    for (const h of rows) out.push(await this.withActions(actor, h, false));
    return out;
  }

  /** A household's file: its view, the five signatures, what the actor may do now, and its step log. */
  async household(actor: Actor, id: number) {
    const h = await this.load(actor, id);
    if (!h) throw notFound(`改厕户 ${id} `);
    const sigs = await this.repo.signatures([id]);
    return {
      ...(await this.withActions(actor, h)),
      signatures: PARTIES.map((p) => {
        const s = sigs.find((x) => x.party === p.code);
        return { party: p.code, name: p.name, signer: s?.signer_name ?? null, via: s?.via ?? null, at: s?.at ?? null };
      }),
      timeline: await this.flow.timeline(id),
      uploads: await this.uploads(actor, h),
    };
  }

  /** 改厕用户花名册: the village's renovated households (completed or accepted), masked for anyone but its village and township. */
  async roster(actor: Actor, villageId: number) {
    const s = filterOf(scopeOfToilets(actor));
    const rows = await this.repo.households({ ...s, villageIds: s.villageIds ? s.villageIds.filter((v) => v === villageId) : [villageId], status: ['completed', 'accepted'] });
    return rows.map((h) => this.view(actor, h));
  }

  // ---- the procedure's steps (toilets.flow.ts) --------------------------------------------------------------------

  private async step(actor: Actor, id: number, step: Parameters<HouseholdFlow['run']>[2], input: unknown) {
    return this.withActions(actor, await this.flow.run(actor, id, step, input));
  }

  /** 确定改厕户 (the quota place is taken in the same unit of work). */
  select(actor: Actor, id: number, m: ModeCode, priorityNote: string | null) {
    return this.step(actor, id, 'select', { mode: m, priorityNote });
  }

  /** 退出: before works start; the places go back to the quota. */
  withdraw(actor: Actor, id: number, reason: string) {
    return this.step(actor, id, 'withdraw', { reason });
  }

  /** 《农村改厕协议》. */
  agree(actor: Actor, id: number, agreementNo: string) {
    return this.step(actor, id, 'agree', { agreementNo });
  }

  /** 开工登记. */
  start(actor: Actor, id: number, b: StartInput) {
    return this.step(actor, id, 'start', b);
  }

  /** 完工登记: a toilet number is the county's, once (its unique key answers a second use). */
  async complete(actor: Actor, id: number, b: CompleteInput) {
    try {
      return await this.step(actor, id, 'complete', b);
    } catch (e) {
      if (isUniqueViolation(e)) throw conflict(`厕所编号 ${b.toiletNo} 已被使用`, [{ field: 'toiletNo', message: '编号重复' }]);
      throw e;
    }
  }

  /** One of the five signatures; the fifth accepts the toilet. Answers the household's file. */
  async sign(actor: Actor, id: number, party: PartyCode, signerName: string | null) {
    await this.flow.run(actor, id, 'accept', { party, signerName });
    return this.household(actor, id);
  }

  // ---- files ------------------------------------------------------------------------------------------------------

  private async fileTarget(actor: Actor | null, entityId: string) {
    const m = /^(\d+)\.([a-z]+)$/.exec(entityId);
    if (!m || !actor) return null;
    const h = await this.load(actor, Number(m[1]));
    return h ? { h, phase: m[2] } : null;
  }

  /**
   * Photos and signed papers show the household unmasked, so they are read by those who read its file in full (the
   * household, its village, its township), the 县农业农村局 and the county administrator who run the programme, and the
   * auditor; another bureau, which reads the register masked, gets 403.
   */
  private async mayReadFiles(actor: Actor | null, entityId: string): Promise<boolean> {
    const t = await this.fileTarget(actor, entityId);
    if (!t || !actor) return false;
    return reveals(actor, t.h) || scopeOf(actor).kind === 'county' || (await isOffice(this.access, actor));
  }

  /** Whether the actor is the household's township or village (who keep its photos and papers). */
  private keeps = (actor: Actor, h: HouseholdRow, township = false) => this.access.which(actor, township ? [TOWNSHIP] : [TOWNSHIP, VILLAGE], relationsOf(h)).then(Boolean);

  /** Whether the actor may attach this photo or paper to the household now (its township or village, at its step). */
  private async mayAttach(actor: Actor, h: HouseholdRow, entity: 'toilet_photo' | 'toilet_paper', phase: string): Promise<boolean> {
    if (entity === 'toilet_photo') {
      if (!(phase in PHOTO_PHASES)) return false;
      if (phase === 'before') return h.status === 'surveyed' && (await this.keeps(actor, h));
      return h.status === 'started' && (await this.keeps(actor, h, true));
    }
    if (!(phase in PAPERS) || !(await this.keeps(actor, h))) return false;
    return phase === 'agreement' ? h.status === 'selected' : h.status === 'completed' || h.status === 'accepted';
  }

  /** The household's photo and paper slots the actor may upload to now (`toilet_photo:before`…), for the page. */
  private async uploads(actor: Actor, h: HouseholdRow): Promise<string[]> {
    const slots = [...Object.keys(PHOTO_PHASES).map((p) => ['toilet_photo', p] as const), ...Object.keys(PAPERS).map((p) => ['toilet_paper', p] as const)];
    const out: string[] = [];
    for (const [entity, phase] of slots) if (await this.mayAttach(actor, h, entity, phase)) out.push(`${entity}:${phase}`);
    return out;
  }

  /** Photos (JPEG/PNG, ≤ 5 MB: a phone's photo, not a scan) before, during and after works; `<household id>.<phase>`. */
  readonly photoPolicy: FilePolicy = {
    mimes: ['image/jpeg', 'image/png'],
    maxBytes: 5 * 1024 * 1024,
    canRead: (actor, entityId) => this.mayReadFiles(actor, entityId),
    canAttach: async (actor, entityId) => {
      const t = await this.fileTarget(actor, entityId);
      return !!t && !!actor && this.mayAttach(actor, t.h, 'toilet_photo', t.phase);
    },
  };

  /** Signed papers: the agreement (before it is recorded) and the five-party acceptance form (once completed). */
  readonly paperPolicy: FilePolicy = {
    mimes: ['application/pdf', 'image/jpeg', 'image/png'],
    canRead: (actor, entityId) => this.mayReadFiles(actor, entityId),
    canAttach: async (actor, entityId) => {
      const t = await this.fileTarget(actor, entityId);
      return !!t && !!actor && this.mayAttach(actor, t.h, 'toilet_paper', t.phase);
    },
  };
}
