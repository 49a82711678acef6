/** 农业生产托管 (交政办发〔2022〕16号): the workflow and its rules; SQL lives in the repository. */
import type { Actor } from '../../core/audit.js';
import { AppError, notFound } from '../../core/errors.js';
import { maskCreditCode, maskMobile, maskResidentId, validateCreditCode, validateMobile, validateResidentId } from '../../core/identifiers.js';
import { fenToChineseUpper } from '../../core/money.js';
import type { FilePolicy, WorkItem } from '../../core/module.js';
import { seededSample } from '../../core/sample.js';
import { cleanText, normalizeKey } from '../../core/text.js';
import type { UnitOfWork } from '../../core/db.js';
import type { AccountsService } from '../accounts/index.js';
import type { NoticesService } from '../notices/index.js';
import type { CalendarService } from '../calendar/index.js';
import type { DirectoryService } from '../directory/index.js';
import type { FilesService } from '../files/index.js';
import { StaleItem, type ContractRow, type OrgRow, type TrusteeshipRepository, type WorkRow } from './trusteeship.repository.js';
import {
  CRITERIA,
  MU_SCALE,
  NOTICE_WORKDAYS,
  SOURCE,
  STAGES_2022,
  amountFen,
  farmerPays,
  sampleSize,
  checkStageTable,
  settle,
  settleInto,
  type CriterionCode,
  type StageCode,
} from './trusteeship.rules.js';

/** The county body that runs the pilot: 「县现代农业发展服务中心」 signs contracts, accepts and settles (交政办发〔2022〕16号). */
export const CENTRE = '县现代农业发展服务中心';

export interface StageRate {
  code: string;
  name: string;
  priceFen: number;
  subsidyFen: number;
  perPass: boolean;
}
const mu = (centi: number) => (centi / MU_SCALE).toFixed(2);

export class TrusteeshipService {
  /** Each season's table once read (tables are entered once per season and never change). */
  private readonly tables = new Map<number, { document: string; stages: StageRate[] }>();

  constructor(
    private readonly repo: TrusteeshipRepository,
    private readonly directory: DirectoryService,
    private readonly calendar: CalendarService,
    private readonly accounts: AccountsService,
    private readonly notices: NoticesService,
    private readonly files: FilesService,
    private readonly uow: UnitOfWork,
    private readonly today: () => string,
    private readonly now: () => string,
  ) {}

  /** A season's price and subsidy table: the office's entry for that season, or for 2022 the gazette's own. */
  async ratesFor(season: number): Promise<{ season: number; document: string; stages: StageRate[] }> {
    let t = this.tables.get(season);
    if (!t) {
      const row = await this.repo.rates(season);
      if (row) t = { document: row.document, stages: JSON.parse(row.stages) as StageRate[] };
      else if (season === 2022) t = { document: SOURCE, stages: STAGES_2022.map((s) => ({ ...s })) };
      else throw new AppError('CONFLICT', 409, `尚未录入 ${season} 年的服务价格与补助标准（县现代农业发展服务中心按当年文件录入）`);
      this.tables.set(season, t);
    }
    return { season, ...t };
  }

  /** One stage of a season whose table is loaded (ratesFor first). */
  private stage(season: number, code: string): StageRate {
    const s = this.tables.get(season)?.stages.find((x) => x.code === code);
    if (!s) throw new AppError('VALIDATION_FAILED', 400, `${season} 年补助标准中没有环节 ${code}`, [{ field: 'stage', message: '未知环节' }]);
    return s;
  }

  /** Enter a season's table from its document; every stage's subsidy within 30 % of its price (「不超过 30%」). */
  async enterRates(actor: Actor, season: number, document: string, stages: StageRate[]) {
    await this.requireCentre(actor);
    const problems = checkStageTable(stages);
    if (problems.length) throw new AppError('VALIDATION_FAILED', 400, problems.join('；'), problems.map(() => ({ field: 'stages', message: '补助超过服务价格的 30%' })));
    if (season === 2022 || !(await this.repo.addRates(actor, { season, document, stages: JSON.stringify(stages), entered_by: actor.name, entered_at: this.now() }))) {
      throw new AppError('CONFLICT', 409, `${season} 年的补助标准已有（${season === 2022 ? SOURCE : '已录入'}），不能重复录入`);
    }
    return this.ratesFor(season);
  }

  /** The centre's officials (and the county administrator) run the county steps. */
  private async isCentre(actor: Actor): Promise<boolean> {
    if (actor.role === 'county_admin') return true;
    if (actor.role !== 'department_official' || !actor.unitId) return false;
    return (await this.directory.get(actor.unitId)).name === CENTRE;
  }

  /** For routes: only the centre (and the county administrator) may read the county's totals. */
  async requireCentreOf(actor: Actor) {
    await this.requireCentre(actor);
  }

  private async requireCentre(actor: Actor) {
    if (!(await this.isCentre(actor))) throw new AppError('FORBIDDEN', 403, `此项由${CENTRE}办理`);
  }

  private async noticeEnd(start: string): Promise<string> {
    return (await this.calendar.calendar()).periodEnd(start, NOTICE_WORKDAYS, '工作日');
  }

  /** An organisation as shown; `whole` false is the published list's view (credit code masked, no answers or notes). */
  private orgView(o: OrgRow, whole = true) {
    return {
      id: o.id,
      name: o.name,
      creditCode: whole ? o.credit_code : maskCreditCode(o.credit_code),
      orgType: o.org_type,
      townshipId: o.township_id,
      villageId: o.village_id,
      villageRecommendedBy: o.village_recommended_by,
      criteria: whole ? (JSON.parse(o.criteria) as Record<CriterionCode, string>) : ({} as Record<CriterionCode, string>),
      status: o.status,
      statusLabel: ({ applied: '已申请', recommended: '村乡推荐', approved: '领导组会审通过（公示中）', rejected: '未通过', published: '已公布' } as const)[o.status],
      reviewNote: whole ? o.review_note : null,
      noticeEnd: o.notice_end,
      countyContractNo: o.county_contract_no,
    };
  }

