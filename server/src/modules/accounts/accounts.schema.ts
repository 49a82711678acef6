import { z } from 'zod';
import { ROLES } from '../../core/auth.js';
import { optionalMobileField, unitRef } from '../../core/schema.js';

export const LoginBody = z.object({
  username: z.string().trim().min(1, '请输入用户名').max(64),
  password: z.string().min(1, '请输入密码').max(128),
});

export const ChangePasswordBody = z.object({
  oldPassword: z.string().min(1, '请输入原密码').max(128),
  newPassword: z.string().min(1, '请输入新密码').max(128),
});

export const CreateUserBody = z.object({
  username: z.string().trim().regex(/^[a-z][a-z0-9_]{2,31}$/, '用户名为 3–32 位小写字母、数字或下划线，以字母开头'),
  displayName: z.string().trim().min(1, '请输入姓名').max(40),
  role: z.enum(ROLES, { message: '角色无效' }),
  unitId: unitRef('所属单位无效').nullable().default(null),
  mobile: optionalMobileField('手机号格式错误'),
  password: z.string().min(1, '请输入初始密码').max(128),
});

export const UpdateUserBody = z
  .object({
    displayName: z.string().trim().min(1).max(40).optional(),
    role: z.enum(ROLES, { message: '角色无效' }).optional(),
    unitId: unitRef('所属单位无效').nullable().optional(),
    active: z.boolean().optional(),
    password: z.string().min(1).max(128).optional(),
  })
  .refine((o) => Object.keys(o).length > 0, { message: '没有要修改的内容' });

export { IdParams } from '../../core/schema.js';

/** An account as others see it (mobile masked). */
export const PublicUserSchema = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  roleLabel: z.string(),
  unitId: z.number().int().nullable(),
  unitName: z.string().nullable(),
  townshipId: z.number().int().nullable(),
  mobile: z.string().nullable(),
  active: z.boolean(),
  mustChangePassword: z.boolean(),
});
export const LoginAnswer = z.object({ user: PublicUserSchema, csrfToken: z.string() });
export const MeAnswer = z.object({
  user: PublicUserSchema,
  permissions: z.array(z.string()),
  roles: z.array(z.object({ value: z.enum(ROLES), label: z.string() })),
});
