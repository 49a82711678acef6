/** 督查督办: the rules of the tracker; the task procedure is declared in supervision.flow.ts, SQL lives in the repository. */
import { randomUUID } from 'node:crypto';
import { inScope, scopeOf, type Access, type Scope } from '../../core/access.js';
import type { Actor } from '../../core/audit.js';
import { addDays } from '../../core/calendar.js';
import { conflict, invalidField, notFound } from '../../core/errors.js';
import type { DeclaredIndicator, WorkItem } from '../../core/module.js';
import type { Flow } from '../../core/workflow.js';
import type { AccountsService } from '../accounts/index.js';
import type { CalendarService } from '../calendar/index.js';
import { resolveUnitName, type DirectoryService } from '../directory/index.js';
import type { GazetteService } from '../gazette/index.js';
import type { ModuleClock, WorkflowService } from '../workflow/index.js';
import { extractTasks, type ProposedTask, type Target } from './supervision.extract.js';
import { BODIES, OFFICE, shape, taskFlow, type Correction, type TaskFlowDecl, type TaskRec, type TaskStep } from './supervision.flow.js';
import { LIGHTS, STATUS_LABELS, type TaskState, type TaskStatus } from './supervision.states.js';
import type { Boundaries, ExtensionRow, NewTask, SupervisionRepository, TaskRow, TaskUnitRow } from './supervision.repository.js';
import { DUE_SOON_WORKDAYS } from './supervision.rules.js';
import { pickDocuments, whyNothing } from './supervision.documents.js';
import { taskRecords } from './supervision.records.js';
import { TargetIndicators, type Figure } from './supervision.indicators.js';
import { clauseOf, extensionView, mondayOf, nextOccurrence, planName, reportView, score, stepsOf, unitRoles, unitView, type TaskDetail, type TaskView } from './supervision.views.js';

export type { TaskDetail, TaskView } from './supervision.views.js';

/** The date a task is chased by: its next open step, else its final (or extended) date, else its schedule's next day. */
const dueOf = (t: TaskRow, today: string) => t.step_due ?? t.extended_to ?? t.deadline ?? nextOccurrence(t.recurrence, today);

/** A task's dated steps as the page shows them: met or not, chased or shown only (due before 交办). */
function milestonesOf(t: TaskRow) {
  return stepsOf(JSON.parse(t.milestones) as { date: string; text: string }[], t.deadline, JSON.parse(t.steps_met) as string[], t.assigned_on).map(({ date, text, met, chased }) => ({ date, text, met, chased }));
}

export class SupervisionService {
  private readonly access: Access;
  private readonly flow: Flow<TaskRec, TaskState, TaskFlowDecl['steps']>;
  private readonly today: () => string;
  private readonly now: () => string;
  /** Targets linked to the programme modules' indicators (through the registry's hook). */
  readonly indicators: TargetIndicators;

  constructor(
    private readonly repo: SupervisionRepository,
    private readonly gazette: GazetteService,
    private readonly directory: DirectoryService,
    private readonly calendar: CalendarService,
    workflow: WorkflowService,
    clock: ModuleClock,
    indicators: () => Record<string, DeclaredIndicator>,
    private readonly accounts: AccountsService,
  ) {
    this.indicators = new TargetIndicators(repo, indicators, async (id) => (await directory.all()).some((u) => u.id === id));
    this.today = clock.today;
    this.now = clock.now;
    this.access = workflow.access(BODIES);
    const store = { load: (actor: Actor, id: number) => this.rec(actor, id), transition: (id: number, from: readonly string[], to: string, patch: Record<string, unknown>) => repo.transition(id, from, to, patch) };
    this.flow = workflow.bind(taskFlow(repo, calendar, clock), store, { access: this.access, clock });
  }

  /** Today and the last day still 临期. */
  async boundaries(): Promise<Boundaries> {
    const today = this.today();
    const cal = await this.calendar.calendar();
    let soon: string;
    try {
      soon = cal.addWorkdays(today, DUE_SOON_WORKDAYS);
    } catch {
      soon = addDays(today, DUE_SOON_WORKDAYS + 2); // a year the calendar cannot know: calendar days, a week
    }
    return { today, soon };
  }

