/** 督查督办: the rules of the tracker; SQL lives in the repository. */
import type { Actor } from '../../core/audit.js';
import { addDays } from '../../core/calendar.js';
import { AppError, notFound } from '../../core/errors.js';
import type { WorkItem } from '../../core/module.js';
import type { CalendarService } from '../calendar/index.js';
import { resolveUnitName, type DirectoryService } from '../directory/index.js';
import type { GazetteService } from '../gazette/index.js';
import { extractTasks, type ProposedTask, type Target } from './supervision.extract.js';
import type { Boundaries, ExtensionLost, ExtensionRow, NewTask, ReportRow, SupervisionRepository, TaskRow, TaskUnitRow } from './supervision.repository.js';
import { DUE_SOON_WORKDAYS, LIGHTS, SIGN_WITHIN_WORKDAYS, STATUS_LABELS, type TaskStatus } from './supervision.rules.js';

/** Who sees every task: the county office (and the auditor, read-only). */
const SEES_ALL = new Set(['county_admin', 'auditor']);

export interface TaskView {
  id: number;
  docNumber: string;
  part: string | null;
  path: string[];
  heading: string;
  text: string;
  unitsText: string;
  unknownUnits: string[];
  units: { unitId: number; unitName: string; role: 'lead' | 'support'; signedAt: string | null }[];
  deadline: string | null;
  deadlineText: string | null;
  extendedTo: string | null;
  recurrence: string | null;
  nextDue: string | null;
  targets: Target[];
  milestones: { date: string; text: string }[];
  status: TaskStatus;
  statusLabel: string;
  light: 'green' | 'yellow' | 'red' | 'grey';
  returns: number;
  assignedOn: string | null;
  signDue: string | null;
  doneAt: string | null;
}

/** The next day a schedule in words falls due on or after `today` (每年2月底和8月底, 每季度, 每月); null when unknown. */
export function nextOccurrence(recurrence: string | null, today: string): string | null {
  if (!recurrence) return null;
  const y = Number(today.slice(0, 4));
  const monthEnd = (yy: number, m: number) => `${yy}-${String(m).padStart(2, '0')}-${String(new Date(Date.UTC(yy, m, 0)).getUTCDate()).padStart(2, '0')}`;
  let months: number[] = [];
  const yearly = /^每年(.*)$/.exec(recurrence);
  if (yearly) months = [...yearly[1].matchAll(/(\d{1,2})月/g)].map((m) => Number(m[1]));
  else if (recurrence === '每季度') months = [3, 6, 9, 12];
  else if (recurrence === '每月') months = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
  else if (recurrence === '每半年') months = [6, 12];
  const days = [y, y + 1].flatMap((yy) => months.map((m) => monthEnd(yy, m))).filter((d) => d >= today).sort();
  return days[0] ?? null;
}

