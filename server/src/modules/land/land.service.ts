/** 国有建设用地供应计划: the plan and its parcels, with the rules of 交政发〔2022〕2号 applied before anything is written. */
import type { Access } from '../../core/access.js';
import { SYSTEM_ACTOR, type Actor } from '../../core/audit.js';
import type { DirectoryService } from '../directory/index.js';
import { RESOURCES } from './land.access.js';
import { parseBbox } from '../../core/bbox.js';
import type { Db } from '../../core/db.js';
import { fenToYuanText } from '../../core/money.js';
import type { Flow } from '../../core/workflow.js';
import { PARCEL_STATES, PUBLIC_STATUSES, type ParcelFlowDecl, type ParcelStep, type ParcelStepInput } from './land.flow.js';
import { conflict, invalidField, notFound } from '../../core/errors.js';
import { bbox, boundaryProblem, polygonAreaSqm, type PolygonGeometry } from './land.geo.js';
import { CapFull, type LandRepository, type ParcelRow } from './land.repository.js';
import {
  DEV_ZONE, PRIORITIES, PRIORITY_CODES, priorityName, type PriorityCode, HOUSING_CODES, HOUSING_SHARE_PERCENT, HOUSING_TYPES, METHOD_CODES, METHODS, PLAN_2022, SUB_USES, SOURCE, USE_CODES, areaAgrees, filingBody, hectaresToSqm, housingShareBasisPoints, isIdle,
  meetsHousingShare, methodName, methodRefusal, sqmToHectares, useName, type HousingType, type MethodCode, type UseCode,
} from './land.rules.js';

export interface ParcelInput {
  code: string;
  name: string;
  location: string;
  use: UseCode;
  subUse?: string | null;
  housingType?: HousingType | null;
  /** 公顷 to four decimals, as text. */
  area: string;
  boundary: PolygonGeometry;
  method: MethodCode;
  intendingUsers: number;
  project: string;
  /** The plan's priorities the parcel serves (PRIORITIES codes). */
  priorities?: readonly string[];
  demo?: boolean;
}

const counted = new Set<string>(HOUSING_TYPES.filter((h) => h.counts).map((h) => h.code));

export type ParcelFlow = Flow<ParcelRow, keyof ParcelFlowDecl['states'], ParcelFlowDecl['steps']>;

export class LandService {
  readonly flow: ParcelFlow;
  constructor(
    private readonly db: Db,
    readonly repo: LandRepository,
    private readonly now: () => string,
    private readonly today: () => string,
    readonly access: Access,
    flow: (svc: LandService) => ParcelFlow,
    private readonly directory: DirectoryService,
  ) {
    this.flow = flow(this);
  }

  /** Run `fn` in one unit of work (an import's rows enter together or not at all). */
  inOneUnit<T>(fn: () => Promise<T>): Promise<T> {
    return this.db.unitOfWork(fn);
  }

  /** The townships a parcel may lie in (with the 开发区, its other location). */
  async townshipNames(): Promise<string[]> {
    return (await this.directory.all()).filter((u) => u.kind === 'township').map((u) => u.name);
  }

  /** Seed the 2022 plan from the printed figures once. */
  async ensurePlan2022(): Promise<number> {
    const p = await this.repo.planByYear(PLAN_2022.year);
    return p ? p.id : this.repo.insertPlan(PLAN_2022, this.now());
  }

  /** A year's plan: caps, used and left per use and in total (公顷 text), and the housing share. */
  async plan(year: number) {
    const p = await this.repo.planByYear(year);
    if (!p) throw notFound(`${year} 年度供应计划`);
    const caps = await this.repo.caps(p.id);
    const housing = await this.repo.housingByType(p.id);
    const total = housing.reduce((a, h) => a + Number(h.sqm), 0);
    const good = housing.filter((h) => h.housing_type && counted.has(h.housing_type)).reduce((a, h) => a + Number(h.sqm), 0);
    return {
      year: p.year, source: p.source, total: sqmToHectares(p.total_sqm), used: sqmToHectares(p.used_total_sqm), left: sqmToHectares(p.total_sqm - p.used_total_sqm),
      // In the document's order (商服, 工矿仓储, 住宅, 公共管理与公共服务).
      uses: [...caps].sort((a, b) => USE_CODES.indexOf(a.use as UseCode) - USE_CODES.indexOf(b.use as UseCode)).map((c) => ({ use: c.use, name: useName(c.use as UseCode), cap: sqmToHectares(c.cap_sqm), used: sqmToHectares(c.used_sqm), left: sqmToHectares(c.cap_sqm - c.used_sqm) })),
      housingShare: { basisPoints: housingShareBasisPoints(good, total), meets: meetsHousingShare(good, total) },
    };
  }

