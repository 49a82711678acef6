import { z } from 'zod';
import { ROLES } from '../../core/auth.js';

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
  unitId: z.number().int().positive().nullable().default(null),
  mobile: z.string().trim().max(20).nullable().default(null),
  password: z.string().min(1, '请输入初始密码').max(128),
});

export const UpdateUserBody = z
  .object({
    displayName: z.string().trim().min(1).max(40).optional(),
    role: z.enum(ROLES, { message: '角色无效' }).optional(),
    unitId: z.number().int().positive().nullable().optional(),
    active: z.boolean().optional(),
    password: z.string().min(1).max(128).optional(),
  })
  .refine((o) => Object.keys(o).length > 0, { message: '没有要修改的内容' });

export const IdParams = z.object({ id: z.coerce.number().int().positive('编号无效') });
