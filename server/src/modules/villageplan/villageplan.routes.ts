/** The HTTP surface of 村庄规划编制 (/api/villageplan). */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendXlsx, toXlsx } from '../../core/excel.js';
import { IdParams, Items, Xlsx } from '../../core/schema.js';
import { CaseDetail, CaseItem, ClassificationItem, ClassifyBody, Dashboard, EvaluateBody, EvaluationItem, ListItem, Meta, NoteBody, OpenBody, PublicPlan, StepBody } from './villageplan.schemas.js';
import { CLASSES, CRITERIA, EVALUATION_CRITERIA, EVALUATION_OUTCOMES, MEETINGS, NOTICE_DAYS, ROUTES, SOURCE, STEPS, TARGET, WORKING_GROUP } from './villageplan.rules.js';
import type { VillageplanService } from './villageplan.service.js';
import { installNow } from '../../core/time.js';

const tags = ['村庄规划'];
const CASE_STEPS = ['confirm', 'review', 'vote', 'publish', 'request', 'return', 'approve', 'publishResult', 'file', 'change'] as const;
const opts = <T extends { code: string; label: string }>(xs: readonly T[]) => xs.map((x) => ({ code: x.code, label: x.label }));

export async function villageplanRoutes(app: FastifyInstance, o: { service: VillageplanService }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const s = o.service;
  r.get('/meta', { config: { permission: 'villageplan.read' }, schema: { tags, summary: `分类条件、编制程序与目标（${SOURCE}）`, response: { 200: Meta } } }, async () => ({
    classes: CLASSES.map((c) => ({ code: c.code, label: c.label, rule: c.rule })),
    criteria: opts(CRITERIA),
    routes: opts(ROUTES),
    evaluationCriteria: opts(EVALUATION_CRITERIA),
    evaluationOutcomes: opts(EVALUATION_OUTCOMES),
    workingGroup: opts(WORKING_GROUP),
    meetings: opts(MEETINGS),
    target: { ...TARGET },
    source: SOURCE,
  }));

  // ---- classification ----
  r.get('/classifications', { config: { permission: 'villageplan.read' }, schema: { tags, summary: '村庄分类（乡镇提出，县自然资源局审核）', response: { 200: Items(ClassificationItem) } } }, async (req) => ({ items: await s.classes.list(req.actor!) }));
  r.post('/classifications', { config: { permission: 'villageplan.township' }, schema: { tags, summary: '提出村庄分类（条件清单与理由；审核前可修改）', body: ClassifyBody, response: { 201: ClassificationItem } } }, async (req, reply) => {
    reply.code(201);
    return s.classes.classify(req.actor!, req.body);
  });
  r.post('/classifications/:id/:step', { config: { permission: 'villageplan.review' }, schema: { tags, summary: '审核或退回村庄分类', params: IdParams.extend({ step: z.enum(['check', 'return']) }), body: NoteBody, response: { 200: ClassificationItem } } }, async (req) => s.classes.step(req.actor!, req.params.id, req.params.step, req.body));
  r.get('/list', { config: { permission: 'villageplan.read' }, schema: { tags, summary: '应编综合性和整治类村庄规划清单（编制时序）', response: { 200: Items(ListItem) } } }, async (req) => ({ items: await s.classes.planList(req.actor!) }));
  r.get('/list.xlsx', { config: { permission: 'villageplan.read' }, schema: { tags, summary: '应编村庄规划清单（Excel）', response: { 200: Xlsx } } }, async (req, reply) => {
    type L = Awaited<ReturnType<typeof s.classes.planList>>[number];
    const xlsx = await toXlsx<L>('应编村庄规划清单', [
      { header: '乡（镇）', value: (x) => x.township },
      { header: '村', value: (x) => x.village, width: 16 },
      { header: '类型', value: (x) => x.clsLabel },
      { header: '编制时序（年）', value: (x) => x.year, kind: 'integer' },
      { header: '分类理由', value: (x) => x.reason, width: 40 },
      { header: '例外理由', value: (x) => x.exception ?? '', width: 24 },
      { header: '已立项编制', value: (x) => (x.inCase ? '是' : '否') },
    ], await s.classes.planList(req.actor!), { title: `应编综合性和整治类村庄规划清单（${SOURCE}）`, at: installNow() });
    return sendXlsx(reply, '应编村庄规划清单.xlsx', xlsx);
  });

  // ---- existing plans ----
  r.get('/evaluations', { config: { permission: 'villageplan.read' }, schema: { tags, summary: '现有村庄规划评估', response: { 200: Items(EvaluationItem) } } }, async (req) => ({ items: await s.classes.evaluations(req.actor!) }));
  r.post('/evaluations', { config: { permission: 'villageplan.township' }, schema: { tags, summary: '评估已编制的村庄规划（生态保护红线、永久基本农田、建设规模和边界、乡村振兴需求）', body: EvaluateBody, response: { 201: EvaluationItem } } }, async (req, reply) => {
    reply.code(201);
    return s.classes.evaluate(req.actor!, req.body);
  });

  // ---- plan cases ----
  r.get('/cases', { config: { permission: 'villageplan.read' }, schema: { tags, summary: `村庄规划编制（${STEPS.map((x) => x.label).join('→')}）`, response: { 200: Items(CaseItem) } } }, async (req) => ({ items: await s.cases.list(req.actor!) }));
  r.post('/cases', { config: { permission: 'villageplan.township' }, schema: { tags, summary: '组织编制：一个或几个行政村为单元，编制工作组与规划编制单位（资质）', body: OpenBody, response: { 201: CaseDetail } } }, async (req, reply) => {
    reply.code(201);
    return s.cases.open(req.actor!, req.body);
  });
  r.get('/cases.xlsx', { config: { permission: 'villageplan.read' }, schema: { tags, summary: '村庄规划编制台账（Excel）', response: { 200: Xlsx } } }, async (req, reply) => {
    type C = Awaited<ReturnType<typeof s.cases.list>>[number];
    const due = (c: C, code: string) => c.deadlines.find((d) => d.code === code);
    const xlsx = await toXlsx<C>('村庄规划台账', [
      { header: '乡（镇）', value: (c) => c.township },
      { header: '规划名称', value: (c) => c.name, width: 30 },
      { header: '状态', value: (c) => c.statusLabel, width: 16 },
      { header: '规划编制单位', value: (c) => c.unitName, width: 24 },
      { header: '资质证书', value: (c) => `${c.unitQualification}（${c.unitGrade}）`, width: 24 },
      { header: '村级审议', value: (c) => c.meetingOn ?? '', kind: 'date' },
      { header: `公示期满（${NOTICE_DAYS} 日）`, value: (c) => c.noticeLastDay ?? '', kind: 'date' },
      { header: '批复文号', value: (c) => c.approvalNo ?? '', width: 20 },
      { header: '批准日期', value: (c) => c.approvedOn ?? '', kind: 'date' },
      { header: '公开期限', value: (c) => due(c, 'publish')?.due ?? '', kind: 'date' },
      { header: '公开日期', value: (c) => c.publishedOn ?? '', kind: 'date' },
      { header: '汇交期限', value: (c) => due(c, 'submit')?.due ?? '', kind: 'date' },
      { header: '汇交日期', value: (c) => c.submittedOn ?? '', kind: 'date' },
      { header: '实施评估到期', value: (c) => c.evaluationDue ?? '', kind: 'date' },
    ], await s.cases.list(req.actor!), { title: `村庄规划编制台账（${SOURCE}）`, at: installNow() });
    return sendXlsx(reply, '村庄规划编制台账.xlsx', xlsx);
  });
  r.get('/cases/:id', { config: { permission: 'villageplan.read' }, schema: { tags, summary: '村庄规划详情（办理步骤与记录）', params: IdParams, response: { 200: CaseDetail } } }, async (req) => s.cases.detail(req.actor!, req.params.id));
  r.post('/cases/:id/:step', { config: { permission: 'villageplan.step' }, schema: { tags, summary: '办理一步（方案确认、技术论证、村级审议、村内公示、报批、批准、公开、备案、修改）', params: IdParams.extend({ step: z.enum(CASE_STEPS) }), body: StepBody, response: { 200: CaseDetail } } }, async (req) => s.cases.step(req.actor!, req.params.id, req.params.step, req.body));

  r.get('/dashboard', { config: { permission: 'villageplan.read' }, schema: { tags, summary: `各乡（镇）编制进度（力争 ${TARGET.by.slice(0, 4)} 年底应编尽编）`, response: { 200: Dashboard } } }, async (req) => s.dashboard(req.actor!));
  r.get('/public/plans', { config: { permission: 'public' }, schema: { tags, summary: '已批准公开的村庄规划（前图后则）', response: { 200: Items(PublicPlan) } } }, async () => ({ items: await s.publicPlans() }));
}
