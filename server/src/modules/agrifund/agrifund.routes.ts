/** The HTTP surface of 涉农资金统筹整合 (/api/agrifund). */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendXlsx, toXlsx } from '../../core/excel.js';
import { IdParams, Items, Xlsx } from '../../core/schema.js';
import { AUDITOR, AUTHORITY, DISCIPLINE, IMPLEMENTER, townshipsOf } from './agrifund.access.js';
import { PROJECT_STEPS } from './agrifund.flow.js';
import { DISCLOSURE_KINDS, PAYMENT_GATE, SOURCE, SOURCE_LEVELS, SOURCE_STOCKS, SOURCE_YEARS, STEPS } from './agrifund.rules.js';
import {
  DiscloseBody, Disclosure, Kpis, Meta, MilestoneParams, PayBody, PaymentItem, ProjectBody, ProjectDetail, ProjectItem, ProjectsQuery,
  RequestBody, ReviseBody, SourceBody, SourceItem, SourceListItem, StepBody, Tree, TreeQuery, VerifyBody, VersionItem, YearQuery,
} from './agrifund.schemas.js';
import type { AgrifundService } from './agrifund.service.js';
import { installNow } from '../../core/time.js';

const tags = ['涉农资金统筹整合'];
const heading = (title: string) => ({ title: `${title}（${SOURCE}）`, at: installNow() });

