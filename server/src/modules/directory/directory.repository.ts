/** All SQL of the directory. */
import type { Selectable } from 'kysely';
import type { Db } from '../../core/db.js';
import { appendAudit, type Actor } from '../../core/audit.js';
import type { Database } from '../../core/db.js';

export type UnitRow = Selectable<Database['org_units']>;
export type NewUnit = Omit<Database['org_units'], 'id' | 'created_at' | 'updated_at'>;

export class DirectoryRepository {
  constructor(private readonly db: Db) {}

  all(): Promise<UnitRow[]> {
    return this.db.kysely.selectFrom('org_units').selectAll().orderBy('kind').orderBy('code').orderBy('id').execute();
  }

  byId(id: number): Promise<UnitRow | undefined> {
    return this.db.kysely.selectFrom('org_units').selectAll().where('id', '=', id).executeTakeFirst();
  }

  count(): Promise<number> {
    return this.db.kysely
      .selectFrom('org_units')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
      .then((r) => Number(r.n));
  }

  /** Insert many units in one transaction (seeding); parents are referenced by their code or name. */
  async seed(units: (NewUnit & { parentKey?: string })[], now: string): Promise<void> {
    await this.db.transaction(async (trx) => {
      const ids = new Map<string, number>();
      for (const { parentKey, ...u } of units) {
        const parent_id = parentKey ? (ids.get(parentKey) ?? null) : u.parent_id;
        const r = await trx
          .insertInto('org_units')
          .values({ ...u, parent_id, created_at: now, updated_at: now })
          .returning('id')
          .executeTakeFirstOrThrow();
        ids.set(u.code ?? u.name, r.id);
        ids.set(u.name, r.id);
      }
    });
  }

  /** Insert a unit unless one has its code already (another process may be seeding the same body). */
  async addIfAbsent(u: NewUnit, now: string): Promise<void> {
    await this.db.kysely.insertInto('org_units').values({ ...u, created_at: now, updated_at: now }).onConflict((oc) => oc.column('code').doNothing()).execute();
  }

  async create(actor: Actor, u: NewUnit, now: string): Promise<UnitRow> {
    return this.db.transaction(async (trx) => {
      const row = await trx.insertInto('org_units').values({ ...u, created_at: now, updated_at: now }).returningAll().executeTakeFirstOrThrow();
      await appendAudit(trx, this.db.dialect, actor, { entity: 'org_unit', entityId: row.id, action: 'create', after: row });
      return row;
    });
  }

  async update(actor: Actor, id: number, patch: Partial<NewUnit>, now: string): Promise<UnitRow | undefined> {
    return this.db.transaction(async (trx) => {
      const before = await trx.selectFrom('org_units').selectAll().where('id', '=', id).executeTakeFirst();
      if (!before) return undefined;
      const after = await trx
        .updateTable('org_units')
        .set({ ...patch, updated_at: now })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      await appendAudit(trx, this.db.dialect, actor, { entity: 'org_unit', entityId: id, action: 'update', before, after });
      return after;
    });
  }
}
