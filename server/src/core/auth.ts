/**
 * Roles, permissions and data scope. Every API route declares the permission it needs
 * (config.permission); a route that declares none is refused at start-up: deny by default.
 */
import { hash, verify } from '@node-rs/argon2';
import { AppError } from './errors.js';
import type { Actor } from './audit.js';
import type { ModulePermissionName } from './module.js';

export const ROLES = [
  'county_admin',
  'department_official',
  'township_official',
  'village_committee',
  'service_org',
  'merchant',
  'resident',
  'auditor',
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  county_admin: '县级管理员',
  department_official: '县直部门',
  township_official: '乡镇',
  village_committee: '村委会',
  service_org: '服务组织',
  merchant: '商户',
  resident: '居民',
  auditor: '审计（只读）',
};

/** Roles that work in government offices (county, departments, townships, villages) and the auditor. */
export const STAFF: readonly Role[] = ['county_admin', 'department_official', 'township_official', 'village_committee', 'auditor'];
/** Every role. */
export const EVERYONE: readonly Role[] = [...ROLES];

/** A module's permissions and the roles that hold each. */
export type PermissionTable = Readonly<Record<string, readonly Role[]>>;

/** Every permission name, one union for the server and the web: the platform's two and every module's (core/module.ts). */
export type Permission = 'public' | 'workbench' | ModulePermissionName;

const HOLDERS = new Map<string, { module: string; roles: readonly Role[] }>([
  ['public', { module: 'core', roles: EVERYONE }],
  ['workbench', { module: 'core', roles: EVERYONE }],
]);

/** Record a module's permissions (at start); a name two modules declare is an error. */
export function registerPermissions(module: string, table: PermissionTable): void {
  for (const [name, roles] of Object.entries(table)) {
    const had = HOLDERS.get(name);
    if (had && had.module !== module) throw new Error(`权限 ${name} 由模块 ${had.module} 与 ${module} 重复声明`);
    HOLDERS.set(name, { module, roles });
  }
}

/** Every registered permission with its holders. */
export const registeredPermissions = (): Map<string, readonly Role[]> => new Map([...HOLDERS].map(([k, v]) => [k, v.roles]));

/** Whether a role holds a permission ('public' is held by anyone, even without a login). The auditor holds every '.read'. */
export function roleHas(role: string, permission: Permission): boolean {
  if (permission === 'public') return true;
  if (role === 'auditor' && permission.endsWith('.read')) return true;
  return (HOLDERS.get(permission)?.roles as readonly string[] | undefined)?.includes(role) ?? false;
}

/** Throws 401 without a login, 403 without the permission. */
export function requirePermission(actor: Actor | null, permission: Permission): asserts actor is Actor {
  if (permission === 'public') return;
  if (!actor) throw new AppError('UNAUTHORIZED', 401, '请先登录');
  if (!roleHas(actor.role, permission)) throw new AppError('FORBIDDEN', 403, '您的角色无权进行此操作');
}

/** Roles allowed to see personal identifiers in full (each such read is audited). */
export const PII_ROLES: readonly string[] = ['county_admin', 'township_official', 'department_official'];

export const hashPassword = (password: string) => hash(password, { memoryCost: 19456, timeCost: 2, parallelism: 1 });
export const verifyPassword = (hashed: string, password: string) => verify(hashed, password).catch(() => false);

/** Password rules for accounts: 8+ characters with letters and digits. */
export function passwordProblem(p: string): string | null {
  if (p.length < 8) return '密码至少 8 位';
  if (p.length > 128) return '密码不能超过 128 位';
  if (!/[A-Za-z]/.test(p) || !/\d/.test(p)) return '密码需同时包含字母和数字';
  return null;
}
