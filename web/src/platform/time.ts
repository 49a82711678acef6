/** Instants as people in 交城 read them, in China time whatever zone the browser is in (never a slice of the UTC string). */
const CHINA_TIME = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false });

/** '2022-06-01T06:05:00Z' → '2022年6月1日 14:05'. */
export const chinaTime = (iso: string) => CHINA_TIME.format(new Date(iso));
