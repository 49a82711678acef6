import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ROLES, ROLE_LABELS, registeredPermissions, roleHas, type Permission } from '../../core/auth.js';
import { z } from 'zod';
import { Items, Ok, Xlsx } from '../../core/schema.js';
import { ChangePasswordBody, CreateUserBody, IdParams, LoginAnswer, LoginBody, MeAnswer, PublicUserSchema, UpdateUserBody } from './accounts.schema.js';
import { clearSessionCookies, setSessionCookies } from './accounts.http.js';
import type { AccountsService, PublicUser } from './accounts.service.js';
import { sendXlsx, toXlsx } from '../../core/excel.js';

/** /api/auth (login, logout, me, password) and /api/users (management). */
export async function accountsRoutes(app: FastifyInstance, opts: { service: AccountsService; secureCookies: boolean }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { service } = opts;
  const tags = ['账号与权限'];

  // A login is a few hundred bytes; attempts are counted by the service per account and address, and the route is
  // limited per address as any public one is.
  r.post('/auth/login', { bodyLimit: 1024, config: { permission: 'public', rateLimit: { max: 60, windowMs: 60_000 } }, schema: { tags, summary: '登录', body: LoginBody, response: { 200: LoginAnswer } } }, async (req, reply) => {
    const res = await service.login(req.body.username, req.body.password, req.id, req.ip);
    setSessionCookies(reply, res.token, res.csrfToken, opts.secureCookies);
    return { user: res.user, csrfToken: res.csrfToken };
  });

  r.post('/auth/logout', { config: { permission: 'account.self' }, schema: { tags, summary: '退出登录', response: { 200: Ok } } }, async (req, reply) => {
    await service.logout(req.actor!, req.sessionId!);
    clearSessionCookies(reply);
    return { ok: true as const };
  });

  r.get('/auth/me', { config: { permission: 'account.self' }, schema: { tags, summary: '当前用户', response: { 200: MeAnswer } } }, async (req) => ({
    user: await service.me(req.actor!),
    permissions: ([...registeredPermissions().keys()] as Permission[]).filter((p) => roleHas(req.actor!.role, p)),
    roles: ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] })),
  }));

  r.post('/auth/password', { bodyLimit: 1024, config: { permission: 'account.self' }, schema: { tags, summary: '修改密码', body: ChangePasswordBody, response: { 200: Ok } } }, async (req) => {
    await service.changePassword(req.actor!, req.sessionId!, req.body.oldPassword, req.body.newPassword);
    return { ok: true as const };
  });

  r.get('/users', { config: { permission: 'users.read' }, schema: { tags, summary: '用户列表（乡镇只见本乡镇）', response: { 200: Items(PublicUserSchema) } } }, async (req) => ({ items: await service.list(req.actor!) }));

  r.get('/users.xlsx', { config: { permission: 'users.read' }, schema: { tags, summary: '导出用户台账（Excel，手机号脱敏）', response: { 200: Xlsx } } }, async (req, reply) => {
    const xlsx = await toXlsx(
      '用户',
      [
        { header: '用户名', value: (u: PublicUser) => u.username },
        { header: '姓名', value: (u) => u.displayName },
        { header: '角色', value: (u) => u.roleLabel },
        { header: '所属单位', value: (u) => u.unitName },
        { header: '手机号', value: (u) => u.mobile },
        { header: '状态', value: (u) => (u.active ? '启用' : '停用') },
      ],
      await service.list(req.actor!),
    );
    return sendXlsx(reply, '用户台账.xlsx', xlsx);
  });

  r.get('/users/:id/mobile', { config: { permission: 'users.read' }, schema: { tags, summary: '查看完整手机号（留痕）', params: IdParams, response: { 200: z.object({ mobile: z.string().nullable() }) } } }, async (req) => ({
    mobile: await service.revealMobile(req.actor!, req.params.id),
  }));

  r.post('/users', { config: { permission: 'users.manage' }, schema: { tags, summary: '新建用户', body: CreateUserBody, response: { 201: PublicUserSchema } } }, async (req, reply) => {
    reply.code(201);
    return service.create(req.actor!, req.body);
  });

  r.patch('/users/:id', { config: { permission: 'users.manage' }, schema: { tags, summary: '修改用户（角色、单位、停用、重置密码）', params: IdParams, body: UpdateUserBody, response: { 200: PublicUserSchema } } }, async (req) =>
    service.update(req.actor!, req.params.id, req.body),
  );
}