  /** Status and light of one task, by the rules file. */
  statusOf(t: TaskRow, units: TaskUnitRow[], b: Boundaries): TaskStatus {
    if (t.status === 'proposed') return 'proposed';
    if (t.status === 'done') return 'done';
    const due = dueOf(t, b.today);
    if (due && due < b.today) return 'overdue';
    // The task is the lead units' to sign: a supporting unit's missing signature shows beside it, on its own light.
    if (units.some((u) => u.role === 'lead' && !u.signed_at)) return 'unsigned';
    if (due && due <= b.soon) return 'due_soon';
    if (t.extended_to) return 'extended';
    return 'in_progress';
  }

  /** Task views; with an actor, each with its actions (guards not run: a list's buttons, refused with the reason when pressed). */
  private async views(rows: TaskRow[], actor: Actor | null): Promise<TaskView[]> {
    const ids = rows.map((r) => r.id);
    const [units, pending, all, b, reported] = await Promise.all([this.repo.unitsOf(ids), actor ? this.repo.pendingOf(ids) : new Map<number, ExtensionRow>(), this.directory.all(), this.boundaries(), this.repo.unitReports(ids)]);
    const names = new Map(all.map((u) => [u.id, u.name]));
    const figures = await this.indicators.figures(rows);
    return Promise.all(rows.map(async (t, i) => {
      const mine = units.filter((u) => u.task_id === t.id);
      const status = this.statusOf(t, mine, b);
      const rec: TaskRec = { id: t.id, status: t.status, row: t, units: mine, pending: pending.get(t.id) ?? null, reported: [] };
      return {
        id: t.id,
        docNumber: t.doc_number,
        part: t.part,
        plan: planName(t.part),
        clause: clauseOf(t.part, JSON.parse(t.path) as string[]),
        path: JSON.parse(t.path) as string[],
        heading: t.heading,
        text: t.text,
        origin: t.origin,
        unitsText: t.units_text,
        unknownUnits: JSON.parse(t.unknown_units) as string[],
        units: mine.map((u) => unitView(u, names.get(u.unit_id) ?? `#${u.unit_id}`, reported.get(`${t.id}:${u.unit_id}`) ?? null, status)),
        deadline: t.deadline,
        deadlineText: t.deadline_text,
        deadlineSource: t.deadline_by === 'office' ? '县政府办公室核定' : t.deadline ? '原文' : null,
        extendedTo: t.extended_to,
        recurrence: t.recurrence,
        nextDue: t.status === 'done' ? null : dueOf(t, b.today),
        targets: JSON.parse(t.targets) as Target[],
        figures: figures[i],
        milestones: milestonesOf(t),
        stepDue: t.status === 'assigned' ? t.step_due : null,
        disputed: t.disputed,
        disputedDecided: !!t.disputed && (t.status !== 'proposed' || t.deadline_by === 'office'),
        status,
        statusLabel: STATUS_LABELS[status],
        light: LIGHTS[status],
        returns: t.returns,
        assignedOn: t.assigned_on,
        signDue: t.sign_due,
        doneAt: t.done_at,
        actions: actor ? shape(await this.flow.actions(actor, rec, { guards: false }), rec, actor) : [],
      };
    }));
  }

  /**
   * What part of the tasks an actor reads: the office and the auditor all of them; a department or a township the
   * tasks it holds (a township holds a task as one of its units).
   */
  private async scope(actor: Actor): Promise<Scope> {
    if (await this.access.which(actor, OFFICE, {})) return { kind: 'county' };
    const s = scopeOf(actor);
    return s.kind === 'township' ? { kind: 'unit', unitId: s.townshipId } : s;
  }

  /** Who may read and attach files (photos, documents) to a task's reports: the units holding it, and the office. */
  readonly filePolicy = {
    canRead: async (actor: Actor | null, entityId: string) => {
      if (!actor || !/^\d+$/.test(entityId)) return false;
      return inScope(await this.scope(actor), { unitIds: (await this.repo.unitsOf([Number(entityId)])).map((u) => u.unit_id) });
    },
    canAttach: async (actor: Actor, entityId: string) => {
      const t = /^\d+$/.test(entityId) ? await this.repo.task(Number(entityId)) : undefined;
      return !!t && t.status === 'assigned' && (await this.repo.unitsOf([t.id])).some((u) => u.unit_id === actor.unitId);
    },
  };

