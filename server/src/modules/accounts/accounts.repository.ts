/** All SQL of accounts and sessions. */
import { sql, type Selectable } from 'kysely';
import { Batcher } from '../../core/batcher.js';
import type { Db } from '../../core/db.js';
import { appendAudit, type Actor, type AuditEntry } from '../../core/audit.js';
import type { Database } from '../../core/db.js';

export type UserRow = Selectable<Database['users']>;
export type SessionRow = Selectable<Database['sessions']>;
export interface SessionUser {
  id: string;
  csrf_token: string;
  expires_at: string;
  last_seen_at: string;
  user_id: number;
  username: string;
  display_name: string;
  role: string;
  unit_id: number | null;
  active: number;
  must_change_password: number;
}

export type NewUser = Omit<Database['users'], 'id' | 'created_at' | 'updated_at'>;

export class AccountsRepository {
  constructor(private readonly db: Db) {}

  /** Every account in creation order, for a demo install's start banner. */
  bannerRows() {
    return this.db.kysely.selectFrom('users').select(['username', 'role', 'unit_id', 'display_name']).where('active', '=', 1).orderBy('id').execute();
  }

  countUsers(): Promise<number> {
    return this.db.kysely
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
      .then((r) => Number(r.n));
  }

  byUsername(username: string): Promise<UserRow | undefined> {
    return this.db.kysely.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
  }

  byId(id: number): Promise<UserRow | undefined> {
    return this.db.kysely.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  }

  list(unitIds: number[] | null): Promise<UserRow[]> {
    let q = this.db.kysely.selectFrom('users').selectAll().orderBy('id');
    if (unitIds) q = q.where('unit_id', 'in', unitIds.length ? unitIds : [-1]);
    return q.execute();
  }

  /**
   * Count one attempt against each key, in one transaction, before the password is checked: attempts made at the
   * same moment each get their own count. A key's window restarts when it began at or before `windowStartedBy`.
   * Returns each key's count and when its window began.
   */
  async countAttempts(keys: string[], now: string, windowStartedBy: string): Promise<{ failures: number; windowStart: string }[]> {
    return this.db.transaction(async (trx) => {
      const out: { failures: number; windowStart: string }[] = [];
      for (const key of keys) {
        const ended = sql<boolean>`login_throttle.window_start <= ${windowStartedBy}`;
        const r = await trx
          .insertInto('login_throttle')
          .values({ key, failures: 1, window_start: now })
          .onConflict((oc) =>
            oc.column('key').doUpdateSet({
              failures: sql<number>`case when ${ended} then 1 else login_throttle.failures + 1 end`,
              window_start: sql<string>`case when ${ended} then ${now} else login_throttle.window_start end`,
            }),
          )
          .returning(['failures', 'window_start'])
          .executeTakeFirstOrThrow();
        out.push({ failures: Number(r.failures), windowStart: r.window_start });
      }
      return out;
    });
  }

  /** Give back one counted attempt on each key (a success is not a failure). */
  async refundAttempts(keys: string[]): Promise<void> {
    if (keys.length) await this.db.kysely.updateTable('login_throttle').set((eb) => ({ failures: eb('failures', '-', 1) })).where('key', 'in', keys).where('failures', '>', 0).execute();
  }

  /** Forget the counts of these keys, and of every key that starts with one of `prefixes`. */
  async clearAttempts(keys: string[], prefixes: string[] = []): Promise<void> {
    await this.db.kysely
      .deleteFrom('login_throttle')
      .where((eb) => eb.or([...(keys.length ? [eb('key', 'in', keys)] : []), ...prefixes.map((p) => eb(sql`substr(key, 1, ${p.length})`, '=', p))]))
      .execute();
  }

  /** Drop counts whose window began at or before the given instant. */
  async purgeAttempts(windowStartedBy: string): Promise<void> {
    await this.db.kysely.deleteFrom('login_throttle').where('window_start', '<=', windowStartedBy).execute();
  }

  /** A failed sign-in of a known account, audited. */
  async recordFailure(actor: Actor, userId: number, action: 'login_failed' | 'password_change_failed'): Promise<void> {
    await this.db.transaction((trx) => appendAudit(trx, this.db.dialect, actor, { entity: 'user', entityId: userId, action }));
  }

  /** Create a session and clear failures, audited. */
  async startSession(actor: Actor, s: SessionRow): Promise<void> {
    await this.db.transaction(async (trx) => {
      await trx.insertInto('sessions').values(s).execute();
      await appendAudit(trx, this.db.dialect, actor, { entity: 'session', entityId: s.user_id, action: 'login' });
    });
  }

