/**
 * 农村改厕 (交政办发〔2022〕10号): the rules the module enforces, each quoted once with its 文号 and read by the code
 * that enforces it. Where the text is silent the choice is marked (inferred) and says why.
 */

import { sampleSize } from '../../core/sample.js';

export const SOURCE = '交政办发〔2022〕10号';

/** What a household has before renovation (the survey's 「农户厕所改造底数」, 交政办发〔2022〕10号 五、（一）1.). */
export const CURRENT_TYPES = [
  { code: 'old', name: '老旧厕所（无厕屋）' },
  { code: 'cement', name: '传统水泥厕所' },
  { code: 'flush', name: '水冲式厕所' },
  { code: 'public', name: '集体厕所、公厕' },
] as const;
export type CurrentType = (typeof CURRENT_TYPES)[number]['code'];

/**
 * The renovation modes and their subsidies, in 分 (交政办发〔2022〕10号 四、（一）（二）):
 * 「老旧厕所（无厕屋）改造，政府按 3300 元/座的补助标准给予支持，资金由省和县按 1:2.3 比例负担。传统水泥厕所、水冲式厕所
 * （有厕屋）改造，政府按 2000 元/座的补助标准给予支持，资金由省和县按 1:1 比例负担」; 「S-ECO 特种生物方便器，每座按 2000 元
 * 进行补助」; 集体厕所、公厕 「按每坑位 2000 元予以补助」. S-ECO and collective toilets are split 1:1 as 「政府资金由上级资金和
 * 县级资金 1:1 配套」 says (inferred: the text gives their split nowhere else).
 */
export const MODES = [
  { code: 'old', name: '老旧厕所改造（三格化粪池式）', unit: '座', perPit: false, standardFen: 330_000, province: 1, county: 2.3, standard: '无害化卫生厕所' },
  { code: 'cement', name: '传统水泥厕所改造（通风改良式）', unit: '院', perPit: false, standardFen: 200_000, province: 1, county: 1, standard: '卫生厕所' },
  { code: 'flush', name: '水冲式厕所改造', unit: '院', perPit: false, standardFen: 200_000, province: 1, county: 1, standard: '无害化卫生厕所' },
  { code: 'seco', name: 'S-ECO 特种生物方便器', unit: '座', perPit: false, standardFen: 200_000, province: 1, county: 1, standard: '无害化卫生厕所' },
  { code: 'public', name: '集体厕所、公厕改造', unit: '坑位', perPit: true, standardFen: 200_000, province: 1, county: 1, standard: '无害化卫生厕所' },
] as const;
export type ModeCode = (typeof MODES)[number]['code'];
export const MODE_CODES = MODES.map((m) => m.code) as [ModeCode, ...ModeCode[]];
export const mode = (code: string) => MODES.find((m) => m.code === code)!;

/**
 * Which modes a household's current toilet may take (inferred from the attachment): a 传统水泥厕所 「可采用老旧厕所改造模式…
 * 也可采用通风改良式」; any household may choose 水冲式 where the sewer reaches it or S-ECO by its wish; collective and
 * public toilets are renovated as such.
 */
export const MODES_FOR: Record<CurrentType, readonly ModeCode[]> = {
  old: ['old', 'flush', 'seco'],
  cement: ['cement', 'old', 'flush', 'seco'],
  flush: ['flush', 'seco'],
  public: ['public'],
};

/**
 * 老旧厕所 parts (交政办发〔2022〕10号 四、（二）1.): materials 「每厕约 1000 元…价格以中标价为准」, works 「按每厕 1000 元」,
 * 地上厕屋 「按 1300 元/院的标准进行以奖代补…未对厕屋进行改造或验收不合格的，不予补助」. The materials line is the township's
 * tender price; the three together never pass the 3300 元 standard (inferred: the standard is the government's ceiling,
 * a tender above 1000 元 is paid up to what is left of it).
 */
export const OLD_PARTS = { worksFen: 100_000, superstructureFen: 130_000, materialsEstimateFen: 100_000 } as const;

/** The province : county split of an amount, to the 分 (the province's share rounded half up, the county the rest). */
export function split(amountFen: number, m: ModeCode): { provinceFen: number; countyFen: number } {
  const x = mode(m);
  // 1 : 2.3 is 10 : 23 — integers, no floats.
  const [p, c] = [Math.round(x.province * 10), Math.round(x.county * 10)];
  const provinceFen = Math.floor((amountFen * p + (p + c) / 2) / (p + c));
  return { provinceFen, countyFen: amountFen - provinceFen };
}

