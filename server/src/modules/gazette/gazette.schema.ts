/** Request schemas of the gazette routes (one zod schema per route group). */
import { z } from 'zod';
import { DOCUMENT_TYPES } from './gazette.parser.js';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');

export const DocumentFilters = z.object({
  issuer: z.string().trim().min(1).max(60).optional(),
  type: z.enum(DOCUMENT_TYPES, { message: `文种应为：${DOCUMENT_TYPES.join('、')}` }).optional(),
  series: z.string().trim().min(1).max(12).optional(),
  year: z.coerce.number().int().min(1949).max(2100).optional(),
  dateFrom: isoDate.optional(),
  dateTo: isoDate.optional(),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100, 'pageSize 不能大于 100').default(20),
});

export const ListQuery = DocumentFilters.extend({
  sort: z.enum(['date_desc', 'date_asc', 'number']).default('date_desc'),
});

export const SearchQueryString = DocumentFilters.extend({
  q: z.string().trim().min(1, '请输入检索词').max(100, '检索词不能超过 100 个字符'),
});

export const DocumentParams = z.object({
  id: z.string().trim().min(1).max(40),
});

export const ImportQuery = z.object({
  fileName: z.string().trim().min(1).max(200).default('upload.txt'),
});