  private sessionStmt: import('better-sqlite3').Statement | null = null;

  /**
   * The session and its user. Asked on every request, so on SQLite it is one prepared statement (a plain
   * read; it needs no transaction and cannot interleave with the synchronous group commits).
   */
  async sessionWithUser(id: string): Promise<SessionUser | undefined> {
    const raw = this.db.sqlite;
    if (raw) {
      this.sessionStmt ??= raw.prepare(
        `select s.id, s.csrf_token, s.expires_at, s.last_seen_at, u.id as user_id, u.username, u.display_name, u.role, u.unit_id, u.active, u.must_change_password
         from sessions s join users u on u.id = s.user_id where s.id = ?`,
      );
      return this.sessionStmt.get(id) as SessionUser | undefined;
    }
    // PostgreSQL: the sessions asked for while a lookup is on its way are fetched together in the next one
    // (when a round opens, every resident's first request misses the cache at once).
    this.sessionLoads ??= new Batcher((ids: string[]) => this.sessionsWithUsers(ids));
    // No bound on this queue: a session lookup must not be refused, only grouped.
    return (await this.sessionLoads.submit(id)) ?? undefined;
  }

  private sessionLoads: Batcher<string, SessionUser | undefined> | null = null;

  private async sessionsWithUsers(ids: string[]): Promise<(SessionUser | undefined)[]> {
    const rows = await this.db.kysely
      .selectFrom('sessions as s')
      .innerJoin('users as u', 'u.id', 's.user_id')
      .select(['s.id', 's.csrf_token', 's.expires_at', 's.last_seen_at', 'u.id as user_id', 'u.username', 'u.display_name', 'u.role', 'u.unit_id', 'u.active', 'u.must_change_password'])
      .where('s.id', 'in', [...new Set(ids)])
      .execute();
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id));
  }

  async touchSession(id: string, at: string): Promise<void> {
    await this.db.kysely.updateTable('sessions').set({ last_seen_at: at }).where('id', '=', id).execute();
  }

  byIds(ids: number[]): Promise<UserRow[]> {
    return this.db.kysely.selectFrom('users').selectAll().where('id', 'in', ids).orderBy('id').execute();
  }

  async deleteSession(id: string): Promise<void> {
    await this.db.kysely.deleteFrom('sessions').where('id', '=', id).execute();
  }

  /** Log out: the session ends, audited. */
  async endSession(actor: Actor, id: string): Promise<void> {
    await this.db.transaction(async (trx) => {
      await trx.deleteFrom('sessions').where('id', '=', id).execute();
      await appendAudit(trx, this.db.dialect, actor, { entity: 'session', entityId: actor.userId, action: 'logout' });
    });
  }

  async deleteExpiredSessions(now: string): Promise<void> {
    await this.db.kysely.deleteFrom('sessions').where('expires_at', '<', now).execute();
  }

  /** Insert users (one transaction, audited). */
  async createUsers(actor: Actor, users: NewUser[], now: string): Promise<UserRow[]> {
    return this.db.transaction(async (trx) => {
      const out: UserRow[] = [];
      for (const u of users) {
        const row = await trx
          .insertInto('users')
          .values({ ...u, created_at: now, updated_at: now })
          .returningAll()
          .executeTakeFirstOrThrow();
        await appendAudit(trx, this.db.dialect, actor, { entity: 'user', entityId: row.id, action: 'create', after: row });
        out.push(row);
      }
      return out;
    });
  }

  /** Update a user, audited; sessions end when asked (password or role change, deactivation). */
  async updateUser(actor: Actor, id: number, patch: Partial<Omit<UserRow, 'id'>>, action: string, endSessions: boolean, keepSession?: string): Promise<UserRow | undefined> {
    return this.db.transaction(async (trx) => {
      const before = await trx.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
      if (!before) return undefined;
      const after = await trx.updateTable('users').set(patch).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
      if (endSessions) {
        let q = trx.deleteFrom('sessions').where('user_id', '=', id);
        if (keepSession) q = q.where('id', '!=', keepSession);
        await q.execute();
      }
      await appendAudit(trx, this.db.dialect, actor, { entity: 'user', entityId: id, action, before, after });
      return after;
    });
  }

  /** Append an audit record on its own (reads of personal data). */
  async audit(actor: Actor, e: AuditEntry): Promise<void> {
    await this.db.transaction((trx) => appendAudit(trx, this.db.dialect, actor, e));
  }
}