/**
 * The subsidy of one renovated toilet: the mode's standard (per 坑位 for collective toilets); for 老旧 the materials at the
 * tender price, the works, and the superstructure only when its check passed.
 */
export function subsidyFen(m: ModeCode, o: { pits?: number; tenderFen?: number | null; superstructurePassed?: boolean | null } = {}): number {
  const x = mode(m);
  if (x.perPit) return x.standardFen * Math.max(1, o.pits ?? 1);
  if (m !== 'old') return x.standardFen;
  const materials = Math.min(o.tenderFen ?? OLD_PARTS.materialsEstimateFen, x.standardFen - OLD_PARTS.worksFen - OLD_PARTS.superstructureFen);
  return materials + OLD_PARTS.worksFen + (o.superstructurePassed === false ? 0 : o.superstructurePassed === true ? OLD_PARTS.superstructureFen : 0);
}

/** What a toilet is budgeted at before acceptance (the superstructure counted in: it is the plan). */
export const plannedFen = (m: ModeCode, pits = 1, tenderFen: number | null = null) => (m === 'old' ? subsidyFen(m, { tenderFen, superstructurePassed: true }) : subsidyFen(m, { pits }));

/**
 * 「2022 年改厕计划数 1300 座…各乡镇指标为：天宁镇水冲式厕所 300 座（主要在田家山社区、磁窑村进行改造）、西营镇 500 座（含 100 座
 * S-ECO 特种生物方便器）、洪相镇 500 座（含 100 座 S-ECO 特种生物方便器）」 (交政办发〔2022〕10号 三、（二）). Quotas are ceilings:
 * the township's total, and each part of it. 「含 100 座」 is read as a ceiling of 100 S-ECO with the other 400 for the rest
 * (inferred). A collective or public toilet takes one 座 of the quota (inferred: the quota counts toilets, the subsidy 坑位).
 */
const SECO_AND_THE_REST = [
  { bucket: 'seco', label: 'S-ECO', modes: ['seco'], cap: 100 },
  { bucket: 'other', label: '其他模式', modes: ['old', 'cement', 'flush', 'public'], cap: 400 },
] as const;
export const QUOTAS_2022 = [
  { township: '天宁镇', total: 300, parts: [{ bucket: 'flush', label: '水冲式', modes: ['flush'], cap: 300 }], hint: '主要在田家山社区、磁窑村进行改造' },
  { township: '西营镇', total: 500, parts: SECO_AND_THE_REST, hint: null },
  { township: '洪相镇', total: 500, parts: SECO_AND_THE_REST, hint: null },
] as const satisfies readonly { township: string; total: number; parts: readonly { bucket: string; label: string; modes: readonly ModeCode[]; cap: number }[]; hint: string | null }[];
export const PLAN_TOTAL_2022 = 1300;

/** The quota buckets a household of a mode takes in a township, or null when the township has no quota for the mode. */
export function bucketsFor(township: string, m: ModeCode): string[] | null {
  const q = QUOTAS_2022.find((x) => x.township === township);
  const part = q?.parts.find((p) => (p.modes as readonly string[]).includes(m));
  return part ? ['total', part.bucket] : null;
}

/**
 * 「乡镇优先安排改造整村推进率能达到 85%以上的村庄，若有剩余指标可逐村进行改造」 (交政办发〔2022〕10号 三、（二）) and the central
 * award for villages whose 「农村卫生厕所普及率达到 85%以上」 (四、（三）).
 */
export const WHOLE_VILLAGE_PERCENT = 85;

/** A village's rate in tenths of a percent, exact: covered / households (0 when it has none surveyed). */
export const ratePermille = (covered: number, households: number) => (households === 0 ? 0 : Math.floor((covered * 1000) / households));
export const reaches = (covered: number, households: number) => households > 0 && covered * 100 >= households * WHOLE_VILLAGE_PERCENT;

/** 「改厕户确定后，要将名单和补助政策在村务公开栏公示，公示期不少于 7天」 (交政办发〔2022〕10号 五、（一）1.): calendar days. */
export const NOTICE_DAYS = 7;

