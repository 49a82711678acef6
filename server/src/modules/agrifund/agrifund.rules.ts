/**
 * 涉农资金统筹整合 (交政办发〔2022〕8号): the rules the module enforces, each quoted once with its 文号 and read by the
 * code that enforces it. Where the text is silent the choice is marked (inferred) and says why. The project tables
 * (附件 1–5) are 见网络版: they are entered or imported by the office, never written here.
 */
import { invalidField } from '../../core/errors.js';

export const SOURCE = '交政办发〔2022〕8号';

/** 1 万元 = 10,000 元 = 1,000,000 分; four decimals of 万元 are whole 元, so every printed figure is exact in 分. */
export const FEN_PER_WAN = 1_000_000;

/** Parse a 万元 figure as printed ("3303.42", "2912.6645", at most four decimals) into integer 分, exactly. */
export function wanToFen(text: string, field = 'amountWan'): number {
  const t = text.trim().replace(/,/g, '').replace(/万元$/, '').trim();
  const m = /^(\d{1,9})(?:\.(\d{1,4}))?$/.exec(t);
  if (!m) throw invalidField(field, '金额格式错误（万元，最多四位小数）', `金额格式错误：${text}（万元，最多四位小数）`);
  return Number(m[1]) * FEN_PER_WAN + Number((m[2] ?? '').padEnd(4, '0')) * 100;
}

/** Integer 分 → 万元 text with the trailing zeros the document leaves out ("33034200000" → "3303.42"). */
export function fenToWan(fen: number): string {
  if (!Number.isSafeInteger(fen) || fen < 0) throw new RangeError('金额应为非负整数分');
  const whole = Math.floor(fen / FEN_PER_WAN);
  const rest = String(fen % FEN_PER_WAN).padStart(6, '0').replace(/0+$/, '');
  return rest === '' ? String(whole) : `${whole}.${rest}`;
}

/**
 * 交政办发〔2022〕8号 四、: 「2022 年，全县巩固脱贫成果衔接乡村振兴资金投入总规模为 12506.5735 万元。」
 */
export const TOTAL_2022_WAN = '12506.5735';

/** One line of the tree: a category or a sub-item, with its amount in 万元 as printed. */
export interface TreeLine {
  code: string;
  name: string;
  amountWan: string;
}
export interface TreeCategory extends TreeLine {
  items: readonly TreeLine[];
}

/**
 * 交政办发〔2022〕8号 五、「统筹整合资金安排情况」, as printed: 「（一）产业项目安排资金 2460 万元。其中：1.农业产业项目安排资金
 * 1170 万元。2.旅游产业项目安排资金 90 万元。3.示范村项目安排资金 1200 万元。（二）基础设施建设项目安排资金 9215.0735 万元。
 * 其中：1.水利工程安排资金 3303.42 万元。2.农村道路工程安排资金 2912.6645 万元。3.污水管网建设安排资金 433.1 万元。
 * 4.移民搬迁安置点及配套工程建设安排资金 61.56 万元。5.人居环境综合整治项目安排资金 2102.329 万元。6.灌溉渠项目安排资金
 * 222 万元。7.以工代赈项目安排资金 180 万元。（三）金融扶贫项目安排资金 647.5 万元。其中：1.小额信贷贴息项目安排资金 210 万元。
 * 2.小额信贷风险补偿金项目安排资金 437.5 万元。（四）社会保障兜底脱贫项目安排资金 184 万元。其中：1.致富带头人项目安排资金
 * 42 万元。2.护林员补助项目安排资金 142 万元。」 Codes are the document's numbering (category 1–4, sub-item n.m).
 */
