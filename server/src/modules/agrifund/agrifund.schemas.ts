/** The request and response schemas of 涉农资金统筹整合 (the web's contract reads them, type-only). */
import { z } from 'zod';
import { StepActions, Timeline, nameText, unitRef, villageRef } from '../../core/schema.js';
import { DISCLOSURE_KINDS, SOURCE_LEVELS, SOURCE_STOCKS, SOURCE_YEARS, STEPS } from './agrifund.rules.js';

const int = z.number().int();
const codes = <T extends { code: string }>(xs: readonly T[]) => xs.map((x) => x.code) as [T['code'], ...T['code'][]];
const text = (max: number) => z.string().trim().max(max, `不超过 ${max} 个字`);
/** A 万元 figure as typed: at most four decimals; the rules parse it exactly into 分. */
const wan = (what = '金额') => z.string(`请填写${what}（万元）`).trim().regex(/^\d{1,9}(\.\d{1,4})?$/, `${what}以万元为单位，最多四位小数`);
const date = (what: string) => z.string(`请填写${what}`).regex(/^\d{4}-\d{2}-\d{2}$/, `${what}应为 YYYY-MM-DD`);

export const YearQuery = z.object({ year: z.coerce.number().int().min(2000, '年度无效').max(2100, '年度无效').default(2022) });
export const TreeQuery = YearQuery.extend({ version: z.coerce.number().int().positive('版本无效').optional() });

const TreeLineBody = z.object({ code: text(10).min(1, '请填写编号'), name: nameText(60, '请填写名称'), amountWan: wan() });
export const ReviseBody = z.object({
  year: int.min(2000).max(2100).default(2022),
  totalWan: wan('总规模'),
  note: nameText(500, '请填写调整说明'),
  tree: z.array(TreeLineBody.extend({ items: z.array(TreeLineBody).min(1, '每个类别至少一个子项') })).min(1, '请填写资金安排'),
});
const TreeItem = z.object({ code: z.string(), name: z.string(), amountWan: z.string(), committedWan: z.string(), paidWan: z.string() });
export const Tree = z.object({
  year: int, version: int, versions: z.array(int), totalWan: z.string(), note: z.string(), basis: z.string(), createdAt: z.string(),
  categories: z.array(z.object({ code: z.string(), name: z.string(), amountWan: z.string(), items: z.array(TreeItem) })),
});
export const VersionItem = z.object({ id: int, year: int, version: int, total_fen: int, basis: z.string(), note: z.string(), created_by: z.string(), created_at: z.string() });

export const SourceBody = z.object({
  year: int.min(2000).max(2100).default(2022),
  code: text(10).min(1, '请选择资金安排项'),
  level: z.enum(codes(SOURCE_LEVELS), { message: '资金来源层级应为省级、市级或县级' }),
  yearKind: z.enum(codes(SOURCE_YEARS), { message: '资金年度应为当年安排或结转资金' }),
  stockKind: z.enum(codes(SOURCE_STOCKS), { message: '请选择存量资金或增量资金' }),
  amountWan: wan('来源金额'),
});
export const SourceItem = z.object({
  id: int, code: z.string(), lineName: z.string(), level: z.string(), levelName: z.string(), yearKind: z.string(), yearName: z.string(),
  stockKind: z.string(), stockName: z.string(), amountWan: z.string(),
});
/** A source as listed: with what its sub-item has committed to projects and paid (万元). */
export const SourceListItem = SourceItem.extend({ committedWan: z.string(), paidWan: z.string() });

export const ProjectBody = z.object({
  year: int.min(2000).max(2100).default(2022),
  itemCode: text(10).min(1, '请选择资金安排子项'),
  name: nameText(100, '请填写项目名称'),
  townshipId: unitRef('请选择乡镇'),
  villageId: villageRef().nullable().default(null),
  implementingUnit: nameText(100, '请填写项目实施单位'),
  amountWan: wan('项目金额'),
  targets: nameText(1000, '请填写绩效目标'),
  milestones: z.array(z.object({
    name: nameText(60, '请填写节点名称'),
    dueDate: date('计划完成日期'),
    shareBp: int.min(1, '节点拨付比例应大于零').max(10_000, '节点拨付比例不超过 100%'),
  })).min(1, '请填写计划进度节点').max(12, '进度节点不超过 12 个'),
});
export const ProjectsQuery = YearQuery.extend({ step: z.enum(codes(STEPS)).optional(), townshipId: z.coerce.number().int().positive().optional(), itemCode: z.string().max(10).optional() });

