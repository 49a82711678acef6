/** The request and response schemas of 涉农资金's project imports (the web's contract reads them, type-only). */
import { z } from 'zod';
import { IMPORT_TABLES } from './agrifund.rules.js';

const int = z.number().int();
const tables = IMPORT_TABLES.map((t) => t.code) as [(typeof IMPORT_TABLES)[number]['code'], ...(typeof IMPORT_TABLES)[number]['code'][]];
const year = z.coerce.number().int().min(2000, '年度无效').max(2100, '年度无效').default(2022);
const table = z.enum(tables, { message: `表类应为：${IMPORT_TABLES.map((t) => t.name).join('、')}` });

export const TemplateQuery = z.object({ year, table: table.default('all') });
export const UploadQuery = z.object({ year, table, fileName: z.string().trim().min(1).max(120).default('项目表.xlsx') });

export const ImportJob = z.object({
  id: int, year: int, table: z.string(), tableName: z.string(), fileName: z.string(), status: z.enum(['validating', 'validated', 'committed', 'failed', 'discarded']),
  percent: int, rows: int, done: int, errors: int, good: int, committed: int, message: z.string().nullable(), byName: z.string(), at: z.string(),
});
export const ImportLine = z.object({ row: int, cells: z.record(z.string(), z.string()), problems: z.array(z.object({ field: z.string(), message: z.string() })) });
export const ImportTables = z.object({ tables: z.array(z.object({ code: z.string(), name: z.string(), annex: int, itemCode: z.string().nullable() })), columns: z.array(z.string()) });
