import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams, Ok, Paging, isoDate, nameText, optionalMobileField, unitRef } from '../../core/schema.js';
import type { NoticesService } from './notices.service.js';

const Id = IdParams;
const UnitEnum = z.enum(['日', '工作日'], { message: '单位应为 日 或 工作日' });

/** Publishing a notice. */
export const NoticeBody = z.object({
  unitId: unitRef('请选择发布单位'),
  subject: nameText(100, '标题至少 2 个字', 2),
  content: z.string().trim().min(1, '请填写公示内容').max(20000),
  basis: z.string().trim().max(200).nullable().default(null),
  startDate: isoDate,
  minLength: z.number().int().min(1, '公示期至少 1 天').max(365),
  unit: UnitEnum,
});
/** An objection: anyone may raise one; name required, contact optional. */
export const ObjectionBody = z.object({
  name: z.string().trim().min(1, '请填写姓名').max(40),
  contact: optionalMobileField('手机号格式错误'),
  text: z.string().trim().min(2, '请填写异议内容').max(2000),
});

/** The units an actor may publish for. */
export const Publishers = z.object({ items: z.array(z.object({ id: z.number().int(), name: z.string(), kind: z.string() })) });

export const NoticeSchema = z.object({
  id: z.number().int(),
  unitId: z.number().int(),
  unitName: z.string(),
  subject: z.string(),
  content: z.string(),
  basis: z.string().nullable(),
  startDate: z.string(),
  minLength: z.number().int(),
  unit: UnitEnum,
  earliestEnd: z.string(),
  status: z.enum(['open', 'closed']),
  phase: z.enum(['已结束', '未开始', '公示中', '公示期满']),
  outcome: z.string().nullable(),
  closedAt: z.string().nullable(),
  /** How many objections (in lists). */
  objections: z.number().int().optional(),
});
const Objection = z.object({ id: z.number().int(), name: z.string(), contact: z.string().nullable(), text: z.string(), receivedAt: z.string(), spam: z.boolean() });
export const NoticeDetail = NoticeSchema.extend({
  /** The first objections; the rest from /:id/objections. */
  objections: z.array(Objection),
  objectionTotal: z.number().int(),
  /** Objections marked as spam (the publishing unit only; 0 for others). */
  spamTotal: z.number().int(),
  canManage: z.boolean(),
});
export const ObjectionPage = z.object({ items: z.array(Objection), total: z.number().int(), spam: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

/** /api/notices: public notices are readable by anyone; publishing and closing are scoped to the unit. */
export async function noticesRoutes(app: FastifyInstance, opts: { service: NoticesService }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { service } = opts;
  const tags = ['公示'];

  r.get(
    '/',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: '公示列表（mine=true 为本单位）',
        querystring: z.object({
          mine: z.enum(['true', 'false']).optional(),
          status: z.enum(['open', 'closed']).optional(),
        }).extend(Paging.shape),
        response: { 200: z.object({ items: z.array(NoticeSchema), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() }) },
      },
    },
    async (req) => service.list(req.actor, { mine: req.query.mine === 'true', status: req.query.status }, req.query.page, req.query.pageSize),
  );

  r.get(
    '/publishers',
    {
      config: { permission: 'notices.manage' },
      schema: { tags, summary: '本人可以其名义发布公示的单位', response: { 200: Publishers } },
    },
    async (req) => ({ items: await service.publishers(req.actor!) }),
  );

  r.get('/:id', { config: { permission: 'public' }, schema: { tags, summary: '公示详情', params: Id, response: { 200: NoticeDetail } } }, async (req) => service.get(req.actor, req.params.id));

  r.post(
    '/',
    {
      config: { permission: 'notices.manage' },
      schema: {
        tags,
        summary: '发布公示',
        body: NoticeBody,
        response: { 201: NoticeSchema },
      },
    },
    async (req, reply) => {
      reply.code(201);
      return service.create(req.actor!, req.body);
    },
  );

  r.post(
    '/:id/objections',
    {
      // Anyone may object to a public notice, logged in or not; name required, contact optional. One client may
      // raise a few in ten minutes: enough for a person, not for a script.
      bodyLimit: 8 * 1024,
      config: { permission: 'public', rateLimit: { max: 5, windowMs: 10 * 60_000 } },
      schema: {
        tags,
        summary: '提出异议',
        params: Id,
        body: ObjectionBody,
        response: { 201: z.object({ id: z.number().int(), receivedAt: z.string() }) },
      },
    },
    async (req, reply) => {
      reply.code(201);
      return service.object(req.actor, req.params.id, { ...req.body, contact: req.body.contact || null });
    },
  );

  r.get('/:id/objections', { config: { permission: 'public' }, schema: { tags, summary: '异议（分页）', params: Id, querystring: Paging, response: { 200: ObjectionPage } } }, async (req) =>
    service.objections(req.actor, req.params.id, req.query.page, req.query.pageSize),
  );

  r.post(
    '/:id/objections/:objectionId/spam',
    {
      config: { permission: 'notices.manage' },
      schema: { tags, summary: '将异议标为无效信息（或撤销）', params: z.object({ id: z.coerce.number().int().positive(), objectionId: z.coerce.number().int().positive() }), body: z.object({ spam: z.boolean() }), response: { 200: Ok } },
    },
    async (req) => service.markSpam(req.actor!, req.params.id, req.params.objectionId, req.body.spam),
  );

  r.post(
    '/:id/close',
    { config: { permission: 'notices.manage' }, schema: { tags, summary: '结束公示并登记结果', params: Id, body: z.object({ outcome: z.string().trim().min(2, '请填写公示结果').max(2000) }), response: { 200: NoticeDetail } } },
    async (req) => service.close(req.actor!, req.params.id, req.body.outcome),
  );
}