  /** The document picker: every stored document matching `q` (exact 文号 first), with how many tasks each has. */
  async documents(q: string) {
    const [{ items }, counts] = await Promise.all([this.gazette.list({ sort: 'number', limit: 100_000, offset: 0 }), this.repo.countsByDocument()]);
    return pickDocuments(items.map((d) => ({ docNumber: d.docNumber, title: d.title, date: d.date, tasks: counts.get(d.docNumber) ?? 0 })), q).slice(0, 50);
  }

  /** Proposed tasks of a stored document (no database needed by the extractor itself). */
  async propose(docNumber: string): Promise<ProposedTask[]> {
    const d = await this.gazette.get(docNumber);
    const units = await this.directory.all();
    return extractTasks({ docNumber: d.docNumber, date: d.date, body: d.body, parts: d.parts, addressees: d.addressees }, (n) => resolveUnitName(units, n)?.name ?? null);
  }

  /** 立项 step 1: extract a document's tasks as proposals (nothing is assigned until a person confirms). */
  async extract(actor: Actor, docNumber: string) {
    const proposals = await this.propose(docNumber);
    const units = await this.directory.all();
    const idOf = new Map(units.map((u) => [u.name, u.id]));
    const rows: NewTask[] = proposals.map((p, i) => ({
      doc_number: p.docNumber,
      task_key: p.key,
      part: p.part,
      path: JSON.stringify(p.path),
      heading: p.heading,
      text: p.text,
      units_text: p.unitsText,
      unknown_units: JSON.stringify(p.unknownUnits),
      deadline: p.deadline,
      deadline_text: p.deadlineText,
      deadline_by: null,
      seq: i * 10,
      recurrence: p.recurrence,
      origin: 'extract',
      targets: JSON.stringify(p.targets),
      milestones: JSON.stringify(p.milestones),
      step_due: null,
      disputed: p.disputed ?? null,
      status: 'proposed',
      extended_to: null,
      assigned_on: null,
      sign_due: null,
      created_at: this.now(),
      created_by: actor.name,
      confirmed_by: null,
      done_at: null,
      done_by: null,
    }));
    const links = proposals.flatMap((p) => [
      ...p.lead.map((n) => ({ key: p.key, unitId: idOf.get(n)!, role: 'lead' as const })),
      ...p.support.map((n) => ({ key: p.key, unitId: idOf.get(n)!, role: 'support' as const })),
    ]).filter((l) => l.unitId);
    const added = await this.repo.addProposals(actor, rows, links);
    const reason = proposals.length ? (added ? null : '各项任务均已抽取过，重复抽取不会新增') : whyNothing(await this.gazette.get(docNumber));
    return { docNumber, found: proposals.length, added, flagged: proposals.filter((p) => p.unknownUnits.length || !p.lead.length).length, reason };
  }

  /** 立项 by hand: a task the office reads off a clause that extraction did not give, as a proposal like any other. */
  async addByHand(actor: Actor, body: ManualTask): Promise<TaskDetail> {
    await this.access.require(actor, OFFICE, {}, '手工添加任务');
    const d = await this.gazette.get(body.docNumber).catch(() => null);
    if (!d) throw invalidField('docNumber', '公文不存在', `公文库中没有 ${body.docNumber}`);
    if (body.part && !d.parts.some((p) => p.title === body.part)) throw invalidField('part', '方案不属于该公文', `${d.docNumber} 中没有「${body.part}」`);
    const known = new Set((await this.directory.all()).map((u) => u.id));
    const bad = [...body.lead, ...body.support].find((u) => !known.has(u));
    if (bad) throw invalidField('lead', '单位不存在', `单位 ${bad} 不在组织机构目录中`);
    const units = unitRoles(body.lead, body.support);
    const id = await this.repo.addTask(actor, {
      doc_number: d.docNumber, task_key: `manual:${randomUUID()}`, part: body.part, path: JSON.stringify([body.clause]), heading: body.heading, text: body.text,
      units_text: '', unknown_units: '[]', deadline: body.deadline, deadline_text: null, deadline_by: body.deadline ? 'office' : null, seq: 0, recurrence: body.recurrence,
      targets: '[]', milestones: '[]', step_due: null, disputed: null, status: 'proposed', extended_to: null, assigned_on: null, sign_due: null, created_at: this.now(), created_by: actor.name,
      confirmed_by: null, done_at: null, done_by: null, origin: 'manual',
    }, units);
    return this.get(actor, id);
  }

