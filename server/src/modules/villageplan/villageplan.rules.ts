/**
 * 村庄规划编制 (交政发〔2022〕3号 《交城县村庄规划编制工作方案》): the rules the module enforces, each quoted once with its
 * 文号 as printed and read by the code that enforces it. Where the text is silent the choice is marked (inferred) and
 * says why.
 */
import type { WorkCalendar } from '../../core/calendar.js';

export const SOURCE = '交政发〔2022〕3号';

/** 「村庄规划范围为村域全部国土空间，可以一个或几个行政村为单元编制」 (交政发〔2022〕3号 一、（一）). */
export const PLAN_UNIT = { minVillages: 1 } as const;

/**
 * A unit of several villages lies in one township (inferred: 「乡（镇）人民政府是村庄规划编制的责任主体」 — a unit across
 * two townships would have no single responsible body).
 */
export const RESPONSIBLE_BODY = '乡（镇）人民政府';

/**
 * 「力争到 2024 年底，有条件、有需求的村庄应编尽编」 (交政发〔2022〕3号 一、（三）). The 编制时序 of a village on the list is a year
 * from 2022 (the document's year) to 2024 (inferred: a later year would miss the target).
 */
export const TARGET = { by: '2024-12-31', firstYear: 2022, lastYear: 2024 } as const;

/**
 * The four criteria of a 综合性 plan (交政发〔2022〕3号 三、（一））: 「包括有农村产业项目落地的村庄、有新的居民点建设需求的村庄
 * （不包括安置点在城镇开发边界内的村庄）、拥有人文历史或其他需要加强保护和利用的村庄、以及开展全域土地综合整治、土地整理、
 * 增减挂钩和生态修复时有较多需求的村庄」.
 */
export const CRITERIA = [
  { code: 'industry', label: '有农村产业项目落地' },
  { code: 'settlement', label: '有新的居民点建设需求（不包括安置点在城镇开发边界内的村庄）' },
  { code: 'heritage', label: '拥有人文历史或其他需要加强保护和利用' },
  { code: 'consolidation', label: '开展全域土地综合整治、土地整理、增减挂钩和生态修复时有较多需求' },
] as const;
export type CriterionCode = (typeof CRITERIA)[number]['code'];

/**
 * The four classes (交政发〔2022〕3号 三、（一））. 整治类: 「对于不进行开发建设或只进行简单的人居环境整治的村庄，可只规定国土空间
 * 用途管制规则、建设管控和人居环境整治要求作为村庄规划（简称整治类村庄规划）」; 城郊融合类: 「紧邻城镇开发边界的城郊融合类村庄
 * 应分析与中心城区的地理关系和发展关联度,可单独编制村庄规划、也可纳入城镇控制性详细规划统筹编制」; 搬迁撤并类:
 * 「搬迁撤并类的村庄原则上不单独编制」.
 */
export const CLASSES = [
  { code: 'comprehensive', label: '综合性', rule: null },
  { code: 'remediation', label: '整治类', rule: null },
  { code: 'suburban', label: '城郊融合类', rule: null },
  // Read as a chapter of the township plan by default; its own plan only with a recorded exception (inferred).
  { code: 'relocation', label: '搬迁撤并类', rule: '搬迁撤并类的村庄原则上不单独编制' },
] as const;
/** 「搬迁撤并类的村庄原则上不单独编制」 (交政发〔2022〕3号 三、（一）), as the refusals and the form print it. */
export const RELOCATION_RULE = CLASSES[3].rule;
export type ClassCode = (typeof CLASSES)[number]['code'];
export const CLASS_CODES = CLASSES.map((c) => c.code) as [ClassCode, ...ClassCode[]];
export const classLabel = (c: string) => CLASSES.find((x) => x.code === c)?.label ?? c;

/**
 * 「从实际出发,明确应编综合性和整治类村庄规划清单，拟定编制时序」 and 「结合实际不单独编制村庄规划的可纳入乡镇级国土空间规划，
 * 并做专章单独进行规划布局安排，同步形成村庄规划有关数据图层」 (交政发〔2022〕3号 三、（一））. How a village is planned.
 */
export const ROUTES = [
  { code: 'own', label: '单独编制村庄规划' },
  { code: 'detailed', label: '纳入城镇控制性详细规划统筹编制' },
  { code: 'chapter', label: '纳入乡镇级国土空间规划专章' },
] as const;
export type RouteCode = (typeof ROUTES)[number]['code'];