  /** 服务组织申请: the five criteria each answered; the credit code checked. */
  async apply(actor: Actor, body: { name: string; creditCode: string; orgType: string; townshipId: number; villageId: number | null; criteria: Record<CriterionCode, string> }) {
    const code = validateCreditCode(body.creditCode);
    if (!code.valid) throw new AppError('VALIDATION_FAILED', 400, `统一社会信用代码无效：${code.reason}`, [{ field: 'creditCode', message: code.reason ?? '无效' }]);
    const missing = CRITERIA.filter((c) => !body.criteria[c.code]?.trim());
    if (missing.length) throw new AppError('VALIDATION_FAILED', 400, `请逐条说明服务组织标准：${missing.map((c) => c.text).join('；')}`, missing.map((c) => ({ field: `criteria.${c.code}`, message: '未填写' })));
    const t = await this.directory.get(body.townshipId).catch(() => null);
    if (!t || t.kind !== 'township') throw new AppError('VALIDATION_FAILED', 400, '请选择所在乡（镇）', [{ field: 'townshipId', message: '不是乡镇' }]);
    if (body.villageId !== null) {
      const v = await this.directory.get(body.villageId).catch(() => null);
      if (!v || v.kind !== 'village' || v.parentId !== body.townshipId) throw new AppError('VALIDATION_FAILED', 400, '所在村应属于所选乡（镇）', [{ field: 'villageId', message: '不属于该乡镇' }]);
    }
    const row = await this.repo.createOrg(actor, {
      name: body.name,
      credit_code: body.creditCode.toUpperCase(),
      org_type: body.orgType,
      township_id: body.townshipId,
      village_id: body.villageId,
      owner_user_id: actor.userId!,
      criteria: JSON.stringify(body.criteria),
      status: 'applied',
      village_recommended_by: null,
      recommended_by: null,
      reviewed_by: null,
      review_note: null,
      notice_end: null,
      county_contract_no: null,
      county_contract_at: null,
      created_at: this.now(),
    });
    if (!row) throw new AppError('CONFLICT', 409, '该统一社会信用代码已申请');
    return this.orgView(row);
  }

  /**
   * The organisations the actor may read: the centre, the county and the auditor all of them whole; a township those
   * registered in it whole, a village those of its village (they recommend them); an organisation its own. Everyone
   * else — and a township or village for the other organisations, which may work its plots — the published list
   * only, with credit codes masked and no answers or review notes.
   */
  async orgs(actor: Actor) {
    if (actor.role === 'service_org') return (await this.repo.orgs({ ownerId: actor.userId! })).map((o) => this.orgView(o));
    if (actor.role === 'auditor' || (await this.isCentre(actor))) return (await this.repo.orgs({})).map((o) => this.orgView(o));
    const own =
      actor.role === 'township_official'
        ? await this.repo.orgs({ townshipIds: [actor.unitId ?? -1] })
        : actor.role === 'village_committee'
          ? (await this.repo.orgs({ townshipIds: [actor.townshipId ?? -1] })).filter((o) => o.village_id === actor.unitId)
          : [];
    const ids = new Set(own.map((o) => o.id));
    const published = (await this.repo.orgs({ status: ['published'] })).filter((o) => !ids.has(o.id));
    return [...own.map((o) => this.orgView(o)), ...published.map((o) => this.orgView(o, false))].sort((a, b) => a.id - b.id);
  }

  /**
   * Evidence for the five criteria (licences, bank account permit, machinery, site): the organisation attaches it
   * while its application is under review; those who read its record (orgs()) read it, residents excepted: its own
   * village and township, the county's officials and the auditor.
   */
  readonly filePolicy: FilePolicy = {
    canRead: async (actor: Actor | null, entityId: string) => {
      const o = actor && /^\d+$/.test(entityId) ? await this.repo.org(Number(entityId)) : undefined;
      if (!o || !actor) return false;
      if (actor.role === 'service_org') return o.owner_user_id === actor.userId;
      if (actor.role === 'township_official') return actor.unitId === o.township_id;
      if (actor.role === 'village_committee') return actor.unitId === o.village_id;
      return actor.role === 'county_admin' || actor.role === 'department_official' || actor.role === 'auditor';
    },
    canAttach: async (actor: Actor, entityId: string) => {
      const o = /^\d+$/.test(entityId) ? await this.repo.org(Number(entityId)) : undefined;
      return !!o && o.owner_user_id === actor.userId && (o.status === 'applied' || o.status === 'recommended');
    },
  };

  /** Photos and monitoring records of a piece of work: attached by its organisation until the township accepts it. */
  readonly workFilePolicy: FilePolicy = {
    canRead: async (actor: Actor | null, entityId: string) => {
      const w = actor && /^\d+$/.test(entityId) ? await this.repo.work(Number(entityId)) : undefined;
      if (!w || !actor) return false;
      const c = (await this.repo.contract(w.contract_id))!;
      if (actor.role === 'resident') return c.farmer_user_id === actor.userId;
      if (actor.role === 'service_org') return (await this.repo.org(w.org_id))?.owner_user_id === actor.userId;
      if (actor.role === 'township_official') return actor.unitId === c.township_id;
      return actor.role === 'county_admin' || actor.role === 'department_official' || actor.role === 'auditor';
    },
    canAttach: async (actor: Actor, entityId: string) => {
      const w = /^\d+$/.test(entityId) ? await this.repo.work(Number(entityId)) : undefined;
      return !!w && w.township_acceptance_id === null && (await this.repo.org(w.org_id))?.owner_user_id === actor.userId;
    },
  };

