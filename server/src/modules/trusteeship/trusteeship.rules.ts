/**
 * 农业生产托管试点 (交政办发〔2022〕16号): the rules the module enforces, each quoted once with its 文号 and read by the
 * code that enforces it. Where the text is silent the choice is marked (inferred) and says why.
 */

import { sampleSize as coreSampleSize } from '../../core/sample.js';

export const SOURCE = '交政办发〔2022〕16号';

/** 「重点围绕玉米、高粱等粮食作物…马铃薯、中药材、杂粮等作物一并纳入生产托管服务」 (交政办发〔2022〕16号 二). */
export const CROPS = ['玉米', '高粱', '马铃薯', '中药材', '杂粮'] as const;

/** 「农机户、农户自愿组成的合作组织、家庭农场、农民专业合作社、农村集体经济组织、供销合作社、农业企业等托管组织」 (交政办发〔2022〕16号 三、（三）). */
export const ORG_TYPES = ['农机户', '农户自愿组成的合作组织', '家庭农场', '农民专业合作社', '农村集体经济组织', '供销合作社', '农业企业'] as const;

/** 「项目服务组织标准」 one to five (交政办发〔2022〕16号 四、（一）1.): every one must be answered and evidenced. */
export const CRITERIA = [
  { code: 'legal', text: '具有法人资格，营业执照、银行开户许可证等证照齐全' },
  { code: 'record', text: '具有一定的社会化服务经验，社会反映良好，无重大安全责任事故，无群体性上访事件等' },
  { code: 'machinery', text: '拥有与其服务内容、服务能力相匹配的专业农业机械和设备以及农业技术力量' },
  { code: 'site', text: '具有与服务相适应的固定场所及必要的办公设施，满足日常工作、经营及培训' },
  { code: 'archive', text: '具有留存托管服务档案、收集各类信息及管理能力' },
] as const;
export type CriterionCode = (typeof CRITERIA)[number]['code'];

/**
 * 「具体生产环节服务价格财政补助标准如下」 (交政办发〔2022〕16号 三、（四）), in 分 per 亩 (the drone's per pass).
 * The stage list of 二 says 「春耕、机播、病虫害防治、机收」; the price table's 春播 and 旋播一体机 are both 机播.
 * A new year's table is entered by the office with its own document (configurable per year, never invented).
 */
export const STAGES_2022 = [
  { code: 'tillage', name: '春耕作业', priceFen: 5000, subsidyFen: 1500, perPass: false },
  { code: 'sowing', name: '春播作业', priceFen: 3000, subsidyFen: 900, perPass: false },
  { code: 'rotary', name: '旋播一体机作业', priceFen: 8000, subsidyFen: 2400, perPass: false },
  { code: 'spraying', name: '农作物病虫害防治无人植保机作业', priceFen: 3000, subsidyFen: 900, perPass: true },
  { code: 'harvest', name: '粮食作物的机收', priceFen: 13000, subsidyFen: 3900, perPass: false },
] as const;
export type StageCode = (typeof STAGES_2022)[number]['code'];
export const STAGE_CODES = STAGES_2022.map((s) => s.code) as [StageCode, ...StageCode[]];

/** 「原则上财政补助占服务价格的比例不超过 30%」 (交政办发〔2022〕16号 三、（四）): a stage whose subsidy passes it is refused. */
export const MAX_SUBSIDY_PERCENT = 30;

/**
 * 「单季作物亩均补助规模不超过 100 元」 (交政办发〔2022〕16号 三、（四）): per 亩 of the plot per crop season, across all
 * stages, organisations and passes. The per-亩 cap of a plot is 100 元 × its contract area (inferred: the average is
 * over the plot's 亩); work that would pass it is paid only up to it, in the order the work was done.
 */
export const MAX_SUBSIDY_PER_MU_PER_SEASON_FEN = 10_000;

/** 「公示期不少于 5 个工作日」 for the township's initial acceptance and the county's (交政办发〔2022〕16号 四、（四）1. 2.). */
export const NOTICE_WORKDAYS = 5;

/** 「抽验比例不低于服务主体数量的 10%」 (交政办发〔2022〕16号 四、（四）3.): rounded up, at least one organisation. */
export const SAMPLE_PERCENT = 10;

/** 「服务组织只向农户收取补助后的差价」 (交政办发〔2022〕16号 三、（四）): what the farmer pays. */
export const farmerPays = (priceFen: number, subsidyFen: number): number => priceFen - subsidyFen;

/** How many organisations the city samples out of n. */
export const sampleSize = (n: number): number => coreSampleSize(n, SAMPLE_PERCENT);

/** Areas are kept in hundredths of a 亩 (two decimals, exact): 12.5 亩 = 1250. */
export const MU_SCALE = 100;