export interface ClassificationInput {
  cls: ClassCode;
  /** The checklist: which criteria the township finds true. */
  criteria: Partial<Record<CriterionCode, boolean>>;
  /** The village's 安置点 lies inside the 城镇开发边界 (then a settlement need does not count). */
  resettlementInsideBoundary: boolean;
  /** The village is adjacent to the 城镇开发边界 (城郊融合类). */
  adjacentToBoundary: boolean;
  route: RouteCode;
  /** For 搬迁撤并类 given its own plan: why the exception (「原则上」 allows one, recorded). */
  exception: string | null;
  reason: string;
  /** 编制时序: the year the plan is compiled, for a village planned on its own. */
  year: number | null;
}

/** The criteria that count: a settlement need of a village whose 安置点 lies inside the boundary does not. */
export function criteriaMet(i: Pick<ClassificationInput, 'criteria' | 'resettlementInsideBoundary'>): CriterionCode[] {
  return CRITERIA.map((c) => c.code).filter((c) => i.criteria[c] === true && !(c === 'settlement' && i.resettlementInsideBoundary));
}

/** Why a classification cannot stand, in Chinese naming the field, or [] when it can. */
export function classificationProblems(i: ClassificationInput): { field: string; message: string }[] {
  const out: { field: string; message: string }[] = [];
  const met = criteriaMet(i);
  if (!i.reason.trim()) out.push({ field: 'reason', message: '请填写分类理由' });
  if (i.cls === 'comprehensive' && met.length === 0) {
    out.push({ field: 'criteria', message: '综合性村庄应至少符合一项条件（产业项目落地、新的居民点建设需求、人文历史保护、全域土地综合整治等需求）；安置点在城镇开发边界内的不计“新的居民点建设需求”' });
  }
  // Inferred: a village meeting a criterion 「应加快编制实用的综合性村庄规划」, so it is not 整治类.
  if (i.cls === 'remediation' && met.length > 0) out.push({ field: 'cls', message: '该村符合综合性村庄条件，应加快编制综合性村庄规划，不宜列为整治类' });
  if (i.cls === 'suburban' && !i.adjacentToBoundary) out.push({ field: 'adjacentToBoundary', message: '城郊融合类村庄应紧邻城镇开发边界' });
  if (i.cls !== 'suburban' && i.route === 'detailed') out.push({ field: 'route', message: '只有城郊融合类村庄可纳入城镇控制性详细规划' });
  if (i.cls === 'relocation' && i.route === 'own' && !i.exception?.trim()) out.push({ field: 'exception', message: `${RELOCATION_RULE}；确需单独编制的，请填写例外理由` });
  // Inferred: 综合性 and 整治类 are the list's own plans; a township plan chapter is for villages not planned separately.
  if ((i.cls === 'comprehensive' || i.cls === 'remediation') && i.route !== 'own') out.push({ field: 'route', message: `${classLabel(i.cls)}村庄应单独编制村庄规划（列入应编清单）` });
  if (i.route === 'own') {
    if (i.year === null || !Number.isInteger(i.year) || i.year < TARGET.firstYear || i.year > TARGET.lastYear) out.push({ field: 'year', message: `编制时序应为 ${TARGET.firstYear}—${TARGET.lastYear} 年（力争 2024 年底应编尽编）` });
  } else if (i.year !== null) out.push({ field: 'year', message: '不单独编制的村庄不列编制时序' });
  return out;
}

/** Whether a classified village is on the 「应编综合性和整治类村庄规划清单」 (own plan; 城郊 and exceptions included). */
export const onList = (i: Pick<ClassificationInput, 'route'>) => i.route === 'own';

/**
 * Existing plans (交政发〔2022〕3号 三、（五））: 「主要评估内容包括是否符合已划定的生态保护红线，永久基本农田、村庄建设规模和边界
 * 的管控要求，是否能够满足乡村振兴需求等。经评估符合要求的,可继续组织实施，不再另行编制，并将规划编制成果纳入国土空间规划
 * “一张图”统一管理。经评估需补充完善的，按照国土空间规划关于村庄规划编制的要求，补充完善后再行报批」.
 */
