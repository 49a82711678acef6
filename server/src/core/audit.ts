/**
 * The audit trail: one append-only, hash-chained record per write, in the write's own transaction.
 * Each record carries the SHA-256 of the previous one, so altering or removing a row breaks the chain.
 */
import { createHash } from 'node:crypto';
import { sql, type Kysely, type Selectable } from 'kysely';
import { precompile, type Database, type DialectName } from './db.js';
import { installNow } from './time.js';

export interface Actor {
  userId: number | null;
  name: string;
  role: string;
  /** The unit the account belongs to (department, township or village). */
  unitId: number | null;
  /** The township that scopes the account's data, for township and village accounts. */
  townshipId: number | null;
  /** The account's unit by its directory name, where the account has one (what a filed sheet names as 制表). */
  unitName?: string | null;
  requestId?: string;
}

/** The actor for work done by the system itself (seeding, schedules). */
export const SYSTEM_ACTOR: Actor = { userId: null, name: '系统', role: 'system', unitId: null, townshipId: null };

/** The actor for what anyone may do without a login (an objection to a public notice). */
export const PUBLIC_ACTOR: Actor = { userId: null, name: '公众（未登录）', role: 'public', unitId: null, townshipId: null };

export interface AuditEntry {
  entity: string;
  entityId: string | number | null;
  action: string;
  before?: unknown;
  after?: unknown;
}

export type AuditRow = Selectable<Database['audit_log']>;

export const GENESIS_HASH = '0'.repeat(64);
const CHAIN_LOCK = 7_114_112_2; // any constant: serialises chain appends across PostgreSQL processes

/** Fields that must never reach the audit trail in clear. */
const SECRET_KEYS = new Set(['password', 'password_hash', 'passwordHash', 'token', 'csrf_token']);

function redact(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(redact);
  if (v && typeof v === 'object') {
    return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, SECRET_KEYS.has(k) ? '[已隐藏]' : redact(x)]));
  }
  return v;
}

/** The hash of a record's content and its predecessor's hash. */
export function hashRecord(r: Omit<AuditRow, 'id' | 'hash'>): string {
  const canonical = JSON.stringify([r.prev_hash, r.at, r.actor_id, r.actor_name, r.role, r.entity, r.entity_id, r.action, r.before_json, r.after_json, r.request_id]);
  return createHash('sha256').update(canonical).digest('hex');
}

const lastHash = precompile((k) => k.selectFrom('audit_log').select('hash').orderBy('id', 'desc').limit(1));
const COLUMNS = ['at', 'actor_id', 'actor_name', 'role', 'entity', 'entity_id', 'action', 'before_json', 'after_json', 'request_id', 'prev_hash', 'hash'] as const;
const insertRecord = precompile((k, p: Omit<AuditRow, 'id'>) => k.insertInto('audit_log').values(Object.fromEntries(COLUMNS.map((c) => [c, p[c]])) as Omit<AuditRow, 'id'>));

/**
 * The chain's last hash as a transaction left it, by transaction. Once a transaction has appended, no one else appends
 * until it ends (PostgreSQL: it holds the advisory lock to the end; SQLite: it holds the write lock), so its next record
 * links to the one it wrote without reading the table again. The entry goes with the transaction, committed or not.
 * It is kept on the transaction object the records are appended through, so a transaction appends through that one
 * (not through a copy made by withSchema or withPlugin, which would not see the entry).
 */
const tips = new WeakMap<Kysely<Database>, string>();

/** Append one record inside the caller's transaction. */
export async function appendAudit(trx: Kysely<Database>, dialect: DialectName, actor: Actor, e: AuditEntry): Promise<void> {
  let prev = trx.isTransaction ? tips.get(trx) : undefined;
  if (prev === undefined) {
    if (dialect === 'postgres') await sql`select pg_advisory_xact_lock(${CHAIN_LOCK})`.execute(trx);
    prev = (await lastHash(trx, dialect, {})).rows[0]?.hash ?? GENESIS_HASH;
  }
  const row = {
    at: installNow(),
    actor_id: actor.userId,
    actor_name: actor.name,
    role: actor.role,
    entity: e.entity,
    entity_id: e.entityId === null ? null : String(e.entityId),
    action: e.action,
    before_json: e.before === undefined ? null : JSON.stringify(redact(e.before)),
    after_json: e.after === undefined ? null : JSON.stringify(redact(e.after)),
    request_id: actor.requestId ?? null,
    prev_hash: prev,
  };
  const hash = hashRecord(row);
  await insertRecord(trx, dialect, { ...row, hash });
  if (trx.isTransaction) tips.set(trx, hash);
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  /** The first record whose link is broken, and why. */
  brokenAt?: { id: number; reason: string };
}

/** Walk the chain in order; report the first broken link. */
export async function verifyAuditChain(db: Kysely<Database>, onProgress?: (n: number) => void): Promise<VerifyResult> {
  let prev = GENESIS_HASH;
  let checked = 0;
  let lastId = 0;
  for (;;) {
    const rows = await db.selectFrom('audit_log').selectAll().where('id', '>', lastId).orderBy('id').limit(1000).execute();
    if (!rows.length) return { ok: true, checked };
    for (const r of rows) {
      if (r.prev_hash !== prev) return { ok: false, checked, brokenAt: { id: r.id, reason: '与上一条记录的哈希不衔接（记录被删除、插入或重排）' } };
      const { id: _id, hash, ...content } = r;
      if (hashRecord(content) !== hash) return { ok: false, checked, brokenAt: { id: r.id, reason: '记录内容与其哈希不符（记录被篡改）' } };
      prev = hash;
      checked++;
      lastId = r.id;
    }
    onProgress?.(checked);
  }
}
