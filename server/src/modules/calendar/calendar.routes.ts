import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { CalendarService } from './calendar.service.js';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');

/** /api/calendar: working days, period ends, and the administrator's overrides. */
export async function calendarRoutes(app: FastifyInstance, opts: { service: CalendarService }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { service } = opts;
  const tags = ['工作日历'];

  r.get('/', { config: { permission: 'public' }, schema: { tags, summary: '数据覆盖年份与人工设置' } }, async () => service.overview());

  r.get('/days', { config: { permission: 'public' }, schema: { tags, summary: '区间内每日是否工作日（最多 400 天）', querystring: z.object({ from: isoDate, to: isoDate }) } }, async (req) => ({
    items: await service.days(req.query.from, req.query.to),
  }));

  r.get(
    '/period',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: '期限届满日（民法典第二百零一条、第二百零三条）',
        querystring: z.object({ start: isoDate, length: z.coerce.number().int().min(1).max(3650), unit: z.enum(['日', '工作日'], { message: '单位应为 日 或 工作日' }) }),
      },
    },
    async (req) => service.periodEnd(req.query.start, req.query.length, req.query.unit),
  );

  r.put(
    '/overrides/:day',
    {
      config: { permission: 'calendar.manage' },
      schema: { tags, summary: '设置某日为工作日或休息日', params: z.object({ day: isoDate }), body: z.object({ kind: z.enum(['workday', 'holiday'], { message: '应为 workday 或 holiday' }), note: z.string().trim().max(100).nullable().default(null) }) },
    },
    async (req) => {
      await service.setDay(req.actor!, req.params.day, req.body.kind, req.body.note);
      return { ok: true };
    },
  );

  r.delete('/overrides/:day', { config: { permission: 'calendar.manage' }, schema: { tags, summary: '删除某日的设置', params: z.object({ day: isoDate }) } }, async (req) => {
    await service.removeDay(req.actor!, req.params.day);
    return { ok: true };
  });

  r.post(
    '/years/:year',
    { config: { permission: 'calendar.manage' }, schema: { tags, summary: '声明某年节假日已录入完整', params: z.object({ year: z.coerce.number().int().min(2000).max(2100) }) } },
    async (req) => {
      await service.declareYear(req.actor!, req.params.year);
      return { ok: true };
    },
  );
}