export async function agrifundRoutes(app: FastifyInstance, o: { service: AgrifundService }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const s = o.service;
  const read = { permission: 'agrifund.read' } as const;
  const write = { permission: 'agrifund.write' } as const;
  const county = { permission: 'agrifund.county' } as const;

  r.get('/meta', { config: read, schema: { tags, summary: '步骤、资金来源分类、乡镇与村（表单用）', response: { 200: Meta } } }, async (req) => {
    const units = await s.units();
    const scope = await townshipsOf(s.access, req.actor!);
    const towns = units.filter((u) => u.kind === 'township' && (!scope || scope.includes(u.id)));
    return {
      source: SOURCE, steps: [...STEPS], levels: [...SOURCE_LEVELS], years: [...SOURCE_YEARS], stocks: [...SOURCE_STOCKS], disclosures: [...DISCLOSURE_KINDS],
      townships: towns.map((u) => ({ id: u.id, name: u.name })),
      villages: units.filter((u) => u.kind === 'village' && towns.some((t) => t.id === u.parentId)).map((u) => ({ id: u.id, name: u.name, townshipId: u.parentId! })),
      gate: PAYMENT_GATE,
      mayDeclare: (await s.access.which(req.actor!, [...IMPLEMENTER, ...AUTHORITY], { townshipId: req.actor!.unitId })) !== null,
      mayCounty: (await s.access.which(req.actor!, AUTHORITY, {})) !== null,
      mayAudit: (await s.access.which(req.actor!, AUDITOR, {})) !== null,
      mayReadAudits: (await s.access.which(req.actor!, [...AUDITOR, ...DISCIPLINE], {})) !== null,
    };
  });

  // ---- the tree ----
  r.get('/tree', { config: read, schema: { tags, summary: '资金安排（类别、子项，万元；可查历次版本）', querystring: TreeQuery, response: { 200: Tree } } }, async (req) => s.tree(req.query.year, req.query.version));
  r.post('/tree', { config: county, schema: { tags, summary: '修订资金安排（新版本；合计不符或低于已安排项目的拒绝）', body: ReviseBody, response: { 201: VersionItem } } }, async (req, reply) => {
    const v = await s.revise(req.actor!, req.body.year, req.body.totalWan, req.body.tree, req.body.note);
    reply.code(201);
    return v;
  });
  r.get('/tree.xlsx', { config: read, schema: { tags, summary: '资金安排表（Excel）', querystring: TreeQuery, response: { 200: Xlsx } } }, async (req, reply) => {
    const t = await s.tree(req.query.year, req.query.version);
    type L = { code: string; name: string; amountWan: string; committedWan: string; paidWan: string; level: string };
    const rows: L[] = t.categories.flatMap((c) => [{ ...c, committedWan: '', paidWan: '', level: '类别' }, ...c.items.map((i) => ({ ...i, level: '子项' }))]);
    const xlsx = await toXlsx<L>('资金安排', [
      { header: '编号', value: (x) => x.code },
      { header: '层级', value: (x) => x.level },
      { header: '名称', value: (x) => x.name, width: 30 },
      { header: '安排资金（万元）', value: (x) => x.amountWan, kind: 'decimal' },
      { header: '已安排项目（万元）', value: (x) => x.committedWan, kind: 'decimal' },
      { header: '已拨付（万元）', value: (x) => x.paidWan, kind: 'decimal' },
    ], [...rows, { code: '', level: '合计', name: '总规模', amountWan: t.totalWan, committedWan: '', paidWan: '' }], heading(`${t.year} 年统筹整合资金安排（第 ${t.version} 版）`));
    return sendXlsx(reply, `${t.year}年涉农资金安排.xlsx`, xlsx);
  });

  // ---- sources ----
  r.get('/sources', { config: read, schema: { tags, summary: '资金来源（省/市/县、当年/结转、存量/增量）', querystring: YearQuery, response: { 200: Items(SourceListItem) } } }, async (req) => ({ items: await s.sources(req.query.year) }));
  r.post('/sources', { config: county, schema: { tags, summary: '录入资金来源', body: SourceBody, response: { 201: SourceItem } } }, async (req, reply) => {
    const x = await s.recordSource(req.actor!, req.body.year, req.body);
    reply.code(201);
    return x;
  });

  // ---- projects ----
  r.get('/projects', { config: read, schema: { tags, summary: '项目（乡镇只见本乡镇）', querystring: ProjectsQuery, response: { 200: Items(ProjectItem) } } }, async (req) => ({ items: await s.reports.list(req.actor!, req.query.year, req.query) }));
  r.post('/projects', { config: write, schema: { tags, summary: '项目申报（占用子项安排资金）', body: ProjectBody, response: { 201: ProjectDetail } } }, async (req, reply) => {
    const p = await s.createProject(req.actor!, req.body);
    reply.code(201);
    return s.detail(req.actor!, p.id);
  });
  r.get('/projects.xlsx', { config: read, schema: { tags, summary: '项目台账（Excel）', querystring: YearQuery, response: { 200: Xlsx } } }, async (req, reply) => {
    type P = Awaited<ReturnType<typeof s.reports.list>>[number];
    const xlsx = await toXlsx<P>('项目台账', [
      { header: '项目名称', value: (p) => p.name, width: 30 },
      { header: '乡（镇）', value: (p) => p.township },
      { header: '村', value: (p) => p.village ?? '' },
      { header: '资金安排子项', value: (p) => `${p.itemCode} ${p.itemName}`, width: 24 },
      { header: '实施单位', value: (p) => p.implementingUnit, width: 20 },
      { header: '安排资金（万元）', value: (p) => p.amountWan, kind: 'decimal', total: true },
      { header: '已核实（万元）', value: (p) => p.verifiedWan, kind: 'decimal', total: true },
      { header: '已拨付（万元）', value: (p) => p.paidWan, kind: 'decimal', total: true },
      { header: '当前步骤', value: (p) => p.stepLabel },
      { header: '当年项目当年完成', value: (p) => (p.late ? '未完成' : '') },
    ], await s.reports.list(req.actor!, req.query.year), heading(`${req.query.year} 年统筹整合资金项目台账`));
    return sendXlsx(reply, `${req.query.year}年涉农资金项目台账.xlsx`, xlsx);
  });
  r.get('/projects/:id', { config: read, schema: { tags, summary: '项目详情（步骤、进度节点、拨付、办理记录）', params: IdParams, response: { 200: ProjectDetail } } }, async (req) => s.detail(req.actor!, req.params.id));
  r.post('/projects/:id/:step', { config: write, schema: { tags, summary: `办理一步（${STEPS.slice(1).map((x) => x.name).join('→')}）`, params: IdParams.extend({ step: z.enum(PROJECT_STEPS) }), body: StepBody, response: { 200: ProjectDetail } } }, async (req) => s.step(req.actor!, req.params.id, req.params.step, req.body));

  // ---- payments ----
  r.post('/projects/:id/milestones/:seq/request', { config: write, schema: { tags, summary: '申请拨付（实施单位，写明达到的进度节点）', params: MilestoneParams, body: RequestBody, response: { 200: ProjectDetail } } }, async (req) => s.requestPayment(req.actor!, req.params.id, req.params.seq, req.body.amountWan, req.body.note));
  r.post('/projects/:id/milestones/:seq/verify', { config: write, schema: { tags, summary: `核实进度（项目主管部门：${PAYMENT_GATE}）`, params: MilestoneParams, body: VerifyBody, response: { 200: ProjectDetail } } }, async (req) => {
    await s.verifyMilestone(req.actor!, req.params.id, req.params.seq, req.body.evidence);
    return s.detail(req.actor!, req.params.id);
  });
  r.post('/projects/:id/milestones/:seq/pay', { config: write, schema: { tags, summary: '拨付资金（不超过已核实进度对应的金额和子项安排资金）', params: MilestoneParams, body: PayBody, response: { 200: ProjectDetail } } }, async (req) => {
    await s.pay(req.actor!, req.params.id, req.params.seq, req.body.amountWan);
    return s.detail(req.actor!, req.params.id);
  });
  r.get('/requests', { config: read, schema: { tags, summary: '拨付申请（已申请的进度节点及其办理）', querystring: YearQuery, response: { 200: Items(ProjectItem) } } }, async (req) => ({ items: await s.reports.requests(req.actor!, req.query.year) }));
  r.get('/payments', { config: read, schema: { tags, summary: '拨付台账', querystring: YearQuery, response: { 200: Items(PaymentItem) } } }, async (req) => ({ items: await s.reports.payments(req.actor!, req.query.year) }));
  r.get('/payments.xlsx', { config: read, schema: { tags, summary: '拨付台账（Excel）', querystring: YearQuery, response: { 200: Xlsx } } }, async (req, reply) => {
    type P = Awaited<ReturnType<typeof s.reports.payments>>[number];
    const xlsx = await toXlsx<P>('拨付台账', [
      { header: '拨付时间', value: (p) => p.at, kind: 'datetime' },
      { header: '项目名称', value: (p) => p.project, width: 30 },
      { header: '乡（镇）', value: (p) => p.township },
      { header: '资金安排子项', value: (p) => p.itemName, width: 20 },
      { header: '进度节点', value: (p) => p.seq, kind: 'integer' },
      { header: '拨付金额（万元）', value: (p) => p.amountWan, kind: 'decimal', total: true },
      { header: '经办人', value: (p) => p.by },
    ], await s.reports.payments(req.actor!, req.query.year), heading(`${req.query.year} 年统筹整合资金拨付台账`));
    return sendXlsx(reply, `${req.query.year}年涉农资金拨付台账.xlsx`, xlsx);
  });

  // ---- KPIs and disclosure ----
  r.get('/kpis', { config: read, schema: { tags, summary: '开工率、竣工率、资金拨付率（按类别、子项、乡镇）与当年项目当年完成', querystring: YearQuery, response: { 200: Kpis } } }, async (req) => s.reports.kpis(req.actor!, req.query.year));
  r.post('/disclosures', { config: write, schema: { tags, summary: '“两个一律”公告公示（分配结果、项目安排和资金使用，按乡镇）', body: DiscloseBody, response: { 201: Disclosure } } }, async (req, reply) => {
    const d = await s.reports.disclose(req.actor!, req.body.year, req.body.townshipId, req.body.kind);
    reply.code(201);
    return d;
  });
}
