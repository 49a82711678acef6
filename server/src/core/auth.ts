/**
 * Roles, permissions and data scope. Every API route declares the permission it needs
 * (config.permission); a route that declares none is refused at start-up: deny by default.
 */
import { hash, verify } from '@node-rs/argon2';
import { AppError } from './errors.js';
import type { Actor } from './audit.js';

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

const STAFF: Role[] = ['county_admin', 'department_official', 'township_official', 'village_committee', 'auditor'];
const EVERYONE: Role[] = [...ROLES];

/** Who holds each permission. The auditor holds every '.read' permission. */
export const PERMISSIONS = {
  public: EVERYONE,
  'account.self': EVERYONE,
  'gazette.import': ['county_admin'],
  'users.read': ['county_admin', 'township_official'],
  'users.manage': ['county_admin'],
  'directory.read': STAFF,
  'directory.manage': ['county_admin'],
  'audit.read': ['county_admin'],
  'calendar.manage': ['county_admin'],
  'notices.manage': ['county_admin', 'department_official', 'township_official', 'village_committee'],
  'vouchers.claim': ['resident'],
  'vouchers.redeem': ['merchant'],
  'vouchers.merchant.apply': ['merchant'],
  'vouchers.merchant.review': ['county_admin', 'department_official'],
  'vouchers.manage': ['county_admin', 'department_official'],
  'vouchers.report.read': ['county_admin', 'department_official'],
  'vouchers.oversight': ['county_admin', 'department_official'],
  'files.upload': ['county_admin', 'department_official', 'township_official', 'village_committee', 'service_org', 'merchant'],
} satisfies Record<string, Role[]>;
export type Permission = keyof typeof PERMISSIONS;

/** Whether a role holds a permission ('public' is held by anyone, even without a login). */
export function roleHas(role: string, permission: Permission): boolean {
  if (permission === 'public') return true;
  if (role === 'auditor' && permission.endsWith('.read')) return true;
  return (PERMISSIONS[permission] as readonly string[]).includes(role);
}

/** Throws 401 without a login, 403 without the permission. */
export function requirePermission(actor: Actor | null, permission: Permission): asserts actor is Actor {
  if (permission === 'public') return;
  if (!actor) throw new AppError('UNAUTHORIZED', 401, '请先登录');
  if (!roleHas(actor.role, permission)) throw new AppError('FORBIDDEN', 403, '您的角色无权进行此操作');
}

/**
 * Whether the actor may touch a record that belongs to a township (township and village accounts are
 * limited to their own township; county roles see all).
 */
export function inScope(actor: Actor, recordTownshipId: number | null): boolean {
  if (actor.role === 'county_admin' || actor.role === 'auditor' || actor.role === 'department_official') return true;
  if (actor.role === 'township_official' || actor.role === 'village_committee') return actor.townshipId !== null && actor.townshipId === recordTownshipId;
  return false;
}

/** Throws 403 (as 404 would leak existence less, but officials need to know why) when out of scope. */
export function requireScope(actor: Actor, recordTownshipId: number | null): void {
  if (!inScope(actor, recordTownshipId)) throw new AppError('FORBIDDEN', 403, '该记录不属于您所在的乡镇，无权访问');
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
