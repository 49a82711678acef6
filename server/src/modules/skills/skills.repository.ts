/** 职业技能大赛: all the module's SQL. Writes are conditional updates and unique keys; a lost race writes nothing. */
import type { Kysely, Selectable } from 'kysely';
import { appendAudit, type Actor } from '../../core/audit.js';
import { isUniqueViolation, precompile, type Database, type Db } from '../../core/db.js';
import type { EventModeCode } from './skills.states.js';

export type EventRow = Selectable<Database['skill_events']>;
export type RegistrationRow = Selectable<Database['skill_registrations']>;

/** Which registrations a reader sees (every condition given is OR-ed: own unit's, own events'). */
export interface RegistrationFilter {
  all?: boolean;
  userId?: number;
  unitIds?: number[];
  eventIds?: number[];
  eventId?: number;
}

/** Thrown inside a write to undo it all; the service turns it into the refusal. */
export class Refused extends Error {}

type NewRegistration = Omit<RegistrationRow, 'id'>;
const REGISTRATION_COLUMNS = [
  'event_id', 'name', 'id_no', 'phone', 'identity', 'unit_id', 'unit_name', 'ss_payer', 'licence', 'partner_name', 'partner_id_no', 'partner_phone',
  'coach', 'declaration', 'user_id', 'status', 'score', 'video_seconds', 'video_sha256', 'video_at', 'final_rank', 'created_by', 'created_at',
] as const satisfies readonly (keyof NewRegistration)[];

// The closing day's queries, compiled once: each form runs them all, and building them cost more than running them.
const eventById = precompile((k, p: { id: number }) => k.selectFrom('skill_events').selectAll().where('id', '=', p.id));
// One ID at a time: SQLite answers `= ?` from the key directly, an `in` list of two through a temporary index (ten times slower).
const personTaken = precompile((k, p: { id_no: string }) => k.selectFrom('skill_people').select('id_no').where('id_no', '=', p.id_no));
const insertRegistration = precompile((k, p: NewRegistration) =>
  k.insertInto('skill_registrations').values(Object.fromEntries(REGISTRATION_COLUMNS.map((c) => [c, p[c]])) as NewRegistration).returning('id'),
);
const eventStates = precompile((k) => k.selectFrom('skill_events').select(['id', 'mode', 'stage']));
// PostgreSQL: held until the batch commits, so another process cannot close an event between the read and the write.
const eventStatesHeld = precompile((k) => k.selectFrom('skill_events').select(['id', 'mode', 'stage']).forShare());
const insertPerson = precompile((k, p: { id_no: string; registration_id: number }) => k.insertInto('skill_people').values({ id_no: p.id_no, registration_id: p.registration_id }));

export class SkillsRepository {
  /** The events as this process last read them (see knownEvent). */
  private known: Promise<Map<number, EventRow>> | null = null;

  constructor(private readonly db: Db) {}

  private audit(trx: Kysely<Database>, actor: Actor, entity: string, id: number | string, action: string, after?: unknown) {
    return appendAudit(trx, this.db.dialect, actor, { entity, entityId: id, action, after });
  }

  /** The 40 events, once (by code). */
  async seedEvents(rows: Omit<EventRow, 'id'>[]): Promise<number> {
    return this.changing(async () => {
      let n = 0;
      for (const r of rows) {
        const res = await this.db.kysely.insertInto('skill_events').values(r).onConflict((oc) => oc.column('code').doNothing()).executeTakeFirst();
        n += Number(res.numInsertedOrUpdatedRows ?? 0);
      }
      return n;
    });
  }

  events() {
    return this.db.kysely.selectFrom('skill_events').selectAll().orderBy('code').execute();
  }

  async event(id: number): Promise<EventRow | undefined> {
    return (await eventById(this.db.kysely, this.db.dialect, { id })).rows[0];
  }

  /**
   * An event as this process last read it, without a query. Its code, name and kind are never changed; its mode and
   * stage may have been changed since by another process, so they are a hint until eventStates reads them in the write.
   */
  async knownEvent(id: number): Promise<EventRow | undefined> {
    const known = (this.known ??= this.events().then(
      (rows) => new Map(rows.map((e) => [e.id, e])),
      (e: unknown) => {
        this.known = null;
        throw e;
      },
    ));
    return (await known).get(id);
  }