export const EVALUATION_CRITERIA = [
  { code: 'redLine', label: '符合生态保护红线管控要求' },
  { code: 'farmland', label: '符合永久基本农田管控要求' },
  { code: 'scale', label: '符合村庄建设规模和边界管控要求' },
  { code: 'revitalization', label: '能够满足乡村振兴需求' },
] as const;
export type EvaluationCriterion = (typeof EVALUATION_CRITERIA)[number]['code'];

/** Outcomes; 重新编制 is the text's remaining case (inferred: a plan neither conforming nor mendable is compiled anew). */
export const EVALUATION_OUTCOMES = [
  { code: 'conforms', label: '符合要求', effect: '继续组织实施，不再另行编制，纳入国土空间规划“一张图”' },
  { code: 'supplement', label: '需补充完善', effect: '补充完善后再行报批' },
  { code: 'recompile', label: '重新编制', effect: '列入应编清单重新编制' },
] as const;
export type EvaluationOutcome = (typeof EVALUATION_OUTCOMES)[number]['code'];

/** Why an evaluation cannot stand: every criterion answered, a reason for each 否, 符合要求 only when all are met. */
export function evaluationProblems(outcome: EvaluationOutcome, answers: Partial<Record<EvaluationCriterion, { met: boolean; reason: string }>>): { field: string; message: string }[] {
  const out: { field: string; message: string }[] = [];
  for (const c of EVALUATION_CRITERIA) {
    const a = answers[c.code];
    if (!a) out.push({ field: `answers.${c.code}`, message: `请回答评估内容“${c.label}”` });
    else if (!a.met && !a.reason.trim()) out.push({ field: `answers.${c.code}`, message: `“${c.label}”不符合时应填写理由` });
  }
  if (outcome === 'conforms' && EVALUATION_CRITERIA.some((c) => answers[c.code] && !answers[c.code]!.met)) out.push({ field: 'outcome', message: '有评估内容不符合，不能评为“符合要求”' });
  if (outcome !== 'conforms' && out.length === 0 && EVALUATION_CRITERIA.every((c) => answers[c.code]?.met)) out.push({ field: 'outcome', message: '各项评估内容均符合，应评为“符合要求”' });
  return out;
}

/**
 * The seven steps in order (交政发〔2022〕3号 三、（三））: 「认真履行组织编制、方案确认、技术论证、村级审议、公示公告、规划报批
 * 和备案等程序」.
 */
export const STEPS = [
  { code: 'organize', label: '组织编制' },
  { code: 'confirm', label: '方案确认' },
  { code: 'review', label: '技术论证' },
  { code: 'vote', label: '村级审议' },
  { code: 'notice', label: '公示公告' },
  { code: 'approve', label: '规划报批' },
  { code: 'file', label: '备案' },
] as const;
export type StepCode = (typeof STEPS)[number]['code'];
/** The step after a step, or null after 备案. */
export const nextStep = (s: StepCode): StepCode | null => STEPS[STEPS.findIndex((x) => x.code === s) + 1]?.code ?? null;

/**
 * The 编制工作组 (交政发〔2022〕3号 五、（一））: 「建立由乡镇党委政府、县人民政府有关部门、规划设计单位、村民代表共同组成的村庄
 * 规划编制工作组」. Each kind has at least one member.
 */
export const WORKING_GROUP = [
  { code: 'township', label: '乡镇党委政府' },
  { code: 'department', label: '县人民政府有关部门' },
  { code: 'designer', label: '规划设计单位' },
  { code: 'villager', label: '村民代表' },
] as const;
export type MemberKind = (typeof WORKING_GROUP)[number]['code'];
/** The kinds of member the group still lacks. */
export const groupLacks = (kinds: readonly string[]) => WORKING_GROUP.filter((k) => !kinds.includes(k.code)).map((k) => k.label);

/**
 * The planning unit (交政发〔2022〕3号 六、（三））: 「应选择拥有相应规划编制资质、技术力量强、具有较多村庄规划编制经验的单位」.
 * The 资质 is recorded by its certificate number and grade (inferred: the text names no grade).
 */
export const UNIT_REQUIREMENT = '拥有相应规划编制资质';

/**
 * Before approval (交政发〔2022〕3号 四、（一））: 「村庄规划在报送审批前应在村内公示 30 日，报送审批时应附村民委员会审议意见和
 * 村民会议或村民代表会议讨论通过的决议。村民委员会要将规划主要内容纳入村规民约」. Calendar days, counted as the
 * notices module counts every notice (民法典 arts. 201, 203: the posting day not counted, a last day falling on a holiday
 * moved to the next working day); approval may be asked the day after the last day.
 */
