/**
 * 县级储备粮轮换 (交政发〔2022〕8号) and 粮食生产及耕地资源利用指导性计划 (交政办函〔2022〕13号): the rules the module
 * enforces, each quoted once with its 文号 and read by the code that enforces it. Where the text is silent the choice
 * is marked (inferred) and says why. Quantities are whole kilograms (1 万斤 = 5,000 kg), money whole 分.
 */
import { invalidField } from '../../core/errors.js';

export const RESERVE_SOURCE = '交政发〔2022〕8号';
export const TARGETS_SOURCE = '交政办函〔2022〕13号';

/** 「按照县储粮从建立储备的第二年起每年按储备总量的 20—30%进行轮换的要求」 (交政发〔2022〕8号). */
export const ROTATION_SHARE = { minPercent: 20, maxPercent: 30, fromYearOfReserve: 2 } as const;

/** 「现下达 2022 年度我县县级储备粮实施小麦 300 万斤、玉米 100 万斤的轮换计划」 (交政发〔2022〕8号), in kilograms. */
export const PLAN_2022 = [
  { grain: '小麦', kg: 1_500_000 },
  { grain: '玉米', kg: 500_000 },
] as const;

/** The grains of the reserve: the plan's two (a lot of another grain is entered by the office; inferred). */
export const GRAINS = ['小麦', '玉米'] as const;

/** 「要求采取"先销后购"与"边销边购"相结合的方式」 (交政发〔2022〕8号). */
export const MODES = ['先销后购', '边销边购'] as const;

/**
 * 「新入库粮食必须符合国家质量标准中等以上」 (交政发〔2022〕8号). The national grain standards (GB 1351 小麦, GB 1353 玉米)
 * grade 一等 to 五等 with 三等 as 中等 (inferred): 「中等以上」 is read as 三等 or better; 四等, 五等 and 等外 are refused.
 */
export const GRADES = ['一等', '二等', '三等', '四等', '五等', '等外'] as const;
export type Grade = (typeof GRADES)[number];
export const MIN_GRADE: Grade = '三等';

/** Whether grain of this grade may enter the reserve. */
export const fitForReserve = (g: Grade): boolean => GRADES.indexOf(g) <= GRADES.indexOf(MIN_GRADE);

/** The refusal of grain below 中等, in the notice's words. */
export const gradeRefusal = (g: Grade) => `${g}粮食不符合国家质量标准中等以上（${MIN_GRADE}及以上），不得入库（${RESERVE_SOURCE}）`;

/** 「严格进入粮食电子交易平台或市级粮油批发市场进行公开招投标竞价」 (交政发〔2022〕8号). */
export const BID_CHANNELS = ['粮食电子交易平台', '市级粮油批发市场'] as const;

/** 「轮换费用按省储备粮补贴标准予以补贴」 (交政发〔2022〕8号): the rate is entered with its provincial source, in 分 per 吨. */
export const SUBSIDY_RULE = '轮换费用按省储备粮补贴标准予以补贴';

/** 「轮换过程中发生的差价亏损经县财政核实后，予以全额弥补」 (交政发〔2022〕8号): computed after the 财政局's review. */
export const LOSS_RULE = '轮换过程中发生的差价亏损经县财政核实后，予以全额弥补';

/** 「县农发行负责及时安排轮入粮食的贷款，以及销售款的及时回笼」 (交政发〔2022〕8号). */
export const BANK_RULE = '县农发行负责及时安排轮入粮食的贷款，以及销售款的及时回笼';

/** 「轮入粮食的采购采取由承储企业组织、有关单位监督指导的方式进行」 (交政发〔2022〕8号): orders are the enterprise's. */
export const PURCHASE_RULE = '轮入粮食的采购采取由承储企业组织、有关单位监督指导的方式进行';

/**
 * 「现就全县 2022 年粮食生产及耕地资源利用指导性计划指标任务进行下达」 (交政办函〔2022〕13号): every target is 指导性
 * (guidance); its table is 「见网络版」, so the figures are entered or imported by the office, never written here.
 */
export const TARGETS_GUIDANCE = '指导性计划指标';

/** 「同时要抓好春耕春播」 (交政办函〔2022〕13号): the townships report by season (the later seasons inferred from the farm year). */
export const REPORT_SEASONS = ['春耕春播', '夏收夏种', '秋收', '全年'] as const;
export type ReportSeason = (typeof REPORT_SEASONS)[number];