export const TREE_2022: readonly TreeCategory[] = [
  { code: '1', name: '产业项目', amountWan: '2460', items: [
    { code: '1.1', name: '农业产业项目', amountWan: '1170' },
    { code: '1.2', name: '旅游产业项目', amountWan: '90' },
    { code: '1.3', name: '示范村项目', amountWan: '1200' },
  ] },
  { code: '2', name: '基础设施建设项目', amountWan: '9215.0735', items: [
    { code: '2.1', name: '水利工程', amountWan: '3303.42' },
    { code: '2.2', name: '农村道路工程', amountWan: '2912.6645' },
    { code: '2.3', name: '污水管网建设', amountWan: '433.1' },
    { code: '2.4', name: '移民搬迁安置点及配套工程建设', amountWan: '61.56' },
    { code: '2.5', name: '人居环境综合整治项目', amountWan: '2102.329' },
    { code: '2.6', name: '灌溉渠项目', amountWan: '222' },
    { code: '2.7', name: '以工代赈项目', amountWan: '180' },
  ] },
  { code: '3', name: '金融扶贫项目', amountWan: '647.5', items: [
    { code: '3.1', name: '小额信贷贴息项目', amountWan: '210' },
    { code: '3.2', name: '小额信贷风险补偿金项目', amountWan: '437.5' },
  ] },
  { code: '4', name: '社会保障兜底脱贫项目', amountWan: '184', items: [
    { code: '4.1', name: '致富带头人项目', amountWan: '42' },
    { code: '4.2', name: '护林员补助项目', amountWan: '142' },
  ] },
];

/**
 * 「附件：1.交城县 2022 年巩固脱贫成果衔接乡村振兴资金安排建设项目表（见网络版） 2.…建设项目表-水利工程（见网络版）
 * 3.…-农村道路工程（见网络版） 4.…-污水管网建设（见网络版） 5.…-人居环境综合整治项目（见网络版）」 (交政办发〔2022〕8号).
 * The tables' rows are not in the text: they come in by import, never from here. Annexes 2–5 are named as the tree's
 * sub-items 2.1, 2.2, 2.3 and 2.5, so a row of one of them belongs to that sub-item (inferred); annex 1 takes any.
 */
export const IMPORT_TABLES = [
  { code: 'all', name: '资金安排建设项目表', annex: 1, itemCode: null },
  { code: 'water', name: '资金安排建设项目表-水利工程', annex: 2, itemCode: '2.1' },
  { code: 'roads', name: '资金安排建设项目表-农村道路工程', annex: 3, itemCode: '2.2' },
  { code: 'sewers', name: '资金安排建设项目表-污水管网建设', annex: 4, itemCode: '2.3' },
  { code: 'living', name: '资金安排建设项目表-人居环境综合整治项目', annex: 5, itemCode: '2.5' },
] as const;
export type ImportTable = (typeof IMPORT_TABLES)[number]['code'];

/**
 * The text is silent on an imported project's milestones; the tables give a planned start and completion. As the
 * declaration form proposes by default: 开工 at the planned start, 40 % of the amount; 完工 at completion, the rest.
 */
export const IMPORT_MILESTONES = [{ name: '开工', shareBp: 4000 }, { name: '完工', shareBp: 6000 }] as const;

/** A tie that does not hold: which line, what it says, what its parts add up to (both in 分). */
export interface BrokenTie {
  field: string;
  name: string;
  statedFen: number;
  sumFen: number;
}

/** Every tie of a tree: each category = its sub-items, the total = the categories. Empty when all hold. */
export function brokenTies(totalWan: string, tree: readonly TreeCategory[]): BrokenTie[] {
  const out: BrokenTie[] = [];
  let sum = 0;
  tree.forEach((c, i) => {
    const stated = wanToFen(c.amountWan, `tree.${i}.amountWan`);
    const parts = c.items.reduce((a, it, j) => a + wanToFen(it.amountWan, `tree.${i}.items.${j}.amountWan`), 0);
    if (parts !== stated) out.push({ field: `tree.${i}.amountWan`, name: c.name, statedFen: stated, sumFen: parts });
    sum += stated;
  });
  const total = wanToFen(totalWan, 'totalWan');
  if (sum !== total) out.push({ field: 'totalWan', name: '总规模', statedFen: total, sumFen: sum });
  return out;
}

/** Refuse a tree (an original or a revision) whose totals do not tie, naming the first line that breaks. */
export function assertTreeTies(totalWan: string, tree: readonly TreeCategory[]): void {
  const [b] = brokenTies(totalWan, tree);
  if (b) {
    throw invalidField(b.field, `${b.name}为 ${fenToWan(b.statedFen)} 万元，各项合计 ${fenToWan(b.sumFen)} 万元，不相符`);
  }
}

/**
 * 交政办发〔2022〕8号 三、: 「统筹整合使用的资金包括省、市、县财政拨付的涉农资金，含当年安排及结转资金（跨年度资金）、存量资金及
 * 增量资金等。」 A funding source is recorded on a tree line along these three axes.
 */
