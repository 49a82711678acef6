import { z } from 'zod';
import { unitRef } from '../../core/schema.js';

export const UnitKindEnum = z.enum(['county', 'township', 'village', 'department', 'body'], { message: '单位类型无效' });

export const CreateUnitBody = z.object({
  name: z.string().trim().min(2, '名称至少 2 个字').max(60),
  kind: UnitKindEnum,
  parentId: unitRef('上级单位无效').nullable().default(null),
  code: z.string().trim().regex(/^(\d{6,12}|JC-[A-Z0-9]{2,16})$/, '代码应为 6–12 位区划代码，或 JC- 加大写字母的机构代码').nullable().default(null),
  shortNames: z.array(z.string().trim().min(1).max(40)).max(20).default([]),
  note: z.string().trim().max(200).nullable().default(null),
});

export const UpdateUnitBody = z.object({
  name: z.string().trim().min(2).max(60).optional(),
  shortNames: z.array(z.string().trim().min(1).max(40)).max(20).optional(),
  note: z.string().trim().max(200).nullable().optional(),
});

export const ResolveQuery = z.object({ name: z.string().trim().min(1, '请输入名称').max(60) });
export { IdParams as UnitIdParams } from '../../core/schema.js';

export const UnitSchema = z.object({
  id: z.number().int(),
  code: z.string().nullable(),
  name: z.string(),
  kind: UnitKindEnum,
  parentId: z.number().int().nullable(),
  shortNames: z.array(z.string()),
  note: z.string().nullable(),
});