  /**
   * The farmer's signed paper 确认单 of a piece of work, scanned: the organisation attaches it while the farmer has not
   * answered on the phone, and only with it may the organisation record the farmer's confirmation.
   */
  readonly paperFilePolicy: FilePolicy = {
    mimes: ['application/pdf', 'image/jpeg', 'image/png'],
    canRead: (actor, entityId) => this.workFilePolicy.canRead(actor, entityId),
    canAttach: async (actor, entityId) => {
      const w = /^\d+$/.test(entityId) ? await this.repo.work(Number(entityId)) : undefined;
      return !!w && w.farmer_status === 'pending' && w.township_acceptance_id === null && (await this.repo.org(w.org_id))?.owner_user_id === actor.userId;
    },
  };

  /** The published list: anyone may read it. */
  async publicOrgs() {
    return (await this.repo.orgs({ status: ['published'] })).map((o) => ({ id: o.id, name: o.name, orgType: o.org_type, townshipId: o.township_id }));
  }

  private async loadOrg(id: number) {
    const o = await this.repo.org(id);
    if (!o) throw notFound(`服务组织 ${id}`);
    return o;
  }

  /** 村和乡镇推荐: the organisation's village committee (when it names its village), then its township. */
  async recommend(actor: Actor, id: number) {
    const o = await this.loadOrg(id);
    if (actor.role === 'village_committee') {
      if (!o.village_id || actor.unitId !== o.village_id) throw new AppError('FORBIDDEN', 403, '由服务组织所在村推荐');
      if (!(await this.repo.moveOrg(actor, id, 'applied', { village_recommended_by: actor.name }, 'village_recommend'))) throw new AppError('CONFLICT', 409, '该服务组织不在待推荐状态');
      return this.orgView((await this.repo.org(id))!);
    }
    if (actor.role !== 'township_official' || actor.unitId !== o.township_id) throw new AppError('FORBIDDEN', 403, '由服务组织所在乡（镇）推荐');
    if (o.village_id && !o.village_recommended_by) throw new AppError('CONFLICT', 409, '须先经服务组织所在村推荐');
    if (!(await this.repo.moveOrg(actor, id, 'applied', { status: 'recommended', recommended_by: actor.name }, 'recommend'))) throw new AppError('CONFLICT', 409, '该服务组织不在待推荐状态');
    return this.orgView((await this.repo.org(id))!);
  }

  /** 托管领导组会审: approved ones go to public notice (5 working days, as the acceptances' notices; inferred). */
  async review(actor: Actor, id: number, approve: boolean, note: string) {
    await this.requireCentre(actor);
    const end = approve ? await this.noticeEnd(this.today()) : null;
    const patch = approve ? { status: 'approved' as const, reviewed_by: actor.name, review_note: note, notice_end: end } : { status: 'rejected' as const, reviewed_by: actor.name, review_note: note };
    const o = await this.loadOrg(id);
    // The decision and its public notice (公示, on /notices) are one step: both are written, or neither.
    await this.uow(async () => {
      if (!(await this.repo.moveOrg(actor, id, 'recommended', patch, approve ? 'approve' : 'reject'))) throw new AppError('CONFLICT', 409, '须先经村和乡镇推荐');
      if (approve && actor.unitId) {
        const t = await this.directory.get(o.township_id);
        await this.notices.publishToday(actor, {
          unitId: actor.unitId,
          subject: `农业生产托管试点服务组织拟确定名单公示：${o.name}`,
          content: `经服务组织申请、村和乡镇推荐、托管领导组会审，拟确定以下服务组织参加农业生产托管试点：\n${o.name}（${o.org_type}，${t.name}）\n会审意见：${note}\n公示期内如有异议，请提出。`,
          basis: `${SOURCE} 四、（一）2.`,
          minLength: NOTICE_WORKDAYS,
          unit: '工作日',
        });
      }
    });
    return this.orgView((await this.repo.org(id))!);
  }

  /** 公示 ends → 公布; then the centre signs its contract with the organisation. */
  async publish(actor: Actor, id: number) {
    await this.requireCentre(actor);
    const o = await this.loadOrg(id);
    if (o.status === 'approved' && o.notice_end && this.today() <= o.notice_end) throw new AppError('CONFLICT', 409, `公示期至 ${o.notice_end}，期满后方可公布`);
    if (!(await this.repo.moveOrg(actor, id, 'approved', { status: 'published' }, 'publish'))) throw new AppError('CONFLICT', 409, '该服务组织未经领导组会审通过');
    return this.orgView((await this.repo.org(id))!);
  }

  async countyContract(actor: Actor, id: number, contractNo: string) {
    await this.requireCentre(actor);
    if (!(await this.repo.setCountyContract(actor, id, contractNo, this.now()))) throw new AppError('CONFLICT', 409, '只能与已公布且尚未签约的服务组织签订合同');
    return this.orgView((await this.repo.org(id))!);
  }

  private async ownOrg(actor: Actor, orgId: number) {
    const o = await this.loadOrg(orgId);
    if (o.owner_user_id !== actor.userId) throw new AppError('FORBIDDEN', 403, '只能办理本组织的业务');
    if (!o.county_contract_no) throw new AppError('CONFLICT', 409, `须先与${CENTRE}签订托管服务合同`);
    return o;
  }