/**
 * 「厕所改造完成后必须由农户、施工队、村委会、工程监理部门、乡镇在验收单上实行五方签字」 (交政办发〔2022〕10号 五、（二）5.).
 * Who records each (inferred: the construction team and the supervisor have no accounts; the township records their
 * signatures from the paper form with the signer's name; a farmer signs on a phone, or the village records the paper form).
 */
export const PARTIES = [
  { code: 'farmer', name: '农户' },
  { code: 'builder', name: '施工队' },
  { code: 'village', name: '村委会' },
  { code: 'supervisor', name: '工程监理' },
  { code: 'township', name: '乡镇' },
] as const;
export type PartyCode = (typeof PARTIES)[number]['code'];
export const PARTY_CODES = PARTIES.map((p) => p.code) as [PartyCode, ...PartyCode[]];

/** 「大三格化粪池和水冲厕所要…聘请第三方进行工程监理」 (交政办发〔2022〕10号 五、（二）3.): a supervisor is named before works start. */
export const SUPERVISED_MODES: readonly ModeCode[] = ['old', 'flush'];

/**
 * 「具体拨付资金为工程开工拨付总资金的 30%，工程完工后拨付总资金的 40%，验收合格后拨付最后的 30%」 (交政办发〔2022〕10号 五、（三）6.)
 * and 「工程最终以审核为准予以结算」 (四、（二）7.): the last payment is what the accepted toilets come to, less what was paid.
 * 总资金 is the township's allocation: the planned subsidies of its households with a signed agreement when works start.
 */
export const PAYMENT_STAGES = [
  { stage: 1, name: '开工', percent: 30, condition: '乡镇已有农户签订改厕协议且已开工' },
  { stage: 2, name: '完工', percent: 40, condition: '乡镇签订协议的农户全部完工' },
  { stage: 3, name: '验收合格', percent: 30, condition: '全部完工的厕所五方签字验收，县农业农村局抽查验收合格' },
] as const;

/** A share of an allocation, to the 分 (rounded down: the last payment settles the rest). */
export const stageFen = (allocationFen: number, percent: number) => Math.floor((allocationFen * percent) / 100);

/**
 * 「县农业农村局按比例进行抽查验收」 (交政办发〔2022〕10号 五、（三）5.): the ratio is not given; 10 % of the township's accepted
 * toilets, rounded up, at least one (inferred, as the city's sample of 交政办发〔2022〕16号).
 */
export const SPOT_CHECK_PERCENT = 10;
export const spotCheckSize = (n: number) => sampleSize(n, SPOT_CHECK_PERCENT);

/**
 * 「各村要在每周四向乡镇上报进展情况，每月 20 日前向乡（镇）上报全月工作进度及改厕用户花名册，乡（镇）在收到村级信息上报后及时汇总，
 * 每月 24 日前向县农业农村局上报」 (交政办发〔2022〕10号 五、（二）6.). 「20 日前」 is read as on or before the 20th (inferred:
 * the usual reading of 「X 日前」 in a reporting duty).
 */
export const REPORTS = [
  { kind: 'weekly', name: '村周报', from: 'village', to: 'township', weekday: 4 },
  { kind: 'monthly', name: '村月报及改厕用户花名册', from: 'village', to: 'township', day: 20 },
  { kind: 'township', name: '乡镇月报', from: 'township', to: 'county', day: 24 },
] as const;
export type ReportKind = (typeof REPORTS)[number]['kind'];
/** The schedule in words, as users read it (built from REPORTS). */
export const REPORT_SCHEDULE_TEXT = (() => {
  const [w, m, t] = REPORTS;
  return `村每周${'日一二三四五六'[w.weekday]}向乡镇报进展，每月 ${m.day} 日前报全月进度及改厕用户花名册；乡镇每月 ${t.day} 日前向县农业农村局报送`;
})();
/** 30%、40%、30% as users read it. */
export const PAYMENT_PERCENTS_TEXT = PAYMENT_STAGES.map((p) => `${p.percent}%`).join('、');


/**
 * The technical checks of the attachment 「改厕模式及标准」 (交政办发〔2022〕10号 附件), each a measured value against its limit.
 * Values are kept in hundredths of their unit (exact): 1.2 m² = 120. 「高于方沿之上 50cm」: 方沿 read as 房沿, the eaves
 * (inferred). 「每坑位建筑面积要达到 4 平方米左右」: 左右 read as at least 3.6 m² (inferred: within a tenth below).
 */
