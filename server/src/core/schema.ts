/** zod pieces every module's schemas use: ids, dates, paging with a maximum page size, and common answers. */
import { z } from 'zod';
import { cleanText } from './text.js';

/** A path parameter `:id`. */
export const IdParams = z.object({ id: z.coerce.number().int().positive('编号无效') });
/** A calendar date as YYYY-MM-DD, and a day that exists (no 2022-02-30). */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().slice(0, 10) === d, '日期不存在');
/** Page and page size (at most 100 a page). */
export const Paging = z.object({
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100, 'pageSize 不能大于 100').default(20),
});
/** `{ ok: true }`. */
export const Ok = z.object({ ok: z.literal(true) });
/** `{ items: [...] }`. */
export const Items = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });
/** A PDF file (a download, not JSON). */
export const Pdf = z.unknown().meta({ description: 'PDF 文件' });
/** An Excel file (a download, not JSON). */
export const Xlsx = z.unknown().meta({ description: 'Excel 文件（application/vnd.openxmlformats-officedocument.spreadsheetml.sheet）' });
/**
 * A name or title as typed (a person, a unit, a place, a notice's subject): stored without control or direction
 * characters (cleanText) and then measured, so 「\u202E」 alone is as empty as nothing.
 */
export const nameText = (max: number, message: string, min = 1) => z.string().overwrite(cleanText).min(min, message).max(max, `不超过 ${max} 个字`);