export const NOTICE_DAYS = 30;
/** The last day of the village notice posted on `postedOn`. */
export const noticeLastDay = (cal: WorkCalendar, postedOn: string) => cal.periodEnd(postedOn, NOTICE_DAYS, '日');
/** Whether a notice whose last day is `lastDay` has run by `today`. */
export const noticeHasRun = (lastDay: string, today: string) => today > lastDay;

/** The papers the approval request carries (四、（一））. */
export const APPROVAL_ATTACHMENTS = [
  { code: 'committeeOpinion', label: '村民委员会审议意见' },
  { code: 'resolution', label: '村民会议或村民代表会议讨论通过的决议' },
] as const;
/** The attachments still missing from a request. */
export const attachmentsMissing = (have: readonly string[]) => APPROVAL_ATTACHMENTS.filter((a) => !have.includes(a.code)).map((a) => a.label);

/** The 村级审议 is by either meeting (四、（四））: 「规划报送审批前，应经村民会议或者村民代表会议审议」. */
export const MEETINGS = [
  { code: 'assembly', label: '村民会议' },
  { code: 'representatives', label: '村民代表会议' },
] as const;

/**
 * After approval (交政发〔2022〕3号 四、（三））: 「规划批准之日起 20 个工作日内，规划成果应通过“上墙、上网”等多种方式公开，30 个
 * 工作日内，规划成果逐级汇交至省自然资源厅，叠加到国土空间规划“一张图”上」. Working days on the calendar (调休 included), the
 * approval day not counted.
 */
export const AFTER_APPROVAL = [
  { code: 'publish', label: '规划成果“上墙、上网”公开', workdays: 20 },
  { code: 'submit', label: '规划成果逐级汇交至省自然资源厅', workdays: 30 },
] as const;
export type DeadlineCode = (typeof AFTER_APPROVAL)[number]['code'];
/** The last day of each deadline after an approval on `approvedOn`. */
export function deadlines(cal: WorkCalendar, approvedOn: string): Record<DeadlineCode, string> {
  return { publish: cal.addWorkdays(approvedOn, AFTER_APPROVAL[0].workdays), submit: cal.addWorkdays(approvedOn, AFTER_APPROVAL[1].workdays) };
}
/** 临期 from this many working days before the last day (inferred: the text is silent; five is a working week). */
export const DUE_SOON_WORKDAYS = 5;

/**
 * Changes (交政发〔2022〕3号 三、（三））: 「经依法批准的村庄规划，任何单位和个人不得随意修改，确需修改规划的，严格按程序报原规划
 * 审批机关批准。修改后的村庄规划要依法依规重新公布」. A change goes back to the approving authority (报批中), its deadlines
 * run again from the new approval.
 */
export const CHANGE_CONFIRM = '确需修改规划的，报原规划审批机关批准；批准后重新公布。确认提交修改？';

/**
 * Who approves: the text names only 「原规划审批机关」; the 县自然资源局 handles approvals for the county (inferred: it
 * 「自然资源部门要做好数据保障、资料收集、技术指导、规划审查和业务培训工作」 (六、（一））, and the county government approves village plans on its review).
 */
export const REVIEWER_BODY = 'JC-ZRZYJ';

/**
 * 「村庄规划原则上以 5 年为周期开展实施评估，评估后确需调整的，按法定程序进行调整」 (交政发〔2022〕3号 六、（四））. Due on the same
 * date five years after approval (29 February → 28 February).
 */
export const EVALUATION_YEARS = 5;
/** The day an approved plan's implementation evaluation falls due. */
export const evaluationDue = (approvedOn: string) => addYears(approvedOn, EVALUATION_YEARS);

/** 「鼓励采用“前图后则”（即规划图表+管制规则）的成果表达形式」 (交政发〔2022〕3号 四、（三））: the documents of a plan. */
export const OUTPUT_PARTS = [
  { code: 'maps', label: '规划图表' },
  { code: 'rules', label: '管制规则' },
] as const;

/** The date `years` years and `months` months after `date` (a day past the month's end falls on its last day). */
export function addYears(date: string, years: number, months = 0): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + years * 12 + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}
