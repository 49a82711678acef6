/** All SQL of public notices (公示) and objections. */
import type { Selectable } from 'kysely';
import type { Db } from '../../core/db.js';
import { appendAudit, type Actor } from '../../core/audit.js';
import type { Database } from '../../core/db.js';

export type NoticeRow = Selectable<Database['public_notices']>;
export type ObjectionRow = Selectable<Database['notice_objections']>;

export class NoticesRepository {
  constructor(private readonly db: Db) {}

  async list(f: { unitIds?: number[]; status?: string }, limit: number, offset: number) {
    let q = this.db.kysely.selectFrom('public_notices as n');
    if (f.unitIds) q = q.where('n.unit_id', 'in', f.unitIds.length ? f.unitIds : [-1]);
    if (f.status) q = q.where('n.status', '=', f.status as 'open' | 'closed');
    const [rows, n] = await Promise.all([
      q
        .selectAll('n')
        .select((eb) => eb.selectFrom('notice_objections as o').whereRef('o.notice_id', '=', 'n.id').where('o.spam_at', 'is', null).select((e) => e.fn.countAll<number>().as('c')).as('objections'))
        .orderBy('n.start_date', 'desc')
        .orderBy('n.id', 'desc')
        .limit(limit)
        .offset(offset)
        .execute(),
      q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { rows: rows.map((r) => ({ ...r, objections: Number(r.objections ?? 0) })), total: Number(n.n) };
  }

  byId(id: number): Promise<NoticeRow | undefined> {
    return this.db.kysely.selectFrom('public_notices').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** A page of a notice's objections in the order received, spam left out unless asked for; with the counts of both. */
  async objections(noticeId: number, withSpam: boolean, limit: number, offset: number): Promise<{ rows: ObjectionRow[]; total: number; spam: number }> {
    let q = this.db.kysely.selectFrom('notice_objections').where('notice_id', '=', noticeId);
    if (!withSpam) q = q.where('spam_at', 'is', null);
    const [rows, counts] = await Promise.all([
      q.selectAll().orderBy('id').limit(limit).offset(offset).execute(),
      this.db.kysely
        .selectFrom('notice_objections')
        .where('notice_id', '=', noticeId)
        .select((eb) => [eb.fn.countAll<number>().as('all'), eb.fn.count<number>('spam_at').as('spam')])
        .executeTakeFirstOrThrow(),
    ]);
    const spam = Number(counts.spam);
    return { rows, total: withSpam ? Number(counts.all) : Number(counts.all) - spam, spam };
  }

  /** Mark an objection as spam or not; false when it is not this notice's or already so. Audited. */
  async markSpam(actor: Actor, noticeId: number, objectionId: number, spam: boolean, now: string): Promise<boolean> {
    return this.db.transaction(async (trx) => {
      const r = await trx
        .updateTable('notice_objections')
        .set(spam ? { spam_by: actor.name, spam_at: now } : { spam_by: null, spam_at: null })
        .where('id', '=', objectionId)
        .where('notice_id', '=', noticeId)
        .where('spam_at', spam ? 'is' : 'is not', null)
        .executeTakeFirst();
      if (!r.numUpdatedRows) return false;
      await appendAudit(trx, this.db.dialect, actor, { entity: 'notice_objection', entityId: objectionId, action: spam ? 'mark_spam' : 'unmark_spam', after: { notice_id: noticeId } });
      return true;
    });
  }

  async create(actor: Actor, n: Omit<NoticeRow, 'id'>): Promise<NoticeRow> {
    return this.db.transaction(async (trx) => {
      const row = await trx.insertInto('public_notices').values(n).returningAll().executeTakeFirstOrThrow();
      await appendAudit(trx, this.db.dialect, actor, { entity: 'public_notice', entityId: row.id, action: 'create', after: row });
      return row;
    });
  }

  /** Record an objection only while the notice is open (checked in the same statement's transaction). */
  async addObjection(actor: Actor, o: Omit<ObjectionRow, 'id'>): Promise<ObjectionRow | null> {
    return this.db.transaction(async (trx) => {
      const open = await trx.selectFrom('public_notices').select('id').where('id', '=', o.notice_id).where('status', '=', 'open').executeTakeFirst();
      if (!open) return null;
      const row = await trx.insertInto('notice_objections').values(o).returningAll().executeTakeFirstOrThrow();
      await appendAudit(trx, this.db.dialect, actor, { entity: 'notice_objection', entityId: row.id, action: 'create', after: { notice_id: o.notice_id, text: o.text } });
      return row;
    });
  }

  /** Close an open notice with its outcome; false when it was not open (no double close). */
  async close(actor: Actor, id: number, outcome: string, now: string): Promise<boolean> {
    return this.db.transaction(async (trx) => {
      const r = await trx
        .updateTable('public_notices')
        .set({ status: 'closed', outcome, closed_at: now })
        .where('id', '=', id)
        .where('status', '=', 'open')
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1) return false;
      await appendAudit(trx, this.db.dialect, actor, { entity: 'public_notice', entityId: id, action: 'close', after: { status: 'closed', outcome } });
      return true;
    });
  }
}
