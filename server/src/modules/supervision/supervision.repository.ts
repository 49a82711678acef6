/** All SQL of 督查督办. */
import { sql, type Selectable } from 'kysely';
import { appendAudit, type Actor } from '../../core/audit.js';
import type { Database, Db } from '../../core/db.js';

export type TaskRow = Selectable<Database['supervision_tasks']>;
export type TaskUnitRow = Selectable<Database['supervision_task_units']>;
export type ReportRow = Selectable<Database['supervision_reports']>;
export type ExtensionRow = Selectable<Database['supervision_extensions']>;
export type NewTask = Omit<TaskRow, 'id' | 'returns' | 'last_percent' | 'last_values' | 'last_report_at' | 'target_links' | 'origin' | 'steps_met'> & { origin: TaskRow['origin'] };

/** Date boundaries the dashboard counts by (the service works them out from the working-day calendar). */
export interface Boundaries {
  today: string;
  /** The last day that is still 临期 (today + N working days). */
  soon: string;
}

export interface TaskFilter {
  unitIds?: number[];
  docNumber?: string;
  status?: 'proposed' | 'assigned' | 'done';
  /** Units see tasks once assigned: proposals are the office's work in progress. */
  assignedOnly?: boolean;
}

/** The date a task is chased by: its next open step (step_due), else its final date. */
const effective = sql<string | null>`coalesce(t.step_due, t.extended_to, t.deadline)`;
/** The final date, which 按时办结 is judged by. */
const final = sql<string | null>`coalesce(t.extended_to, t.deadline)`;

export class SupervisionRepository {
  constructor(private readonly db: Db) {}

  /** Insert proposals that are not there yet (same document and key); returns how many were new. */
  async addProposals(actor: Actor, rows: NewTask[], units: { key: string; unitId: number; role: 'lead' | 'support' }[]): Promise<number> {
    return this.db.transaction(async (trx) => {
      let added = 0;
      for (const r of rows) {
        const row = await trx.insertInto('supervision_tasks').values(r).onConflict((oc) => oc.columns(['doc_number', 'task_key']).doNothing()).returning('id').executeTakeFirst();
        if (!row) continue;
        added++;
        const mine = units.filter((u) => u.key === r.task_key).map((u) => ({ task_id: row.id, unit_id: u.unitId, role: u.role, signed_at: null, signed_by: null }));
        if (mine.length) await trx.insertInto('supervision_task_units').values(mine).execute();
      }
      if (added) await appendAudit(trx, this.db.dialect, actor, { entity: 'supervision_task', entityId: rows[0]?.doc_number ?? null, action: 'extract', after: { added } });
      return added;
    });
  }

  /** A task added by hand, after the document's last task (seq), with its units; returns its id. */
  async addTask(actor: Actor, row: NewTask, units: { unitId: number; role: 'lead' | 'support' }[]): Promise<number> {
    return this.db.transaction(async (trx) => {
      const last = await trx.selectFrom('supervision_tasks').select((eb) => eb.fn.max('seq').as('seq')).where('doc_number', '=', row.doc_number).executeTakeFirst();
      const { id } = await trx.insertInto('supervision_tasks').values({ ...row, seq: Number(last?.seq ?? 0) + 10 }).returning('id').executeTakeFirstOrThrow();
      if (units.length) await trx.insertInto('supervision_task_units').values(units.map((u) => ({ task_id: id, unit_id: u.unitId, role: u.role, signed_at: null, signed_by: null }))).execute();
      await appendAudit(trx, this.db.dialect, actor, { entity: 'supervision_task', entityId: id, action: 'add_by_hand', after: { ...row, units } });
      return id;
    });
  }

