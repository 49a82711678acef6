/**
 * 发文字号 (document number) parsing and validation per GB/T 9704-2012 §7.2.4:
 * 机关代字 + 年份 in 六角括号〔〕 (four digits) + 序号 (no leading zeros, no 第) + 号.
 */

export interface DocNumber {
  /** As found in the text, whitespace removed. */
  raw: string;
  /** Canonical form, e.g. 交政发〔2022〕2号. */
  normalized: string;
  agencyCode: string;
  year: number;
  serial: number;
  /** False when the number breaks GB/T 9704 in substance (year, serial, 第). Bracket style alone is only noted. */
  valid: boolean;
  problems: string[];
}

const FULLWIDTH_DIGITS = /[０-９]/g;
const toAsciiDigits = (s: string) => s.replace(FULLWIDTH_DIGITS, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));

/** Opening and closing brackets people type for the year part. */
export const OPEN_BRACKETS = '〔\\[［(（【';
export const CLOSE_BRACKETS = '〕\\]］)）】';

/** Matches a whole 文号 (whitespace already removed), capturing 代字, open bracket, year, 第, serial. */
const WHOLE = new RegExp(
  `^([\\u4e00-\\u9fa5]{1,12})([${OPEN_BRACKETS}])([0-9０-９]{1,6})[${CLOSE_BRACKETS}](第?)([0-9０-９]+)号$`,
);

/** Parse one 文号; returns null when the text is not shaped like a 文号 at all. */
export function parseDocNumber(text: string): DocNumber | null {
  const raw = text.replace(/\s+/g, '');
  const m = WHOLE.exec(raw);
  if (!m) return null;
  const [, agencyCode, open, yearText, di, serialText] = m;
  const year = toAsciiDigits(yearText);
  const serial = toAsciiDigits(serialText);
  const problems: string[] = [];
  let valid = true;
  if (open !== '〔') problems.push('年份应使用六角括号〔〕');
  if (year.length !== 4) {
    problems.push('年份应标全称（四位数字）');
    valid = false;
  }
  if (di) {
    problems.push('序号不加“第”字');
    valid = false;
  }
  if (serial.length > 1 && serial.startsWith('0')) {
    problems.push('序号不编虚位（不加前导0）');
    valid = false;
  }
  const serialNumber = Number.parseInt(serial, 10);
  return {
    raw,
    normalized: `${agencyCode}〔${year}〕${serialNumber}号`,
    agencyCode,
    year: Number.parseInt(year, 10),
    serial: serialNumber,
    valid,
    problems,
  };
}

/** Normalise a 文号 typed any common way; returns null when it is not one. */
export function normalizeDocNumber(text: string): string | null {
  return parseDocNumber(text)?.normalized ?? null;
}

/** Finds 文号-shaped substrings anywhere in free text (for search queries). */
export const DOC_NUMBER_IN_TEXT = new RegExp(
  `[\\u4e00-\\u9fa5]{1,12}\\s*[${OPEN_BRACKETS}]\\s*[0-9０-９]{4}\\s*[${CLOSE_BRACKETS}]\\s*第?\\s*[0-9０-９]+\\s*号`,
  'g',
);