export const SOURCE_LEVELS = [{ code: 'province', name: '省级' }, { code: 'city', name: '市级' }, { code: 'county', name: '县级' }] as const;
export const SOURCE_YEARS = [{ code: 'current', name: '当年安排' }, { code: 'carryover', name: '结转资金（跨年度资金）' }] as const;
export const SOURCE_STOCKS = [{ code: 'stock', name: '存量资金' }, { code: 'increment', name: '增量资金' }] as const;

/** Refuse a source whose level, year or stock kind is not one the text lists, naming the field. */
export function assertSourceKinds(s: { level: string; yearKind: string; stockKind: string }): void {
  const check = (field: string, v: string, list: readonly { code: string; name: string }[], what: string) => {
    if (!list.some((x) => x.code === v)) throw invalidField(field, `${what}应为${list.map((x) => x.name).join('、')}之一`);
  };
  check('level', s.level, SOURCE_LEVELS, '资金来源层级');
  check('yearKind', s.yearKind, SOURCE_YEARS, '资金年度');
  check('stockKind', s.stockKind, SOURCE_STOCKS, '存量或增量');
}

/** The name of a source code on one axis (the code itself when unknown). */
export const sourceName = (list: readonly { code: string; name: string }[], code: string) => list.find((x) => x.code === code)?.name ?? code;

/**
 * The project steps. 交政办发〔2022〕8号 七、（三）: 「各乡镇和各行业主管部门要紧盯项目申报、评审、可研、初设、批复、开工、进度和
 * 绩效目标等全过程管理，形成项目实施“闭环管理”工作机制」; 二、（三） adds 「项目申报、项目审批、政府采购、项目验收、资金拨付、
 * 结算报账、绩效评价」. The order (inferred) puts 政府采购 after 批复 and before 开工, 验收 after 进度, then 结算报账 and
 * 绩效评价, as a county project runs; 资金拨付 is not a step but the payments made against milestones during 进度.
 */
export const STEPS = [
  { code: 'declared', name: '项目申报' },
  { code: 'reviewed', name: '评审' },
  { code: 'feasibility', name: '可研' },
  { code: 'design', name: '初设' },
  { code: 'approved', name: '批复' },
  { code: 'procured', name: '政府采购' },
  { code: 'started', name: '开工' },
  { code: 'progress', name: '进度' },
  { code: 'accepted', name: '验收' },
  { code: 'settled', name: '结算报账' },
  { code: 'evaluated', name: '绩效评价' },
] as const;
export type StepCode = (typeof STEPS)[number]['code'];

/**
 * The payment gate. 交政办发〔2022〕8号 六、（一）: 「各项目主管部门要对项目实施情况进行核实检查，按相关规定达到项目计划进度目标
 * 方可进入资金拨付程序。」 A payment names a milestone; the milestone must be verified by the project authority, and the
 * cumulative paid never passes the share of the project amount the verified milestones carry (inferred: each milestone
 * states the share of the amount it unlocks, in basis points, as the project's plan sets it).
 */
export const PAYMENT_GATE = '达到项目计划进度目标方可进入资金拨付程序';

/**
 * The steps during which milestones are verified and paid (inferred): from 开工 until 验收; 结算报账 closes the
 * project's payments, and before 开工 no progress can have been reached.
 */
export const PAYABLE_STEPS: readonly StepCode[] = ['started', 'progress', 'accepted'];

/** A planned milestone: its share of the project amount in basis points (1/10000) and whether it is verified. */
export interface Milestone {
  shareBp: number;
  verified: boolean;
}

/** The project amount the verified milestones unlock, in 分 (rounded down: never pay a 分 not yet earned). */
export function verifiedShareFen(amountFen: number, milestones: readonly Milestone[]): number {
  const bp = Math.min(10_000, milestones.filter((m) => m.verified).reduce((a, m) => a + m.shareBp, 0));
  return Math.floor((amountFen * bp) / 10_000);
}