/** Indicator kinds of the attachment's table (the issue's 播种面积、产量、耕地利用; the columns themselves are the office's). */
export const INDICATOR_KINDS = { sown_area: '粮食播种面积', output: '粮食产量', farmland: '耕地资源利用' } as const;
export type IndicatorKind = keyof typeof INDICATOR_KINDS;

/** Each kind's unit, so a kind's figures add up across its indicators (areas in 亩, output in 吨; inferred). */
export const KIND_UNITS: Record<IndicatorKind, string> = { sown_area: '亩', output: '吨', farmland: '亩' };

// ── quantities ──────────────────────────────────────────────────────────────────────────────────────────────────

/** One 万斤 is 5,000 kg (1 斤 = 0.5 kg). */
const KG_PER_WAN_JIN = 5000;

/**
 * 万斤 as typed ("300", "12.5", "0.0002") to whole kilograms. The store keeps kilograms, so a quantity finer than one
 * kilogram (0.0002 万斤) is refused rather than rounded.
 */
export function wanJinToKg(text: string, field = 'quantity'): number {
  const m = /^(\d{1,7})(?:\.(\d{1,4}))?$/.exec(text.trim());
  if (!m) throw invalidField(field, '数量以万斤为单位，最多四位小数', `数量格式错误：${text}（以万斤为单位，最多四位小数）`);
  const tenThousandths = Number(m[1]) * 10_000 + Number((m[2] ?? '').padEnd(4, '0'));
  // kg = 万斤 × 5000 = tenThousandths / 2: an odd count is half a kilogram.
  if ((tenThousandths * KG_PER_WAN_JIN) % 10_000 !== 0) throw invalidField(field, '数量精确到公斤（0.0002 万斤）', `数量 ${text} 万斤的精度超过 1 公斤，无法按公斤准确登记`);
  if (tenThousandths === 0) throw invalidField(field, '数量应大于 0');
  return (tenThousandths * KG_PER_WAN_JIN) / 10_000;
}

/** Kilograms as 万斤, exact (up to four decimals, trailing zeros dropped): 1,500,000 → "300". */
export function kgToWanJin(kg: number): string {
  const t = (kg * 10_000) / KG_PER_WAN_JIN; // ten-thousandths of a 万斤 (a whole number: 1 kg = 2)
  const sign = t < 0 ? '-' : '';
  const a = Math.abs(t);
  const frac = String(a % 10_000).padStart(4, '0').replace(/0+$/, '');
  return `${sign}${Math.floor(a / 10_000)}${frac ? `.${frac}` : ''}`;
}

