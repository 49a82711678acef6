/**
 * 办理记录: every step of a task in order — 立项 (extracted or added by hand), 核定, 交办, 签收, 进展 and 汇总, 延期 and
 * its decision, 办结销号 or 退回 — each with the unit that took it and the person (their name, not their username).
 */
import type { StepLogEntry } from '../../core/workflow.js';
import type { ExtensionRow, ReportRow, TaskRow, TaskUnitRow } from './supervision.repository.js';

export interface TaskRecord {
  at: string;
  step: string;
  label: string;
  unitName: string | null;
  person: string;
  note: string | null;
}

/** Steps a unit takes; the rest are the office's (县人民政府办公室, or the county administrator acting for it). */
const UNIT_STEPS = new Set(['sign', 'report_progress', 'report_consolidated', 'request_extension']);

/** What each step is called in the record. */
const LABELS: Record<string, string> = { correct: '核定', confirm: '交办', accept: '办结销号', return: '退回' };

/**
 * The record of one task from its row (立项) and its step log. A unit step's unit is the one the username acted for
 * on this task (its signature, report or request); `person` turns a username into the account's name.
 */
export function taskRecords(
  row: TaskRow,
  log: readonly StepLogEntry[],
  on: { units: readonly TaskUnitRow[]; reports: readonly ReportRow[]; extensions: readonly ExtensionRow[] },
  unitName: (id: number) => string,
  officeName: string,
  person: (username: string) => string,
): TaskRecord[] {
  const unitOf = new Map<string, number>();
  for (const u of on.units) if (u.signed_by) unitOf.set(u.signed_by, u.unit_id);
  for (const r of on.reports) if (r.unit_id !== null) unitOf.set(r.by_name, r.unit_id);
  for (const e of on.extensions) unitOf.set(e.requested_by, e.unit_id);
  const made: TaskRecord = {
    at: row.created_at,
    step: 'create',
    label: row.origin === 'manual' ? '立项（手工添加）' : '立项（从公文抽取）',
    unitName: officeName,
    person: person(row.created_by),
    note: null,
  };
  const steps = log
    .filter((e) => e.step !== 'create')
    .map((e): TaskRecord => {
      const unit = UNIT_STEPS.has(e.step) ? unitOf.get(e.actor) : undefined;
      return { at: e.at, step: e.step, label: LABELS[e.step] ?? e.label, unitName: UNIT_STEPS.has(e.step) ? (unit === undefined ? null : unitName(unit)) : officeName, person: person(e.actor), note: e.note };
    });
  return [made, ...steps];
}
