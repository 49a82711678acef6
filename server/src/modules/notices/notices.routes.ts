import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { validateMobile } from '../../core/identifiers.js';
import type { NoticesService } from './notices.service.js';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
const Id = z.object({ id: z.coerce.number().int().positive('编号无效') });

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
          page: z.coerce.number().int().min(1).default(1),
          pageSize: z.coerce.number().int().min(1).max(100, 'pageSize 不能大于 100').default(20),
        }),
      },
    },
    async (req) => service.list(req.actor, { mine: req.query.mine === 'true', status: req.query.status }, req.query.page, req.query.pageSize),
  );

  r.get('/:id', { config: { permission: 'public' }, schema: { tags, summary: '公示详情', params: Id } }, async (req) => service.get(req.actor, req.params.id));

  r.post(
    '/',
    {
      config: { permission: 'notices.manage' },
      schema: {
        tags,
        summary: '发布公示',
        body: z.object({
          unitId: z.number().int().positive('请选择发布单位'),
          subject: z.string().trim().min(2, '标题至少 2 个字').max(100),
          content: z.string().trim().min(1, '请填写公示内容').max(20000),
          basis: z.string().trim().max(200).nullable().default(null),
          startDate: isoDate,
          minLength: z.number().int().min(1, '公示期至少 1 天').max(365),
          unit: z.enum(['日', '工作日'], { message: '单位应为 日 或 工作日' }),
        }),
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
      // Anyone may object to a public notice, logged in or not; name required, contact optional.
      config: { permission: 'public' },
      schema: {
        tags,
        summary: '提出异议',
        params: Id,
        body: z.object({
          name: z.string().trim().min(1, '请填写姓名').max(40),
          contact: z
            .string()
            .trim()
            .max(20)
            .nullable()
            .default(null)
            .refine((v) => v === null || v === '' || validateMobile(v).valid, '手机号格式错误'),
          text: z.string().trim().min(2, '请填写异议内容').max(2000),
        }),
      },
    },
    async (req, reply) => {
      reply.code(201);
      return service.object(req.actor, req.params.id, { ...req.body, contact: req.body.contact || null });
    },
  );

  r.post(
    '/:id/close',
    { config: { permission: 'notices.manage' }, schema: { tags, summary: '结束公示并登记结果', params: Id, body: z.object({ outcome: z.string().trim().min(2, '请填写公示结果').max(2000) }) } },
    async (req) => service.close(req.actor!, req.params.id, req.body.outcome),
  );
}