  /**
   * What the rules refuse in a parcel, by field, in the order they are checked (the first is what entering answers; an
   * import shows them all): use, sub-use, housing type, priorities, method, the area's form, the boundary, the area
   * against the boundary, and the 招拍挂 rule. The caps are not here: they are taken when the parcel is entered.
   */
  parcelProblems(b: ParcelInput): { field: string; message: string; summary?: string }[] {
    const out: { field: string; message: string; summary?: string }[] = [];
    const useOk = USE_CODES.includes(b.use);
    if (!useOk) out.push({ field: 'use', message: '未知的用途' });
    // The sub-use decides the 招拍挂 trigger, the housing type the 70 % share: only the codes the rules list are taken.
    const subUses: readonly { code: string; name: string }[] = useOk ? SUB_USES[b.use] : [];
    if (useOk && b.subUse && !subUses.some((x) => x.code === b.subUse)) out.push({ field: 'subUse', message: `${useName(b.use)}的细分用途应为${subUses.map((x) => x.name).join('、')}之一` });
    if (b.housingType && (b.use !== 'residential' || !HOUSING_CODES.includes(b.housingType))) out.push({ field: 'housingType', message: b.use === 'residential' ? `住房类型应为${HOUSING_TYPES.map((h) => h.name).join('、')}之一` : '仅住宅用地填写住房类型' });
    // The 70 % share counts residential land by its housing type, so a residential parcel always says which it is.
    if (b.use === 'residential' && !b.housingType) out.push({ field: 'housingType', message: `住宅用地须填写住房类型（${HOUSING_TYPES.map((h) => h.name).join('、')}）` });
    if ((b.priorities ?? []).some((x) => !PRIORITY_CODES.includes(x as PriorityCode))) out.push({ field: 'priorities', message: `优先类别应为${PRIORITIES.map((x) => x.name).join('、')}` });
    const methodOk = METHOD_CODES.includes(b.method);
    if (!methodOk) out.push({ field: 'method', message: `供应方式应为${METHODS.map((m) => m.name).join('、')}之一` });
    const areaSqm = hectaresToSqm(b.area);
    const areaOk = Number.isFinite(areaSqm) && areaSqm > 0;
    if (!areaOk) out.push({ field: 'area', message: '面积应为公顷，最多四位小数', summary: `面积 ${b.area} 应为正数公顷，最多四位小数` });
    const boundary = boundaryProblem(b.boundary);
    if (boundary) out.push({ field: 'boundary', message: boundary });
    if (areaOk && !boundary) {
      const computed = polygonAreaSqm(b.boundary);
      if (!areaAgrees(areaSqm, computed)) out.push({ field: 'area', message: '与边界面积不符', summary: `申报面积 ${b.area} 公顷与边界计算面积 ${sqmToHectares(computed)} 公顷相差超过 1%` });
    }
    const refusal = useOk && methodOk ? methodRefusal({ ...b, housingType: b.housingType ?? null }) : null;
    if (refusal) out.push({ field: 'method', message: refusal });
    return out;
  }

  /** Enter a parcel against a year's plan: boundary, area, method checked; the caps taken by a conditional update. */
  async enterParcel(year: number, b: ParcelInput, actor: Actor = SYSTEM_ACTOR): Promise<ParcelRow> {
    if (actor !== SYSTEM_ACTOR) await this.access.require(actor, RESOURCES, {}, '登记地块');
    const p = await this.repo.planByYear(year);
    if (!p) throw notFound(`${year} 年度供应计划`);
    const problem = this.parcelProblems(b)[0];
    if (problem) throw invalidField(problem.field, problem.message, problem.summary);
    const areaSqm = hectaresToSqm(b.area);
    const computed = polygonAreaSqm(b.boundary);
    const priorities = [...new Set(b.priorities ?? [])];
    if (await this.repo.parcelByCode(b.code)) throw conflict(`地块编号 ${b.code} 已登记`, [{ field: 'code', message: '地块编号已存在' }]);
    const box = bbox(b.boundary);
    try {
      const id = await this.db.unitOfWork(async () => {
        await this.repo.takeArea(p.id, b.use, areaSqm);
        // The cap is taken when the parcel enters the plan (计划), not at supply: the plan is the year's 供应总量控制, and an
        // official listing a parcel expects it counted at once so the plan itself never promises more land than the
        // document allows; a withdrawn parcel gives its area back.
        const parcelId = await this.repo.insertParcel({
          plan_id: p.id, code: b.code, name: b.name, location: b.location, use: b.use, sub_use: b.subUse ?? null, housing_type: b.housingType ?? null,
          area_sqm: areaSqm, boundary_sqm: computed, boundary: JSON.stringify(b.boundary), min_lng: box.minLng, min_lat: box.minLat, max_lng: box.maxLng, max_lat: box.maxLat,
          method: b.method, intending_users: b.intendingUsers, project: b.project, status: 'planned', price_fen: null, buyer: null,
          agreed_start: null, agreed_completion: null, started_on: null, completed_on: null, demo: b.demo ? 1 : 0, created_at: this.now(),
          notice_no: null, noticed_on: null, dealt_on: null, supplied_on: null, contract_no: null, withdraw_reason: null, priorities: JSON.stringify(priorities),
        });
        await this.flow.created(actor, (await this.repo.parcel(parcelId))!, `列入 ${year} 年度供应计划`);
        return parcelId;
      });
      return (await this.repo.parcel(id))!;
    } catch (e) {
      if (e instanceof CapFull) {
        const what = e.cap === 'use' ? `${useName(b.use)}供应指标` : '国有建设用地供应总量';
        throw conflict(`地块面积 ${b.area} 公顷超出 ${year} 年度${what}（${SOURCE}），未登记`, [{ field: 'area', message: '超出计划指标' }]);
      }
      throw e;
    }
  }