  private contractView(c: ContractRow, reveal: boolean) {
    const stages = (JSON.parse(c.stages) as StageCode[]).map((code) => {
      const s = this.stage(c.season, code);
      return { code, name: s.name, priceFen: s.priceFen, subsidyFen: s.subsidyFen, farmerPaysFen: farmerPays(s.priceFen, s.subsidyFen), perPass: s.perPass };
    });
    return {
      id: c.id,
      orgId: c.org_id,
      season: c.season,
      farmerName: c.farmer_name,
      farmerIdNo: reveal ? c.farmer_id_no : maskResidentId(c.farmer_id_no),
      farmerPhone: reveal ? c.farmer_phone : maskMobile(c.farmer_phone),
      villageId: c.village_id,
      townshipId: c.township_id,
      location: c.location,
      areaMu: mu(c.area_centi),
      crop: c.crop,
      stages,
      periodFrom: c.period_from,
      periodTo: c.period_to,
      quality: c.quality,
    };
  }

  /** A contract with a farmer: plot, area (亩, two decimals), crop, stages, period, quality; filed with the centre and the township. */
  async createContract(actor: Actor, b: { orgId: number; season: number; farmerName: string; farmerIdNo: string; farmerPhone: string; farmerUsername: string | null; villageId: number; location: string; areaMu: string; crop: string; stages: StageCode[]; periodFrom: string; periodTo: string; quality: string }) {
    await this.ownOrg(actor, b.orgId);
    const table = await this.ratesFor(b.season);
    const unknown = b.stages.filter((code) => !table.stages.some((s) => s.code === code));
    if (unknown.length) throw new AppError('VALIDATION_FAILED', 400, `${b.season} 年补助标准中没有这些环节：${unknown.join('、')}`, [{ field: 'stages', message: '未知环节' }]);
    const id = validateResidentId(b.farmerIdNo, new Date(`${this.today()}T12:00:00+08:00`));
    if (!id.valid) throw new AppError('VALIDATION_FAILED', 400, `身份证号无效：${id.reason}`, [{ field: 'farmerIdNo', message: id.reason ?? '无效' }]);
    const phone = validateMobile(b.farmerPhone);
    if (!phone.valid) throw new AppError('VALIDATION_FAILED', 400, '手机号格式错误', [{ field: 'farmerPhone', message: '格式错误' }]);
    if (b.periodTo < b.periodFrom) throw new AppError('VALIDATION_FAILED', 400, '作业期限的结束日期不能早于开始日期', [{ field: 'periodTo', message: '早于开始' }]);
    // 16号 is the programme of one year (「年内…」, 2022; a later season runs on its own year's document), and its
    // contracts are for a crop season (「单季作物」): the period lies within the season's calendar year (inferred).
    for (const [field, d] of [['periodFrom', b.periodFrom], ['periodTo', b.periodTo]] as const) {
      if (Number(d.slice(0, 4)) !== b.season) throw new AppError('VALIDATION_FAILED', 400, `作业期限应在 ${b.season} 年内（${SOURCE}为当年的试点项目）`, [{ field, message: `不在 ${b.season} 年内` }]);
    }
    const village = await this.directory.get(b.villageId).catch(() => null);
    if (!village || village.kind !== 'village' || village.parentId === null) throw new AppError('VALIDATION_FAILED', 400, '地块所在村不在组织机构目录中', [{ field: 'villageId', message: '未知的村' }]);
    const farmerUserId = b.farmerUsername ? await this.farmerAccount(b.farmerUsername, b.farmerName) : null;
    const row = await this.repo.createContract(actor, {
      org_id: b.orgId,
      season: b.season,
      farmer_name: cleanText(b.farmerName),
      farmer_id_no: b.farmerIdNo.toUpperCase(),
      farmer_phone: b.farmerPhone,
      farmer_user_id: farmerUserId,
      village_id: b.villageId,
      township_id: village.parentId,
      location: cleanText(b.location),
      // One plot however it is typed (「东地157号」 = 「东地１５７号」): the 100 元/亩 cap and the unique keys read this.
      plot_key: `${b.villageId}:${normalizeKey(b.location)}`,
      duplicate_of: null,
      area_centi: Math.round(Number(b.areaMu) * MU_SCALE),
      crop: b.crop,
      stages: JSON.stringify([...new Set(b.stages)]),
      period_from: b.periodFrom,
      period_to: b.periodTo,
      quality: b.quality,
      created_at: this.now(),
    });
    if (!row) throw new AppError('CONFLICT', 409, `该农户的这块地（${village.name}${b.location}）本季已签订托管服务合同，同一地块不能重复签约`);
    return this.contractView(row, true);
  }

  /**
   * The account a contract links as the farmer's, who then reads the contract's ID number and phone in full.
   * Accounts store no ID number (users: display name, mobile), so the ID cannot be compared: the link is refused
   * unless the account is an active resident's whose display name carries the contract's farmer name (「居民张三」 for
   * 张三). A staff, organisation or merchant account is never a farmer. When accounts hold ID numbers, compare those.
   */
  private async farmerAccount(username: string, farmerName: string): Promise<number> {
    const id = await this.accounts.idOf(username);
    const [u] = id ? await this.accounts.summaries([id]) : [];
    if (!u) throw new AppError('VALIDATION_FAILED', 400, `农户账号 ${username} 不存在`, [{ field: 'farmerUsername', message: '不存在' }]);
    if (u.role !== 'resident' || !u.active) throw new AppError('VALIDATION_FAILED', 400, `账号 ${username} 不是居民（农户）账号，不能作为合同上的农户`, [{ field: 'farmerUsername', message: '不是农户账号' }]);
    if (!normalizeKey(u.displayName).includes(normalizeKey(farmerName))) throw new AppError('VALIDATION_FAILED', 400, `账号 ${username}（${u.displayName}）与合同上的农户 ${cleanText(farmerName)} 不符`, [{ field: 'farmerUsername', message: '与农户身份不符' }]);
    return u.id;
  }

