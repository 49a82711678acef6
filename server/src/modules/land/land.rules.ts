/**
 * 国有建设用地供应计划 (交政发〔2022〕2号) and the 开发区 filing rule (交政函〔2022〕8号): the rules the module enforces,
 * each quoted once with its 文号 and read by the code that enforces it. Where the text is silent the choice is marked
 * (inferred) and says why.
 *
 * Areas: the plan prints 公顷 to four decimals, and 0.0001 公顷 is exactly 1 平方米, so every area is an integer number
 * of 平方米 — no floats anywhere, a four-decimal figure converts without loss.
 */

export const SOURCE = '交政发〔2022〕2号';
export const FILING_SOURCE = '交政函〔2022〕8号';

/** 平方米 per 公顷: 1 公顷 = 10 000 平方米, so the printed fourth decimal is one 平方米. */
export const SQM_PER_HECTARE = 10_000;

/** The four uses of the plan's structure (交政发〔2022〕2号 二、（二）). */
export const USES = [
  { code: 'commercial', name: '商服用地' },
  { code: 'industrial', name: '工矿仓储用地' },
  { code: 'residential', name: '住宅用地' },
  { code: 'public', name: '公共管理与公共服务用地' },
] as const;
export type UseCode = (typeof USES)[number]['code'];
export const USE_CODES = USES.map((u) => u.code) as [UseCode, ...UseCode[]];
export const useName = (code: UseCode) => USES.find((u) => u.code === code)!.name;

/**
 * The 2022 caps (交政发〔2022〕2号 二、（一）（二））: 「2022 年度本县国有建设用地供应总量控制在 45.3272 公顷以内」;
 * 「商服用地2.2451公顷，工矿仓储用地23.3596公顷，住宅用地 16.7181 公顷，公共管理与公共服务用地 3.0044 公顷」.
 * A later year's plan is entered from its own document, never derived from this one.
 */
export const PLAN_2022 = {
  year: 2022,
  source: SOURCE,
  totalSqm: 453_272,
  caps: { commercial: 22_451, industrial: 233_596, residential: 167_181, public: 30_044 } satisfies Record<UseCode, number>,
} as const;

/** Read a 公顷 figure printed to at most four decimals into whole 平方米; NaN for anything else (more digits, sign, text). */
export function hectaresToSqm(text: string): number {
  const m = /^(\d{1,7})(?:\.(\d{1,4}))?$/.exec(text.trim());
  if (!m) return Number.NaN;
  return Number(m[1]) * SQM_PER_HECTARE + Number((m[2] ?? '').padEnd(4, '0'));
}

/** Whole 平方米 written as 公顷 to four decimals, as the plan prints them ('45.3272'). */
export function sqmToHectares(sqm: number): string {
  const sign = sqm < 0 ? '-' : '';
  const a = Math.abs(sqm);
  return `${sign}${Math.floor(a / SQM_PER_HECTARE)}.${String(a % SQM_PER_HECTARE).padStart(4, '0')}`;
}

/** Which cap a new parcel would break, if any: its use's, then the total; null when it fits. */
export function capBreach(
  plan: { totalSqm: number; caps: Record<UseCode, number> },
  used: Record<UseCode, number>,
  use: UseCode,
  areaSqm: number,
): { cap: 'use' | 'total'; limitSqm: number; leftSqm: number } | null {
  const useLeft = plan.caps[use] - used[use];
  if (areaSqm > useLeft) return { cap: 'use', limitSqm: plan.caps[use], leftSqm: useLeft };
  const totalUsed = USE_CODES.reduce((a, u) => a + used[u], 0);
  const totalLeft = plan.totalSqm - totalUsed;
  if (areaSqm > totalLeft) return { cap: 'total', limitSqm: plan.totalSqm, leftSqm: totalLeft };
  return null;
}

