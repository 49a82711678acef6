/**
 * Roles, permissions and data scope. Every API route declares the permission it needs
 * (config.permission); a route that declares none is refused at start-up: deny by default.
 */
import { hash, verify } from '@node-rs/argon2';
import { forbidden, unauthorized } from './errors.js';
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
export type Permission = 'public' | 'workbench' | 'apidocs' | ModulePermissionName;

const HOLDERS = new Map<string, { module: string; roles: readonly Role[] }>([
  ['public', { module: 'core', roles: EVERYONE }],
  ['workbench', { module: 'core', roles: EVERYONE }],
  // The API reference (/docs) in the menu: for the administrators who connect other systems.
  ['apidocs', { module: 'core', roles: ['county_admin'] }],
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
  if (!actor) throw unauthorized();
  if (!roleHas(actor.role, permission)) throw forbidden('您的角色无权进行此操作');
}

/** Roles allowed to see personal identifiers in full (each such read is audited). */
export const PII_ROLES: readonly string[] = ['county_admin', 'township_official', 'department_official'];

export const hashPassword = (password: string) => hash(password, { memoryCost: 19456, timeCost: 2, parallelism: 1 });
export const verifyPassword = (hashed: string, password: string) => verify(hashed, password).catch(() => false);

/** Password rules for accounts: 8+ characters with letters and digits. */
/** The shortest password accepted. */
export const MIN_PASSWORD_LENGTH = 10;

/**
 * Passwords of ten or more characters with letters and digits that lists of leaked passwords show first, and the
 * ones people in offices here reach for (keyboard rows, 'I love you', the year, the demo password).
 */
const COMMON_PASSWORDS = new Set([
  'password123', 'password1234', 'password12345', 'passw0rd123', 'p@ssw0rd123', 'abc1234567', 'abcd123456', 'abcd1234567',
  'a123456789', 'a1234567890', 'aa12345678', 'aa123456789', 'qwerty12345', 'qwerty123456', 'qwertyuiop1', '1qaz2wsx3edc',
  '1q2w3e4r5t', '1q2w3e4r5t6y', 'q1w2e3r4t5', 'q1w2e3r4t5y6', 'zaq12wsxcde3', 'asdf123456', 'asdfghjkl1', 'zxcvbnm123',
  'woaini1314', 'woaini520520', 'iloveyou123', '5201314abc', 'abc5201314', 'admin12345', 'admin123456', 'administrator1',
  'root123456', 'test123456', 'welcome123', 'xianwu2022', 'xianwu12345', 'jiaocheng2022', 'jiaocheng123', 'china123456',
  'beijing2008', 'abc123456789', 'qq123456789', 'wang123456', 'zhang123456', 'li123456789', 'liu123456789', 'chen123456',
  'aini1314520', 'a5201314a', 'abcdefg123', 'abcdef123456', '123456789a', '1234567890a', '12345678abc', '123456abcd',
  '88888888a', 'a88888888', '66666666a', 'a11111111', '11111111aa', 'qazwsx123456', 'qazwsxedc123', 'mima123456',
]);

/** Why a password is refused (length, letters and digits, the username, a common password), or null when it is accepted. */
export function passwordProblem(p: string, username?: string): string | null {
  if (p.length < MIN_PASSWORD_LENGTH) return `密码至少 ${MIN_PASSWORD_LENGTH} 位`;
  if (p.length > 128) return '密码不能超过 128 位';
  if (!/[A-Za-z]/.test(p) || !/\d/.test(p)) return '密码需同时包含字母和数字';
  const lower = p.toLowerCase();
  if (username && (lower === username.toLowerCase() || lower.replace(/\d+/g, '') === username.toLowerCase())) return '密码不能是用户名或用户名加数字';
  if (COMMON_PASSWORDS.has(lower)) return '该密码过于常见，容易被猜中，请换一个';
  return null;
}