  /** How a parcel reads: 公顷 text, the filing body (交政函〔2022〕8号) and the 闲置 flag. */
  view(r: ParcelRow) {
    return {
      id: r.id, code: r.code, name: r.name, location: r.location, inDevZone: r.location === DEV_ZONE, use: r.use, useName: useName(r.use as UseCode), subUse: r.sub_use, housingType: r.housing_type,
      area: sqmToHectares(r.area_sqm), boundaryArea: sqmToHectares(r.boundary_sqm), boundary: JSON.parse(r.boundary) as PolygonGeometry,
      method: r.method, methodName: methodName(r.method), intendingUsers: r.intending_users, project: r.project,
      status: r.status as keyof typeof PARCEL_STATES, statusLabel: PARCEL_STATES[r.status as keyof typeof PARCEL_STATES]?.label ?? r.status,
      noticeNo: r.notice_no, noticedOn: r.noticed_on, price: r.price_fen === null ? null : fenToYuanText(r.price_fen), buyer: r.buyer, dealtOn: r.dealt_on,
      contractNo: r.contract_no, suppliedOn: r.supplied_on, agreedStart: r.agreed_start, agreedCompletion: r.agreed_completion, startedOn: r.started_on, completedOn: r.completed_on,
      withdrawReason: r.withdraw_reason, filingBody: filingBody(r.location), priorities: (JSON.parse(r.priorities) as string[]).map((code) => ({ code, name: priorityName(code) })),
      idle: r.status === 'supplied' && isIdle({ agreedStart: r.agreed_start, startedOn: r.started_on }, this.today()), demo: r.demo === 1,
    };
  }

  private async planOf(year: number) {
    const p = await this.repo.planByYear(year);
    if (!p) throw notFound(`${year} 年度供应计划`);
    return p;
  }

  /** The years with a plan. */
  async years(): Promise<number[]> {
    return (await this.repo.plans()).map((p) => p.year);
  }

  /** Enter a later year's plan from its own document: caps per use in 公顷 (four decimals), their sum within the total. */
  async enterPlan(actor: Actor, b: { year: number; source: string; total: string; caps: Record<UseCode, string> }) {
    await this.access.require(actor, RESOURCES, {}, '录入供应计划');
    if (await this.repo.planByYear(b.year)) throw conflict(`${b.year} 年度供应计划已录入`, [{ field: 'year', message: '该年度已有计划' }]);
    const totalSqm = hectaresToSqm(b.total);
    if (!Number.isFinite(totalSqm) || totalSqm <= 0) throw invalidField('total', '供应总量应为正数公顷，最多四位小数');
    const caps = {} as Record<UseCode, number>;
    for (const u of USE_CODES) {
      const v = hectaresToSqm(b.caps[u] ?? '');
      if (!Number.isFinite(v)) throw invalidField(`caps.${u}`, `${useName(u)}指标应为公顷，最多四位小数`);
      caps[u] = v;
    }
    // (inferred) The 2022 plan's uses add up exactly to its total; a later plan may keep some of the total unassigned, never more.
    if (USE_CODES.reduce((a, u) => a + caps[u], 0) > totalSqm) throw invalidField('caps', '各用途指标之和超过供应总量');
    await this.repo.insertPlan({ year: b.year, source: b.source.trim(), totalSqm, caps }, this.now());
    return this.plan(b.year);
  }

