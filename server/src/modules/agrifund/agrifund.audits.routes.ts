/** The HTTP surface of the 审计抽查 and its leads (/api/agrifund/audits, /api/agrifund/leads). */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendXlsx, toXlsx } from '../../core/excel.js';
import { IdParams, Items, StepActions, Xlsx } from '../../core/schema.js';
import type { AgrifundAudits } from './agrifund.audits.js';
import { AUDIT_MIN_PERCENT, SOURCE } from './agrifund.rules.js';
import { installNow } from '../../core/time.js';

const tags = ['涉农资金统筹整合'];
const int = z.number().int();
const Year = z.object({ year: z.coerce.number().int().min(2000).max(2100).default(2022) });
const DrawBody = z.object({
  year: int.min(2000).max(2100),
  percent: int.min(AUDIT_MIN_PERCENT, `抽查比例不低于 ${AUDIT_MIN_PERCENT}%`).max(100, '抽查比例不超过 100%').default(AUDIT_MIN_PERCENT),
  seed: z.string().trim().max(64).optional(),
});
const CheckBody = z.object({
  projectId: int.positive('请选择项目'),
  passed: z.boolean(),
  finding: z.string().max(2000).default(''),
  // The page's form sends its choice as text.
  refer: z.preprocess((v) => (v === 'true' ? true : v === 'false' ? false : v), z.boolean()).default(false),
});
const CloseBody = z.object({ outcome: z.string().max(2000).default('') });
const LeadRef = z.object({ id: int, status: z.enum(['referred', 'received', 'closed']), statusLabel: z.string() }).nullable();
const Check = z.object({ passed: z.boolean(), finding: z.string(), by: z.string(), at: z.string(), lead: LeadRef }).nullable();
const Draw = z.object({
  id: int, year: int, seq: int, seed: z.string(), percent: int, population: int, by: z.string(), at: z.string(), reproducible: z.boolean(),
  projects: z.array(z.object({ projectId: int, name: z.string(), township: z.string(), amountWan: z.string(), paidWan: z.string(), check: Check, actions: StepActions })),
});
const Lead = z.object({
  id: int, projectId: int, summary: z.string(), status: z.enum(['referred', 'received', 'closed']), statusLabel: z.string(), referredBy: z.string(), referredAt: z.string(),
  receivedBy: z.string().nullable(), receivedAt: z.string().nullable(), outcome: z.string().nullable(), closedBy: z.string().nullable(), closedAt: z.string().nullable(),
});
export const AuditList = z.object({ rule: z.string(), minPercent: int, draws: z.array(Draw) });
export const LeadItem = Lead.extend({ projectName: z.string(), township: z.string(), mayReceive: z.boolean(), mayClose: z.boolean(), actions: StepActions });
export { DrawBody };

export async function agrifundAuditRoutes(app: FastifyInstance, o: { audits: AgrifundAudits }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const a = o.audits;
  const read = { permission: 'agrifund.read' } as const;

  r.get('/audits', { config: read, schema: { tags, summary: '审计抽查（各次抽取、抽中项目与结论）', querystring: Year, response: { 200: AuditList } } }, async (req) => a.list(req.actor!, req.query.year));
  r.post('/audits', { config: read, schema: { tags, summary: '抽取：按种子从当年已拨付项目中抽取（比例不低于 10%）', body: DrawBody, response: { 201: Draw } } }, async (req, reply) => {
    const d = await a.draw(req.actor!, req.body.year, req.body.percent, req.body.seed);
    reply.code(201);
    return d;
  });
  r.post('/audits/:id/checks', { config: read, schema: { tags, summary: '出具抽查结论（未通过的可将线索移交县纪委监委）', params: IdParams, body: CheckBody, response: { 200: Draw } } }, async (req) => a.check(req.actor!, req.params.id, req.body));
  r.get('/leads', { config: read, schema: { tags, summary: '移交县纪委监委的线索', response: { 200: Items(LeadItem) } } }, async (req) => ({ items: await a.leads(req.actor!) }));
  r.post('/leads/:id/receive', { config: read, schema: { tags, summary: '受理线索（县纪委监委）', params: IdParams, response: { 200: Lead } } }, async (req) => a.handle(req.actor!, req.params.id, 'receive', ''));
  r.post('/leads/:id/close', { config: read, schema: { tags, summary: '办结线索，写明查处结果（县纪委监委）', params: IdParams, body: CloseBody, response: { 200: Lead } } }, async (req) => a.handle(req.actor!, req.params.id, 'close', req.body.outcome));
  r.get('/audits.xlsx', { config: read, schema: { tags, summary: '审计抽查台账（Excel）', querystring: Year, response: { 200: Xlsx } } }, async (req, reply) => {
    const { draws } = await a.list(req.actor!, req.query.year);
    type Row = { seq: number; seed: string; name: string; township: string; paidWan: string; result: string; finding: string; lead: string; by: string };
    const rows: Row[] = draws.flatMap((d) => d.projects.map((p) => ({ seq: d.seq, seed: d.seed, name: p.name, township: p.township, paidWan: p.paidWan, result: p.check ? (p.check.passed ? '通过' : '未通过') : '待出具', finding: p.check?.finding ?? '', lead: p.check?.lead?.statusLabel ?? '', by: p.check?.by ?? '' })));
    const xlsx = await toXlsx<Row>('审计抽查', [
      { header: '抽查批次', value: (x) => `第 ${x.seq} 次` },
      { header: '种子', value: (x) => x.seed },
      { header: '项目', value: (x) => x.name, width: 30 },
      { header: '乡镇', value: (x) => x.township },
      { header: '已拨付（万元）', value: (x) => x.paidWan, kind: 'decimal' },
      { header: '结论', value: (x) => x.result },
      { header: '发现的问题', value: (x) => x.finding, width: 40 },
      { header: '移交县纪委监委', value: (x) => x.lead },
      { header: '审计人员', value: (x) => x.by },
    ], rows, { title: `${req.query.year} 年统筹整合涉农资金审计抽查台账（${SOURCE}）`, at: installNow() });
    return sendXlsx(reply, `${req.query.year}年涉农资金审计抽查台账.xlsx`, xlsx);
  });
}