/** Milestone shares must be whole basis points, positive, and add up to the whole amount (10000). */
export function assertMilestoneShares(milestones: readonly { shareBp: number }[]): void {
  milestones.forEach((m, i) => {
    if (!Number.isInteger(m.shareBp) || m.shareBp <= 0) throw invalidField(`milestones.${i}.shareBp`, '节点拨付比例应为正整数（万分比）');
  });
  const sum = milestones.reduce((a, m) => a + m.shareBp, 0);
  if (sum !== 10_000) throw invalidField('milestones', `各进度节点拨付比例合计应为 100%，现为 ${(sum / 100).toFixed(2)}%`);
}

/**
 * Why a payment is refused, or null when it may be made: the milestone is not verified, the request passes the verified
 * share, or it passes what is left of the sub-item's allocation. The repository repeats the two caps in its conditional
 * UPDATE; this is the message a user reads.
 */
export function paymentRefusal(p: {
  requestFen: number;
  milestoneVerified: boolean;
  paidFen: number;
  verifiedFen: number;
  itemAllocatedFen: number;
  itemPaidFen: number;
}): string | null {
  if (!Number.isSafeInteger(p.requestFen) || p.requestFen <= 0) return '拨付金额应大于零';
  if (!p.milestoneVerified) return `该进度节点尚未核实：${PAYMENT_GATE}（${SOURCE}）`;
  if (p.paidFen + p.requestFen > p.verifiedFen) {
    return `累计拨付将超过已核实进度对应的金额（可拨付 ${fenToWan(Math.max(0, p.verifiedFen - p.paidFen))} 万元）`;
  }
  if (p.itemPaidFen + p.requestFen > p.itemAllocatedFen) {
    return `累计拨付将超过该子项安排资金（余额 ${fenToWan(Math.max(0, p.itemAllocatedFen - p.itemPaidFen))} 万元）`;
  }
  return null;
}

/**
 * Disclosure. 交政办发〔2022〕8号 六、（三）: 「项目主管单位和项目实施单位要建立健全公告公示制度，坚持“两个一律”（省、市、县扶贫
 * 资金分配结果一律公开，乡村两级扶贫项目安排和资金使用情况一律公告公示）」. The two kinds below are the notices the module
 * publishes: the allocation result (per township) and each township's and village's projects and fund use.
 */
export const TWO_ALWAYS = '两个一律';
export const DISCLOSURE_KINDS = [
  { code: 'allocation', name: '扶贫资金分配结果公开' },
  { code: 'projects', name: '乡村两级扶贫项目安排和资金使用情况公告公示' },
] as const;
export type DisclosureKind = (typeof DISCLOSURE_KINDS)[number]['code'];
/**
 * How long a disclosure stays up (inferred: the text sets no period; 10 days is the length county notices of fund
 * arrangements commonly run, long enough for a villager to read it and object).
 */
export const DISCLOSURE_DAYS = 10;
/**
 * 「乡村两级扶贫项目安排和资金使用情况一律公告公示」 sets no rhythm: each township's project arrangement and fund use is due
 * once a quarter, from its first approved project on (inferred: the quarter is the rhythm county finance reports fund
 * use by; a township or bureau may still publish between). The period a day falls in: 「2022-Q3」.
 */
export const disclosurePeriod = (day: string) => `${day.slice(0, 4)}-Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`;
/** The last day of a period 「2022-Q3」 (the day its notice is due by). */
export function disclosurePeriodEnd(period: string): string {
  const q = Number(period.slice(-1));
  return `${period.slice(0, 4)}-${String(q * 3).padStart(2, '0')}-${q === 1 || q === 4 ? '31' : '30'}`;
}

/** The subject and body of a 「两个一律」 notice of one township's projects (amounts in 万元, as the tree prints). */
export function disclosureText(kind: DisclosureKind, year: number, township: string, lines: readonly { name: string; village: string | null; item: string; amountFen: number; paidFen: number }[]): { subject: string; content: string } {
  const k = DISCLOSURE_KINDS.find((d) => d.code === kind)!;
  const total = lines.reduce((a, l) => a + l.amountFen, 0);
  const paid = lines.reduce((a, l) => a + l.paidFen, 0);
  const rows = lines.map((l, i) => `${i + 1}. ${l.name}${l.village ? `（${l.village}）` : ''}，${l.item}，安排 ${fenToWan(l.amountFen)} 万元${kind === 'projects' ? `，已拨付 ${fenToWan(l.paidFen)} 万元` : ''}`);
  return {
    subject: `${township} ${year} 年统筹整合涉农资金${kind === 'allocation' ? '分配结果公开' : '项目安排和资金使用情况公示'}`,
    content: [`根据${SOURCE}“${TWO_ALWAYS}”要求（${k.name}），现将${township} ${year} 年项目公示如下：`, ...rows, `合计安排 ${fenToWan(total)} 万元${kind === 'projects' ? `，已拨付 ${fenToWan(paid)} 万元` : ''}。公示期间如有异议，可在本公示下提出。`].join('\n'),
  };
}

