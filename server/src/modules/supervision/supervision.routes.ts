import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { madeByOf, sendXlsx, toXlsx } from '../../core/excel.js';
import { escapeHtml } from '../../core/html.js';
import { IdParams, Paging, StepActions, Timeline, isoDate, unitRef } from '../../core/schema.js';
import type { Bulletin, SupervisionService, TaskView } from './supervision.service.js';
import { TASK_STATES, TASK_STATUSES, targetText } from './supervision.states.js';
import { DEADLINE_RULES_TEXT } from './supervision.rules.js';
import { installNow } from '../../core/time.js';

const tags = ['督查督办'];
const int = z.number().int();
const TargetSchema = z.object({ metric: z.string(), comparison: z.enum(['≥', '≤', '=']), value: z.number(), max: z.number().optional(), unit: z.string(), text: z.string() });
const FigureSchema = z.object({ indicator: z.string(), label: z.string(), unit: z.string(), moduleLabel: z.string(), unitId: int.nullable(), value: z.union([z.number(), z.string()]).nullable(), error: z.string().nullable() });
export const IndicatorSchema = z.object({ key: z.string(), label: z.string(), unit: z.string(), module: z.string(), moduleLabel: z.string(), perUnit: z.boolean() });
export const LinkBody = z.object({ indicator: z.string().trim().min(1, '请选择指标').max(80).nullable(), unitId: int.positive('单位无效').nullable().default(null) });
const TargetParams = z.object({ id: z.coerce.number().int().positive(), n: z.coerce.number().int().min(0, '指标序号无效').max(19, '指标序号无效') });
export const TaskSchema = z.object({
  id: int,
  docNumber: z.string(),
  part: z.string().nullable(),
  plan: z.string().nullable(),
  clause: z.string(),
  path: z.array(z.string()),
  heading: z.string(),
  text: z.string(),
  origin: z.enum(['extract', 'manual']),
  unitsText: z.string(),
  unknownUnits: z.array(z.string()),
  units: z.array(z.object({ unitId: int, unitName: z.string(), part: z.enum(['lead', 'support']), signedAt: z.string().nullable(), reportedAt: z.string().nullable(), percent: int.nullable(), state: z.enum(['unsigned', 'signed', 'reported']), stateLabel: z.string(), light: z.enum(['green', 'yellow', 'red', 'grey']) })),
  deadline: z.string().nullable(),
  deadlineText: z.string().nullable(),
  deadlineSource: z.enum(['原文', '县政府办公室核定']).nullable(),
  extendedTo: z.string().nullable(),
  recurrence: z.string().nullable(),
  nextDue: z.string().nullable(),
  targets: z.array(TargetSchema),
  figures: z.array(FigureSchema.nullable()),
  milestones: z.array(z.object({ date: z.string(), text: z.string(), met: z.boolean(), chased: z.boolean() })),
  stepDue: z.string().nullable(),
  disputed: z.string().nullable(),
  disputedDecided: z.boolean(),
  status: z.enum(TASK_STATUSES),
  statusLabel: z.string(),
  light: z.enum(['green', 'yellow', 'red', 'grey']),
  returns: int,
  assignedOn: z.string().nullable(),
  signDue: z.string().nullable(),
  doneAt: z.string().nullable(),
  actions: StepActions,
});
const Extension = z.object({ id: int, taskId: int, unitId: int, to: z.string(), reason: z.string(), status: z.enum(['pending', 'approved', 'refused']), requestedBy: z.string(), requestedAt: z.string(), decidedBy: z.string().nullable() });
export const TaskDetail = TaskSchema.extend({
  timeline: Timeline,
  /** 办理记录: every step with the unit that took it and the person. */
  records: z.array(z.object({ at: z.string(), step: z.string(), label: z.string(), unitName: z.string().nullable(), person: z.string(), note: z.string().nullable() })),
  reports: z.array(z.object({ id: int, unitId: int.nullable(), kind: z.enum(['progress', 'consolidated', 'returned', 'accepted']), text: z.string(), percent: int.nullable(), values: z.array(z.number().nullable()), by: z.string(), at: z.string() })),
  extensions: z.array(Extension),
  notices: z.array(z.object({ kind: z.enum(['remind', 'order']), unitName: z.string(), due: z.string(), issuedAt: z.string() })),
});
const Count = z.object({ key: z.string(), tasks: int, done: int, overdue: int, dueSoon: int });
export const DashboardSchema = z.object({
  today: z.string(),
  totals: z.object({ tasks: int, done: int, overdue: int, dueSoon: int }),
  byUnit: z.array(z.object({ unitId: int, unitName: z.string(), tasks: int, done: int, onTime: int, overdue: int, dueSoon: int, unsigned: int, returns: int, onTimeRate: z.number().nullable(), score: z.number() })),
  byDocument: z.array(Count),
  byMonth: z.array(Count),
  targets: z.array(z.object({ taskId: int, docNumber: z.string(), heading: z.string(), targets: z.array(TargetSchema), figures: z.array(FigureSchema.nullable()), values: z.array(z.number().nullable()), percent: int.nullable(), at: z.string() })),
});
export const ManualBody = z.object({
  docNumber: z.string().trim().min(3, '请选择公文').max(40),
  part: z.string().trim().min(1).max(200).nullable().default(null),
  clause: z.string().trim().min(1, '请填写所在条款（如 三、（一）2.）').max(60, '条款不能超过 60 个字符'),
  heading: z.string().trim().min(2, '请填写任务').max(200, '任务不能超过 200 个字符'),
  text: z.string().trim().min(2, '请填写原文条款').max(4000, '原文条款不能超过 4000 个字符'),
  lead: z.array(unitRef('牵头单位无效')).max(20).default([]),
  support: z.array(unitRef('配合单位无效')).max(40).default([]),
  deadline: isoDate.nullable().default(null),
  recurrence: z.string().trim().max(40).nullable().default(null),
});
export const ExtractBody = z.object({ docNumber: z.string().trim().min(3, '请选择公文') });
export const CorrectBody = z.object({
  lead: z.array(unitRef('牵头单位无效')).max(20),
  support: z.array(unitRef('配合单位无效')).max(40),
  deadline: isoDate.nullable(),
  recurrence: z.string().trim().max(40).nullable(),
});
export const ReportBody = z.object({
  text: z.string().trim().min(2, '请填写办理情况').max(4000),
  percent: int.min(0, '进度为 0–100').max(100, '进度为 0–100'),
  values: z.array(z.number().finite().nullable()).max(20).default([]),
  /** The lead unit's 汇总 for the task as a whole. */
  consolidated: z.boolean().default(false),
  /** A dated step this report meets (the lead unit's). */
  step: z.preprocess((v) => (v === '' ? null : v), isoDate.nullish()),
});
export const FinishBody = z.object({ accept: z.boolean(), note: z.string().trim().min(2, '请填写复核意见').max(1000) });
export const ExtensionBody = z.object({ to: isoDate, reason: z.string().trim().min(4, '请说明延期理由').max(1000) });
const ListQuery = Paging.extend({ docNumber: z.string().optional(), status: z.enum(TASK_STATES).optional() });

