import { describe, expect, it } from 'vitest';
import { WorkCalendar, addDays } from './calendar.js';

const cal = new WorkCalendar();

describe('working days (chinese-days, guarded)', () => {
  it.each([
    ['2022-04-24', true], // Sunday, a make-up working day for 劳动节
    ['2022-05-07', true], // Saturday, a make-up working day
    ['2022-05-02', false],
    ['2022-05-03', false],
    ['2022-05-04', false],
    ['2022-10-01', false],
    ['2022-10-07', false],
    ['2022-10-08', true], // Saturday, make-up
    ['2022-06-03', false], // 端午节
    ['2022-06-08', true],
    ['2022-06-11', false], // an ordinary Saturday
  ])('%s working day: %s', (d, w) => expect(cal.isWorkday(d)).toBe(w));

  it('refuses to guess a year the data does not cover', () => {
    expect(() => cal.isWorkday('2031-03-03')).toThrow(/尚无 2031 年的法定节假日安排/);
  });

  it('uses an administrator’s overrides for an uncovered year once declared', () => {
    const c = new WorkCalendar({ days: new Map([['2031-10-01', 'holiday']]), years: new Set([2031]) });
    expect(c.isWorkday('2031-10-01')).toBe(false);
    expect(c.isWorkday('2031-10-08')).toBe(true);
  });

  it('rejects malformed dates', () => {
    expect(() => cal.isWorkday('2022-02-30')).toThrow(/日期无效/);
    expect(() => cal.isWorkday('2022/02/03')).toThrow(/YYYY-MM-DD/);
  });
});

describe('periods (民法典 arts. 201, 203)', () => {
  it('does not count the start day', () => {
    expect(cal.periodEnd('2022-06-06', 7, '日')).toBe('2022-06-13');
  });

  it('moves a last day that falls on a holiday to the next working day', () => {
    // 2022-09-24 + 7 days = 2022-10-01 (国庆) → 2022-10-08 (make-up Saturday)
    expect(cal.periodEnd('2022-09-24', 7, '日')).toBe('2022-10-08');
    // ends on an ordinary Sunday → Monday
    expect(cal.periodEnd('2022-06-05', 7, '日')).toBe('2022-06-13');
  });

  it('counts working days over holidays and make-up days', () => {
    // After 2022-04-29 (Fri): 5-1..5-4 holidays, 5-5 Thu, 5-6 Fri, 5-7 Sat (make-up), 5-9 Mon, 5-10 Tue
    expect(cal.periodEnd('2022-04-29', 5, '工作日')).toBe('2022-05-10');
    // After 2022-04-22 (Fri): 4-24 Sunday is a working day
    expect(cal.periodEnd('2022-04-22', 1, '工作日')).toBe('2022-04-24');
    expect(cal.workdaysBetween('2022-09-30', '2022-10-09')).toBe(2);
  });

  it('adds calendar days across months and leap years', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2022-12-31', 1)).toBe('2023-01-01');
  });
});
