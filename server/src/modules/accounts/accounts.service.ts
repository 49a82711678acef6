/** Accounts: login with lockout, sessions with expiry, passwords, user management, demo accounts. */
import { createHash, randomBytes } from 'node:crypto';
import { SYSTEM_ACTOR, type Actor } from '../../core/audit.js';
import { PII_ROLES, ROLE_LABELS, hashPassword, passwordProblem, verifyPassword, type Role } from '../../core/auth.js';
import { conflict, forbidden, invalidField, notFound, tooMany, unauthorized } from '../../core/errors.js';
import { maskMobile, validateMobile } from '../../core/identifiers.js';
import { installNow, nowIso } from '../../core/time.js';
import type { Bus } from '../../core/bus.js';
import type { DirectoryService } from '../directory/index.js';
import type { AccountsRepository, UserRow } from './accounts.repository.js';
import { demoPlan, type DemoAccount } from './accounts.demo.js';
export { DEMO_TRY_FIRST, type DemoAccount } from './accounts.demo.js';

/** Wrong passwords for one account from one address before that address may not try it again for the window. */
export const MAX_FAILED_LOGINS = 5;
/** The window over which failures are counted; a pause lasts until it ends. */
export const LOCK_MINUTES = 15;

/**
 * What is counted, and how many attempts each key allows in LOCK_MINUTES. An account and an address together:
 * someone typing a password wrong pauses only themselves, not the account for everyone (the county administrator
 * cannot be locked out by five wrong guesses). An address across every account: one machine trying many accounts.
 * An account from every address: a guess spread over many machines. A password change: its wrong old passwords.
 * Unknown usernames are counted the same way, so a paused account and a name that does not exist answer alike.
 */
const THROTTLES = {
  pair: { max: MAX_FAILED_LOGINS, key: (username: string, address: string) => `pair:${username}|${address}` },
  address: { max: 30, key: (address: string) => `addr:${address}` },
  account: { max: 100, key: (username: string) => `acct:${username}` },
  passwordChange: { max: MAX_FAILED_LOGINS, key: (userId: number) => `pwd:${userId}` },
} as const;
/** A session ends after this long without use, and in any case after SESSION_MAX_HOURS. */
export const SESSION_IDLE_MINUTES = 120;
export const SESSION_MAX_HOURS = 12;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const plus = (ms: number) => new Date(Date.now() + ms).toISOString();

export interface PublicUser {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  roleLabel: string;
  unitId: number | null;
  unitName: string | null;
  townshipId: number | null;
  mobile: string | null;
  active: boolean;
  mustChangePassword: boolean;
}

/**
 * Sessions are looked up on every request; a short cache spares the database under a rush. A logout, password
 * change or deactivation evicts at once in every process (through the bus); the cache's age bounds only what a
 * lost notification could leave behind.
 */
const SESSION_CACHE_MS = 120_000;

/** The bus topic on which processes tell each other to drop cached sessions. */
const SESSION_TOPIC = 'sessions';

export type SessionInfo = { actor: Actor; csrfToken: string; sessionId: string; mustChangePassword: boolean; /** The session's absolute expiry (ISO). */ expiresAt: string };

export class AccountsService {
  private dummyHash: Promise<string> | null = null;
  /** Cached sessions: when each was read, until when it may be used at all (its absolute expiry), and what it is. */
  private sessions = new Map<string, { at: number; until: number; info: SessionInfo }>();
  private tokenIds = new Map<string, string>();

  constructor(
    private readonly repo: AccountsRepository,
    private readonly directory: DirectoryService,
    private readonly bus?: Bus,
  ) {
    bus?.subscribe(SESSION_TOPIC, (p) => {
      const { session, user } = p as { session?: string; user?: number };
      if (session) this.sessions.delete(session);
      if (user !== undefined) this.evictUser(user);
    });
  }

  private async view(u: UserRow): Promise<PublicUser> {
    const unit = u.unit_id ? (await this.directory.all()).find((x) => x.id === u.unit_id) : undefined;
    return {
      id: u.id,
      username: u.username,
      displayName: u.display_name,
      role: u.role as Role,
      roleLabel: ROLE_LABELS[u.role as Role] ?? u.role,
      unitId: u.unit_id,
      unitName: unit?.name ?? null,
      townshipId: await this.directory.townshipOf(u.unit_id),
      mobile: u.mobile ? maskMobile(u.mobile) : null,
      active: !!u.active,
      mustChangePassword: !!u.must_change_password,
    };
  }

