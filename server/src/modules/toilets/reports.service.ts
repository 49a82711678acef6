/** 农村改厕: the villages' and townships' reports on their schedule, pre-filled from the registry, and the roster. */
import type { Actor } from '../../core/audit.js';
import { addDays } from '../../core/calendar.js';
import { conflict, forbidden, invalidField } from '../../core/errors.js';
import { chinaDay } from '../../core/time.js';
import type { DirectoryService } from '../directory/index.js';
import { filterOf, scopeOfToilets, staffOnly } from './toilets.access.js';
import { FROM } from './toilets.states.js';
import type { ToiletsRepository } from './toilets.repository.js';
import { REPORTS, type ReportKind } from './toilets.rules.js';

/**
 * The periods a report kind asks of a unit that joined the programme on `first`, through `last` (the day its work ended,
 * or today), each with its due day; the next weekly one ahead of today is listed too. A month whose due day came
 * before the unit joined asks nothing of it.
 */
export function duePeriods(kind: ReportKind, first: string, last: string, today: string): { period: string; due: string }[] {
  const r = REPORTS.find((x) => x.kind === kind)!;
  const out: { period: string; due: string }[] = [];
  if ('weekday' in r) {
    let d = first;
    while (new Date(`${d}T00:00:00Z`).getUTCDay() !== r.weekday) d = addDays(d, 1);
    const limit = last < today ? last : addDays(today, 6);
    for (; d <= limit; d = addDays(d, 7)) out.push({ period: d, due: d });
    return out;
  }
  const end = (last < today ? last : today).slice(0, 7);
  for (let m = first.slice(0, 7); m <= end; ) {
    const due = `${m}-${String(r.day).padStart(2, '0')}`;
    if (due >= first) out.push({ period: m, due });
    const [y, mo] = m.split('-').map(Number);
    m = mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, '0')}`;
  }
  return out;
}

export class ReportsService {
  constructor(
    private readonly repo: ToiletsRepository,
    private readonly directory: DirectoryService,
    private readonly today: () => string,
    private readonly now: () => string,
  ) {}

  /** The figures a unit reports, from the registry (pre-filled; the unit adds its note). */
  private async figures(unitId: number, level: 'village' | 'township') {
    const rows = await this.repo.progress(level === 'township' ? [unitId] : undefined);
    const f = { surveyed: 0, selected: 0, agreed: 0, started: 0, completed: 0, accepted: 0 };
    for (const r of rows) {
      if (level === 'village' && r.village_id !== unitId) continue;
      const n = Number(r.n);
      f.surveyed += n;
      for (const k of ['selected', 'agreed', 'started', 'completed', 'accepted'] as const) if (FROM[k].includes(r.status)) f[k] += n;
    }
    return f;
  }

  /** The reporting unit: a village committee or a township, its own. */
  private reporter(actor: Actor): { unitId: number; level: 'village' | 'township' } | null {
    const s = scopeOfToilets(actor);
    return s.kind === 'village' ? { unitId: s.villageId, level: 'village' } : s.kind === 'township' ? { unitId: s.townshipId, level: 'township' } : null;
  }

  /** Every report due so far (and the next of each), by unit, with when it came in and whether it was late. */
  async schedule(actor: Actor) {
    const s = filterOf(staffOnly(actor));
    const today = this.today();
    const units = new Map((await this.directory.all()).map((u) => [u.id, u.name]));
    const windows = (await this.repo.reportingWindows(s.townshipIds)).filter((w) => !s.villageIds || s.villageIds.includes(w.village_id));
    // Only the reports of the units on this schedule (the workbench asks on every page).
    const submitted = await this.repo.reports({ unitIds: [...new Set(windows.flatMap((w) => [w.village_id, w.township_id]))] });
    const got = new Map(submitted.map((r) => [`${r.kind}|${r.unit_id}|${r.period}`, r]));
    const out: { kind: ReportKind; name: string; unitId: number; unit: string; period: string; due: string; submittedAt: string | null; late: boolean; state: string }[] = [];
    const add = (kind: ReportKind, unitId: number, period: string, due: string) => {
      const r = got.get(`${kind}|${unitId}|${period}`);
      const late = r ? r.submitted_day > due : today > due;
      out.push({ kind, name: REPORTS.find((x) => x.kind === kind)!.name, unitId, unit: units.get(unitId) ?? '', period, due, submittedAt: r?.submitted_at ?? null, late, state: r ? (late ? '逾期报送' : '按时报送') : late ? '逾期未报' : '待报送' });
    };
    const townships = new Map<number, string>();
    for (const w of windows) {
      const first = chinaDay(String(w.first));
      // Reporting runs while the village has work under way, and up to the day its last toilet was accepted.
      const last = Number(w.open) > 0 || !w.last ? today : chinaDay(String(w.last));
      for (const kind of ['weekly', 'monthly'] as const) for (const d of duePeriods(kind, first, last, today)) add(kind, w.village_id, d.period, d.due);
      const t = townships.get(w.township_id);
      if (!t || first < t) townships.set(w.township_id, first);
    }
    for (const [tid, first] of townships) if (!s.villageIds) for (const d of duePeriods('township', first, today, today)) add('township', tid, d.period, d.due);
    return out.sort((a, b) => b.due.localeCompare(a.due) || a.unit.localeCompare(b.unit));
  }

  /** Submit a report: the unit's own, for a period on the schedule, once. */
  async submitReport(actor: Actor, kind: ReportKind, period: string, note: string) {
    const me = this.reporter(actor);
    if (!me || me.level !== (kind === 'township' ? 'township' : 'village')) throw forbidden(kind === 'township' ? '乡镇月报由乡（镇）向县农业农村局报送' : '村周报、月报由村委会向乡（镇）报送');
    const item = (await this.schedule(actor)).find((x) => x.kind === kind && x.unitId === me.unitId && x.period === period);
    if (!item) throw invalidField('period', '不在日程中', `${period} 不在本单位的报送日程中`);
    const figures = await this.figures(me.unitId, me.level);
    const row = await this.repo.submitReport(actor, { kind, unit_id: me.unitId, period, due: item.due, figures: JSON.stringify(figures), note, by_name: actor.name, submitted_at: this.now(), submitted_day: this.today() });
    if (!row) throw conflict('该期报表已报送');
    return { id: row.id, kind, period, due: row.due, figures, late: row.submitted_day > row.due, submittedAt: row.submitted_at };
  }

  async prefill(actor: Actor, kind: ReportKind) {
    const me = this.reporter(actor);
    if (!me) throw forbidden('只有村委会和乡镇报送');
    return this.figures(me.unitId, kind === 'township' ? 'township' : 'village');
  }

  async reports(actor: Actor) {
    const s = filterOf(staffOnly(actor));
    const units = await this.directory.all();
    const unitIds = s.villageIds ?? (s.townshipIds ? units.filter((u) => s.townshipIds!.includes(u.id) || (u.parentId !== null && s.townshipIds!.includes(u.parentId))).map((u) => u.id) : undefined);
    return (await this.repo.reports({ unitIds })).map((r) => ({ id: r.id, kind: r.kind, unitId: r.unit_id, unit: units.find((u) => u.id === r.unit_id)?.name ?? '', period: r.period, due: r.due, figures: JSON.parse(r.figures) as Record<string, number>, note: r.note, by: r.by_name, submittedAt: r.submitted_at, late: r.submitted_day > r.due }));
  }
}
