/** 督查督办: a task as the pages read it, and the pure helpers the service builds its views with. */
import { addDays } from '../../core/calendar.js';
import type { StepAction, StepLogEntry } from '../../core/workflow.js';
import type { Target } from './supervision.extract.js';
import type { TaskRecord } from './supervision.records.js';
import type { Figure } from './supervision.indicators.js';
import type { ExtensionRow, ReportRow, TaskUnitRow } from './supervision.repository.js';
import type { TaskStatus } from './supervision.states.js';

export interface TaskView {
  id: number;
  docNumber: string;
  part: string | null;
  /** The plan the clause belongs to, as short as it reads in a list (a document with several plans repeats clause numbers). */
  plan: string | null;
  /** Plan and clause, as the 条款 column shows them. */
  clause: string;
  path: string[];
  heading: string;
  text: string;
  /** extract: proposed by extraction; manual: added by the office by hand. */
  origin: 'extract' | 'manual';
  unitsText: string;
  unknownUnits: string[];
  /** Each unit holding the task with its own light: signed, reported (a supporting unit's state never sets the task's). */
  units: UnitView[];
  deadline: string | null;
  /** The text's own words for the deadline (never the office's note). */
  deadlineText: string | null;
  /** Where the date comes from: read from the text, or fixed by the county office. */
  deadlineSource: '原文' | '县政府办公室核定' | null;
  extendedTo: string | null;
  recurrence: string | null;
  nextDue: string | null;
  targets: Target[];
  /** Each target's live figure from the module it is linked to (null: not linked), by target index. */
  figures: (Figure | null)[];
  /** Each dated step, whether the lead unit has reported it met, and whether it is chased (due on or after 交办). */
  milestones: { date: string; text: string; met: boolean; chased: boolean }[];
  /** The next step chased, before the final date (its own 临期/逾期 and 催办); null when none is open. */
  stepDue: string | null;
  /** 需核定: why the text's date may be read otherwise, with the readings offered; decided once the office assigns or fixes the date. */
  disputed: string | null;
  disputedDecided: boolean;
  status: TaskStatus;
  statusLabel: string;
  light: 'green' | 'yellow' | 'red' | 'grey';
  returns: number;
  assignedOn: string | null;
  signDue: string | null;
  doneAt: string | null;
  actions: StepAction[];
}

/** A plan's name without the county and the year every plan of the gazette repeats: 「空气质量巩固提升行动方案」. */
export function planName(part: string | null): string | null {
  if (!part) return null;
  const short = part.replace(/^交城县/, '').replace(/\d{4}年(度)?/, '').replace(/^关于/, '');
  return short || part;
}

/** The 条款 a list shows: the plan when the document has parts, then the printed path. */
export function clauseOf(part: string | null, path: readonly string[]): string {
  const plan = planName(part);
  return plan ? `${plan} ${path.join('')}` : path.join('');
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

/**
 * A task's dated steps, each once: the steps are the text's dates before its own final date (an approved extension
 * moves the final date, not the steps), `open` while not met, `chased` when it falls on or after the day of 交办 (a step
 * already past when the office assigns it is shown, not chased: the unit was never told it in time; the office's
 * practice, inferred).
 */
export function stepsOf<M extends { date: string }>(milestones: readonly M[], deadline: string | null, met: readonly string[], assignedOn: string | null): (M & { step: boolean; met: boolean; open: boolean; chased: boolean })[] {
  return milestones.map((m, i) => {
    const step = (!deadline || m.date < deadline) && milestones.findIndex((x) => x.date === m.date) === i;
    const done = met.includes(m.date);
    return { ...m, step, met: done, open: step && !done, chased: step && !!assignedOn && m.date >= assignedOn };
  });
}

/** The next step a task is chased by: the earliest open, chased step (stepsOf); null when none is. */
export function nextStep(milestones: readonly { date: string }[], deadline: string | null, met: readonly string[], assignedOn: string): string | null {
  return stepsOf(milestones, deadline, met, assignedOn).filter((m) => m.open && m.chased).map((m) => m.date).sort()[0] ?? null;
}

export type TaskDetail = TaskView & {
  timeline: StepLogEntry[];
  records: TaskRecord[];
  reports: ReturnType<typeof reportView>[];
  extensions: ReturnType<typeof extensionView>[];
  notices: { kind: 'remind' | 'order'; unitName: string; due: string; issuedAt: string }[];
};


/** The Monday of the week a day falls in (the week a 督查通报 covers). */
export function mondayOf(day: string): string {
  const wd = (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7;
  return addDays(day, -wd);
}

/** 考评: 100 less 10 per overdue task, 5 per return; on-time completion is what the score rewards (the office's practice). */
export function score(u: { tasks: number; done: number; onTime: number; overdue: number; returns: number }): number {
  return Math.max(0, 100 - 10 * u.overdue - 5 * u.returns - 5 * (u.done - u.onTime));
}

export interface UnitView {
  unitId: number;
  unitName: string;
  /** The unit's part in the task (not an account's role). */
  part: 'lead' | 'support';
  signedAt: string | null;
  /** The unit's latest report (progress or 汇总): its time and percent. */
  reportedAt: string | null;
  percent: number | null;
  state: 'unsigned' | 'signed' | 'reported';
  stateLabel: string;
  light: 'green' | 'yellow' | 'red' | 'grey';
}

const UNIT_STATE_LABELS = { unsigned: '未签收', signed: '已签收', reported: '已报送' } as const;

/** One unit's own light: yellow until it signs (red once the task is overdue), green once signed. */
export function unitView(u: TaskUnitRow, unitName: string, last: { at: string; percent: number | null } | null, task: TaskStatus): UnitView {
  const state = !u.signed_at ? 'unsigned' : last ? 'reported' : 'signed';
  const light = task === 'proposed' ? 'grey' : state !== 'unsigned' ? 'green' : task === 'overdue' ? 'red' : 'yellow';
  return { unitId: u.unit_id, unitName, part: u.role, signedAt: u.signed_at, reportedAt: last?.at ?? null, percent: last?.percent ?? null, state, stateLabel: UNIT_STATE_LABELS[state], light };
}

export const reportView = (r: ReportRow) => ({ id: r.id, unitId: r.unit_id, kind: r.kind, text: r.text, percent: r.percent, values: JSON.parse(r.target_values) as (number | null)[], by: r.by_name, at: r.at });
export const extensionView = (e: ExtensionRow) => ({ id: e.id, taskId: e.task_id, unitId: e.unit_id, to: e.to_date, reason: e.reason, status: e.status, requestedBy: e.requested_by, requestedAt: e.requested_at, decidedBy: e.decided_by });

/** The units of a task by role: each lead once, and a supporting unit only where it does not lead. */
export function unitRoles(lead: readonly number[], support: readonly number[]): { unitId: number; role: 'lead' | 'support' }[] {
  const units: { unitId: number; role: 'lead' | 'support' }[] = [...new Set(lead)].map((unitId) => ({ unitId, role: 'lead' }));
  for (const unitId of new Set(support)) if (!lead.includes(unitId)) units.push({ unitId, role: 'support' });
  return units;
}