  /**
   * Count attempts on `keys` before a password is checked; throws 429 when any is over its limit. The same answer
   * for every key, so it tells nobody whether an account exists.
   */
  private async throttle(keys: { key: string; max: number }[]): Promise<void> {
    const now = nowIso();
    const windowMs = LOCK_MINUTES * 60_000;
    const counts = await this.repo.countAttempts(keys.map((k) => k.key), now, new Date(Date.parse(now) - windowMs).toISOString());
    const over = counts.filter((c, i) => c.failures > keys[i].max);
    if (!over.length) return;
    const until = Math.max(...over.map((c) => Date.parse(c.windowStart) + windowMs));
    const wait = until - Date.parse(now);
    throw tooMany(Math.max(1, Math.ceil(wait / 1000)), `尝试次数过多，请 ${Math.max(1, Math.ceil(wait / 60_000))} 分钟后再试`);
  }

  /** Log in; returns the session token (for the cookie) and its CSRF token. `address` is the client's. */
  async login(username: string, password: string, requestId?: string, address = 'unknown'): Promise<{ token: string; csrfToken: string; user: PublicUser }> {
    const name = username.trim();
    const keys = [
      { key: THROTTLES.pair.key(name, address), max: THROTTLES.pair.max },
      { key: THROTTLES.address.key(address), max: THROTTLES.address.max },
      { key: THROTTLES.account.key(name), max: THROTTLES.account.max },
    ];
    // Counted before the (slow) check, so that many attempts at once cannot all be checked against a clean count.
    await this.throttle(keys);
    const u = await this.repo.byUsername(name);
    const bad = unauthorized('用户名或密码错误');
    if (!u || !u.active) {
      // Same work as a real check, so timing does not tell which usernames exist.
      await verifyPassword(await (this.dummyHash ??= hashPassword('not-a-password-1')), password);
      throw bad;
    }
    const now = nowIso();
    const actor: Actor = { userId: u.id, name: u.username, role: u.role, unitId: u.unit_id, townshipId: null, requestId };
    if (!(await verifyPassword(u.password_hash, password))) {
      await this.repo.recordFailure(actor, u.id, 'login_failed');
      throw bad;
    }
    // A success: this address's count for the account starts again, and the attempt is not a failure elsewhere.
    await this.repo.clearAttempts([keys[0].key]);
    await this.repo.refundAttempts([keys[1].key, keys[2].key]);
    // Housekeeping: sessions past their absolute expiry go when anyone logs in.
    await this.repo.deleteExpiredSessions(now);
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(24).toString('base64url');
    await this.repo.startSession(actor, {
      id: sha256(token),
      user_id: u.id,
      csrf_token: csrfToken,
      created_at: now,
      last_seen_at: now,
      expires_at: plus(SESSION_MAX_HOURS * 3600_000),
    });
    return { token, csrfToken, user: await this.view(u) };
  }

  /** The session from the cache without waiting: null for no token, undefined when the database must be asked. */
  cachedSession(token: string | undefined, requestId?: string): SessionInfo | null | undefined {
    return token ? this.cached(this.idOfToken(token), requestId) : null;
  }

  /**
   * A token's session id (its SHA-256), remembered for the tokens this process has seen: a busy server would
   * otherwise hash the same token on every request. Tokens are never stored, only kept here in memory.
   */
  private idOfToken(token: string): string {
    let id = this.tokenIds.get(token);
    if (id === undefined) {
      if (this.tokenIds.size > 200_000) this.tokenIds.clear();
      this.tokenIds.set(token, (id = sha256(token)));
    }
    return id;
  }

  private cached(id: string, requestId?: string): SessionInfo | undefined {
    const hit = this.sessions.get(id);
    const now = Date.now();
    if (hit && now - hit.at < SESSION_CACHE_MS && now < hit.until) return { ...hit.info, actor: { ...hit.info.actor, requestId } };
    return undefined;
  }