  async list(actor: Actor, f: { docNumber?: string; status?: TaskState }, page: number, pageSize: number, opts: { actions?: boolean } = {}) {
    const scope = await this.scope(actor);
    const unitIds = scope.kind === 'county' ? undefined : scope.kind === 'unit' ? [scope.unitId] : [];
    // Proposals are the office's work in progress: units see tasks once assigned.
    if (unitIds && f.status === 'proposed') return { items: [], total: 0 };
    const { rows, total } = await this.repo.list({ ...f, unitIds, assignedOnly: !!unitIds }, pageSize, (page - 1) * pageSize);
    return { items: await this.views(rows, opts.actions === false ? null : actor), total };
  }

  /** The task as the procedure reads it, if the actor may see it (else null: answered 404). */
  private async rec(actor: Actor, id: number): Promise<TaskRec | null> {
    const row = await this.repo.task(id);
    if (!row) return null;
    const [units, pending, reported, scope] = await Promise.all([this.repo.unitsOf([id]), this.repo.pendingOf([id]), this.repo.reportKinds(id), this.scope(actor)]);
    if (scope.kind !== 'county' && (row.status === 'proposed' || !inScope(scope, { unitIds: units.map((u) => u.unit_id) }))) return null;
    return { id, status: row.status, row, units, pending: pending.get(id) ?? null, reported };
  }

  async get(actor: Actor, id: number): Promise<TaskDetail> {
    const rec = await this.rec(actor, id);
    if (!rec) throw notFound(`督办任务 ${id}`);
    const [[view], reports, extensions, notices, all, actions, timeline] = await Promise.all([
      this.views([rec.row], null),
      this.repo.reports(id),
      this.repo.extensions(id),
      this.repo.noticesOf(id),
      this.directory.all(),
      this.flow.actions(actor, rec),
      this.flow.timeline(id),
    ]);
    const names = new Map(all.map((u) => [u.id, u.name]));
    const people = await this.people([rec.row.created_by, ...timeline.map((e) => e.actor)]);
    const office = all.find((u) => u.code === BODIES.office.code)?.name ?? BODIES.office.name;
    const records = taskRecords(rec.row, timeline, { units: rec.units, reports, extensions }, (u) => names.get(u) ?? `#${u}`, office, (n) => people.get(n) ?? n);
    return {
      ...view,
      actions: shape(actions, rec, actor),
      timeline,
      records,
      reports: reports.map(reportView),
      extensions: extensions.map(extensionView),
      notices: notices.map((n) => ({ kind: n.kind, unitName: names.get(n.unit_id) ?? `#${n.unit_id}`, due: n.due, issuedAt: n.issued_at })),
    };
  }

  /** 核定: the office corrects a proposal (units from the directory, the deadline, the schedule), a step of the procedure. */
  async correct(actor: Actor, id: number, body: { lead: number[]; support: number[]; deadline: string | null; recurrence: string | null }) {
    const rec = await this.rec(actor, id);
    if (!rec) throw notFound(`督办任务 ${id}`);
    const row = rec.row;
    const known = new Set((await this.directory.all()).map((u) => u.id));
    const bad = [...body.lead, ...body.support].find((u) => !known.has(u));
    if (bad) throw invalidField('lead', '单位不存在', `单位 ${bad} 不在组织机构目录中`);
    const units = unitRoles(body.lead, body.support);
    // The text's words stay as they were: a date the office sets is marked as its own, never shown as 原文.
    const deadlineBy = body.deadline === row.deadline ? row.deadline_by : body.deadline ? 'office' : null;
    return this.step(actor, id, 'correct', { deadline: body.deadline, deadline_by: deadlineBy, recurrence: body.recurrence, units } satisfies Correction);
  }

