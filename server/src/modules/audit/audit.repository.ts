/** Reading the audit trail (writing happens through core/audit.ts, inside each write's transaction). */
import type { Db } from '../../core/db.js';
import { verifyAuditChain, type AuditRow } from '../../core/audit.js';

export interface AuditFilter {
  entity?: string;
  action?: string;
  actor?: string;
  from?: string;
  to?: string;
}

export class AuditRepository {
  constructor(private readonly db: Db) {}

  async list(f: AuditFilter, limit: number, offset: number): Promise<{ rows: AuditRow[]; total: number }> {
    let q = this.db.kysely.selectFrom('audit_log');
    if (f.entity) q = q.where('entity', '=', f.entity);
    if (f.action) q = q.where('action', '=', f.action);
    if (f.actor) q = q.where('actor_name', '=', f.actor);
    if (f.from) q = q.where('at', '>=', f.from);
    if (f.to) q = q.where('at', '<=', `${f.to}T23:59:59.999Z`);
    const [rows, n] = await Promise.all([
      q.selectAll().orderBy('id', 'desc').limit(limit).offset(offset).execute(),
      q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { rows, total: Number(n.n) };
  }

  verify(onProgress?: (n: number) => void) {
    return verifyAuditChain(this.db.kysely, onProgress);
  }

  /** The newest record's id and hash. */
  head() {
    return this.db.kysely.selectFrom('audit_log').select(['id', 'hash']).orderBy('id', 'desc').limit(1).executeTakeFirst();
  }

  row(id: number) {
    return this.db.kysely.selectFrom('audit_log').select(['id', 'hash']).where('id', '=', id).executeTakeFirst();
  }

  /** How many records there are up to and including `id`. */
  async countUpTo(id: number): Promise<number> {
    const r = await this.db.kysely.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).where('id', '<=', id).executeTakeFirstOrThrow();
    return Number(r.n);
  }
}