export class SupervisionService {
  constructor(
    private readonly repo: SupervisionRepository,
    private readonly gazette: GazetteService,
    private readonly directory: DirectoryService,
    private readonly calendar: CalendarService,
    private readonly today: () => string,
    private readonly now: () => string,
  ) {}

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
    const due = t.extended_to ?? t.deadline ?? nextOccurrence(t.recurrence, b.today);
    if (due && due < b.today) return 'overdue';
    if (units.some((u) => !u.signed_at)) return 'unsigned';
    if (due && due <= b.soon) return 'due_soon';
    if (t.extended_to) return 'extended';
    return 'in_progress';
  }

  private async views(rows: TaskRow[]): Promise<TaskView[]> {
    const [units, all, b] = await Promise.all([this.repo.unitsOf(rows.map((r) => r.id)), this.directory.all(), this.boundaries()]);
    const names = new Map(all.map((u) => [u.id, u.name]));
    return rows.map((t) => {
      const mine = units.filter((u) => u.task_id === t.id);
      const status = this.statusOf(t, mine, b);
      return {
        id: t.id,
        docNumber: t.doc_number,
        part: t.part,
        path: JSON.parse(t.path) as string[],
        heading: t.heading,
        text: t.text,
        unitsText: t.units_text,
        unknownUnits: JSON.parse(t.unknown_units) as string[],
        units: mine.map((u) => ({ unitId: u.unit_id, unitName: names.get(u.unit_id) ?? `#${u.unit_id}`, role: u.role, signedAt: u.signed_at })),
        deadline: t.deadline,
        deadlineText: t.deadline_text,
        extendedTo: t.extended_to,
        recurrence: t.recurrence,
        nextDue: t.status === 'done' ? null : (t.extended_to ?? t.deadline ?? nextOccurrence(t.recurrence, b.today)),
        targets: JSON.parse(t.targets) as Target[],
        milestones: JSON.parse(t.milestones) as { date: string; text: string }[],
        status,
        statusLabel: STATUS_LABELS[status],
        light: LIGHTS[status],
        returns: t.returns,
        assignedOn: t.assigned_on,
        signDue: t.sign_due,
        doneAt: t.done_at,
      };
    });
  }

  /** Who may read and attach files (photos, documents) to a task's reports: the units holding it, and the office. */
  readonly filePolicy = {
    canRead: async (actor: Actor | null, entityId: string) => {
      if (!actor || !/^\d+$/.test(entityId)) return false;
      if (SEES_ALL.has(actor.role)) return true;
      return (await this.repo.unitsOf([Number(entityId)])).some((u) => u.unit_id === actor.unitId);
    },
    canAttach: async (actor: Actor, entityId: string) => {
      const t = /^\d+$/.test(entityId) ? await this.repo.task(Number(entityId)) : undefined;
      return !!t && t.status === 'assigned' && (await this.repo.unitsOf([t.id])).some((u) => u.unit_id === actor.unitId);
    },
  };

  /** Proposed tasks of a stored document (no database needed by the extractor itself). */
  async propose(docNumber: string): Promise<ProposedTask[]> {
    const d = await this.gazette.get(docNumber);
    const units = await this.directory.all();
    return extractTasks({ docNumber: d.docNumber, date: d.date, body: d.body, parts: d.parts }, (n) => resolveUnitName(units, n)?.name ?? null);
  }

  /** 立项 step 1: extract a document's tasks as proposals (nothing is assigned until a person confirms). */
  async extract(actor: Actor, docNumber: string) {
    const proposals = await this.propose(docNumber);
    const units = await this.directory.all();
    const idOf = new Map(units.map((u) => [u.name, u.id]));
    const rows: NewTask[] = proposals.map((p) => ({
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
      recurrence: p.recurrence,
      targets: JSON.stringify(p.targets),
      milestones: JSON.stringify(p.milestones),
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
    return { docNumber, found: proposals.length, added, flagged: proposals.filter((p) => p.unknownUnits.length || !p.lead.length).length };
  }

  private scope(actor: Actor): number[] | undefined {
    if (SEES_ALL.has(actor.role)) return undefined;
    return actor.unitId ? [actor.unitId] : [];
  }

  async list(actor: Actor, f: { docNumber?: string; status?: 'proposed' | 'assigned' | 'done' }, page: number, pageSize: number) {
    const unitIds = this.scope(actor);
    // Proposals are the office's work in progress: units see tasks once assigned.
    if (unitIds && f.status === 'proposed') return { items: [], total: 0 };
    const { rows, total } = await this.repo.list({ ...f, unitIds, assignedOnly: !!unitIds }, pageSize, (page - 1) * pageSize);
    return { items: await this.views(rows), total };
  }

  private async load(actor: Actor, id: number) {
    const t = await this.repo.task(id);
    if (!t) throw notFound(`督办任务 ${id}`);
    const [view] = await this.views([t]);
    const scope = this.scope(actor);
    if (scope && (t.status === 'proposed' || !view.units.some((u) => scope.includes(u.unitId)))) throw notFound(`督办任务 ${id}`);
    return { row: t, view };
  }

  async get(actor: Actor, id: number) {
    const { view } = await this.load(actor, id);
    const [reports, extensions, notices, all] = await Promise.all([this.repo.reports(id), this.repo.extensions(id), this.repo.noticesOf(id), this.directory.all()]);
    const names = new Map(all.map((u) => [u.id, u.name]));
    return {
      ...view,
      reports: reports.map(reportView),
      extensions: extensions.map(extensionView),
      notices: notices.map((n) => ({ kind: n.kind, unitName: names.get(n.unit_id) ?? `#${n.unit_id}`, due: n.due, issuedAt: n.issued_at })),
    };
  }

  /** Correct a proposal: units from the directory, the deadline (with the words it stands for), the schedule. */
  async correct(actor: Actor, id: number, body: { lead: number[]; support: number[]; deadline: string | null; recurrence: string | null }) {
    const { row } = await this.load(actor, id);
    const known = new Set((await this.directory.all()).map((u) => u.id));
    const bad = [...body.lead, ...body.support].find((u) => !known.has(u));
    if (bad) throw new AppError('VALIDATION_FAILED', 400, `单位 ${bad} 不在组织机构目录中`, [{ field: 'lead', message: '单位不存在' }]);
    const units: { unitId: number; role: 'lead' | 'support' }[] = [...new Set(body.lead)].map((unitId) => ({ unitId, role: 'lead' }));
    for (const unitId of new Set(body.support)) if (!body.lead.includes(unitId)) units.push({ unitId, role: 'support' });
    const deadlineText = body.deadline === row.deadline ? row.deadline_text : body.deadline ? `${row.deadline_text ? `原文「${row.deadline_text}」，` : ''}县政府办公室核定为 ${body.deadline}` : null;
    if (!(await this.repo.correct(actor, id, { deadline: body.deadline, deadline_text: deadlineText, recurrence: body.recurrence }, units))) throw new AppError('CONFLICT', 409, '任务已交办，不能再修改；如需调整时限请由责任单位申请延期');
    return this.get(actor, id);
  }

  /** 立项 → 交办: a person confirms; the units must sign within SIGN_WITHIN_WORKDAYS working days. */
  async confirm(actor: Actor, id: number) {
    const { view } = await this.load(actor, id);
    if (view.status !== 'proposed') throw new AppError('CONFLICT', 409, '该任务已交办');
    if (!view.units.some((u) => u.role === 'lead')) throw new AppError('VALIDATION_FAILED', 400, '请先确定牵头单位（原文单位未能在组织机构目录中找到的，请在修改中选择）', [{ field: 'lead', message: '缺少牵头单位' }]);
    if (!view.deadline && !view.recurrence) throw new AppError('VALIDATION_FAILED', 400, '原文未写完成时限：请先核定时限或周期', [{ field: 'deadline', message: '缺少时限' }]);
    const today = this.today();
    const cal = await this.calendar.calendar();
    const signDue = cal.addWorkdays(today, SIGN_WITHIN_WORKDAYS);
    if (!(await this.repo.confirm(actor, id, today, signDue))) throw new AppError('CONFLICT', 409, '该任务已交办');
    return this.get(actor, id);
  }

  private async ownUnit(actor: Actor, id: number) {
    const { row, view } = await this.load(actor, id);
    const unit = view.units.find((u) => u.unitId === actor.unitId);
    if (!unit) throw new AppError('FORBIDDEN', 403, '该任务不由本单位承办');
    if (row.status !== 'assigned') throw new AppError('CONFLICT', 409, row.status === 'done' ? '任务已办结' : '任务尚未交办');
    return { row, view, unit };
  }

  /** 签收. */
  async sign(actor: Actor, id: number) {
    const { unit } = await this.ownUnit(actor, id);
    if (unit.signedAt) throw new AppError('CONFLICT', 409, '本单位已签收');
    if (!(await this.repo.sign(actor, id, unit.unitId, this.now()))) throw new AppError('CONFLICT', 409, '本单位已签收');
    return this.get(actor, id);
  }

  /** 办理/反馈: a unit's progress report, with a value for each target it measures. */
  async report(actor: Actor, id: number, body: { text: string; percent: number; values: (number | null)[]; consolidated: boolean }) {
    const { view, unit } = await this.ownUnit(actor, id);
    if (!unit.signedAt) throw new AppError('CONFLICT', 409, '请先签收任务再报送进展');
    // 「牵头单位汇总」: the lead unit reports for the task as a whole, from the supporting units' reports.
    if (body.consolidated && unit.role !== 'lead') throw new AppError('FORBIDDEN', 403, '汇总报送由牵头单位办理');
    if (body.values.length > view.targets.length) throw new AppError('VALIDATION_FAILED', 400, `该任务只有 ${view.targets.length} 项指标`, [{ field: 'values', message: '指标数量不符' }]);
    await this.repo.addReport(actor, { task_id: id, unit_id: unit.unitId, kind: body.consolidated ? 'consolidated' : 'progress', text: body.text, percent: body.percent, target_values: JSON.stringify(body.values), by_name: actor.name, at: this.now() });
    return this.get(actor, id);
  }

  /** 复核 → 办结销号, or 退回 with a reason. */
  async finish(actor: Actor, id: number, accept: boolean, note: string) {
    const { row } = await this.load(actor, id);
    if (row.status !== 'assigned') throw new AppError('CONFLICT', 409, row.status === 'done' ? '任务已办结' : '任务尚未交办');
    if (accept) {
      const reports = await this.repo.reports(id);
      const units = await this.repo.unitsOf([id]);
      // With supporting units the lead unit's consolidated report is what the office reviews; alone, its progress report.
      const needed = units.some((u) => u.role === 'support') ? 'consolidated' : 'progress';
      if (!reports.some((r) => r.kind === needed || r.kind === 'consolidated')) throw new AppError('CONFLICT', 409, needed === 'consolidated' ? '牵头单位尚未汇总报送办理情况，不能办结' : '责任单位尚未报送办理情况，不能办结');
    }
    // Answered on the task as loaded: a 办结 or 退回 given meanwhile (another tab, another officer) wins, this one is refused.
    if (!(await this.repo.finish(actor, id, accept, note, this.now(), row.returns))) throw new AppError('CONFLICT', 409, '该任务刚刚已被复核（办结或退回），请刷新后查看');
    return this.get(actor, id);
  }

  async requestExtension(actor: Actor, id: number, to: string, reason: string) {
    const { view, unit } = await this.ownUnit(actor, id);
    const current = view.extendedTo ?? view.deadline;
    if (current && to <= current) throw new AppError('VALIDATION_FAILED', 400, `延期后的时限应晚于现时限 ${current}`, [{ field: 'to', message: '应晚于现时限' }]);
    const r = await this.repo.requestExtension(actor, { task_id: id, unit_id: unit.unitId, to_date: to, reason, requested_by: actor.name, requested_at: this.now() });
    if (r === 'pending') throw new AppError('CONFLICT', 409, '已有待审批的延期申请');
    if (r === 'closed') throw new AppError('CONFLICT', 409, '任务已办结，不能再申请延期');
    return this.get(actor, id);
  }

  async decideExtension(actor: Actor, extensionId: number, approve: boolean) {
    const row = await this.repo.decideExtension(actor, extensionId, approve, this.now());
    if (typeof row === 'string') throw new AppError('CONFLICT', 409, EXTENSION_LOST[row]);
    return this.get(actor, row.task_id);
  }

  async pendingExtensions() {
    return (await this.repo.extensions(null, 'pending')).map(extensionView);
  }

  /** Dashboards: by unit (with 考评), by document, by month of deadline; targets vs reported values. */
  async dashboard() {
    const b = await this.boundaries();
    const [units, rest, values, all] = await Promise.all([this.repo.byUnit(b), this.repo.byDocumentAndMonth(b), this.repo.latestValues(200), this.directory.all()]);
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
      targets: values.map((v) => ({ taskId: v.id, docNumber: v.doc_number, heading: v.heading, targets: JSON.parse(v.targets) as Target[], values: JSON.parse(v.target_values ?? '[]') as (number | null)[], percent: v.percent, at: v.at ?? '' })),
    };
  }

  /** 督查通报: which units are late, as of today. */
  async bulletin(): Promise<Bulletin> {
    const d = await this.dashboard();
    return { today: d.today, late: d.byUnit.filter((u) => u.overdue > 0).sort((a, b) => b.overdue - a.overdue), totals: d.totals };
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
    const { items } = await this.list(actor, {}, 1, 100_000);
    return items.filter((t) => t.status !== 'proposed');
  }

  async workbench(actor: Actor): Promise<WorkItem[]> {
    const items: WorkItem[] = [];
    if (actor.role === 'county_admin') {
      const c = await this.repo.officeCounts();
      items.push({ module: '督查督办', title: '抽取的任务待确认交办', count: c.proposed, link: '/supervision?status=proposed' });
      items.push({ module: '督查督办', title: '延期申请待审批', count: c.extensions, link: '/supervision' });
    }
    if (actor.unitId && (actor.role === 'department_official' || actor.role === 'township_official')) {
      const w = await this.repo.waitingOn(actor.unitId, await this.boundaries());
      items.push({ module: '督查督办', title: '督办任务待签收', count: w.unsigned, deadline: w.signDue, link: '/supervision' });
      items.push({ module: '督查督办', title: '督办任务临期或逾期（催办）', count: w.due, deadline: w.dueDate, link: '/supervision' });
      items.push({ module: '督查督办', title: '督办单：逾期未办结，须书面说明', count: await this.repo.openOrders(actor.unitId), link: '/supervision' });
    }
    return items;
  }
}

export type Bulletin = { today: string; late: Awaited<ReturnType<SupervisionService['dashboard']>>['byUnit']; totals: { tasks: number; done: number; overdue: number; dueSoon: number } };

/** The Monday of the week a day falls in (the week a 督查通报 covers). */
function mondayOf(day: string): string {
  const wd = (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7;
  return addDays(day, -wd);
}

/** Why a decision on an extension was refused (it wrote nothing). */
const EXTENSION_LOST: Record<ExtensionLost, string> = {
  decided: '该延期申请不存在或已审批',
  // After 办结 the deadline stays as it was: the task's 考评 is that of its finish.
  closed: '任务已办结，延期申请不再审批',
  not_later: '批准后的时限不晚于任务现时限（已有更晚的延期获批），不能批准',
};

/** 考评: 100 less 10 per overdue task, 5 per return; on-time completion is what the score rewards (the office's practice). */
function score(u: { tasks: number; done: number; onTime: number; overdue: number; returns: number }): number {
  return Math.max(0, 100 - 10 * u.overdue - 5 * u.returns - 5 * (u.done - u.onTime));
}

const reportView = (r: ReportRow) => ({ id: r.id, unitId: r.unit_id, kind: r.kind, text: r.text, percent: r.percent, values: JSON.parse(r.target_values) as (number | null)[], by: r.by_name, at: r.at });
const extensionView = (e: ExtensionRow) => ({ id: e.id, taskId: e.task_id, unitId: e.unit_id, to: e.to_date, reason: e.reason, status: e.status, requestedBy: e.requested_by, requestedAt: e.requested_at, decidedBy: e.decided_by });