  async task(id: number): Promise<TaskRow | undefined> {
    return this.db.kysely.selectFrom('supervision_tasks').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async unitsOf(taskIds: number[]): Promise<TaskUnitRow[]> {
    if (!taskIds.length) return [];
    return this.db.kysely.selectFrom('supervision_task_units').selectAll().where('task_id', 'in', taskIds).orderBy('task_id').orderBy('role').execute();
  }

  /** Each unit's latest report (progress or 汇总) on the tasks, keyed `task:unit`. */
  async unitReports(taskIds: number[]): Promise<Map<string, { at: string; percent: number | null }>> {
    if (!taskIds.length) return new Map();
    const rows = await this.db.kysely
      .selectFrom('supervision_reports')
      .select(['task_id', 'unit_id', 'at', 'percent'])
      .where('task_id', 'in', taskIds)
      .where('kind', 'in', ['progress', 'consolidated'])
      .orderBy('id')
      .execute();
    // Oldest first: the last one written for a unit is its latest.
    return new Map(rows.map((r) => [`${r.task_id}:${r.unit_id}`, { at: r.at, percent: r.percent }]));
  }

  async list(f: TaskFilter, limit: number, offset: number): Promise<{ rows: TaskRow[]; total: number }> {
    let q = this.db.kysely.selectFrom('supervision_tasks as t');
    if (f.unitIds) q = q.where('t.id', 'in', (eb) => eb.selectFrom('supervision_task_units').select('task_id').where('unit_id', 'in', f.unitIds!.length ? f.unitIds! : [-1]));
    if (f.docNumber) q = q.where('t.doc_number', '=', f.docNumber);
    if (f.status) q = q.where('t.status', '=', f.status);
    if (f.assignedOnly) q = q.where('t.status', '!=', 'proposed');
    const [rows, n] = await Promise.all([
      q.selectAll('t').orderBy('t.doc_number').orderBy('t.seq').orderBy('t.id').limit(limit).offset(offset).execute(),
      q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { rows, total: Number(n.n) };
  }

  /** How many tasks each document has (any state). */
  async countsByDocument(): Promise<Map<string, number>> {
    const rows = await this.db.kysely.selectFrom('supervision_tasks').select(['doc_number', sql<number>`count(*)`.as('n')]).groupBy('doc_number').execute();
    return new Map(rows.map((r) => [r.doc_number, Number(r.n)]));
  }

  async reports(taskId: number): Promise<ReportRow[]> {
    return this.db.kysely.selectFrom('supervision_reports').selectAll().where('task_id', '=', taskId).orderBy('id').execute();
  }

  async extensions(taskId: number | null, status?: ExtensionRow['status']): Promise<ExtensionRow[]> {
    let q = this.db.kysely.selectFrom('supervision_extensions').selectAll();
    if (taskId !== null) q = q.where('task_id', '=', taskId);
    if (status) q = q.where('status', '=', status);
    return q.orderBy('id').execute();
  }

  /** The units holding a proposal, replaced by the office's correction (in the step's unit of work). */
  async replaceUnits(id: number, units: { unitId: number; role: 'lead' | 'support' }[]): Promise<void> {
    await this.db.kysely.deleteFrom('supervision_task_units').where('task_id', '=', id).execute();
    if (units.length) await this.db.kysely.insertInto('supervision_task_units').values(units.map((u) => ({ task_id: id, unit_id: u.unitId, role: u.role, signed_at: null, signed_by: null }))).execute();
  }

  /** The procedure's conditional update: the task moves only from the states the step is taken from. */
  async transition(id: number, from: readonly string[], to: string, patch: Record<string, unknown>): Promise<boolean> {
    const r = await this.db.kysely
      .updateTable('supervision_tasks')
      .set({ ...patch, status: to as TaskRow['status'] })
      .where('id', '=', id)
      .where('status', 'in', from as TaskRow['status'][])
      .executeTakeFirst();
    return !!r.numUpdatedRows;
  }

  /** 签收 by one unit; false when it had signed meanwhile or does not hold the task. */
  async signUnit(id: number, unitId: number, by: string, at: string): Promise<boolean> {
    const r = await this.db.kysely.updateTable('supervision_task_units').set({ signed_at: at, signed_by: by }).where('task_id', '=', id).where('unit_id', '=', unitId).where('signed_at', 'is', null).executeTakeFirst();
    return !!r.numUpdatedRows;
  }

  async insertReport(r: Omit<ReportRow, 'id'>): Promise<void> {
    await this.db.kysely.insertInto('supervision_reports').values(r).execute();
  }

  /** The kinds of report on file for a task (办结 asks for the right one). */
  async reportKinds(taskId: number): Promise<string[]> {
    const rows = await this.db.kysely.selectFrom('supervision_reports').select('kind').distinct().where('task_id', '=', taskId).execute();
    return rows.map((r) => r.kind);
  }

  /**
   * The office's answer given on the task as it was read (`seen` returns); a 退回 counts one more. False when another
   * answer was given meanwhile.
   */
  async sameReturns(id: number, seen: number, returned: boolean): Promise<boolean> {
    const r = await this.db.kysely
      .updateTable('supervision_tasks')
      .set((eb) => ({ returns: returned ? eb('returns', '+', 1) : eb.ref('returns') }))
      .where('id', '=', id)
      .where('returns', '=', seen)
      .executeTakeFirst();
    return !!r.numUpdatedRows;
  }

  /** 办结 closes a pending extension request (refused). */
  async closeExtensions(taskId: number, by: string, at: string): Promise<void> {
    await this.db.kysely.updateTable('supervision_extensions').set({ status: 'refused', decided_by: by, decided_at: at }).where('task_id', '=', taskId).where('status', '=', 'pending').execute();
  }

  async extension(id: number): Promise<ExtensionRow | undefined> {
    return this.db.kysely.selectFrom('supervision_extensions').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** The pending request of each task (at most one, by the partial unique key). */
  async pendingOf(taskIds: number[]): Promise<Map<number, ExtensionRow>> {
    if (!taskIds.length) return new Map();
    const rows = await this.db.kysely.selectFrom('supervision_extensions').selectAll().where('task_id', 'in', taskIds).where('status', '=', 'pending').execute();
    return new Map(rows.map((e) => [e.task_id, e]));
  }

  /** A unit's request for more time (a second pending one violates the one-pending key). */
  async insertExtension(e: Omit<ExtensionRow, 'id' | 'decided_by' | 'decided_at' | 'status'>): Promise<void> {
    await this.db.kysely.insertInto('supervision_extensions').values({ ...e, status: 'pending', decided_by: null, decided_at: null }).execute();
  }

  /** Decide a request while it is pending; undefined when it was decided meanwhile. */
  async decideExtension(id: number, status: 'approved' | 'refused', by: string, at: string): Promise<ExtensionRow | undefined> {
    return this.db.kysely.updateTable('supervision_extensions').set({ status, decided_by: by, decided_at: at }).where('id', '=', id).where('status', '=', 'pending').returningAll().executeTakeFirst();
  }

  /** An approved extension moves the deadline, only ever later: false when the task's deadline is already as late. */
  async extendTo(taskId: number, to: string): Promise<boolean> {
    const r = await this.db.kysely
      .updateTable('supervision_tasks')
      .set({ extended_to: to })
      .where('id', '=', taskId)
      .where('status', '=', 'assigned')
      .where((eb) => eb.or([eb(sql`coalesce(extended_to, deadline)`, 'is', null), eb(sql`coalesce(extended_to, deadline)`, '<', to)]))
      .executeTakeFirst();
    return !!r.numUpdatedRows;
  }

  /** Counts per unit over assigned and done tasks: the dashboard's core, in one grouped query. */
  async byUnit(b: Boundaries) {
    const rows = await this.db.kysely
      .selectFrom('supervision_task_units as u')
      .innerJoin('supervision_tasks as t', 't.id', 'u.task_id')
      .where('t.status', '!=', 'proposed')
      .where('u.role', '=', 'lead')
      .select((eb) => [
        'u.unit_id as unitId',
        eb.fn.countAll<number>().as('tasks'),
        sql<number>`sum(case when t.status = 'done' then 1 else 0 end)`.as('done'),
        sql<number>`sum(case when t.status = 'done' and (${final} is null or substr(t.done_at, 1, 10) <= ${final}) then 1 else 0 end)`.as('onTime'),
        sql<number>`sum(case when t.status = 'assigned' and ${effective} < ${b.today} then 1 else 0 end)`.as('overdue'),
        sql<number>`sum(case when t.status = 'assigned' and ${effective} >= ${b.today} and ${effective} <= ${b.soon} then 1 else 0 end)`.as('dueSoon'),
        sql<number>`sum(case when t.status = 'assigned' and u.signed_at is null then 1 else 0 end)`.as('unsigned'),
        sql<number>`sum(t.returns)`.as('returns'),
      ])
      .groupBy('u.unit_id')
      .execute();
    return rows.map((r) => ({ unitId: r.unitId, tasks: Number(r.tasks), done: Number(r.done), onTime: Number(r.onTime), overdue: Number(r.overdue), dueSoon: Number(r.dueSoon), unsigned: Number(r.unsigned), returns: Number(r.returns) }));
  }

  /**
   * Counts per document and per month of deadline, from one scan of the covering index: grouped by its own columns
   * (no sort), the months and overdue counts worked out here.
   */
  async byDocumentAndMonth(b: Boundaries) {
    const rows = await this.db.kysely
      .selectFrom('supervision_tasks as t')
      .where('t.status', 'in', ['assigned', 'done'])
      .select(['t.status', 't.doc_number', 't.deadline', 't.extended_to', 't.step_due', sql<number>`count(*)`.as('n')])
      .groupBy(['t.status', 't.doc_number', 't.deadline', 't.extended_to', 't.step_due'])
      .execute();
    type Count = { key: string; tasks: number; done: number; overdue: number; dueSoon: number };
    const docs = new Map<string, Count>();
    const months = new Map<string, Count>();
    const add = (m: Map<string, Count>, key: string, n: number, done: boolean, overdue: boolean, soon: boolean) => {
      const c = m.get(key) ?? { key, tasks: 0, done: 0, overdue: 0, dueSoon: 0 };
      c.tasks += n;
      if (done) c.done += n;
      if (overdue) c.overdue += n;
      if (soon) c.dueSoon += n;
      m.set(key, c);
    };
    for (const r of rows) {
      const n = Number(r.n);
      const due = (r.status === 'assigned' ? r.step_due : null) ?? r.extended_to ?? r.deadline;
      const done = r.status === 'done';
      const overdue = r.status === 'assigned' && !!due && due < b.today;
      const soon = r.status === 'assigned' && !!due && due >= b.today && due <= b.soon;
      add(docs, r.doc_number, n, done, overdue, soon);
      if (due) add(months, due.slice(0, 7), n, done, overdue, soon);
    }
    const sorted = (m: Map<string, Count>) => [...m.values()].sort((a, c) => (a.key < c.key ? -1 : a.key > c.key ? 1 : 0));
    return { byDocument: sorted(docs), byMonth: sorted(months) };
  }

  /**
   * The latest progress report's values of every task with targets that has a report or a target linked to an
   * indicator (targets vs reported values vs live figures).
   */
  async latestValues(limit: number) {
    return this.db.kysely
      .selectFrom('supervision_tasks as t')
      .where((eb) => eb.or([eb('t.last_report_at', 'is not', null), eb('t.target_links', '!=', '[]')]))
      .where('t.targets', '!=', '[]')
      .select(['t.id', 't.doc_number', 't.heading', 't.targets', 't.target_links', 't.last_values as target_values', 't.last_percent as percent', 't.last_report_at as at'])
      .orderBy('t.id')
      .limit(limit)
      .execute();
  }

  /** Replace a task's target links if they are still `before` (a link made meanwhile wins: false, nothing written). */
  async linkTargets(actor: Actor, id: number, before: string, after: string): Promise<boolean> {
    return this.db.transaction(async (trx) => {
      const r = await trx.updateTable('supervision_tasks').set({ target_links: after }).where('id', '=', id).where('target_links', '=', before).executeTakeFirst();
      if (!Number(r.numUpdatedRows)) return false;
      await appendAudit(trx, this.db.dialect, actor, { entity: 'supervision_task', entityId: String(id), action: 'link_indicator', before: JSON.parse(before) as unknown, after: JSON.parse(after) as unknown });
      return true;
    });
  }

  /** The lead unit's report that a step is met: only if the steps met are still `before` (else false, nothing written). */
  async markStep(id: number, before: string, after: string, stepDue: string | null): Promise<boolean> {
    const r = await this.db.kysely.updateTable('supervision_tasks').set({ steps_met: after, step_due: stepDue }).where('id', '=', id).where('steps_met', '=', before).executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  /** How many tasks wait on each unit: to sign, or near/over their deadline (for the workbench). */
  async waitingOn(unitId: number, b: Boundaries) {
    const r = await this.db.kysely
      .selectFrom('supervision_task_units as u')
      .innerJoin('supervision_tasks as t', 't.id', 'u.task_id')
      .where('u.unit_id', '=', unitId)
      .where('t.status', '=', 'assigned')
      .select([
        sql<number>`sum(case when u.signed_at is null then 1 else 0 end)`.as('unsigned'),
        sql<string | null>`min(case when u.signed_at is null then t.sign_due end)`.as('signDue'),
        sql<number>`sum(case when u.signed_at is not null and ${effective} <= ${b.soon} then 1 else 0 end)`.as('due'),
        sql<string | null>`min(case when u.signed_at is not null then ${effective} end)`.as('dueDate'),
      ])
      .executeTakeFirstOrThrow();
    return { unsigned: Number(r.unsigned ?? 0), signDue: r.signDue, due: Number(r.due ?? 0), dueDate: r.dueDate };
  }

  /**
   * 催办 to every unit of an assigned task whose deadline is within the 临期 window, and 督办单 once it is past;
   * each once per unit and deadline (the unique key makes a second sweep, or a second process, add nothing).
   */
  async sweepNotices(b: Boundaries, at: string): Promise<{ remind: number; order: number }> {
    const due = this.db.kysely
      .selectFrom('supervision_tasks as t')
      .innerJoin('supervision_task_units as u', 'u.task_id', 't.id')
      .where('t.status', '=', 'assigned')
      .where(effective, 'is not', null)
      .where(effective, '<=', b.soon)
      .select(['t.id as taskId', 'u.unit_id as unitId', effective.as('due')]);
    const rows = await due.execute();
    let remind = 0;
    let order = 0;
    for (let i = 0; i < rows.length; i += 300) {
      const chunk = rows.slice(i, i + 300).map((r) => ({ task_id: r.taskId, unit_id: r.unitId, kind: (r.due! < b.today ? 'order' : 'remind') as 'order' | 'remind', due: r.due!, issued_at: at }));
      const added = await this.db.kysely.insertInto('supervision_notices').values(chunk).onConflict((oc) => oc.columns(['task_id', 'unit_id', 'kind', 'due']).doNothing()).returning('kind').execute();
      for (const a of added) if (a.kind === 'order') order++;
      else remind++;
    }
    return { remind, order };
  }

  async noticesOf(taskId: number) {
    return this.db.kysely.selectFrom('supervision_notices').selectAll().where('task_id', '=', taskId).orderBy('id').execute();
  }

  /** Open 督办单 for a unit: overdue tasks still assigned. */
  async openOrders(unitId: number): Promise<number> {
    const r = await this.db.kysely
      .selectFrom('supervision_notices as n')
      .innerJoin('supervision_tasks as t', 't.id', 'n.task_id')
      .where('n.unit_id', '=', unitId)
      .where('n.kind', '=', 'order')
      .where('t.status', '=', 'assigned')
      .select((eb) => eb.fn.count<number>('n.task_id').distinct().as('n'))
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  /** Issue the week's 督查通报 once (the unique day makes a second issue a no-op); true when this call issued it. */
  async issueBulletin(issuedOn: string, body: unknown, at: string): Promise<boolean> {
    const r = await this.db.kysely.insertInto('supervision_bulletins').values({ issued_on: issuedOn, body: JSON.stringify(body), issued_at: at }).onConflict((oc) => oc.column('issued_on').doNothing()).returning('id').executeTakeFirst();
    return !!r;
  }

  async bulletins() {
    return this.db.kysely.selectFrom('supervision_bulletins').selectAll().orderBy('issued_on', 'desc').limit(104).execute();
  }

  async bulletin(id: number) {
    return this.db.kysely.selectFrom('supervision_bulletins').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async officeCounts() {
    const [p, e, r] = await Promise.all([
      this.db.kysely.selectFrom('supervision_tasks').where('status', '=', 'proposed').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      this.db.kysely.selectFrom('supervision_extensions').where('status', '=', 'pending').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      this.awaitingReview(),
    ]);
    return { proposed: Number(p.n), extensions: Number(e.n), review: r.n, reviewDue: r.due };
  }

  /**
   * Assigned tasks a lead unit has reported 100 % done since the office last returned them — by its 汇总 when the task
   * has supporting units, else by its progress report (what 办结销号 asks for) — with the earliest final date among them.
   */
  private async awaitingReview(): Promise<{ n: number; due: string | null }> {
    const r = await this.db.kysely
      .selectFrom('supervision_tasks as t')
      .where('t.status', '=', 'assigned')
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('supervision_reports as r')
            .innerJoin('supervision_task_units as u', (j) => j.onRef('u.task_id', '=', 'r.task_id').onRef('u.unit_id', '=', 'r.unit_id'))
            .select('r.id')
            .whereRef('r.task_id', '=', 't.id')
            .where('u.role', '=', 'lead')
            .where('r.percent', '=', 100)
            .where((w) => w.or([w('r.kind', '=', 'consolidated'), w.and([w('r.kind', '=', 'progress'), w.not(w.exists(w.selectFrom('supervision_task_units as s').select('s.task_id').whereRef('s.task_id', '=', 't.id').where('s.role', '=', 'support')))])]))
            .where((w) => w.not(w.exists(w.selectFrom('supervision_reports as x').select('x.id').whereRef('x.task_id', '=', 't.id').where('x.kind', '=', 'returned').whereRef('x.id', '>', 'r.id')))),
        ),
      )
      .select((eb) => [eb.fn.countAll<number>().as('n'), sql<string | null>`min(${final})`.as('due')])
      .executeTakeFirstOrThrow();
    return { n: Number(r.n), due: r.due };
  }
}