  /** Contracts the actor may see: an organisation its own, a township those of its plots, the centre all, a farmer theirs. */
  async contracts(actor: Actor, season: number) {
    await this.ratesFor(season);
    if (actor.role === 'resident') return (await this.repo.contracts({ farmerUserId: actor.userId!, season })).map((c) => this.contractView(c, true));
    if (actor.role === 'service_org') {
      const mine = (await this.repo.orgs({ ownerId: actor.userId! })).map((o) => o.id);
      return (await this.repo.contracts({ orgIds: mine, season })).map((c) => this.contractView(c, true));
    }
    if (actor.role === 'township_official') return (await this.repo.contracts({ townshipIds: [actor.unitId ?? -1], season })).map((c) => this.contractView(c, false));
    // A village committee the contracts on its own village's plots (it stamps their 面积汇总表).
    if (actor.role === 'village_committee') return (await this.repo.contracts({ villageIds: [actor.unitId ?? -1], season })).map((c) => this.contractView(c, false));
    return (await this.repo.contracts({ season })).map((c) => this.contractView(c, false));
  }

  private workView(w: WorkRow) {
    const s = this.stage(w.season, w.stage);
    const area = w.county_area_centi ?? w.township_area_centi ?? w.area_centi;
    const subsidy = amountFen(s.subsidyFen, area, w.passes);
    return {
      id: w.id,
      contractId: w.contract_id,
      orgId: w.org_id,
      stage: w.stage,
      stageName: s.name,
      workDate: w.work_date,
      areaMu: mu(w.area_centi),
      passes: w.passes,
      evidence: w.evidence,
      farmerStatus: w.farmer_status,
      farmerNote: w.farmer_note,
      townshipAreaMu: w.township_area_centi === null ? null : mu(w.township_area_centi),
      countyAreaMu: w.county_area_centi === null ? null : mu(w.county_area_centi),
      priceFen: amountFen(s.priceFen, area, w.passes),
      subsidyFen: subsidy,
      farmerPaysFen: amountFen(s.priceFen, area, w.passes) - subsidy,
      paidFen: w.paid_fen,
    };
  }

  /** 作业确认单: the work as done, within the contract's stages, period and area; one per plot, stage and season. */
  async recordWork(actor: Actor, b: { contractId: number; stage: StageCode; workDate: string; areaMu: string; passes: number; evidence: string }) {
    const c = await this.repo.contract(b.contractId);
    if (!c) throw new AppError('VALIDATION_FAILED', 400, '未知的服务合同（地块）', [{ field: 'contractId', message: '不存在' }]);
    await this.ownOrg(actor, c.org_id);
    await this.ratesFor(c.season);
    if (!(JSON.parse(c.stages) as string[]).includes(b.stage)) throw new AppError('VALIDATION_FAILED', 400, `合同未约定「${this.stage(c.season, b.stage).name}」环节`, [{ field: 'stage', message: '合同未约定' }]);
    if (b.workDate < c.period_from || b.workDate > c.period_to) throw new AppError('VALIDATION_FAILED', 400, `作业日期应在合同约定的 ${c.period_from} 至 ${c.period_to} 之间`, [{ field: 'workDate', message: '不在合同期内' }]);
    if (b.workDate > this.today()) throw new AppError('VALIDATION_FAILED', 400, '作业日期不能晚于今天：确认单记录已完成的作业', [{ field: 'workDate', message: '晚于今天' }]);
    const area = Math.round(Number(b.areaMu) * MU_SCALE);
    if (area > c.area_centi) throw new AppError('VALIDATION_FAILED', 400, `作业面积 ${b.areaMu} 亩超过合同面积 ${mu(c.area_centi)} 亩`, [{ field: 'areaMu', message: '超过合同面积' }]);
    if (b.passes > 1 && !this.stage(c.season, b.stage).perPass) throw new AppError('VALIDATION_FAILED', 400, '只有无人植保机防治按次计', [{ field: 'passes', message: '该环节不按次' }]);
    const row = await this.repo.createWork(actor, {
      contract_id: c.id,
      org_id: c.org_id,
      plot_key: c.plot_key,
      plot_area_centi: c.area_centi,
      season: c.season,
      stage: b.stage,
      work_date: b.workDate,
      area_centi: area,
      passes: b.passes,
      evidence: b.evidence,
      farmer_status: 'pending',
      farmer_note: null,
      farmer_at: null,
      township_area_centi: null,
      township_acceptance_id: null,
      county_area_centi: null,
      county_acceptance_id: null,
      paid_fen: null,
      settlement_id: null,
      created_at: this.now(),
    });
    if (!row) throw new AppError('CONFLICT', 409, `该地块本季「${this.stage(c.season, b.stage).name}」已申报，同一地块同一环节不能重复申报`);
    return this.workView(row);
  }

  async works(actor: Actor, contractId: number) {
    const c = await this.repo.contract(contractId);
    if (!c) throw notFound(`服务合同 ${contractId}`);
    const visible = (await this.contracts(actor, c.season)).some((x) => x.id === c.id);
    await this.ratesFor(c.season);
    if (!visible) throw notFound(`服务合同 ${contractId}`);
    return (await this.repo.works({ contractIds: [contractId] })).map((w) => this.workView(w));
  }