export const StepBody = z.object({ note: text(2000).nullable().optional(), approvalNo: text(60).nullable().optional(), startedOn: z.string().max(10).nullable().optional() });
export const RequestBody = z.object({ amountWan: wan('申请金额'), note: nameText(1000, '请填写达到进度情况') });
export const VerifyBody = z.object({ evidence: nameText(1000, '请填写核实检查情况') });
export const PayBody = z.object({ amountWan: wan('拨付金额') });
export const MilestoneParams = z.object({ id: z.coerce.number().int().positive('编号无效'), seq: z.coerce.number().int().positive('节点无效') });

const Milestone = z.object({
  seq: int, name: z.string(), dueDate: z.string(), sharePct: z.string(), shareWan: z.string(),
  reportedAt: z.string().nullable(), reportNote: z.string().nullable(), requestWan: z.string().nullable(),
  verifiedAt: z.string().nullable(), verifiedBy: z.string().nullable(), evidence: z.string().nullable(), actions: StepActions,
});
export const ProjectItem = z.object({
  id: int, year: int, name: z.string(), itemCode: z.string(), itemName: z.string(), townshipId: int, township: z.string(),
  villageId: int.nullable(), village: z.string().nullable(), implementingUnit: z.string(), targets: z.string(),
  amountWan: z.string(), verifiedWan: z.string(), paidWan: z.string(), step: z.string(), stepLabel: z.string(), stepIndex: int,
  createdAt: z.string(), milestones: z.array(Milestone), actions: StepActions, late: z.boolean().optional(),
});
export const ProjectDetail = ProjectItem.extend({
  payments: z.array(z.object({ id: int, seq: int, amountWan: z.string(), by: z.string(), at: z.string() })),
  sources: z.array(SourceListItem),
  timeline: Timeline,
});
export const PaymentItem = z.object({ id: int, projectId: int, project: z.string(), township: z.string(), itemName: z.string(), seq: int, amountWan: z.string(), by: z.string(), at: z.string() });

const Kpi = z.object({ projects: int, startedPct: z.string(), completedPct: z.string(), paidPct: z.string(), late: int, amountWan: z.string(), paidWan: z.string() });
export const Kpis = z.object({
  year: int, lateLabel: z.string(), total: Kpi,
  byCategory: z.array(Kpi.extend({ code: z.string(), name: z.string() })),
  bySubItem: z.array(Kpi.extend({ code: z.string(), name: z.string(), allocatedWan: z.string() })),
  byTownship: z.array(Kpi.extend({ id: int, name: z.string() })),
  byStep: z.array(z.object({ code: z.string(), name: z.string(), count: int })),
});

export const DiscloseBody = z.object({
  year: int.min(2000).max(2100).default(2022),
  townshipId: unitRef('请选择乡镇'),
  kind: z.enum(codes(DISCLOSURE_KINDS), { message: '请选择公开类别' }),
});
export const Disclosure = z.object({ noticeId: int, subject: z.string(), earliestEnd: z.string() });

export const Meta = z.object({
  source: z.string(),
  steps: z.array(z.object({ code: z.string(), name: z.string() })),
  levels: z.array(z.object({ code: z.string(), name: z.string() })),
  years: z.array(z.object({ code: z.string(), name: z.string() })),
  stocks: z.array(z.object({ code: z.string(), name: z.string() })),
  disclosures: z.array(z.object({ code: z.string(), name: z.string() })),
  townships: z.array(z.object({ id: int, name: z.string() })),
  villages: z.array(z.object({ id: int, name: z.string(), townshipId: int })),
  gate: z.string(),
  mayDeclare: z.boolean(),
  mayCounty: z.boolean(),
  /** The 审计抽查: who draws and concludes (the 审计部门), who reads it with the leads (and the 县纪委监委). */
  mayAudit: z.boolean(),
  mayReadAudits: z.boolean(),
});