/** Housing types of 住宅用地, for the share below (交政发〔2022〕2号 三、（二）). */
export const HOUSING_TYPES = [
  { code: 'affordable', name: '保障性安居工程', counts: true },
  { code: 'small', name: '中小套型普通商品住房', counts: true },
  { code: 'other', name: '其他商品住房', counts: false },
] as const;
export type HousingType = (typeof HOUSING_TYPES)[number]['code'];
export const HOUSING_CODES = HOUSING_TYPES.map((h) => h.code) as [HousingType, ...HousingType[]];

/**
 * 交政发〔2022〕2号 三、（二）: 「保障性安居工程用地和中小套型普通商品住房用地达到住房用地供应总量70%以上标准」.
 * 「以上」 includes 70 % itself (inferred: the usual reading of 以上 in Chinese regulations). Counted in whole 平方米,
 * compared as integers (100·counted ≥ 70·total); with no housing land yet there is nothing to break.
 */
export const HOUSING_SHARE_PERCENT = 70;

/** Whether the housing land meets the ≥ 70 % share; true while no housing land is planned. */
export function meetsHousingShare(countedSqm: number, housingTotalSqm: number): boolean {
  return housingTotalSqm === 0 || countedSqm * 100 >= housingTotalSqm * HOUSING_SHARE_PERCENT;
}

/** The share in hundredths of a percent, rounded down (7000 = 70.00 %); null with no housing land. */
export function housingShareBasisPoints(countedSqm: number, housingTotalSqm: number): number | null {
  return housingTotalSqm === 0 ? null : Math.floor((countedSqm * 10_000) / housingTotalSqm);
}

/** Supply methods: the three public ones and the two the text restricts. */
export const METHODS = [
  { code: 'tender', name: '招标', open: true },
  { code: 'auction', name: '拍卖', open: true },
  { code: 'listing', name: '挂牌', open: true },
  { code: 'agreement', name: '协议', open: false },
  { code: 'allocation', name: '划拨', open: false },
] as const;
export type MethodCode = (typeof METHODS)[number]['code'];
export const METHOD_CODES = METHODS.map((m) => m.code) as [MethodCode, ...MethodCode[]];
/** A method's printed name (招标, 协议, …); an unknown code reads as itself. */
export const methodName = (code: string): string => METHODS.find((m) => m.code === code)?.name ?? code;

/** Sub-uses that decide the 招拍挂 trigger, by use. */
export const SUB_USES = {
  commercial: [{ code: 'business', name: '商业' }, { code: 'tourism', name: '旅游' }, { code: 'entertainment', name: '娱乐' }, { code: 'office', name: '商务金融' }],
  industrial: [{ code: 'industry', name: '工业' }, { code: 'storage', name: '仓储' }, { code: 'mining', name: '采矿' }],
  residential: [{ code: 'housing', name: '住宅' }],
  public: [{ code: 'public', name: '公共管理与公共服务' }],
} as const;

/**
 * 交政发〔2022〕2号 三、（四）: 「对商业、旅游、娱乐、商品住宅等经营性用地和工业用地以及同一宗地有两个以上意向用地者的，
 * 严格按招标、拍卖或者挂牌方式公开出让」.
 * (inferred) 「等经营性用地」 takes in all 商服 land and 仓储 land let for profit; 采矿 land is left to the mining-right
 * procedure; 「商品住宅」 is every 住宅 parcel but 保障性安居工程 (which may be 划拨); 「两个以上」 counts two itself.
 */
export const OPEN_SALE_RULE = '对商业、旅游、娱乐、商品住宅等经营性用地和工业用地以及同一宗地有两个以上意向用地者的，严格按招标、拍卖或者挂牌方式公开出让';

/** Why a parcel must be sold by 招标/拍卖/挂牌, or null when 协议/划拨 is open to it. */
export function openSaleReason(p: { use: UseCode; subUse?: string | null; housingType?: HousingType | null; intendingUsers: number }): string | null {
  if (p.intendingUsers >= 2) return `同一宗地有${p.intendingUsers}个意向用地者`;
  if (p.use === 'commercial') return '商服用地属经营性用地';
  if (p.use === 'industrial' && p.subUse !== 'mining') return p.subUse === 'storage' ? '仓储用地属经营性用地' : '工业用地';
  if (p.use === 'residential' && p.housingType !== 'affordable') return '商品住宅用地';
  return null;
}