  /** The 作业台账: every work confirmation on the contracts the actor may see. */
  async worksLedger(actor: Actor, season: number) {
    const contracts = await this.contracts(actor, season);
    const byId = new Map(contracts.map((c) => [c.id, c]));
    const works = await this.repo.works({ contractIds: contracts.map((c) => c.id) });
    return works.map((w) => ({ ...this.workView(w), contract: byId.get(w.contract_id)! }));
  }

  /**
   * The farmer confirms or disputes on a phone; the organisation may record the confirmation only with the farmer's
   * signed paper 确认单 attached (trusteeship_work_paper), and the farmer may still dispute that until the township
   * accepts. A dispute holds the work back until the township resolves it.
   */
  async farmerAnswer(actor: Actor, workId: number, confirm: boolean, note: string | null) {
    const w = await this.repo.work(workId);
    if (!w) throw notFound(`作业确认单 ${workId}`);
    await this.ratesFor(w.season);
    const c = (await this.repo.contract(w.contract_id))!;
    const byFarmer = actor.role === 'resident' && c.farmer_user_id === actor.userId;
    const byOrgWithPaper = actor.role === 'service_org' && (await this.repo.org(c.org_id))!.owner_user_id === actor.userId && confirm;
    // The township settles a dispute: after checking on site it records the farmer's confirmation.
    const byTownship = actor.role === 'township_official' && actor.unitId === c.township_id && confirm && w.farmer_status === 'disputed';
    if (!byFarmer && !byOrgWithPaper && !byTownship) throw new AppError('FORBIDDEN', 403, '由合同上的农户确认（或服务组织上传农户签字的确认单）');
    if (byOrgWithPaper && !(await this.files.counts('trusteeship_work_paper', [String(workId)])).get(String(workId))) {
      throw new AppError('CONFLICT', 409, '请先上传农户签字的纸质确认单（扫描件或照片），再代为登记确认', [{ field: 'file', message: '缺少农户签字的确认单' }]);
    }
    const from: WorkRow['farmer_status'][] = byTownship ? ['disputed'] : byFarmer && !confirm ? ['pending', 'confirmed'] : ['pending'];
    const ok = await this.repo.farmerAnswer(actor, workId, confirm ? 'confirmed' : 'disputed', note, this.now(), from);
    if (!ok) throw new AppError('CONFLICT', 409, '该作业已确认、有争议待乡镇处理，或已验收');
    return this.workView((await this.repo.work(workId))!);
  }

  /**
   * 乡镇初验 by the plots' own township (the village of each plot → its township, from the directory: the township
   * that files the contracts and resolves the farmers' disputes), each township for the works on its plots; 县级验收
   * by the centre, after the notice of every township acceptance of the works has ended.
   */
  async accept(actor: Actor, b: { orgId: number; season: number; level: 'township' | 'county'; note: string; items: { workId: number; areaMu: string }[] }) {
    const o = await this.loadOrg(b.orgId);
    if (b.level === 'township' && actor.role !== 'township_official') throw new AppError('FORBIDDEN', 403, '乡镇初验由地块所在乡（镇）组织');
    if (b.level === 'county') await this.requireCentre(actor);
    await this.ratesFor(b.season);
    const works = new Map((await this.repo.works({ orgId: b.orgId, season: b.season })).map((w) => [w.id, w]));
    const townshipOf = new Map<number, number | null>();
    const contractsOf = new Map<number, ContractRow>();
    const accs = new Map((await this.repo.acceptances(b.orgId, b.season)).map((a) => [a.id, a]));
    for (const it of b.items) {
      const w = works.get(it.workId);
      if (!w) throw new AppError('VALIDATION_FAILED', 400, `作业确认单 ${it.workId} 不属于该服务组织本季`, [{ field: 'items', message: '未知的作业' }]);
      if (b.level === 'township') {
        const c = contractsOf.get(w.contract_id) ?? (await this.repo.contract(w.contract_id))!;
        contractsOf.set(c.id, c);
        if (!townshipOf.has(c.village_id)) townshipOf.set(c.village_id, (await this.directory.get(c.village_id).catch(() => null))?.parentId ?? null);
        if (townshipOf.get(c.village_id) !== actor.unitId) throw new AppError('FORBIDDEN', 403, `作业确认单 ${it.workId} 的地块不在本乡（镇）：乡镇初验由地块所在乡（镇）组织`);
      } else {
        const t = w.township_acceptance_id === null ? undefined : accs.get(w.township_acceptance_id);
        if (!t) throw new AppError('CONFLICT', 409, `作业确认单 ${it.workId} 须先经乡镇初验`);
        if (this.today() <= t.notice_end) throw new AppError('CONFLICT', 409, `乡镇初验公示期至 ${t.notice_end}（不少于 ${NOTICE_WORKDAYS} 个工作日），期满后方可县级验收`);
      }
      if (b.level === 'township' && w.farmer_status !== 'confirmed') throw new AppError('CONFLICT', 409, `作业确认单 ${it.workId} 农户${w.farmer_status === 'disputed' ? '有争议，须先处理' : '尚未确认'}`);
      const limit = b.level === 'township' ? w.area_centi : w.township_area_centi;
      if (limit === null) throw new AppError('CONFLICT', 409, `作业确认单 ${it.workId} 未经乡镇初验`);
      if (Math.round(Number(it.areaMu) * MU_SCALE) > limit) throw new AppError('VALIDATION_FAILED', 400, `作业确认单 ${it.workId} 验收面积不能超过${b.level === 'township' ? '农户确认' : '乡镇初验'}的 ${mu(limit)} 亩`, [{ field: 'items', message: '面积超出' }]);
    }
    const start = this.today();
    const what = b.level === 'township' ? '乡镇初验' : '县级验收';
    const lines = b.items.map((it) => {
      const w = works.get(it.workId)!;
      return `${this.stage(w.season, w.stage).name}（${w.work_date}）验收面积 ${it.areaMu} 亩`;
    });
    try {
      // The acceptance and its public notice (「公示期不少于 5 个工作日」) are written together.
      const row = await this.uow(async () => {
        const notice = actor.unitId
          ? await this.notices.publishToday(actor, {
              unitId: actor.unitId,
              subject: `${b.season} 年农业生产托管${what}结果公示：${o.name}`,
              content: `${o.name} ${b.season} 年托管服务${what}结果：\n${lines.join('\n')}\n验收意见：${b.note}\n公示期内如有异议，请提出。`,
              basis: `${SOURCE} 四、（四）`,
              minLength: NOTICE_WORKDAYS,
              unit: '工作日',
            })
          : null;
        const r = await this.repo.accept(actor, { org_id: b.orgId, season: b.season, level: b.level, township_id: b.level === 'township' ? actor.unitId : null, note: b.note, by_name: actor.name, at: this.now(), notice_end: await this.noticeEnd(start), notice_id: notice?.id ?? null }, b.items.map((i) => ({ workId: i.workId, areaCenti: Math.round(Number(i.areaMu) * MU_SCALE) })));
        if (!r) throw new AppError('CONFLICT', 409, `该服务组织本季已${b.level === 'township' ? '经本乡（镇）' : ''}${what}`);
        return r;
      });
      return { id: row.id, level: row.level, noticeEnd: row.notice_end, noticeId: row.notice_id };
    } catch (e) {
      if (e instanceof StaleItem) throw new AppError('CONFLICT', 409, `作业确认单 ${e.workId} 已变化（已验收或有争议），本次验收未保存`);
      throw e;
    }
  }

