/** A demo install's one clock: where it starts, and how the modules' demos replay past days on it. */

/**
 * Where a demo install's clock starts when DEMO_CLOCK_START is unset: Tuesday 12 July 2022, 09:30 in 交城. In the
 * programme year every demo story fits: the fifth voucher round open (from Saturday the 9th), skills registration
 * open to the 15th with the preliminaries and videos done, the grain rotation under way (交政发〔2022〕8号 of 29
 * June), village plans from 交政发〔2022〕3号 (23 April) at every step, supervised tasks due 6月底 overdue and 7月 ones
 * near. A working day, so officials have their day's work.
 */
export const DEMO_CLOCK_DEFAULT = '2022-07-12T09:30:00+08:00';

/** The one clock a demo install's programme modules share. */
export interface DemoClock {
  /** Where it started (ISO with offset). */
  readonly start: string;
  now: () => string;
  /** Run on from `iso` (a demo seed replaying a past day); `resume` puts the clock back on the install's own time. */
  at(iso: string): void;
  resume(): void;
}

/** A demo clock started at `start`, running on in real time. */
export function startDemoClock(start: string): DemoClock {
  if (Number.isNaN(Date.parse(start))) throw new Error(`演示时钟起点 ${start} 不是有效时间`);
  const own = Date.parse(start) - Date.now();
  let offset = own;
  return {
    start,
    now: () => new Date(Date.now() + offset).toISOString(),
    at: (iso) => {
      offset = Date.parse(iso) - Date.now();
    },
    resume: () => {
      offset = own;
    },
  };
}