  /** The actor behind a session token, or null when missing, expired or idle too long. */
  async sessionActor(token: string | undefined, requestId?: string): Promise<SessionInfo | null> {
    if (!token) return null;
    const id = this.idOfToken(token);
    const cached = this.cached(id, requestId);
    if (cached) return cached;
    const info = await this.loadSession(id, requestId);
    if (info) {
      if (this.sessions.size > 200_000) this.sessions.clear();
      this.sessions.set(id, { at: Date.now(), until: Date.parse(info.expiresAt), info });
    } else this.sessions.delete(id);
    return info;
  }

  private async loadSession(id: string, requestId?: string): Promise<SessionInfo | null> {
    const s = await this.repo.sessionWithUser(id);
    if (!s || !s.active) return null;
    const now = Date.now();
    if (Date.parse(s.expires_at) < now || Date.parse(s.last_seen_at) + SESSION_IDLE_MINUTES * 60_000 < now) {
      await this.repo.deleteSession(id);
      return null;
    }
    // Sliding idle expiry, written at most once a minute.
    if (Date.parse(s.last_seen_at) + 60_000 < now) await this.repo.touchSession(id, new Date(now).toISOString());
    return {
      sessionId: id,
      expiresAt: s.expires_at,
      csrfToken: s.csrf_token,
      mustChangePassword: !!s.must_change_password,
      actor: {
        userId: s.user_id,
        name: s.username,
        role: s.role,
        unitId: s.unit_id,
        townshipId: await this.directory.townshipOf(s.unit_id),
        unitName: s.unit_id ? ((await this.directory.all()).find((x) => x.id === s.unit_id)?.name ?? null) : null,
        requestId,
      },
    };
  }

  async logout(actor: Actor, sessionId: string): Promise<void> {
    await this.repo.endSession(actor, sessionId);
    this.sessions.delete(sessionId);
    await this.bus?.publish(SESSION_TOPIC, { session: sessionId });
  }

  /** Forget cached sessions of a user (password or role change, deactivation), in every process. */
  private async forgetUser(userId: number): Promise<void> {
    this.evictUser(userId);
    await this.bus?.publish(SESSION_TOPIC, { user: userId });
  }

  private evictUser(userId: number): void {
    for (const [id, s] of this.sessions) if (s.info.actor.userId === userId) this.sessions.delete(id);
  }

  /** Name and state of accounts by id, for other modules that link to accounts (never their tables). */
  async summaries(ids: number[]): Promise<{ id: number; username: string; displayName: string; role: Role; active: boolean }[]> {
    if (!ids.length) return [];
    return (await this.repo.byIds(ids)).map((u) => ({ id: u.id, username: u.username, displayName: u.display_name, role: u.role as Role, active: !!u.active }));
  }

  /** Drop sessions past their absolute expiry (a scheduled job). */
  async purgeExpiredSessions(): Promise<void> {
    await this.repo.deleteExpiredSessions(nowIso());
    await this.repo.purgeAttempts(new Date(Date.now() - LOCK_MINUTES * 60_000).toISOString());
  }

  async me(actor: Actor): Promise<PublicUser> {
    const u = await this.repo.byId(actor.userId!);
    if (!u) throw notFound('用户');
    return this.view(u);
  }

  async changePassword(actor: Actor, sessionId: string, oldPassword: string, newPassword: string): Promise<void> {
    const u = await this.repo.byId(actor.userId!);
    if (!u) throw notFound('用户');
    // Wrong old passwords are counted like wrong logins: a stolen session cannot guess its way to the password.
    const key = THROTTLES.passwordChange.key(u.id);
    await this.throttle([{ key, max: THROTTLES.passwordChange.max }]);
    if (!(await verifyPassword(u.password_hash, oldPassword))) {
      await this.repo.recordFailure(actor, u.id, 'password_change_failed');
      throw invalidField('oldPassword', '原密码不正确');
    }
    await this.repo.clearAttempts([key]);
    const problem = passwordProblem(newPassword, u.username);
    if (problem) throw invalidField('newPassword', problem);
    if (oldPassword === newPassword) throw invalidField('newPassword', '不能与原密码相同', '新密码不能与原密码相同');
    await this.repo.updateUser(actor, u.id, { password_hash: await hashPassword(newPassword), must_change_password: 0, updated_at: installNow() }, 'change_password', true, sessionId);
    await this.forgetUser(u.id);
  }