  /** 市级抽验: a reproducible draw of at least 10 % of the season's county-accepted organisations (rounded up, at least one). */
  async drawSample(actor: Actor, season: number, seed: string) {
    await this.requireCentre(actor);
    const accepted = [];
    for (const o of await this.repo.orgs({ status: ['published'] })) if ((await this.repo.acceptances(o.id, season)).some((a) => a.level === 'county')) accepted.push(o.id);
    if (!accepted.length) throw new AppError('CONFLICT', 409, '本季尚无经县级验收的服务组织');
    // Anyone with the seed draws the same organisations.
    const drawn = (await seededSample(accepted, seed, sampleSize(accepted.length))).map((orgId) => ({ orgId, result: null as 'pass' | 'fail' | null }));
    const row = await this.repo.createSampling(actor, { season, seed, drawn: JSON.stringify(drawn), by_name: actor.name, at: this.now() });
    if (!row) throw new AppError('CONFLICT', 409, '本季已抽验');
    return { season, seed, of: accepted.length, drawn };
  }

  async recordSample(actor: Actor, season: number, orgId: number, passed: boolean) {
    await this.requireCentre(actor);
    const s = await this.repo.sampling(season);
    if (!s) throw new AppError('CONFLICT', 409, '本季尚未抽验');
    const drawn = JSON.parse(s.drawn) as { orgId: number; result: 'pass' | 'fail' | null }[];
    const d = drawn.find((x) => x.orgId === orgId);
    if (!d) throw new AppError('VALIDATION_FAILED', 400, '该服务组织不在抽验名单中', [{ field: 'orgId', message: '未抽中' }]);
    d.result = passed ? 'pass' : 'fail';
    if (!(await this.repo.recordSample(actor, s.id, JSON.stringify(drawn), s.drawn, orgId, d.result))) throw new AppError('CONFLICT', 409, '抽验记录已被他人更新，请刷新后重试');
    return { season, drawn };
  }

  /** Why an organisation cannot be paid yet, or null when it can. */
  private async holdOf(orgId: number, season: number): Promise<string | null> {
    const acc = await this.repo.acceptances(orgId, season);
    const county = acc.find((a) => a.level === 'county');
    if (!acc.some((a) => a.level === 'township')) return '尚未乡镇初验';
    if (!county) return '尚未县级验收';
    if (this.today() <= county.notice_end) return `县级验收公示期至 ${county.notice_end}`;
    const s = await this.repo.sampling(season);
    if (!s) return '市级抽验尚未进行';
    const d = (JSON.parse(s.drawn) as { orgId: number; result: string | null }[]).find((x) => x.orgId === orgId);
    if (d && d.result === null) return '抽验结果尚未录入';
    if (d && d.result === 'fail') return '市级抽验不合格，暂停拨付';
    return null;
  }

  /** The settlement sheet: computed until settled, frozen after. */
  async sheet(actor: Actor, orgId: number, season: number) {
    await this.requireCentre(actor);
    const o = await this.loadOrg(orgId);
    const done = await this.repo.settlement(orgId, season);
    if (done) return { org: o.name, season, settled: true, hold: null, ...(JSON.parse(done.lines) as SheetBody), upper: fenToChineseUpper(done.total_fen) };
    const body = await this.compute(orgId, season);
    return { org: o.name, season, settled: false, hold: await this.holdOf(orgId, season), ...body, upper: fenToChineseUpper(body.totalFen) };
  }

