import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Items, Ok, isoDate } from '../../core/schema.js';
import type { CalendarService } from './calendar.service.js';

const DayKindEnum = z.enum(['workday', 'holiday'], { message: '应为 workday 或 holiday' });
const UnitEnum = z.enum(['日', '工作日'], { message: '单位应为 日 或 工作日' });
export const CalendarOverview = z.object({
  dataYears: z.array(z.number().int()),
  declaredYears: z.array(z.number().int()),
  overrides: z.array(z.object({ date: z.string(), kind: DayKindEnum, note: z.string().nullable() })),
});
export const CalendarDay = z.object({ date: z.string(), workday: z.boolean(), override: DayKindEnum.nullable(), note: z.string().nullable() });
export const PeriodAnswer = z.object({ start: z.string(), length: z.number().int(), unit: UnitEnum, end: z.string() });

/** /api/calendar: working days, period ends, and the administrator's overrides. */
export async function calendarRoutes(app: FastifyInstance, opts: { service: CalendarService }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { service } = opts;
  const tags = ['工作日历'];

  r.get('/', { config: { permission: 'public' }, schema: { tags, summary: '数据覆盖年份与人工设置', response: { 200: CalendarOverview } } }, async () => service.overview());

  r.get('/days', { config: { permission: 'public' }, schema: { tags, summary: '区间内每日是否工作日（最多 400 天）', querystring: z.object({ from: isoDate, to: isoDate }), response: { 200: Items(CalendarDay) } } }, async (req) => ({
    items: await service.days(req.query.from, req.query.to),
  }));

  r.get(
    '/period',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: '期限届满日（民法典第二百零一条、第二百零三条）',
        querystring: z.object({ start: isoDate, length: z.coerce.number().int().min(1).max(3650), unit: UnitEnum }),
        response: { 200: PeriodAnswer },
      },
    },
    async (req) => service.periodEnd(req.query.start, req.query.length, req.query.unit),
  );

  r.put(
    '/overrides/:day',
    {
      config: { permission: 'calendar.manage' },
      schema: { tags, summary: '设置某日为工作日或休息日', params: z.object({ day: isoDate }), body: z.object({ kind: DayKindEnum, note: z.string().trim().max(100).nullable().default(null) }), response: { 200: Ok } },
    },
    async (req) => {
      await service.setDay(req.actor!, req.params.day, req.body.kind, req.body.note);
      return { ok: true as const };
    },
  );

  r.delete('/overrides/:day', { config: { permission: 'calendar.manage' }, schema: { tags, summary: '删除某日的设置', params: z.object({ day: isoDate }), response: { 200: Ok } } }, async (req) => {
    await service.removeDay(req.actor!, req.params.day);
    return { ok: true as const };
  });

  r.post(
    '/years/:year',
    { config: { permission: 'calendar.manage' }, schema: { tags, summary: '声明某年节假日已录入完整', params: z.object({ year: z.coerce.number().int().min(2000).max(2100) }), response: { 200: Ok } } },
    async (req) => {
      await service.declareYear(req.actor!, req.params.year);
      return { ok: true as const };
    },
  );
}
