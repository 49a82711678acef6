/**
 * zod pieces every module's schemas use: ids, dates, paging with a maximum page size, common answers, and the field
 * types of people, organisations, units and land that several programmes take.
 */
import { z } from 'zod';
import { normalizeMobile, validateCreditCode, validateMobile, validateResidentId } from './identifiers.js';
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

/**
 * 居民身份证号 (GB 11643-1999): 18 characters, a real birth date and the check digit; a final x is taken as X. The
 * message is the validator's reason, which names the field (「身份证号校验码错误」). Born-in-the-future is judged by the
 * server's clock: a service on a rehearsal clock checks that against its own today.
 */
export const residentIdField = () =>
  z
    .string()
    .trim()
    .toUpperCase()
    .superRefine((v, ctx) => {
      const r = v === '' ? { valid: false, reason: '请填写身份证号' } : validateResidentId(v);
      if (!r.valid) ctx.addIssue({ code: 'custom', message: r.reason });
    });

/** An 11-digit mainland mobile number (13–19…), kept as its 11 digits (a typed +86 dropped). */
export const mobileField = (message = '手机号应为 11 位、以 13–19 开头') =>
  z.string().trim().max(20, message).overwrite(normalizeMobile).refine((v) => validateMobile(v).valid, message);

/** A mobile number that may be left out: null when absent, '' when left blank, else as mobileField. */
export const optionalMobileField = (message = '手机号应为 11 位、以 13–19 开头') =>
  z
    .string()
    .trim()
    .max(20, message)
    .overwrite(normalizeMobile)
    .refine((v) => v === '' || validateMobile(v).valid, message)
    .nullable()
    .default(null);

/** 统一社会信用代码 (GB 32100-2015): 18 characters with its check character; the message is the validator's reason. */
export const creditCodeField = () =>
  z
    .string()
    .trim()
    .toUpperCase()
    .superRefine((v, ctx) => {
      const r = v === '' ? { valid: false, reason: '请填写统一社会信用代码' } : validateCreditCode(v);
      if (!r.valid) ctx.addIssue({ code: 'custom', message: r.reason });
    });

/** The id of a unit in the organisation directory (a township, a department, a body…); whether it is one is the service's to check. */
export const unitRef = (message = '请选择单位') => z.number(message).int(message).positive(message).meta({ description: '组织机构目录中的单位编号' });

/** The id of a village in the organisation directory. */
export const villageRef = (message = '请选择村') => z.number(message).int(message).positive(message).meta({ description: '组织机构目录中村的单位编号' });

/** An area in 亩, as typed and stored: an exact decimal string of at most 2 decimals (never a float), more than 0. */
export const muField = (message = '面积以亩为单位，最多两位小数') =>
  z
    .string()
    .trim()
    .regex(/^\d{1,6}(\.\d{1,2})?$/, message)
    .refine((v) => Number(v) > 0, '面积应大于 0');

/** An area in 公顷: an exact decimal string of at most 4 decimals, more than 0. */
export const hectareField = (message = '面积以公顷为单位，最多四位小数') =>
  z
    .string()
    .trim()
    .regex(/^\d{1,6}(\.\d{1,4})?$/, message)
    .refine((v) => Number(v) > 0, '面积应大于 0');

/** A step of a procedure as the actor sees it now (core/workflow.ts `StepAction`): pages render buttons from these. */
export const StepActionSchema = z.object({
  step: z.string(),
  label: z.string(),
  allowed: z.boolean(),
  reason: z.string().nullable(),
  path: z.string(),
  fields: z.array(
    z.object({
      name: z.string(),
      label: z.string(),
      kind: z.enum(['text', 'textarea', 'date', 'number', 'select', 'money']),
      required: z.boolean(),
      options: z.array(z.object({ value: z.string(), label: z.string() })).optional(),
      placeholder: z.string().optional(),
    }),
  ),
  files: z.array(z.object({ entity: z.string(), entityId: z.string(), label: z.string(), present: z.boolean() })),
  confirm: z.string().nullable(),
  danger: z.boolean(),
  body: z.record(z.string(), z.unknown()),
});
/** The actions of a record. */
export const StepActions = z.array(StepActionSchema);
/** One row of a record's step log (谁、何时、做了什么). */
export const StepLogSchema = z.object({
  id: z.number(),
  step: z.string(),
  label: z.string(),
  from: z.string().nullable(),
  to: z.string(),
  fromLabel: z.string().nullable(),
  toLabel: z.string(),
  actor: z.string(),
  role: z.string(),
  at: z.string(),
  note: z.string().nullable(),
  due: z.string().nullable(),
});
/** A record's step log, oldest first. */
export const Timeline = z.array(StepLogSchema);
