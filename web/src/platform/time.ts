/** Instants as people in 交城 read them, in China time whatever zone the browser is in (never a slice of the UTC string). */
const CHINA_TIME = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false });

/** '2022-06-01T06:05:00Z' → '2022年6月1日 14:05'. */
export const chinaTime = (iso: string) => CHINA_TIME.format(new Date(iso));

const CHINA_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });
const CHINA_MINUTE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false });

/** The China date of an instant: '2022-06-01T17:05:00Z' → '2022-06-02'. */
export const chinaDate = (iso: string) => CHINA_DATE.format(new Date(iso));

/** An instant to the minute in China time, for tables: '2022-06-01T06:05:00Z' → '2022-06-01 14:05'. */
export const chinaMinute = (iso: string) => CHINA_MINUTE.format(new Date(iso)).replace(', ', ' ');