  /** The names of the accounts behind usernames (a username no account has is shown as it is). */
  private async people(usernames: string[]): Promise<Map<string, string>> {
    const distinct = [...new Set(usernames)];
    const ids = await Promise.all(distinct.map((n) => this.accounts.idOf(n)));
    const found = await this.accounts.summaries(ids.filter((i): i is number => i !== null));
    const byName = new Map(found.map((u) => [u.username, u.displayName]));
    return new Map(distinct.map((n) => [n, byName.get(n) ?? n]));
  }

  /** Link target `n` (from 0) to an indicator of a programme module, or unlink it (null): the office only. */
  async linkIndicator(actor: Actor, id: number, n: number, indicator: string | null, unitId: number | null) {
    const rec = await this.rec(actor, id);
    if (!rec) throw notFound(`督办任务 ${id}`);
    await this.access.require(actor, OFFICE, {}, '关联指标');
    await this.indicators.link(actor, rec.row, n, indicator, unitId);
    return this.get(actor, id);
  }

  /** Take a step of the task procedure and answer the task as it now is. */
  private async step(actor: Actor, id: number, step: TaskStep, input: unknown = {}) {
    await this.flow.run(actor, id, step, input);
    return this.get(actor, id);
  }

  /** 立项 → 交办: a person confirms; the units must sign within SIGN_WITHIN_WORKDAYS working days. */
  confirm(actor: Actor, id: number) {
    return this.step(actor, id, 'confirm');
  }

  /** 签收 by the actor's unit. */
  sign(actor: Actor, id: number) {
    return this.step(actor, id, 'sign');
  }

  /** 办理/反馈: a unit's progress report, with a value for each target it measures and the step it has met; the lead unit's 汇总. */
  report(actor: Actor, id: number, body: { text: string; percent: number; values: (number | null)[]; consolidated: boolean; step?: string | null }) {
    return this.step(actor, id, body.consolidated ? 'report_consolidated' : 'report_progress', body);
  }

  /** 复核 → 办结销号, or 退回 with a reason. */
  finish(actor: Actor, id: number, accept: boolean, note: string) {
    return this.step(actor, id, accept ? 'accept' : 'return', { note });
  }

  requestExtension(actor: Actor, id: number, to: string, reason: string) {
    return this.step(actor, id, 'request_extension', { to, reason });
  }

  async decideExtension(actor: Actor, extensionId: number, approve: boolean) {
    const e = await this.repo.extension(extensionId);
    if (!e) throw conflict('该延期申请不存在或已审批');
    return this.step(actor, e.task_id, approve ? 'approve_extension' : 'refuse_extension', { extensionId });
  }

  async pendingExtensions() {
    return (await this.repo.extensions(null, 'pending')).map(extensionView);
  }

  /** Dashboards: by unit (with 考评), by document, by month of deadline; targets vs reported values. */
  async dashboard() {
    const b = await this.boundaries();
    const [units, rest, values, all] = await Promise.all([this.repo.byUnit(b), this.repo.byDocumentAndMonth(b), this.repo.latestValues(200), this.directory.all()]);
    const figures = await this.indicators.figures(values);
    const names = new Map(all.map((u) => [u.id, u.name]));
    const byUnit = units
      .map((u) => ({ ...u, unitName: names.get(u.unitId) ?? `#${u.unitId}`, onTimeRate: u.done ? Math.round((u.onTime / u.done) * 1000) / 10 : null, score: score(u) }))
      .sort((a, b2) => b2.score - a.score || a.unitName.localeCompare(b2.unitName));
    // Each task once (a task with two lead units is in two units' rows): the totals come from the documents' counts.
    const totals = rest.byDocument.reduce((a, d) => ({ tasks: a.tasks + d.tasks, done: a.done + d.done, overdue: a.overdue + d.overdue, dueSoon: a.dueSoon + d.dueSoon }), { tasks: 0, done: 0, overdue: 0, dueSoon: 0 });
    return {
      today: b.today,
      totals,
      byUnit,
      ...rest,
      targets: values.map((v, i) => ({ taskId: v.id, docNumber: v.doc_number, heading: v.heading, targets: JSON.parse(v.targets) as Target[], figures: figures[i], values: JSON.parse(v.target_values ?? '[]') as (number | null)[], percent: v.percent, at: v.at ?? '' })),
    };
  }