/** A live figure as printed: the number and its unit, or why it could not be read. */
function figureText(f: { value: number | string | null; unit: string; error: string | null } | null): string {
  if (!f) return '—';
  return f.value === null ? `（未能读取：${f.error ?? '未知原因'}）` : `${f.value} ${f.unit}`;
}

/** The bulletin's table of targets linked to live figures: target, the module's figure now, the latest reported value. */
function targetsHtml(b: Bulletin): string {
  if (!b.targets?.length) return '';
  const rows = b.targets.map((t, i) => `<tr><td>${i + 1}</td><td>${escapeHtml(t.docNumber)} ${escapeHtml(t.heading)}</td><td>${escapeHtml(targetText(t.target))}</td><td>${escapeHtml(`${t.figure?.moduleLabel ?? ''}·${t.figure?.label ?? ''}：${figureText(t.figure)}`)}</td><td>${t.reported === null ? '—' : escapeHtml(`${t.reported} ${t.target.unit}`)}</td></tr>`).join('');
  return `<p>重点指标完成情况（系统实时数与单位最新报送数）：</p><table><thead><tr><th>序号</th><th>任务</th><th>目标</th><th>系统实时数</th><th>最新报送</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function bulletinHtml(b: Bulletin & { issuedOn?: string }): string {
  const rows = b.late.map((u, i) => `<tr><td>${i + 1}</td><td>${escapeHtml(u.unitName)}</td><td>${u.tasks}</td><td>${u.done}</td><td>${u.overdue}</td><td>${u.onTimeRate ?? '—'}${u.onTimeRate === null ? '' : '%'}</td></tr>`).join('');
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>督查通报</title><style>@page{size:A4;margin:25mm 20mm}body{font-family:"FangSong","STFangsong","WenQuanYi Zen Hei",serif;font-size:16pt}h1{text-align:center;color:#c00;font-size:22pt}table{border-collapse:collapse;width:100%}td,th{border:1px solid #000;padding:4px 6px;font-size:12pt}</style></head><body><h1>督查通报</h1>${b.issuedOn ? `<p style="text-align:center">（${escapeHtml(b.issuedOn)} 当周）</p>` : ''}<p>截至 ${escapeHtml(b.today)}，县政府督办任务共 ${b.totals.tasks} 项，已办结 ${b.totals.done} 项，逾期未办结 ${b.totals.overdue} 项，临期 ${b.totals.dueSoon} 项。现将逾期单位通报如下：</p><table><thead><tr><th>序号</th><th>单位</th><th>任务数</th><th>已办结</th><th>逾期</th><th>按时办结率</th></tr></thead><tbody>${rows || '<tr><td colspan="6">无逾期单位</td></tr>'}</tbody></table>${targetsHtml(b)}<p>请逾期单位于 3 个工作日内书面说明原因并报送整改措施。</p><p style="text-align:right">交城县人民政府办公室</p></body></html>`;
}

