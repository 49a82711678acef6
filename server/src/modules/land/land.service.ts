/** 国有建设用地供应计划: the plan and its parcels, with the rules of 交政发〔2022〕2号 applied before anything is written. */
import type { Db } from '../../core/db.js';
import { conflict, invalidField, notFound } from '../../core/errors.js';
import { bbox, boundaryProblem, polygonAreaSqm, type PolygonGeometry } from './land.geo.js';
import { CapFull, type LandRepository, type ParcelRow } from './land.repository.js';
import {
  DEV_ZONE, HOUSING_CODES, HOUSING_TYPES, METHOD_CODES, METHODS, PLAN_2022, SUB_USES, SOURCE, USE_CODES, areaAgrees, filingBody, hectaresToSqm, housingShareBasisPoints, isIdle,
  meetsHousingShare, methodRefusal, sqmToHectares, useName, type HousingType, type MethodCode, type UseCode,
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
  demo?: boolean;
}

const counted = new Set<string>(HOUSING_TYPES.filter((h) => h.counts).map((h) => h.code));

export class LandService {
  constructor(private readonly db: Db, private readonly repo: LandRepository, private readonly now: () => string, private readonly today: () => string) {}

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
      uses: caps.map((c) => ({ use: c.use, name: useName(c.use as UseCode), cap: sqmToHectares(c.cap_sqm), used: sqmToHectares(c.used_sqm), left: sqmToHectares(c.cap_sqm - c.used_sqm) })),
      housingShare: { basisPoints: housingShareBasisPoints(good, total), meets: meetsHousingShare(good, total) },
    };
  }

  /** Enter a parcel against a year's plan: boundary, area, method checked; the caps taken by a conditional update. */
  async enterParcel(year: number, b: ParcelInput): Promise<ParcelRow> {
    const p = await this.repo.planByYear(year);
    if (!p) throw notFound(`${year} 年度供应计划`);
    if (!USE_CODES.includes(b.use)) throw invalidField('use', '未知的用途');
    // The sub-use decides the 招拍挂 trigger, the housing type the 70 % share: only the codes the rules list are taken.
    const subUses: readonly { code: string; name: string }[] = SUB_USES[b.use];
    if (b.subUse && !subUses.some((s) => s.code === b.subUse)) throw invalidField('subUse', `${useName(b.use)}的细分用途应为${subUses.map((s) => s.name).join('、')}之一`);
    if (b.housingType && (b.use !== 'residential' || !HOUSING_CODES.includes(b.housingType))) throw invalidField('housingType', b.use === 'residential' ? `住房类型应为${HOUSING_TYPES.map((h) => h.name).join('、')}之一` : '仅住宅用地填写住房类型');
    if (!METHOD_CODES.includes(b.method)) throw invalidField('method', `供应方式应为${METHODS.map((m) => m.name).join('、')}之一`);
    const areaSqm = hectaresToSqm(b.area);
    if (!Number.isFinite(areaSqm) || areaSqm <= 0) throw invalidField('area', '面积应为公顷，最多四位小数', `面积 ${b.area} 应为正数公顷，最多四位小数`);
    const problem = boundaryProblem(b.boundary);
    if (problem) throw invalidField('boundary', problem);
    const computed = polygonAreaSqm(b.boundary);
    if (!areaAgrees(areaSqm, computed)) throw invalidField('area', '与边界面积不符', `申报面积 ${b.area} 公顷与边界计算面积 ${sqmToHectares(computed)} 公顷相差超过 1%`);
    const refusal = methodRefusal({ ...b, housingType: b.housingType ?? null });
    if (refusal) throw invalidField('method', refusal);
    const box = bbox(b.boundary);
    try {
      const id = await this.db.unitOfWork(async () => {
        await this.repo.takeArea(p.id, b.use, areaSqm);
        return this.repo.insertParcel({
          plan_id: p.id, code: b.code, name: b.name, location: b.location, use: b.use, sub_use: b.subUse ?? null, housing_type: b.housingType ?? null,
          area_sqm: areaSqm, boundary_sqm: computed, boundary: JSON.stringify(b.boundary), min_lng: box.minLng, min_lat: box.minLat, max_lng: box.maxLng, max_lat: box.maxLat,
          method: b.method, intending_users: b.intendingUsers, project: b.project, status: 'planned', price_fen: null, buyer: null,
          agreed_start: null, agreed_completion: null, started_on: null, completed_on: null, demo: b.demo ? 1 : 0, created_at: this.now(),
        });
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
      id: r.id, code: r.code, name: r.name, location: r.location, inDevZone: r.location === DEV_ZONE, use: r.use, area: sqmToHectares(r.area_sqm),
      boundaryArea: sqmToHectares(r.boundary_sqm), method: r.method, intendingUsers: r.intending_users, project: r.project, status: r.status,
      filingBody: filingBody(r.location), idle: isIdle({ agreedStart: r.agreed_start, startedOn: r.started_on }, this.today()), demo: r.demo === 1,
    };
  }
}
