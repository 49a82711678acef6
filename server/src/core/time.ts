/**
 * A clock reading ISO-8601 strings in UTC (the zone is part of the value), `offsetMs` ahead of real time.
 * Formatting a date is not free and a busy server asks many times per millisecond, so the string of
 * the current millisecond is kept.
 */
export function isoClock(offsetMs = 0): () => string {
  let ms = NaN;
  let text = '';
  return () => {
    const t = Date.now() + offsetMs;
    if (t !== ms) {
      ms = t;
      text = new Date(t).toISOString();
    }
    return text;
  };
}

/** Current instant as an ISO-8601 string in UTC. */
export const nowIso = isoClock();

let installClock: () => string = nowIso;
/**
 * The install's time, what records are stamped with and what users read on them (the audit trail, files, notices,
 * accounts, an exported sheet's 导出时间): a demo install's demo time, else real time. A process serves one install,
 * so the registry sets it once; sessions and throttles keep real time, as their lifetimes are real.
 */
export const installNow = (): string => installClock();

/** Put the install's clock on `now` (the registry, on a demo install), or back on real time with null. */
export function setInstallClock(now: (() => string) | null): void {
  installClock = now ?? nowIso;
}

/** 交城 keeps China time (UTC+8, no daylight saving). */
const CHINA_OFFSET_MS = 8 * 3600_000;

/** The China-time calendar date (YYYY-MM-DD) of an instant. */
export const chinaDay = (at: string | Date = new Date()) => new Date((typeof at === 'string' ? Date.parse(at) : at.getTime()) + CHINA_OFFSET_MS).toISOString().slice(0, 10);

/** The instant (UTC ISO) at which the China-time day of `at` began. */
export const chinaDayStart = (at: string) => new Date(`${chinaDay(at)}T00:00:00+08:00`).toISOString();

/** 北京时间 of an instant (ISO, or a UTC minute such as 2022-06-11T02:30) as 「YYYY-MM-DD HH:mm」. */
export const chinaMinute = (at: string) => new Date(Date.parse(/Z$|[+-]\d\d:\d\d$/.test(at) ? at : `${at}Z`) + CHINA_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