/**
 * KPIs. 交政办发〔2022〕8号 七、（三）: 「力争项目开工率、竣工率、资金拨付率等符合上级资金项目管理要求，确保当年项目当年完成」.
 * The text gives no formula (inferred): 开工率 = projects at 开工 or later / projects approved; 竣工率 = projects at 验收 or
 * later / projects approved; 资金拨付率 = paid / allocated. Rates are basis points, integer, rounded down.
 */
export const SAME_YEAR = '当年项目当年完成';

/** A ratio in basis points (0–10000), 0 when there is nothing to divide by. */
export function rateBp(part: number, whole: number): number {
  return whole <= 0 ? 0 : Math.floor((part * 10_000) / whole);
}

const order = (s: StepCode) => STEPS.findIndex((x) => x.code === s);

/**
 * The three KPIs of a set of projects and their payments. A line may stand for `count` projects of one step and year
 * (amounts summed), so the dashboard can pass grouped totals instead of every project.
 */
export function kpis(projects: readonly { step: StepCode; amountFen: number; paidFen: number; year?: number; count?: number }[], today?: string): {
  startedBp: number;
  completedBp: number;
  paidBp: number;
  late: number;
} {
  let approved = 0;
  let started = 0;
  let completed = 0;
  let amount = 0;
  let paid = 0;
  let late = 0;
  for (const p of projects) {
    const n = p.count ?? 1;
    const o = order(p.step);
    if (o >= order('approved')) approved += n;
    if (o >= order('started')) started += n;
    if (o >= order('accepted')) completed += n;
    amount += p.amountFen;
    paid += p.paidFen;
    // 「当年项目当年完成」: counted on the service's clock (today), for the projects that carry their plan year.
    if (today && p.year !== undefined && lateForSameYear(p.step, p.year, today)) late += n;
  }
  return { startedBp: rateBp(started, approved), completedBp: rateBp(completed, approved), paidBp: rateBp(paid, amount), late };
}

/** 「当年项目当年完成」: a project of the plan year not accepted by 31 December of that year is flagged. */
export const LATE_LABEL = `未${SAME_YEAR}`;
export function lateForSameYear(step: StepCode, planYear: number, today: string): boolean {
  return order(step) < order('accepted') && today > `${planYear}-12-31`;
}

/**
 * 审计抽查 (交政办发〔2022〕8号 六、（二）): 「审计部门要建立健全巩固脱贫成果衔接乡村振兴专项资金监督检查机制，将统筹后的
 * 资金作为一个整体，以效益为目标进行资金审计、检查，定期开展专项资金抽查和重点检查活动，对违法违规情况及时处理并纠正，
 * 违法违纪案件线索及时移交县纪委监委。」
 */
export const AUDIT_RULE = `审计部门定期开展专项资金抽查和重点检查活动，对违法违规情况及时处理并纠正，违法违纪案件线索及时移交县纪委监委（${SOURCE} 六、（二））`;
/**
 * The text sets no share: a draw takes 10 % of the year's projects with money paid, at least one (inferred: the share
 * the county prints for its other checks, 「抽验比例不低于10%」 in 交政办发〔2022〕16号 四、（四）3.). The 审计部门 may ask
 * for more; never less.
 */
export const AUDIT_MIN_PERCENT = 10;
/** Only a finding the auditor does not pass can be a 违法违纪案件线索 to refer (a passed project has none). */
export const LEAD_NEEDS_FINDING = '抽查通过的项目没有可移交的问题线索';

/** Whether a project has reached 批复 (what 「两个一律」 publishes: arrangements made, not proposals). */
export const approvedOrLater = (step: string): boolean => order(step as StepCode) >= order('approved');