  /** Every event's mode and stage, read in the caller's write (on PostgreSQL held until it ends); this process's copy follows. */
  async eventStates(): Promise<Map<number, Pick<EventRow, 'mode' | 'stage'>>> {
    const { rows } = await (this.db.dialect === 'postgres' ? eventStatesHeld : eventStates)(this.db.kysely, this.db.dialect, {});
    void this.known?.then((known) => {
      for (const r of rows) {
        const e = known.get(r.id);
        if (e && (e.mode !== r.mode || e.stage !== r.stage)) known.set(r.id, { ...e, mode: r.mode, stage: r.stage });
      }
    }, () => {});
    return new Map(rows.map((r) => [r.id, r]));
  }

  /** A change of events made here: this process's copy is read again after it. */
  private async changing<T>(write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } finally {
      this.known = null;
    }
  }

  /** The managing unit's choice of preliminary or video, while the event is open. */
  async setMode(actor: Actor, id: number, mode: EventModeCode): Promise<boolean> {
    return this.changing(() => this.db.transaction(async (trx) => {
      const r = await trx.updateTable('skill_events').set({ mode }).where('id', '=', id).where('stage', '=', 'open').executeTakeFirst();
      if (!Number(r.numUpdatedRows)) return false;
      await this.audit(trx, actor, 'skill_event', id, 'mode', { mode });
      return true;
    }));
  }

  /** A registration and its people; `{ taken }` names the ID number already registered in some event. */
  async register(actor: Actor, row: NewRegistration, people: string[]): Promise<RegistrationRow | { taken: string }> {
    const dialect = this.db.dialect;
    try {
      return await this.db.transaction(async (trx) => {
        // Every column is written, so the row as stored is the row given with its id.
        const reg = { id: (await insertRegistration(trx, dialect, row)).rows[0]!.id, ...row };
        for (const id_no of people) await insertPerson(trx, dialect, { id_no, registration_id: reg.id });
        await this.audit(trx, actor, 'skill_registration', reg.id, 'register', { event: row.event_id, unit: row.unit_id, identity: row.identity });
        return reg;
      });
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
      const hit = await this.db.kysely.selectFrom('skill_people').select('id_no').where('id_no', 'in', people).executeTakeFirst();
      return { taken: hit?.id_no ?? people[0]! };
    }
  }

  /** The first of these ID numbers already registered in some event, or null. */
  async takenAmong(idNos: string[]): Promise<string | null> {
    for (const id_no of idNos) if ((await personTaken(this.db.kysely, this.db.dialect, { id_no })).rows.length) return id_no;
    return null;
  }

  /** The event a person is registered in, if any. */
  async eventOfPerson(idNo: string): Promise<string | null> {
    const r = await this.db.kysely
      .selectFrom('skill_people')
      .innerJoin('skill_registrations', 'skill_registrations.id', 'skill_people.registration_id')
      .innerJoin('skill_events', 'skill_events.id', 'skill_registrations.event_id')
      .select('skill_events.name')
      .where('skill_people.id_no', '=', idNo)
      .executeTakeFirst();
    return r?.name ?? null;
  }

  registration(id: number) {
    return this.db.kysely.selectFrom('skill_registrations').selectAll().where('id', '=', id).executeTakeFirst();
  }

  registrations(f: RegistrationFilter, limit = 5000) {
    let q = this.db.kysely.selectFrom('skill_registrations').selectAll();
    if (f.eventId !== undefined) q = q.where('event_id', '=', f.eventId);
    if (!f.all) {
      q = q.where((eb) => {
        const ors = [eb('id', '=', -1)];
        if (f.userId !== undefined) ors.push(eb('user_id', '=', f.userId));
        if (f.unitIds?.length) ors.push(eb('unit_id', 'in', f.unitIds));
        if (f.eventIds?.length) ors.push(eb('event_id', 'in', f.eventIds));
        return eb.or(ors);
      });
    }
    return q.orderBy('id').limit(limit).execute();
  }

  /** The procedure's conditional update. */
  async transition(id: number, from: readonly string[], to: string, patch: Record<string, unknown>): Promise<boolean> {
    const r = await this.db.kysely
      .updateTable('skill_registrations')
      .set({ ...(patch as Partial<RegistrationRow>), status: to as RegistrationRow['status'] })
      .where('id', '=', id)
      .where('status', 'in', from as RegistrationRow['status'][])
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  /** A video's checked length, before selection. */
  async recordVideo(actor: Actor, id: number, seconds: number, sha256: string, at: string): Promise<boolean> {
    return this.db.transaction(async (trx) => {
      const r = await trx
        .updateTable('skill_registrations')
        .set({ video_seconds: seconds, video_sha256: sha256, video_at: at })
        .where('id', '=', id)
        .where('status', 'in', ['registered', 'confirmed'])
        .executeTakeFirst();
      if (!Number(r.numUpdatedRows)) return false;
      await this.audit(trx, actor, 'skill_registration', id, 'video', { seconds, sha256 });
      return true;
    });
  }

  /** Preliminary scores of confirmed entries while the event is open; false when the event or an entry had moved. */
  async saveScores(actor: Actor, eventId: number, scores: { id: number; score: number }[]): Promise<boolean> {
    return this.db.transaction(async (trx) => {
      const ev = await trx.updateTable('skill_events').set({ tie_decision: null }).where('id', '=', eventId).where('stage', '=', 'open').executeTakeFirst();
      if (!Number(ev.numUpdatedRows)) return false;
      for (const s of scores) {
        const r = await trx.updateTable('skill_registrations').set({ score: s.score }).where('id', '=', s.id).where('event_id', '=', eventId).where('status', '=', 'confirmed').executeTakeFirst();
        if (!Number(r.numUpdatedRows)) throw new Refused(`报名 ${s.id} 不是本项目已确认的报名`);
      }
      await this.audit(trx, actor, 'skill_event', eventId, 'scores', { scores });
      return true;
    });
  }

  /** The recommendation: the event closes selection once, the chosen recommended, the other confirmed entries not. */
  async select(actor: Actor, eventId: number, chosen: number[], decision: string | null, at: string): Promise<boolean> {
    return this.changing(() => this.db.transaction(async (trx) => {
      const ev = await trx.updateTable('skill_events').set({ stage: 'selected', tie_decision: decision, selected_at: at }).where('id', '=', eventId).where('stage', '=', 'open').executeTakeFirst();
      if (!Number(ev.numUpdatedRows)) return false;
      if (chosen.length) {
        const r = await trx.updateTable('skill_registrations').set({ status: 'recommended' }).where('event_id', '=', eventId).where('id', 'in', chosen).where('status', '=', 'confirmed').executeTakeFirst();
        if (Number(r.numUpdatedRows) !== chosen.length) throw new Refused('推荐名单中有不是本项目已确认的报名');
      }
      await trx.updateTable('skill_registrations').set({ status: 'not_recommended' }).where('event_id', '=', eventId).where('status', '=', 'confirmed').execute();
      await this.audit(trx, actor, 'skill_event', eventId, 'select', { chosen, decision });
      return true;
    }));
  }

  /** The city final's ranks of the recommended entries, replacing any entered before; false when a rank repeats. */
  async saveRanks(actor: Actor, eventId: number, ranks: { id: number; rank: number }[], at: string): Promise<boolean> {
    try {
      await this.changing(() => this.db.transaction(async (trx) => {
        const ev = await trx.updateTable('skill_events').set({ stage: 'ranked', ranked_at: at }).where('id', '=', eventId).where('stage', 'in', ['selected', 'ranked']).executeTakeFirst();
        if (!Number(ev.numUpdatedRows)) throw new Refused('该项目尚未确定推荐人选，不能录入决赛名次');
        await trx.updateTable('skill_registrations').set({ final_rank: null }).where('event_id', '=', eventId).execute();
        for (const r of ranks) {
          const u = await trx.updateTable('skill_registrations').set({ final_rank: r.rank }).where('id', '=', r.id).where('event_id', '=', eventId).where('status', '=', 'recommended').executeTakeFirst();
          if (!Number(u.numUpdatedRows)) throw new Refused(`报名 ${r.id} 不是本项目推荐参加决赛的选手`);
        }
        await this.audit(trx, actor, 'skill_event', eventId, 'ranks', { ranks });
      }));
      return true;
    } catch (e) {
      if (isUniqueViolation(e)) return false;
      throw e;
    }
  }

  /** The other teams' announced points, by name. */
  otherTeams(): Promise<Selectable<Database['skill_other_teams']>[]> {
    return this.db.kysely.selectFrom('skill_other_teams').selectAll().orderBy('team').execute();
  }

  /** Put the city's announced list in place of the one entered before, whole or not at all. */
  async replaceOtherTeams(actor: Actor, rows: Selectable<Database['skill_other_teams']>[]): Promise<void> {
    await this.db.transaction(async (trx) => {
      await trx.deleteFrom('skill_other_teams').execute();
      if (rows.length) await trx.insertInto('skill_other_teams').values(rows).execute();
      await this.audit(trx, actor, 'skill_event', 'teams', 'teams', { teams: rows.map((r) => ({ team: r.team, county: r.county, contestantPoints: r.contestant_points, rankPoints: r.rank_points })) });
    });
  }
}
