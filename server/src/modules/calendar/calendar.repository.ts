/** All SQL of calendar overrides. */
import type { Db } from '../../core/db.js';
import { appendAudit, type Actor } from '../../core/audit.js';
import type { CalendarOverrides, DayKind } from '../../core/calendar.js';

export class CalendarRepository {
  constructor(private readonly db: Db) {}

  async load(): Promise<CalendarOverrides & { notes: Map<string, string | null> }> {
    const [days, years] = await Promise.all([
      this.db.kysely.selectFrom('calendar_overrides').selectAll().orderBy('day').execute(),
      this.db.kysely.selectFrom('calendar_years').selectAll().execute(),
    ]);
    return {
      days: new Map(days.map((d) => [d.day, d.kind])),
      notes: new Map(days.map((d) => [d.day, d.note])),
      years: new Set(years.map((y) => y.year)),
    };
  }

  async setDay(actor: Actor, day: string, kind: DayKind, note: string | null, now: string): Promise<void> {
    await this.db.transaction(async (trx) => {
      const before = await trx.selectFrom('calendar_overrides').selectAll().where('day', '=', day).executeTakeFirst();
      if (before) await trx.updateTable('calendar_overrides').set({ kind, note, created_by: actor.name, created_at: now }).where('day', '=', day).execute();
      else await trx.insertInto('calendar_overrides').values({ day, kind, note, created_by: actor.name, created_at: now }).execute();
      await appendAudit(trx, this.db.dialect, actor, { entity: 'calendar_day', entityId: day, action: before ? 'update' : 'create', before, after: { day, kind, note } });
    });
  }

  async removeDay(actor: Actor, day: string): Promise<boolean> {
    return this.db.transaction(async (trx) => {
      const before = await trx.selectFrom('calendar_overrides').selectAll().where('day', '=', day).executeTakeFirst();
      if (!before) return false;
      await trx.deleteFrom('calendar_overrides').where('day', '=', day).execute();
      await appendAudit(trx, this.db.dialect, actor, { entity: 'calendar_day', entityId: day, action: 'delete', before });
      return true;
    });
  }

  async declareYear(actor: Actor, year: number, now: string): Promise<void> {
    await this.db.transaction(async (trx) => {
      const exists = await trx.selectFrom('calendar_years').select('year').where('year', '=', year).executeTakeFirst();
      if (exists) return;
      await trx.insertInto('calendar_years').values({ year, declared_by: actor.name, declared_at: now }).execute();
      await appendAudit(trx, this.db.dialect, actor, { entity: 'calendar_year', entityId: year, action: 'declare_complete' });
    });
  }
}