  /** Parcels of a year's plan, optionally within a map's box (`minLng,minLat,maxLng,maxLat`), with the actor's steps. */
  async parcels(actor: Actor, year: number, bboxText?: string) {
    const p = await this.planOf(year);
    const rows = bboxText ? await this.repo.inBox(p.id, parseBbox(bboxText)) : await this.repo.parcels(p.id);
    return Promise.all(rows.map(async (r) => ({ ...this.view(r), actions: await this.flow.actions(actor, r, { guards: false }) })));
  }

  /** One parcel with its steps and step log. */
  async detail(actor: Actor, id: number) {
    const r = await this.repo.parcel(id);
    if (!r) throw notFound(`地块 ${id} `);
    return { ...this.view(r), actions: await this.flow.actions(actor, r), timeline: await this.flow.timeline(r.id) };
  }

  /** Take a step of the parcel procedure. */
  async step(actor: Actor, id: number, step: ParcelStep, input: ParcelStepInput) {
    await this.flow.run(actor, id, step, input);
    return this.detail(actor, id);
  }

  /** What a new parcel would do to the plan before it is entered: its computed area, the cap left, the 70 % share after it. */
  async check(year: number, b: { use: UseCode; housingType?: HousingType | null; boundary: PolygonGeometry }) {
    const p = await this.planOf(year);
    const problem = boundaryProblem(b.boundary);
    const computed = problem ? 0 : polygonAreaSqm(b.boundary);
    const cap = (await this.repo.caps(p.id)).find((c) => c.use === b.use);
    const useLeft = cap ? cap.cap_sqm - cap.used_sqm : 0;
    const totalLeft = p.total_sqm - p.used_total_sqm;
    const housing = await this.repo.housingByType(p.id);
    let total = housing.reduce((a, h) => a + Number(h.sqm), 0);
    let good = housing.filter((h) => h.housing_type && counted.has(h.housing_type)).reduce((a, h) => a + Number(h.sqm), 0);
    const before = meetsHousingShare(good, total);
    if (b.use === 'residential') {
      total += computed;
      if (b.housingType && counted.has(b.housingType)) good += computed;
    }
    const after = meetsHousingShare(good, total);
    const warnings: string[] = [];
    if (problem) warnings.push(problem);
    if (computed > Math.min(useLeft, totalLeft)) warnings.push(`边界面积 ${sqmToHectares(computed)} 公顷超出剩余指标 ${sqmToHectares(Math.min(useLeft, totalLeft))} 公顷`);
    if (before && !after) warnings.push(`登记后保障性安居工程和中小套型普通商品住房用地将低于住房用地供应总量的 ${HOUSING_SHARE_PERCENT}%（${SOURCE}）`);
    return { area: sqmToHectares(computed), useLeft: sqmToHectares(useLeft), totalLeft: sqmToHectares(totalLeft), shareAfter: { basisPoints: housingShareBasisPoints(good, total), meets: after }, warnings };
  }

  /** The public list (no login): parcels published onwards, with the deal's result once dealt. */
  async publicParcels(year: number) {
    const p = await this.planOf(year);
    return (await this.repo.parcels(p.id, PUBLIC_STATUSES)).map((r) => {
      const v = this.view(r);
      return { id: v.id, code: v.code, name: v.name, location: v.location, useName: v.useName, area: v.area, methodName: v.methodName, statusLabel: v.statusLabel, boundary: v.boundary, noticeNo: v.noticeNo, noticedOn: v.noticedOn, buyer: v.buyer, price: v.price, dealtOn: v.dealtOn, demo: v.demo };
    });
  }

  /** The dashboard: the plan, parcels by state, the 闲置 parcels. */
  async dashboard(year: number) {
    const plan = await this.plan(year);
    const rows = (await this.repo.parcels((await this.planOf(year)).id)).map((r) => this.view(r));
    const byStatus = Object.entries(PARCEL_STATES).map(([code, s]) => ({ status: code, label: s.label, count: rows.filter((r) => r.status === code).length }));
    // What the year's parcels give the plan's priorities (shown, not capped: the text sets no share).
    const active = rows.filter((r) => r.status !== 'withdrawn');
    const priorities = PRIORITIES.map((p) => {
      const mine = active.filter((r) => r.priorities.some((x) => x.code === p.code));
      return { code: p.code, name: p.name, parcels: mine.length, area: sqmToHectares(mine.reduce((a, r) => a + hectaresToSqm(r.area), 0)) };
    });
    const idle = rows.filter((r) => r.idle).map((r) => ({ id: r.id, code: r.code, name: r.name, agreedStart: r.agreedStart!, boundary: r.boundary }));
    return { plan, byStatus, idle, priorities, parcels: rows.filter((r) => r.status !== 'withdrawn').map((r) => ({ id: r.id, code: r.code, name: r.name, status: r.status, statusLabel: r.statusLabel, idle: r.idle, boundary: r.boundary })) };
  }
}
