/** All SQL of stored files and their links to records. */
import type { Selectable } from 'kysely';
import type { Db } from '../../core/db.js';
import { appendAudit, type Actor } from '../../core/audit.js';
import type { Database } from '../../core/db.js';

export type FileLinkRow = Selectable<Database['file_links']> & { size: number; mime: string };

export class FilesRepository {
  constructor(private readonly db: Db) {}

  /** Record the content (once per hash) and its link to a record, audited. */
  async link(actor: Actor, f: { sha256: string; size: number; mime: string }, l: { entity: string; entity_id: string; file_name: string }, now: string): Promise<number> {
    return this.db.transaction(async (trx) => {
      await trx
        .insertInto('files')
        .values({ ...f, created_at: now })
        .onConflict((oc) => oc.column('sha256').doNothing())
        .execute();
      const row = await trx
        .insertInto('file_links')
        .values({ ...l, sha256: f.sha256, created_by: actor.userId, created_at: now })
        .returning('id')
        .executeTakeFirstOrThrow();
      await appendAudit(trx, this.db.dialect, actor, { entity: 'file_link', entityId: row.id, action: 'create', after: { ...l, sha256: f.sha256, size: f.size } });
      return row.id;
    });
  }

  byId(id: number): Promise<FileLinkRow | undefined> {
    return this.db.kysely
      .selectFrom('file_links as l')
      .innerJoin('files as f', 'f.sha256', 'l.sha256')
      .selectAll('l')
      .select(['f.size', 'f.mime'])
      .where('l.id', '=', id)
      .executeTakeFirst();
  }

  list(entity: string, entityId: string): Promise<FileLinkRow[]> {
    return this.db.kysely
      .selectFrom('file_links as l')
      .innerJoin('files as f', 'f.sha256', 'l.sha256')
      .selectAll('l')
      .select(['f.size', 'f.mime'])
      .where('l.entity', '=', entity)
      .where('l.entity_id', '=', entityId)
      .orderBy('l.id')
      .execute();
  }

  async counts(entity: string, entityIds: string[]): Promise<Map<string, number>> {
    if (!entityIds.length) return new Map();
    const rows = await this.db.kysely
      .selectFrom('file_links')
      .select(['entity_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('entity', '=', entity)
      .where('entity_id', 'in', entityIds)
      .groupBy('entity_id')
      .execute();
    return new Map(rows.map((r) => [r.entity_id, Number(r.n)]));
  }
}
