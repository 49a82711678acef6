/** The working-day calendar as configured: bundled data plus an administrator's overrides. */
import type { Actor } from '../../core/audit.js';
import { DATA_YEARS, WorkCalendar, addDays, type DayKind, type PeriodUnit } from '../../core/calendar.js';
import { invalidField, notFound } from '../../core/errors.js';
import { installNow } from '../../core/time.js';
import type { CalendarRepository } from './calendar.repository.js';

/** Overrides are re-read at most this often, so every process of a cluster sees an edit soon. */
const REFRESH_MS = 15_000;

export class CalendarService {
  private cached: { at: number; cal: WorkCalendar; notes: Map<string, string | null>; days: Map<string, DayKind>; years: Set<number> } | null = null;

  constructor(private readonly repo: CalendarRepository) {}

  private async state() {
    if (!this.cached || Date.now() - this.cached.at > REFRESH_MS) {
      const o = await this.repo.load();
      this.cached = { at: Date.now(), cal: new WorkCalendar(o), notes: o.notes, days: new Map(o.days), years: new Set(o.years) };
    }
    return this.cached;
  }

  /** The calendar to count periods with. */
  async calendar(): Promise<WorkCalendar> {
    return (await this.state()).cal;
  }

  async days(from: string, to: string) {
    if (to < from) throw invalidField('to', '不能早于起始日期', '截止日期不能早于起始日期');
    const s = await this.state();
    const out: { date: string; workday: boolean; override: DayKind | null; note: string | null }[] = [];
    for (let d = from, n = 0; d <= to && n < 400; d = addDays(d, 1), n++) {
      out.push({ date: d, workday: s.cal.isWorkday(d), override: s.days.get(d) ?? null, note: s.notes.get(d) ?? null });
    }
    return out;
  }

  async overview() {
    const s = await this.state();
    return {
      dataYears: [...DATA_YEARS].sort(),
      declaredYears: [...s.years].sort(),
      overrides: [...s.days.entries()].map(([date, kind]) => ({ date, kind, note: s.notes.get(date) ?? null })),
    };
  }

  async periodEnd(start: string, length: number, unit: PeriodUnit) {
    const cal = await this.calendar();
    return { start, length, unit, end: cal.periodEnd(start, length, unit) };
  }

  async setDay(actor: Actor, day: string, kind: DayKind, note: string | null) {
    await this.repo.setDay(actor, day, kind, note, installNow());
    this.cached = null;
  }

  async removeDay(actor: Actor, day: string) {
    if (!(await this.repo.removeDay(actor, day))) throw notFound(`${day} 的设置`);
    this.cached = null;
  }

  async declareYear(actor: Actor, year: number) {
    await this.repo.declareYear(actor, year, installNow());
    this.cached = null;
  }
}