  /** Users the actor may see: all for county roles, their township's units for a township official. */
  async list(actor: Actor): Promise<PublicUser[]> {
    let unitIds: number[] | null = null;
    if (actor.role === 'township_official') {
      const units = await this.directory.all();
      unitIds = units.filter((x) => x.id === actor.townshipId || x.parentId === actor.townshipId).map((x) => x.id);
    }
    return Promise.all((await this.repo.list(unitIds)).map((u) => this.view(u)));
  }

  /** The full mobile number (for roles that need it); every such read is audited. */
  async revealMobile(actor: Actor, id: number): Promise<string | null> {
    if (!PII_ROLES.includes(actor.role)) throw forbidden('您的角色无权查看完整手机号');
    const u = await this.repo.byId(id);
    if (!u) throw notFound('用户');
    if (actor.role === 'township_official' && (await this.directory.townshipOf(u.unit_id)) !== actor.townshipId) {
      throw forbidden('该用户不属于您所在的乡镇');
    }
    await this.repo.audit(actor, { entity: 'user', entityId: id, action: 'read_pii', after: { field: 'mobile' } });
    return u.mobile;
  }

  private async checkUnit(role: Role, unitId: number | null): Promise<void> {
    const needs: Partial<Record<Role, string>> = { department_official: 'department', township_official: 'township', village_committee: 'village' };
    const kind = needs[role];
    if (!kind) return;
    const unit = unitId ? (await this.directory.all()).find((x) => x.id === unitId) : undefined;
    const names: Record<string, string> = { department: '县直部门或其他县级机构', township: '乡镇', village: '村' };
    // A county body that is not a department (the 县纪委, the 县总工会, a bank branch the gazette assigns work to) has
    // officials who act for it as a department's do.
    const fits = !!unit && (unit.kind === kind || (kind === 'department' && unit.kind === 'body'));
    if (!fits) throw invalidField('unitId', `须为${names[kind]}`, `该角色须指定所属${names[kind]}`);
  }

  async create(actor: Actor, input: { username: string; displayName: string; role: Role; unitId: number | null; mobile: string | null; password: string }): Promise<PublicUser> {
    if (await this.repo.byUsername(input.username)) throw conflict(`用户名“${input.username}”已存在`);
    const problem = passwordProblem(input.password, input.username);
    if (problem) throw invalidField('password', problem);
    if (input.mobile && !validateMobile(input.mobile).valid) throw invalidField('mobile', '手机号格式错误');
    await this.checkUnit(input.role, input.unitId);
    const [row] = await this.repo.createUsers(
      actor,
      [{ username: input.username, display_name: input.displayName, role: input.role, unit_id: input.unitId, mobile: input.mobile, password_hash: await hashPassword(input.password), active: 1, must_change_password: 1 }],
      installNow(),
    );
    return this.view(row);
  }

  async update(actor: Actor, id: number, patch: { displayName?: string; role?: Role; unitId?: number | null; active?: boolean; password?: string }): Promise<PublicUser> {
    const u = await this.repo.byId(id);
    if (!u) throw notFound('用户');
    if (id === actor.userId && (patch.active === false || (patch.role && patch.role !== u.role))) {
      throw invalidField('role', '不能修改自己', '不能停用自己或修改自己的角色');
    }
    const role = patch.role ?? (u.role as Role);
    const unitId = patch.unitId !== undefined ? patch.unitId : u.unit_id;
    if (patch.role !== undefined || patch.unitId !== undefined) await this.checkUnit(role, unitId);
    if (patch.password !== undefined) {
      const problem = passwordProblem(patch.password, u.username);
      if (problem) throw invalidField('password', problem);
    }
    const row = await this.repo.updateUser(
      actor,
      id,
      {
        ...(patch.displayName !== undefined ? { display_name: patch.displayName } : {}),
        role,
        unit_id: unitId,
        ...(patch.active !== undefined ? { active: patch.active ? 1 : 0 } : {}),
        ...(patch.password !== undefined ? { password_hash: await hashPassword(patch.password), must_change_password: 1 } : {}),
        updated_at: installNow(),
      },
      patch.password !== undefined ? 'reset_password' : 'update',
      patch.password !== undefined || patch.active === false || patch.role !== undefined,
    );
    await this.forgetUser(id);
    // A password the administrator set starts the account's counts again, from every address.
    if (patch.password !== undefined) await this.repo.clearAttempts([THROTTLES.account.key(u.username), THROTTLES.passwordChange.key(u.id)], [THROTTLES.pair.key(u.username, '')]);
    return this.view(row!);
  }