export const CHECKS = [
  { code: 'indoorArea', text: '厕屋室内面积≥1.2 平方米', unit: 'm²', min: 120, modes: ['old', 'cement', 'flush', 'seco', 'public'], part: 'main' },
  { code: 'foundation', text: '地基浇筑 10 厘米厚 C20 混凝土', unit: 'cm', min: 1000, modes: ['old', 'flush', 'public'], part: 'main' },
  { code: 'tankDepth', text: '化粪池上沿一般应低于地坪 50cm 以下', unit: 'cm', min: 5000, modes: ['old', 'flush', 'public'], part: 'main' },
  { code: 'ventDiameter', text: '排气管内径 10cm 以上', unit: 'cm', min: 1000, modes: ['old', 'cement', 'flush', 'public'], part: 'main' },
  { code: 'ventHeight', text: '排气管高于方沿之上 50cm', unit: 'cm', min: 5000, modes: ['old', 'cement', 'flush', 'public'], part: 'main' },
  { code: 'pitLength', text: '挖坑长 2 米', unit: 'm', min: 200, modes: ['old'], part: 'main' },
  { code: 'pitWidth', text: '挖坑宽 1.2 米', unit: 'm', min: 120, modes: ['old'], part: 'main' },
  { code: 'pitDepth', text: '挖坑深 1.7 米', unit: 'm', min: 170, modes: ['old'], part: 'main' },
  { code: 'bedding', text: '地下沙、水泥垫层 10cm', unit: 'cm', min: 1000, modes: ['old'], part: 'main' },
  { code: 'stallArea', text: '每坑位建筑面积要达到 4 平方米左右', unit: 'm²', min: 360, modes: ['old'], part: 'superstructure' },
  { code: 'wallHeight', text: '外墙高度不小于 2.2m', unit: 'm', min: 220, modes: ['old'], part: 'superstructure' },
  { code: 'wallThickness', text: '外墙厚度 12-24cm 之间', unit: 'cm', min: 1200, max: 2400, modes: ['old'], part: 'superstructure' },
] as const satisfies readonly { code: string; text: string; unit: string; min: number; max?: number; modes: readonly ModeCode[]; part: 'main' | 'superstructure' }[];

/** 「屋顶可为木制结构、混凝土浇筑，最低标准为彩钢瓦」 (附件 二、（一）). */
export const ROOFS = ['木制结构', '混凝土浇筑', '彩钢瓦'] as const;
/** 「浇筑 10 厘米厚、C20 混凝土」: C20 or a stronger grade. */
export const CONCRETE_GRADES = ['C20', 'C25', 'C30'] as const;

export interface CheckResult {
  code: string;
  text: string;
  value: string | null;
  passed: boolean;
  part: 'main' | 'superstructure';
}

/** Measured values (decimal strings in the check's unit) against the attachment's limits for a mode. */
export function runChecks(m: ModeCode, values: Readonly<Record<string, string | undefined>>, extra: { concrete?: string | null; roof?: string | null } = {}): CheckResult[] {
  const out: CheckResult[] = [];
  for (const c of CHECKS) {
    if (!(c.modes as readonly string[]).includes(m)) continue;
    const raw = values[c.code];
    const v = raw === undefined || raw === '' ? null : hundredths(raw);
    const max = 'max' in c ? c.max : undefined;
    let passed = v !== null && v >= c.min && (max === undefined || v <= max);
    if (c.code === 'foundation') passed &&= (CONCRETE_GRADES as readonly string[]).includes(extra.concrete ?? '');
    out.push({ code: c.code, text: c.text, value: raw ?? null, passed, part: c.part });
  }
  if (m === 'old') out.push({ code: 'roof', text: '屋顶最低标准为彩钢瓦', value: extra.roof ?? null, passed: (ROOFS as readonly string[]).includes(extra.roof ?? ''), part: 'superstructure' });
  return out;
}

/** A decimal with up to two places as an integer of hundredths (exact: no float arithmetic on the value). */
export function hundredths(s: string): number {
  const m = /^(\d{1,6})(?:\.(\d{1,2}))?$/.exec(s.trim());
  if (!m) return Number.NaN;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}
