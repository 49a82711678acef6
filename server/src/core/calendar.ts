/**
 * Chinese working days and period counting.
 *
 * Statutory holidays and make-up working days (调休) come from chinese-days; a year that data does not
 * cover is refused rather than guessed, unless an administrator has entered that year's days as overrides.
 * Periods follow 民法典 art. 201 (the start day is not counted) and art. 203 (a last day that falls on a
 * 法定休假日 moves to the day after the holiday).
 */
import data from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import { invalidField, unanswerable } from './errors.js';

export type DayKind = 'workday' | 'holiday';
export type PeriodUnit = '日' | '工作日';

const HOLIDAYS = new Set(Object.keys((data as { holidays: Record<string, string> }).holidays));
const MAKEUP_WORKDAYS = new Set(Object.keys((data as { workdays: Record<string, string> }).workdays));
/** Years for which the bundled data lists the State Council's arrangement. */
export const DATA_YEARS: ReadonlySet<number> = new Set([...HOLIDAYS].map((d) => Number(d.slice(0, 4))));

const ISO = /^\d{4}-\d{2}-\d{2}$/;

function parse(date: string): Date {
  if (!ISO.test(date)) throw invalidField('date', '日期格式应为 YYYY-MM-DD', `日期格式应为 YYYY-MM-DD：${date}`);
  const d = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== date) {
    throw invalidField('date', '日期无效', `日期无效：${date}`);
  }
  return d;
}

/** date + n calendar days, ISO. */
export function addDays(date: string, n: number): string {
  const d = parse(date);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

export interface CalendarOverrides {
  /** Days an administrator set, overriding the bundled data. */
  days: ReadonlyMap<string, DayKind>;
  /** Years an administrator declared complete (every holiday and 调休 entered). */
  years: ReadonlySet<number>;
}

export const NO_OVERRIDES: CalendarOverrides = { days: new Map(), years: new Set() };

export class WorkCalendar {
  private readonly ends = new Map<string, string>();
  constructor(private readonly overrides: CalendarOverrides = NO_OVERRIDES) {}

  /** Whether the calendar knows the year (bundled data or declared overrides). */
  covers(year: number): boolean {
    return DATA_YEARS.has(year) || this.overrides.years.has(year);
  }

  /** Working day? Throws CALENDAR_YEAR_UNKNOWN for a year it cannot know. */
  isWorkday(date: string): boolean {
    const d = parse(date);
    const override = this.overrides.days.get(date);
    if (override) return override === 'workday';
    const year = d.getUTCFullYear();
    if (!this.covers(year)) {
      throw unanswerable(
        'CALENDAR_YEAR_UNKNOWN',
        `尚无 ${year} 年的法定节假日安排，无法计算工作日；请管理员在“工作日历”中录入该年的节假日和调休后再试`,
      );
    }
    if (HOLIDAYS.has(date)) return false;
    if (MAKEUP_WORKDAYS.has(date)) return true;
    const dow = d.getUTCDay();
    return dow !== 0 && dow !== 6;
  }

  /** The n-th working day after date (the start day itself is not counted). */
  addWorkdays(date: string, n: number): string {
    let d = date;
    let left = n;
    while (left > 0) {
      d = addDays(d, 1);
      if (this.isWorkday(d)) left--;
    }
    return d;
  }

  /** The first working day on or after date. */
  nextWorkdayOnOrAfter(date: string): string {
    let d = date;
    while (!this.isWorkday(d)) d = addDays(d, 1);
    return d;
  }

  /** Last day of a period of `length` 日 or 工作日 starting on `start` (民法典 arts. 201, 203). */
  periodEnd(start: string, length: number, unit: PeriodUnit): string {
    if (!Number.isInteger(length) || length < 1) throw invalidField('length', '应为正整数', '期限天数应为正整数');
    // A calendar never changes (new overrides make a new one), and every step of a procedure asks the same few
    // questions (today + its deadline): the answers are kept, within a bound.
    const key = `${start}|${length}|${unit}`;
    const known = this.ends.get(key);
    if (known) return known;
    const end = unit === '工作日' ? this.addWorkdays(start, length) : this.nextWorkdayOnOrAfter(addDays(start, length));
    if (this.ends.size >= 10_000) this.ends.clear();
    this.ends.set(key, end);
    return end;
  }

  /** Working days strictly after `from` up to and including `to`. */
  workdaysBetween(from: string, to: string): number {
    let n = 0;
    for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (this.isWorkday(d)) n++;
    return n;
  }
}