  /**
   * A demo install's accounts as the start banner lists them: every active account in creation order, its role,
   * unit and what to try first (`hints` by username), except the numbered demo residents and shops, which are counted.
   */
  async demoBanner(password: string, hints: ReadonlyMap<string, string>): Promise<DemoAccount[]> {
    const [rows, units] = await Promise.all([this.repo.bannerRows(), this.directory.all()]);
    const named = rows.filter((r) => !/^demo_(r|shop)\d+$/.test(r.username));
    return named.map((r) => ({ username: r.username, password, role: r.role as Role, displayName: r.display_name, unit: units.find((u) => u.id === r.unit_id)?.name ?? null, tryFirst: hints.get(r.username) }));
  }

  /** Create an account per role for a fresh demo install; returns what to print. */
  async seedDemo(password: string): Promise<DemoAccount[]> {
    if ((await this.repo.countUsers()) > 0) return [];
    const units = await this.directory.all();
    const unit = (name: string) => units.find((u) => u.name === name)?.id ?? null;
    const tianning = unit('天宁镇');
    // A rural village (村委会), not one of the town's 居委会: its committee runs 农村改厕 and recommends 托管 organisations.
    const inTianning = units.filter((u) => u.kind === 'village' && u.parentId === tianning);
    const village = inTianning.find((u) => u.name.endsWith('村委会')) ?? inTianning[0];
    const plan = demoPlan(password, village?.name ?? null);
    const hashed = await hashPassword(password);
    await this.repo.createUsers(
      SYSTEM_ACTOR,
      plan.map((p) => ({
        username: p.username,
        display_name: p.displayName,
        role: p.role,
        unit_id: p.username === 'cunwei' ? (village?.id ?? null) : p.unit ? unit(p.unit) : null,
        mobile: null,
        password_hash: hashed,
        active: 1,
        must_change_password: 0,
      })),
      installNow(),
    );
    return plan;
  }

  /** Demo installs: many accounts of one role at once (one password hash for all), for a believable state; returns their ids. */
  async seedDemoUsers(list: { username: string; displayName: string; role: Role; unitId?: number | null }[], password: string): Promise<{ id: number; username: string }[]> {
    const hashed = await hashPassword(password);
    const rows = await this.repo.createUsers(
      { ...SYSTEM_ACTOR, name: '演示数据' },
      list.map((u) => ({ username: u.username, display_name: u.displayName, role: u.role, unit_id: u.unitId ?? null, mobile: null, password_hash: hashed, active: 1, must_change_password: 0 })),
      installNow(),
    );
    return rows.map((r) => ({ id: r.id, username: r.username }));
  }

  /** The id of an account by its username (demo seeding links records to the demo accounts). */
  async idOf(username: string): Promise<number | null> {
    return (await this.repo.byUsername(username))?.id ?? null;
  }

  /** Production: a single administrator with a random password that must be changed. */
  async seedAdmin(): Promise<DemoAccount | null> {
    if ((await this.repo.countUsers()) > 0) return null;
    const password = `${randomBytes(9).toString('base64url')}7a`;
    const county = (await this.directory.all()).find((u) => u.kind === 'county');
    await this.repo.createUsers(
      SYSTEM_ACTOR,
      [{ username: 'admin', display_name: '县级管理员', role: 'county_admin', unit_id: county?.id ?? null, mobile: null, password_hash: await hashPassword(password), active: 1, must_change_password: 1 }],
      installNow(),
    );
    return { username: 'admin', password, role: 'county_admin', displayName: '县级管理员', unit: '交城县' };
  }
}

