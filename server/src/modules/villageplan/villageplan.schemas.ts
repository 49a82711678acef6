/** The request and response schemas of 村庄规划编制 (the web's contract reads them, type-only). */
import { z } from 'zod';
import { StepActions, Timeline, nameText, villageRef } from '../../core/schema.js';
import { CASE_STATUSES } from './villageplan.flow.js';
import { CLASS_CODES, CRITERIA, EVALUATION_CRITERIA, EVALUATION_OUTCOMES, ROUTES, WORKING_GROUP } from './villageplan.rules.js';

const int = z.number().int();
const codes = <T extends { code: string }>(xs: readonly T[]) => xs.map((x) => x.code) as [T['code'], ...T['code'][]];
const text = (max: number) => z.string().trim().max(max, `不超过 ${max} 个字`);

export const ClassifyBody = z.object({
  villageId: villageRef(),
  cls: z.enum(CLASS_CODES, { message: '村庄类型应为综合性、整治类、城郊融合类或搬迁撤并类' }),
  criteria: z.partialRecord(z.enum(codes(CRITERIA)), z.boolean()).default({}),
  resettlementInsideBoundary: z.boolean().default(false),
  adjacentToBoundary: z.boolean().default(false),
  route: z.enum(codes(ROUTES), { message: '请选择编制方式' }),
  exception: text(500).nullable().default(null),
  reason: text(1000),
  year: int.nullable().default(null),
});
const Option = z.object({ code: z.string(), label: z.string() });
export const ClassificationItem = z.object({
  id: int,
  villageId: int,
  village: z.string(),
  townshipId: int,
  township: z.string(),
  cls: z.string(),
  clsLabel: z.string(),
  criteria: z.array(z.object({ code: z.string(), label: z.string(), checked: z.boolean() })),
  criteriaMet: z.array(z.string()),
  resettlementInsideBoundary: z.boolean(),
  adjacentToBoundary: z.boolean(),
  route: z.string(),
  routeLabel: z.string(),
  exception: z.string().nullable(),
  reason: z.string(),
  year: int.nullable(),
  status: z.enum(['submitted', 'checked', 'returned']),
  statusLabel: z.string(),
  checkNote: z.string().nullable(),
  byName: z.string(),
  at: z.string(),
  actions: StepActions,
});
export const NoteBody = z.object({ note: text(1000).nullable().default(null) });

export const ListItem = z.object({ townshipId: int, township: z.string(), villageId: int, village: z.string(), cls: z.string(), clsLabel: z.string(), year: int, reason: z.string(), exception: z.string().nullable(), inCase: z.boolean() });

const Answer = z.object({ met: z.boolean(), reason: text(500).default('') });
export const EvaluateBody = z.object({
  villageId: villageRef(),
  planName: nameText(100, '请填写原规划名称'),
  planYear: int.min(1990, '编制年份应为 1990 年以后').max(2100, '编制年份无效'),
  outcome: z.enum(codes(EVALUATION_OUTCOMES), { message: '评估结论应为符合要求、需补充完善或重新编制' }),
  answers: z.partialRecord(z.enum(codes(EVALUATION_CRITERIA)), Answer),
});
export const EvaluationItem = z.object({
  id: int,
  villageId: int,
  village: z.string(),
  townshipId: int,
  township: z.string(),
  planName: z.string(),
  planYear: int,
  outcome: z.string(),
  outcomeLabel: z.string(),
  effect: z.string(),
  answers: z.array(z.object({ code: z.string(), label: z.string(), met: z.boolean(), reason: z.string() })),
  byName: z.string(),
  at: z.string(),
});

export const OpenBody = z.object({
  villageIds: z.array(villageRef()).min(1, '请选择规划单元的行政村').max(20, '一个规划单元不超过 20 个村'),
  members: z.array(z.object({ kind: z.enum(codes(WORKING_GROUP), { message: '工作组成员类别无效' }), name: text(80) })).max(50),
  unitName: text(100),
  unitQualification: text(60),
  unitGrade: text(20),
});
export const StepBody = z.object({
  note: text(2000).nullable().optional(),
  meeting: z.string().max(40).nullable().optional(),
  meetingOn: z.string().max(10).nullable().optional(),
  objectionsReply: text(2000).nullable().optional(),
  approvalNo: text(60).nullable().optional(),
  approvedOn: z.string().max(10).nullable().optional(),
  publishedOn: z.string().max(10).nullable().optional(),
  villageRules: text(2000).nullable().optional(),
  submittedOn: z.string().max(10).nullable().optional(),
});
const Deadline = z.object({ code: z.enum(['publish', 'submit']), label: z.string(), due: z.string(), doneOn: z.string().nullable(), state: z.enum(['done', 'running', 'soon', 'overdue']), stateLabel: z.string() });
export const CaseItem = z.object({
  id: int,
  name: z.string(),
  townshipId: int,
  township: z.string(),
  villages: z.array(z.object({ id: int, name: z.string() })),
  status: z.enum(CASE_STATUSES),
  statusLabel: z.string(),
  members: z.array(z.object({ kind: z.string(), kindLabel: z.string(), name: z.string() })),
  unitName: z.string(),
  unitQualification: z.string(),
  unitGrade: z.string(),
  schemeNote: z.string().nullable(),
  reviewNote: z.string().nullable(),
  meeting: z.string().nullable(),
  meetingOn: z.string().nullable(),
  noticeIds: z.array(int),
  noticeLastDay: z.string().nullable(),
  objectionsReply: z.string().nullable(),
  approvalNo: z.string().nullable(),
  approvedOn: z.string().nullable(),
  publishedOn: z.string().nullable(),
  villageRulesNote: z.string().nullable(),
  submittedOn: z.string().nullable(),
  evaluationDue: z.string().nullable(),
  revision: int,
  changeReason: z.string().nullable(),
  deadlines: z.array(Deadline),
  createdAt: z.string(),
  actions: StepActions,
});
export const CaseDetail = CaseItem.extend({ timeline: Timeline, papers: z.array(z.object({ code: z.string(), label: z.string(), entity: z.string(), entityId: z.string() })) });

export const Dashboard = z.object({
  target: z.string(),
  today: z.string(),
  townships: z.array(
    z.object({
      townshipId: int,
      township: z.string(),
      villages: int,
      classified: int,
      byClass: z.array(z.object({ cls: z.string(), label: z.string(), count: int })),
      listed: int,
      approved: int,
      compiling: int,
      submitted: int,
      deadlinesSoon: int,
      deadlinesOverdue: int,
      evaluationsDue: int,
    }),
  ),
});
export const Meta = z.object({
  /** A class's rule as printed (搬迁撤并类 「原则上不单独编制」): such a village goes as a chapter unless an exception is recorded. */
  classes: z.array(Option.extend({ rule: z.string().nullable() })),
  criteria: z.array(Option),
  routes: z.array(Option),
  evaluationCriteria: z.array(Option),
  evaluationOutcomes: z.array(Option),
  workingGroup: z.array(Option),
  meetings: z.array(Option),
  target: z.object({ by: z.string(), firstYear: int, lastYear: int }),
  source: z.string(),
});
export const PublicPlan = z.object({ id: int, name: z.string(), township: z.string(), villages: z.array(z.string()), types: z.array(z.string()), approvalNo: z.string().nullable(), approvedOn: z.string().nullable(), publishedOn: z.string().nullable(), documents: z.array(z.object({ label: z.string(), entity: z.string(), entityId: z.string() })) });