  /** 督查通报: which units are late, as of today. */
  async bulletin(): Promise<Bulletin> {
    const d = await this.dashboard();
    // Linked targets only: the figure as read when the bulletin is made (an issued one keeps it).
    const targets = d.targets.flatMap((t) => t.targets.map((g, n) => ({ taskId: t.taskId, docNumber: t.docNumber, heading: t.heading, target: g, figure: t.figures[n], reported: t.values[n] ?? null })).filter((x) => x.figure));
    return { today: d.today, late: d.byUnit.filter((u) => u.overdue > 0).sort((a, b) => b.overdue - a.overdue), totals: d.totals, targets };
  }

  /**
   * The scheduled sweep: 催办 to the units of every task that became 临期, a 督办单 for every task past its deadline,
   * and the week's 督查通报 issued once in the week (dated by its Monday; a weekly bulletin is the office's practice,
   * the gazette sets none), frozen as issued.
   */
  async sweep() {
    const b = await this.boundaries();
    const sent = await this.repo.sweepNotices(b, this.now());
    const monday = mondayOf(b.today);
    const issued = await this.repo.issueBulletin(monday, await this.bulletin(), this.now());
    return { ...sent, bulletin: issued ? monday : null };
  }

  async bulletins() {
    return (await this.repo.bulletins()).map((r) => ({ id: r.id, issuedOn: r.issued_on, issuedAt: r.issued_at, late: (JSON.parse(r.body) as Bulletin).late.length }));
  }

  /** An issued bulletin as it was issued. */
  async issuedBulletin(id: number): Promise<Bulletin & { issuedOn: string }> {
    const r = await this.repo.bulletin(id);
    if (!r) throw notFound(`督查通报 ${id}`);
    return { ...(JSON.parse(r.body) as Bulletin), issuedOn: r.issued_on };
  }

  /** The 督办台账 for Excel: every assigned or finished task the actor may see. */
  async ledger(actor: Actor) {
    const { items } = await this.list(actor, {}, 1, 100_000, { actions: false });
    return items.filter((t) => t.status !== 'proposed');
  }

  async workbench(actor: Actor): Promise<WorkItem[]> {
    const items: WorkItem[] = [];
    const scope = await this.scope(actor);
    if (await this.access.which(actor, OFFICE, {})) {
      const c = await this.repo.officeCounts();
      items.push({ module: '督查督办', title: '抽取的任务待确认交办', count: c.proposed, link: '/supervision?status=proposed' });
      items.push({ module: '督查督办', title: '延期申请待审批', count: c.extensions, link: '/supervision' });
      items.push({ module: '督查督办', title: '牵头单位已报办结，待复核销号', count: c.review, deadline: c.reviewDue, link: '/supervision' });
    } else if (scope.kind === 'unit') {
      const w = await this.repo.waitingOn(scope.unitId, await this.boundaries());
      items.push({ module: '督查督办', title: '督办任务待签收', count: w.unsigned, deadline: w.signDue, link: '/supervision' });
      items.push({ module: '督查督办', title: '督办任务临期或逾期（催办）', count: w.due, deadline: w.dueDate, link: '/supervision' });
      items.push({ module: '督查督办', title: '督办单：逾期未办结，须书面说明', count: await this.repo.openOrders(scope.unitId), link: '/supervision' });
    }
    return items;
  }
}

/** A task the office adds by hand: the document and clause it comes from, what is to be done, who and by when. */
export interface ManualTask {
  docNumber: string;
  part: string | null;
  clause: string;
  heading: string;
  text: string;
  lead: number[];
  support: number[];
  deadline: string | null;
  recurrence: string | null;
}

export type Bulletin = {
  today: string;
  late: Awaited<ReturnType<SupervisionService['dashboard']>>['byUnit'];
  totals: { tasks: number; done: number; overdue: number; dueSoon: number };
  /** Targets linked to a live figure, beside the latest reported value (absent from bulletins issued before links). */
  targets?: { taskId: number; docNumber: string; heading: string; target: Target; figure: Figure | null; reported: number | null }[];
};