/**
 * A report sent from the page's step form carries a value per target as `values.0`, `values.1`…: gathered into
 * `values` (by index) before the body is checked, so the route takes the one body either way.
 */
async function foldValues(req: FastifyRequest) {
  const body = req.body as Record<string, unknown> | null;
  if (!body || typeof body !== 'object' || Array.isArray(body) || body.values !== undefined) return;
  const keys = Object.keys(body).filter((k) => /^values\.\d{1,2}$/.test(k));
  if (!keys.length) return;
  const values: unknown[] = [];
  for (const k of keys) {
    values[Number(k.slice(7))] = body[k];
    delete body[k];
  }
  body.values = Array.from(values, (v) => v ?? null);
}

export async function supervisionRoutes(app: FastifyInstance, opts: { service: SupervisionService }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { service } = opts;
  r.post('/extract', { config: { permission: 'supervision.manage' }, schema: { tags, summary: '从公文抽取督办任务（待确认）；一项也没有时说明原因', body: ExtractBody, response: { 200: z.object({ docNumber: z.string(), found: int, added: int, flagged: int, reason: z.string().nullable() }) } } }, async (req) =>
    service.extract(req.actor!, req.body.docNumber),
  );
  r.post('/tasks', { config: { permission: 'supervision.manage' }, schema: { tags, summary: '手工添加任务（注明公文与条款；待确认）', body: ManualBody, response: { 200: TaskDetail } } }, async (req) => service.addByHand(req.actor!, req.body));
  r.get('/documents', { config: { permission: 'supervision.manage' }, schema: { tags, summary: '选择公文：按文号或标题检索全部公文（文号完全相同的在前）', querystring: z.object({ q: z.string().trim().max(60, '检索词不能超过 60 个字符').default('') }), response: { 200: z.object({ items: z.array(z.object({ docNumber: z.string(), title: z.string(), date: z.string().nullable(), tasks: int })) }) } } }, async (req) => ({
    items: await service.documents(req.query.q),
  }));
  r.get('/rules', { config: { permission: 'supervision.read' }, schema: { tags, summary: '时限认定规则', response: { 200: z.object({ deadlineRules: z.string() }) } } }, async () => ({ deadlineRules: DEADLINE_RULES_TEXT }));
  r.get('/tasks', { config: { permission: 'supervision.read' }, schema: { tags, summary: '督办任务（本单位；县政府办公室看全部）', querystring: ListQuery, response: { 200: z.object({ items: z.array(TaskSchema), total: int }) } } }, async (req) =>
    service.list(req.actor!, { docNumber: req.query.docNumber, status: req.query.status }, req.query.page, req.query.pageSize),
  );
  r.get('/tasks.xlsx', { config: { permission: 'supervision.read' }, schema: { tags, summary: '督办台账（Excel）' } }, async (req, reply) => {
    const rows = await service.ledger(req.actor!);
    const xlsx = await toXlsx<TaskView>('督办台账', [
      { header: '文号', value: (t) => t.docNumber, width: 22 },
      { header: '条款', value: (t) => t.clause, width: 36 },
      { header: '任务', value: (t) => t.heading || t.text.slice(0, 60), width: 40 },
      { header: '牵头单位', value: (t) => t.units.filter((u) => u.part === 'lead').map((u) => u.unitName).join('、'), width: 30 },
      { header: '配合单位', value: (t) => t.units.filter((u) => u.part === 'support').map((u) => u.unitName).join('、'), width: 30 },
      { header: '时限', value: (t) => t.extendedTo ?? t.deadline ?? t.recurrence ?? '', width: 14 },
      { header: '时限来源', value: (t) => t.deadlineSource ?? '', width: 14 },
      { header: '原文时限', value: (t) => t.deadlineText ?? '', width: 16 },
      { header: '状态', value: (t) => t.statusLabel },
      { header: '退回次数', value: (t) => t.returns, kind: 'integer' },
    ], rows, { title: '交城县督查督办台账', madeBy: madeByOf(req.actor!), at: installNow() });
    return sendXlsx(reply, '督办台账.xlsx', xlsx);
  });
  r.get('/tasks/:id', { config: { permission: 'supervision.read' }, schema: { tags, summary: '任务详情（原文条款、单位、反馈、延期）', params: IdParams, response: { 200: TaskDetail } } }, async (req) => service.get(req.actor!, req.params.id));
  r.put('/tasks/:id', { config: { permission: 'supervision.review' }, schema: { tags, summary: '修改待确认任务（单位、时限、周期）', params: IdParams, body: CorrectBody, response: { 200: TaskDetail } } }, async (req) =>
    service.correct(req.actor!, req.params.id, req.body),
  );
  r.get('/indicators', { config: { permission: 'supervision.read' }, schema: { tags, summary: '可关联的指标（各业务模块提供的实时数）', response: { 200: z.object({ items: z.array(IndicatorSchema) }) } } }, async () => ({ items: service.indicators.choices() }));
  r.post('/tasks/:id/targets/:n/indicator', { config: { permission: 'supervision.review' }, schema: { tags, summary: '将任务的一项量化指标关联到业务模块的实时数（null 取消关联）', params: TargetParams, body: LinkBody, response: { 200: TaskDetail } } }, async (req) =>
    service.linkIndicator(req.actor!, req.params.id, req.params.n, req.body.indicator, req.body.unitId),
  );
  r.post('/tasks/:id/confirm', { config: { permission: 'supervision.review' }, schema: { tags, summary: '确认交办', params: IdParams, response: { 200: TaskDetail } } }, async (req) => service.confirm(req.actor!, req.params.id));
  r.post('/tasks/:id/sign', { config: { permission: 'supervision.work' }, schema: { tags, summary: '签收', params: IdParams, response: { 200: TaskDetail } } }, async (req) => service.sign(req.actor!, req.params.id));
  r.post('/tasks/:id/reports', { config: { permission: 'supervision.work' }, preValidation: foldValues, schema: { tags, summary: '报送办理进展', params: IdParams, body: ReportBody, response: { 200: TaskDetail } } }, async (req) =>
    service.report(req.actor!, req.params.id, req.body),
  );
  r.post('/tasks/:id/finish', { config: { permission: 'supervision.review' }, schema: { tags, summary: '复核：办结销号或退回', params: IdParams, body: FinishBody, response: { 200: TaskDetail } } }, async (req) =>
    service.finish(req.actor!, req.params.id, req.body.accept, req.body.note),
  );
  r.post('/tasks/:id/extensions', { config: { permission: 'supervision.work' }, schema: { tags, summary: '申请延期', params: IdParams, body: ExtensionBody, response: { 200: TaskDetail } } }, async (req) =>
    service.requestExtension(req.actor!, req.params.id, req.body.to, req.body.reason),
  );
  r.get('/extensions', { config: { permission: 'supervision.manage' }, schema: { tags, summary: '待审批的延期申请', response: { 200: z.object({ items: z.array(Extension) }) } } }, async () => ({ items: await service.pendingExtensions() }));
  r.post('/extensions/:id/decide', { config: { permission: 'supervision.review' }, schema: { tags, summary: '审批延期', params: IdParams, body: z.object({ approve: z.boolean() }), response: { 200: TaskDetail } } }, async (req) =>
    service.decideExtension(req.actor!, req.params.id, req.body.approve),
  );
  r.get('/dashboard', { config: { permission: 'supervision.read' }, schema: { tags, summary: '督办看板：按单位、按公文、按月份；指标与报送值', response: { 200: DashboardSchema } } }, async () => service.dashboard());
  r.get('/bulletin', { config: { permission: 'supervision.read' }, schema: { tags, summary: '督查通报（截至今日，打印版）', response: { 200: z.string() } } }, async (_req, reply) => reply.type('text/html; charset=utf-8').send(bulletinHtml(await service.bulletin())));
  r.get('/bulletins', { config: { permission: 'supervision.read' }, schema: { tags, summary: '已印发的督查通报（每周一期）', response: { 200: z.object({ items: z.array(z.object({ id: int, issuedOn: z.string(), issuedAt: z.string(), late: int })) }) } } }, async () => ({ items: await service.bulletins() }));
  r.get('/bulletins/:id', { config: { permission: 'supervision.read' }, schema: { tags, summary: '一期督查通报（印发时的内容，打印版）', params: IdParams, response: { 200: z.string() } } }, async (req, reply) =>
    reply.type('text/html; charset=utf-8').send(bulletinHtml(await service.issuedBulletin(req.params.id))),
  );
  r.post('/sweep', { config: { permission: 'supervision.manage' }, schema: { tags, summary: '立即催办、发督办单并印发本周通报（平时每小时自动执行）', response: { 200: z.object({ remind: int, order: int, bulletin: z.string().nullable() }) } } }, async () => service.sweep());
}