  private async compute(orgId: number, season: number): Promise<SheetBody> {
    const table = await this.ratesFor(season);
    const rows = await this.repo.payable(orgId, season);
    const paidBefore = await this.repo.paidOnPlots([...new Set(rows.map((r) => r.plot_key))], season);
    const lines = settle(
      rows.map((r) => ({ id: r.id, plotKey: r.plot_key, season: r.season, plotAreaCenti: r.plot_area, stage: r.stage as StageCode, subsidyRateFen: this.stage(season, r.stage).subsidyFen, acceptedAreaCenti: r.county_area_centi!, passes: r.passes, workDate: r.work_date })),
      paidBefore,
    );
    const by = new Map(rows.map((r) => [r.id, r]));
    const out = lines.map((l) => {
      const r = by.get(l.id)!;
      return { workId: l.id, farmer: r.farmer_name, location: r.location, crop: r.crop, stage: this.stage(season, r.stage).name, workDate: r.work_date, areaMu: mu(r.county_area_centi!), passes: r.passes, subsidyFen: l.subsidyFen, paidFen: l.paidFen, note: l.note };
    });
    return { lines: out, totalFen: out.reduce((a, l) => a + l.paidFen, 0), source: table.document };
  }

  /**
   * The whole season's settlement for every organisation at once (what the centre reports to the finance bureau):
   * works read plot by plot in pages, the 100 元/亩 cap carried per plot across pages and organisations.
   */
  async seasonTotals(season: number, page = 50_000) {
    await this.ratesFor(season);
    const used = await this.repo.paidInSeason(season);
    const byOrg = new Map<number, { orgId: number; works: number; subsidyFen: number; paidFen: number; capped: number }>();
    let after: { plot: string; date: string; id: number } | null = null;
    let rows = 0;
    for (;;) {
      const chunk = await this.repo.payablePage(season, after, page);
      if (!chunk.length) break;
      rows += chunk.length;
      const lines = settleInto(
        chunk.map((r) => ({ id: r.id, plotKey: r.plot_key, season, plotAreaCenti: r.plot_area, stage: r.stage as StageCode, subsidyRateFen: this.stage(season, r.stage).subsidyFen, acceptedAreaCenti: r.county_area_centi!, passes: r.passes, workDate: r.work_date })),
        used,
      );
      const orgOf = new Map(chunk.map((r) => [r.id, r.org_id]));
      for (const l of lines) {
        const orgId = orgOf.get(l.id)!;
        const o = byOrg.get(orgId) ?? { orgId, works: 0, subsidyFen: 0, paidFen: 0, capped: 0 };
        o.works++;
        o.subsidyFen += l.subsidyFen;
        o.paidFen += l.paidFen;
        if (l.note) o.capped++;
        byOrg.set(orgId, o);
      }
      const last = chunk[chunk.length - 1];
      after = { plot: last.plot_key, date: last.work_date, id: last.id };
    }
    return { season, rows, orgs: [...byOrg.values()].sort((a, b) => a.orgId - b.orgId) };
  }

  /** 拨付: freeze the sheet once every step is done (no payment before the notices end and the sample is in). */
  async settle(actor: Actor, orgId: number, season: number) {
    await this.requireCentre(actor);
    try {
      // What was paid on the plots is read and what this sheet pays is written under the season's lock, so a sheet
      // settled at the same instant for another organisation on the same plots counts this one (100 元/亩 cap).
      await this.uow(async () => {
        await this.repo.lockSeason(season, this.now());
        const hold = await this.holdOf(orgId, season);
        if (hold) throw new AppError('CONFLICT', 409, `暂不能结算：${hold}`);
        const body = await this.compute(orgId, season);
        if (!body.lines.length) throw new AppError('CONFLICT', 409, '没有待结算的作业');
        const row = await this.repo.settle(actor, { org_id: orgId, season, total_fen: body.totalFen, lines: JSON.stringify(body), by_name: actor.name, at: this.now() }, body.lines.map((l) => ({ id: l.workId, paidFen: l.paidFen })));
        if (!row) throw new AppError('CONFLICT', 409, '该服务组织本季已结算');
      });
    } catch (e) {
      if (e instanceof StaleItem) throw new AppError('CONFLICT', 409, '作业已在其他结算中，请刷新后重试');
      throw e;
    }
    return this.sheet(actor, orgId, season);
  }

  async dashboard(season: number) {
    const t = await this.repo.totals(season);
    const units = new Map((await this.directory.all()).map((u) => [String(u.id), u.name]));
    const orgs = new Map((await this.repo.orgs({})).map((o) => [String(o.id), o.name]));
    const table = await this.ratesFor(season);
    const stageName = (k: string) => table.stages.find((s) => s.code === k)?.name ?? k;
    const label = (rows: typeof t.byCrop, f: (k: string) => string) => rows.map((r) => ({ ...r, label: f(r.key), areaMu: mu(r.areaCenti), acceptedMu: mu(r.acceptedCenti) }));
    return { season, byCrop: label(t.byCrop, (k) => k), byStage: label(t.byStage, stageName), byTownship: label(t.byTownship, (k) => units.get(k) ?? k), byOrg: label(t.byOrg, (k) => orgs.get(k) ?? k) };
  }

  async workbench(actor: Actor): Promise<WorkItem[]> {
    if (actor.role === 'township_official' && actor.unitId) {
      const n = (await this.repo.orgs({ townshipIds: [actor.unitId], status: ['applied'] })).length;
      return [{ module: '农业生产托管', title: '服务组织待推荐', count: n, link: '/trusteeship' }];
    }
    if (await this.isCentre(actor)) {
      const n = (await this.repo.orgs({ status: ['recommended'] })).length;
      return [{ module: '农业生产托管', title: '服务组织待领导组会审', count: n, link: '/trusteeship' }];
    }
    return [];
  }
}

type SheetBody = {
  lines: { workId: number; farmer: string; location: string; crop: string; stage: string; workDate: string; areaMu: string; passes: number; subsidyFen: number; paidFen: number; note: string | null }[];
  totalFen: number;
  source: string;
};
