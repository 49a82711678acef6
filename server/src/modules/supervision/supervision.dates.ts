/**
 * The dates and schedules a clause states (督查督办): deadlines in the gazette's words (「10月底前」「年底」「6月底—7月上旬」),
 * years alone (「年内」「“十四五”期间」) and recurring duties (「每周四」「每月24日前」「汛期」), each with its words kept.
 */
const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const iso = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;

/** A date mention: where it is, what it says, the date it means. */
export interface DateMention {
  index: number;
  words: string;
  date: string;
  /** Set by an extension limit (「不能超过…」): not a deadline. */
  limit: boolean;
  /** The start of a range (「6月底—7月上旬」): the date is its end. */
  from?: string;
  /** Why the reading may be disputed, with the readings offered (需核定). */
  disputed?: string;
}

// 2022年10月底前 · 6月底前 · 到9月底 · 2023年年底 · 年底 · 2022年5月前 · 2022年5底前 (sic, 交政办发〔2022〕6号) · 今年
const DATE_RE =
  /(?:(\d{4})年|(今年))?(?:(\d{1,2})(?:月(底|末|上旬|中旬|下旬|(\d{1,2})日)?|(底))(前|以前|之前)?|(年底|年末|年年底|(?<=\d年)底)(前|以前|之前)?)/g;

/** Every date the text states, in order; months without a year take the last year named before them. */
export function findDates(text: string, docYear: number): DateMention[] {
  const out: DateMention[] = [];
  let year = docYear;
  for (const m of text.matchAll(DATE_RE)) {
    const [words, y, thisYear, month, monthPart, day, bareDi, before, yearEnd] = m;
    const at = m.index!;
    if (!month && !yearEnd) {
      if (y) year = Number(y);
      continue;
    }
    // 「1-10月份」「6-9月份」 are spans of months, 「7吨/月」 a rate: not dates.
    const prev = text[at - 1] ?? '';
    const next = text[at + words.length] ?? '';
    if (month && !y && /[-—～~/\d]/.test(prev)) continue;
    if (month && !monthPart && !bareDi && next === '份') continue;
    if (month && !monthPart && !bareDi && !before) continue; // 「8月」 alone is a month of work, not a deadline
    if (y) year = Number(y);
    else if (thisYear) year = docYear;
    let date: string;
    if (yearEnd) date = iso(year, 12, 31);
    else {
      const mo = Number(month);
      if (mo < 1 || mo > 12) continue;
      if (day) date = iso(year, mo, Number(day));
      else if (monthPart === '上旬') date = iso(year, mo, 10);
      else if (monthPart === '中旬') date = iso(year, mo, 20);
      else if (monthPart || bareDi) date = iso(year, mo, lastDay(year, mo));
      // 「X月前」: strictly before the month begins (supervision.rules.ts DEADLINE_RULES_TEXT).
      else date = mo === 1 ? iso(year - 1, 12, 31) : iso(year, mo - 1, lastDay(year, mo - 1));
    }
    const loose = month && !monthPart && !bareDi && before ? iso(year, Number(month), lastDay(year, Number(month))) : null;
    const doubt = loose ? `「${words}」从严为 ${date}，亦可读作 ${loose}` : undefined;
    const limit = /(不能超过|不得超过|不超过|最迟不超过)$/.test(text.slice(Math.max(0, at - 8), at));
    // 「6月底—7月上旬」: a range keeps both ends; its deadline is the end.
    const dash = /^[—～~-]+/.exec(text.slice(at + words.length));
    const end = dash ? findDates(text.slice(at + words.length + dash[0].length), year)[0] : undefined;
    if (end && end.index === 0) out.push({ index: at, words: `${words}${dash![0]}${end.words}`, date: end.date, limit, from: date, disputed: `「${words}${dash![0]}${end.words}」为区间：起 ${date}，止 ${end.date}` });
    else out.push({ index: at, words, date, limit, ...(doubt ? { disputed: doubt } : {}) });
  }
  return out;
}

const WEEKDAY = '[一二三四五六日天]';
// 年度内 · 年内 · 今年冬季 · 今年启动… · 完成今年… · “十四五”期间 · 到2025年 · 2022年度: a year, not a month; the words are kept beside it.
const YEAR_RE = /(年度内|(?<![一二三四五六七八九十\d])年内|今年冬季|今年(?=[启完开实全])|(?<=完成|确保|实现)今年|[“"]十四五[”"]期间|到(\d{4})年(?![底末\d]|度)|(\d{4})年度)/g;

/** Dates a text states by its year alone: the last day of that year (「“十四五”期间」 is 2025). */
export function findYearWords(text: string, docYear: number): DateMention[] {
  return [...text.matchAll(YEAR_RE)].map((m) => {
    const year = m[2] ? Number(m[2]) : m[3] ? Number(m[3]) : m[1].includes('十四五') ? 2025 : docYear;
    return { index: m.index!, words: m[1], date: iso(year, 12, 31), limit: false, disputed: `「${m[1]}」未写月份，按 ${year} 年底` };
  });
}

const RECURRENCE: { re: RegExp; words: (m: RegExpExecArray) => string }[] = [
  { re: /每年((?:\d{1,2}月(?:底|末)?[和、及]?)+)/, words: (m) => `每年${m[1].replace(/[和、及]$/, '')}` },
  { re: /每季度/, words: () => '每季度' },
  { re: new RegExp(`每周(${WEEKDAY})`), words: (m) => `每周${m[1]}` },
  { re: /每月(\d{1,2})日(前|以前|之前)?/, words: (m) => `每月${m[1]}日${m[2] ? '前' : ''}` },
  { re: /(?:每月|按月)/, words: () => '每月' },
  { re: /每半年/, words: () => '每半年' },
  { re: /每日|每天/, words: (m) => m[0] },
  { re: /(\d+)分钟内/, words: (m) => `${m[1]}分钟内` },
  // 「汛期，……」 opening a sentence sets the season for it; 汛期 inside a sentence (「汛期前」) is no schedule.
  { re: /(?:^|[。；\n])汛期[，,]/, words: () => '汛期' },
  // 「常态化联合执法」「常态化路检路查」 are standing duties; 「常态化机制」「常态化疫情防控」 are not schedules.
  { re: /常态化(?=联合|路检|巡查|检查|执法|督导|监管)/, words: () => '常态化' },
  { re: /定期/, words: () => '定期' },
];

/** A schedule the clause keeps (每年2月底和8月底, 每季度, 每周四, 每月24日前, 每日), in its words: the first it states. */
export function findRecurrence(text: string): string | null {
  let best: { at: number; words: string } | null = null;
  for (const r of RECURRENCE) {
    const m = r.re.exec(text);
    if (m && (!best || m.index < best.at)) best = { at: m.index, words: r.words(m) };
  }
  return best?.words ?? null;
}