/** A rate in 分 per 亩 over an area in hundredths of a 亩, rounded half up to the 分. */
export const amountFen = (rateFen: number, areaCenti: number, passes = 1): number => Math.floor((rateFen * areaCenti * passes + MU_SCALE / 2) / MU_SCALE);

/** A stage table passes the 30 % rule (a table entered for a new year is checked the same way). */
export function checkStageTable(stages: readonly { name: string; priceFen: number; subsidyFen: number }[]): string[] {
  return stages.filter((s) => s.subsidyFen * 100 > s.priceFen * MAX_SUBSIDY_PERCENT).map((s) => `${s.name}的补助超过服务价格的 ${MAX_SUBSIDY_PERCENT}%`);
}

export interface PayableWork {
  id: number;
  plotKey: string;
  season: number;
  /** The plot's contract area (hundredths of a 亩): the cap is 100 元 per 亩 of it. */
  plotAreaCenti: number;
  stage: StageCode;
  subsidyRateFen: number;
  acceptedAreaCenti: number;
  passes: number;
  workDate: string;
}

export interface SettledLine {
  id: number;
  subsidyFen: number;
  paidFen: number;
  /** Why less is paid than the stage's subsidy, when it is. */
  note: string | null;
}

/**
 * Pay each accepted work its subsidy, never letting one plot in one season pass 100 元/亩 over everything paid on it,
 * in the order the work was done (ties by id). `alreadyPaid` holds what earlier settlements paid per plot and season.
 */
export function settle(works: readonly PayableWork[], alreadyPaid: ReadonlyMap<string, number> = new Map()): SettledLine[] {
  return settleInto(works, new Map(alreadyPaid));
}

/** `settle` that carries what each plot has used in `used` (a season computed in pieces keeps one map). */
export function settleInto(works: readonly PayableWork[], used: Map<string, number>): SettledLine[] {
  const ordered = [...works].sort((a, b) => (a.plotKey === b.plotKey ? (a.season - b.season || a.workDate.localeCompare(b.workDate) || a.id - b.id) : a.plotKey < b.plotKey ? -1 : 1));
  const out: SettledLine[] = [];
  for (const w of ordered) {
    const key = `${w.plotKey}|${w.season}`;
    const cap = amountFen(MAX_SUBSIDY_PER_MU_PER_SEASON_FEN, w.plotAreaCenti);
    const subsidy = amountFen(w.subsidyRateFen, w.acceptedAreaCenti, w.passes);
    const before = used.get(key) ?? 0;
    const paid = Math.max(0, Math.min(subsidy, cap - before));
    used.set(key, before + paid);
    out.push({ id: w.id, subsidyFen: subsidy, paidFen: paid, note: paid < subsidy ? `本地块本季亩均补助已达 100 元上限，核减 ${((subsidy - paid) / 100).toFixed(2)} 元（${SOURCE}）` : null });
  }
  return out;
}

/**
 * 「资金补助采取先服务后补助的方式，即每个环节实施完毕并经审核验收合格后，对项目实施区域内的服务组织按环节兑付补助资金」
 * (交政办发〔2022〕16号 三、（五）). 先服务后补助: a sheet pays only work done, confirmed by the farmer and accepted.
 * 按环节兑付 (inferred): 四、（四） has an organisation apply for acceptance once it 「完成项目实施任务」, and the township,
 * the county and the city accept and sample its season as a whole, so the season's sheet is paid after those steps and
 * sets the money out 环节 by 环节 — each at its own rate, with its area and its 大写 — which is what the finance bureau
 * pays against. The sheet's page says so.
 */
export const PAY_BY_STAGE_READING = '按环节兑付：结算单逐环节列出验收面积与实补金额，经乡镇初验、县级验收、市级抽验后一并拨付（交政办发〔2022〕16号 三、（五）、四、（四））';

/** A sheet's money 环节 by 环节, in the order the stages are listed (the areas in hundredths of a 亩, exact). */
export function stageSubtotals<L extends { stage: string; areaCenti: number; paidFen: number }>(lines: readonly L[], order: readonly string[]): { stage: string; works: number; areaCenti: number; paidFen: number }[] {
  const by = new Map<string, { stage: string; works: number; areaCenti: number; paidFen: number }>();
  for (const l of lines) {
    const s = by.get(l.stage) ?? { stage: l.stage, works: 0, areaCenti: 0, paidFen: 0 };
    s.works++;
    s.areaCenti += l.areaCenti;
    s.paidFen += l.paidFen;
    by.set(l.stage, s);
  }
  const rank = (name: string) => (order.includes(name) ? order.indexOf(name) : order.length);
  return [...by.values()].sort((a, b) => rank(a.stage) - rank(b.stage));
}