/** A price in 元 per 吨 as typed ("2980", "2980.5") to 分 per 吨. */
export function yuanPerTonneToFen(text: string, field = 'price'): number {
  const m = /^(\d{1,7})(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!m) throw invalidField(field, '价格以元/吨为单位，最多两位小数', `价格格式错误：${text}（元/吨，最多两位小数）`);
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/** A rate in 分 per 吨 over kilograms, rounded half up to the 分 (exact: integers only). */
export const amountFen = (fenPerTonne: number, kg: number): number => Math.floor((fenPerTonne * kg + 500) / 1000);

// ── the share ───────────────────────────────────────────────────────────────────────────────────────────────────

/** The share check of a year's plan against the reserve's scale (both in kilograms). */
export interface ShareCheck {
  /** Hundredths of a percent, rounded down (2000 = 20.00 %). */
  basisPoints: number;
  within: boolean;
  /** Why the plan is outside, in words, or null. */
  problem: string | null;
}

/** Whether a year's rotations (kg) are 20–30 % of the reserve (kg), and in the reserve's second year or later. */
export function checkShare(plannedKg: number, reserveKg: number, year: number, establishedYear: number): ShareCheck {
  const bp = reserveKg > 0 ? Math.floor((plannedKg * 10_000) / reserveKg) : 0;
  const pct = `${Math.floor(bp / 100)}.${String(bp % 100).padStart(2, '0')}%`;
  let problem: string | null = null;
  if (year < establishedYear + ROTATION_SHARE.fromYearOfReserve - 1) problem = `储备于 ${establishedYear} 年建立，${year} 年尚未到建立储备的第二年`;
  else if (plannedKg * 100 > reserveKg * ROTATION_SHARE.maxPercent) problem = `本年轮换 ${kgToWanJin(plannedKg)} 万斤，占储备总量 ${kgToWanJin(reserveKg)} 万斤的 ${pct}，超过 ${ROTATION_SHARE.maxPercent}%`;
  else if (plannedKg * 100 < reserveKg * ROTATION_SHARE.minPercent) problem = `本年轮换 ${kgToWanJin(plannedKg)} 万斤，占储备总量 ${kgToWanJin(reserveKg)} 万斤的 ${pct}，低于 ${ROTATION_SHARE.minPercent}%`;
  return { basisPoints: bp, within: problem === null, problem };
}

// ── costs ───────────────────────────────────────────────────────────────────────────────────────────────────────

export interface RotationCosts {
  /** The rotated quantity the costs are counted on: what was sold and bought back, the smaller of the two (inferred). */
  rotatedKg: number;
  /** Sale proceeds and purchase cost at the winning prices. */
  saleFen: number;
  purchaseFen: number;
  /** 轮换费用 at the provincial rate. */
  subsidyFen: number;
  /** 差价亏损: (轮入价 − 销售价) over the rotated quantity, never below 0 (a gain is not compensated). */
  lossFen: number;
}

/**
 * The 财政局's figures for a rotation: subsidy at the provincial rate and the price-difference loss, to the 分. Prices
 * are the kilogram-weighted winning prices of its orders (分 per 吨); the quantity is what went out and came back in.
 */
export function rotationCosts(out: readonly { kg: number; fenPerTonne: number }[], inn: readonly { kg: number; fenPerTonne: number }[], subsidyFenPerTonne: number): RotationCosts {
  const outKg = out.reduce((s, o) => s + o.kg, 0);
  const inKg = inn.reduce((s, o) => s + o.kg, 0);
  const saleFen = out.reduce((s, o) => s + amountFen(o.fenPerTonne, o.kg), 0);
  const purchaseFen = inn.reduce((s, o) => s + amountFen(o.fenPerTonne, o.kg), 0);
  const rotatedKg = Math.min(outKg, inKg);
  // Per-kilogram prices as exact fractions: loss = rotated × (purchase/inKg − sale/outKg), rounded half up once.
  // BigInt: the products pass 2^53 for a rotation of millions of kilograms.
  let lossFen = 0;
  if (rotatedKg > 0) {
    const num = BigInt(rotatedKg) * (BigInt(purchaseFen) * BigInt(outKg) - BigInt(saleFen) * BigInt(inKg));
    const den = BigInt(inKg) * BigInt(outKg);
    lossFen = num > 0n ? Number((2n * num + den) / (2n * den)) : 0;
  }
  return { rotatedKg, saleFen, purchaseFen, subsidyFen: amountFen(subsidyFenPerTonne, rotatedKg), lossFen };
}

/** Days from the sale of a lot to the receipt of its replacement (轮空期), counted in calendar days. */
export function gapDays(soldOn: string, replacedOn: string | null, today: string): number {
  const end = replacedOn ?? today;
  return Math.max(0, Math.round((Date.parse(`${end}T00:00:00Z`) - Date.parse(`${soldOn}T00:00:00Z`)) / 86_400_000));
}

/**
 * When a gap is a risk: the text gives no limit; four months is the rotation period the national rules for central
 * reserves allow for 轮空 (inferred), and a gap past it is shown as 高风险, past half of it as 关注.
 */
export const GAP_LIMIT_DAYS = 120;
export const gapRisk = (days: number): '正常' | '关注' | '高风险' => (days > GAP_LIMIT_DAYS ? '高风险' : days > GAP_LIMIT_DAYS / 2 ? '关注' : '正常');

/** A target or report value as typed, exact to the thousandth, to thousandths. */
export function decimalToMilli(text: string, field = 'value'): number {
  const m = /^(\d{1,9})(?:\.(\d{1,3}))?$/.exec(text.trim());
  if (!m) throw invalidField(field, '应为不小于 0 的数，最多三位小数', `数值格式错误：${text}（最多三位小数）`);
  return Number(m[1]) * 1000 + Number((m[2] ?? '').padEnd(3, '0'));
}

/** Thousandths as an exact decimal, trailing zeros dropped. */
export function milliToDecimal(milli: number): string {
  const frac = String(milli % 1000).padStart(3, '0').replace(/0+$/, '');
  return `${Math.floor(milli / 1000)}${frac ? `.${frac}` : ''}`;
}