/** A refusal message naming the rule when the chosen method is not open to the parcel, else null. */
export function methodRefusal(p: Parameters<typeof openSaleReason>[0] & { method: MethodCode }): string | null {
  const m = METHODS.find((x) => x.code === p.method)!;
  if (m.open) return null;
  const reason = openSaleReason(p);
  return reason ? `供应方式：${reason}，不得以${m.name}方式供应。${SOURCE}：「${OPEN_SALE_RULE}」` : null;
}

/**
 * 交政函〔2022〕8号 一、: 「同意赋予你单位开发区内“建筑工程招投标类备案”权限，开发区外由原主管部门负责」.
 * (inferred) The 原主管部门 for 建筑工程招投标 outside the zone is 县住建局 (JC-ZJJ); the text names no body.
 */
export const FILING_RULE = '同意赋予你单位开发区内“建筑工程招投标类备案”权限，开发区外由原主管部门负责';
export const DEV_ZONE = '交城经济开发区';

/** The body that takes a parcel's 建筑工程招投标 filing: the 开发区管委会 inside the zone, the original department outside. */
export function filingBody(location: string): { code: string; name: string; basis: string } {
  const basis = `${FILING_SOURCE}：「${FILING_RULE}」`;
  return location === DEV_ZONE ? { code: 'JC-KFQ', name: '交城经济开发区管理委员会', basis } : { code: 'JC-ZJJ', name: '县住房和城乡建设管理局（原主管部门）', basis };
}

/**
 * Boundary vs declared area: the computed area may differ from the declared one by at most 1 % or 10 平方米, whichever is
 * larger (inferred: the text is silent; 1 % absorbs surveying and projection rounding on a parcel-sized polygon).
 */
export const AREA_TOLERANCE = { percent: 1, minSqm: 10 } as const;

/** Whether a declared area agrees with the boundary's computed area within the tolerance. */
export function areaAgrees(declaredSqm: number, computedSqm: number): boolean {
  const diff = Math.abs(declaredSqm - computedSqm);
  return diff <= AREA_TOLERANCE.minSqm || diff * 100 <= declaredSqm * AREA_TOLERANCE.percent;
}

/** The parcel steps, in order (计划 → 公布 → 出让公告 → 成交 → 供应; the notice of sale is the public step of 招拍挂). */
export const STEPS = [
  { code: 'planned', name: '计划' },
  { code: 'published', name: '公布' },
  { code: 'noticed', name: '出让公告' },
  { code: 'dealt', name: '成交' },
  { code: 'supplied', name: '供应' },
] as const;

/**
 * 闲置: a supplied parcel not started by its agreed start date. (inferred) The text gives no grace period; the parcel is
 * flagged the day after the agreed start passes without a recorded start; ISO dates compare as strings.
 */
export function isIdle(p: { agreedStart: string | null; startedOn: string | null }, today: string): boolean {
  return p.agreedStart !== null && p.startedOn === null && today > p.agreedStart;
}

/**
 * The plan's priorities (交政发〔2022〕2号 一、: 「优先保证重点建设项目和基础设施项目用地，优先供应存量建设用地」; 三、（一）:
 * 「保障城市基础设施、公共服务设施的土地供应……重点保证民生工程项目建设用地」): a parcel is marked with those it serves,
 * so the office sees what the year's supply gives them. (inferred) The text sets no share for any: they are shown, not capped.
 */
export const PRIORITIES = [
  { code: 'key_project', name: '重点建设项目' },
  { code: 'infrastructure', name: '基础设施项目' },
  { code: 'livelihood', name: '民生工程项目' },
  { code: 'existing_land', name: '存量建设用地' },
] as const;
export type PriorityCode = (typeof PRIORITIES)[number]['code'];
export const PRIORITY_CODES = PRIORITIES.map((p) => p.code) as [PriorityCode, ...PriorityCode[]];
export const priorityName = (code: string): string => PRIORITIES.find((p) => p.code === code)?.name ?? code;
