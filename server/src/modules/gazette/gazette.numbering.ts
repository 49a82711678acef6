/**
 * The labels of a numbered outline (GB/T 9704): 一、 （一） 1. （1）, their rank, and the number each one carries.
 */

/** The four kinds of label of GB/T 9704 outlines, by rank: 一、 （一） 1. （1）. */
export type LabelKind = 'cn' | 'cnParen' | 'arabic' | 'arabicParen';
/** Each kind of label's rank, 1 the highest. */
export const RANK: Record<LabelKind, number> = { cn: 1, cnParen: 2, arabic: 3, arabicParen: 4 };

const CN_DIGITS: Record<string, number> = { 〇: 0, 零: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 一 … 九十九 as a number. */
function cnNumber(t: string): number {
  if (t.startsWith('十')) return 10 + (t.length > 1 ? CN_DIGITS[t[1]] : 0);
  const ten = t.indexOf('十');
  if (ten > 0) return CN_DIGITS[t[0]] * 10 + (ten + 1 < t.length ? CN_DIGITS[t[ten + 1]] : 0);
  return CN_DIGITS[t] ?? 0;
}

/** 1 … 99 in Chinese numerals, as labels print them. */
export function cnDigits(n: number): string {
  const d = '〇一二三四五六七八九';
  if (n < 10) return d[n];
  return `${n >= 20 ? d[Math.floor(n / 10)] : ''}十${n % 10 ? d[n % 10] : ''}`;
}

const CN_NUM = '[一二三四五六七八九十]{1,3}';
const LABELS: { kind: LabelKind; re: RegExp; n: (m: RegExpExecArray) => number }[] = [
  { kind: 'cn', re: new RegExp(`^(${CN_NUM})[、，.．]`), n: (m) => cnNumber(m[1]) },
  { kind: 'cnParen', re: new RegExp(`^[（(](${CN_NUM})[）)]`), n: (m) => cnNumber(m[1]) },
  // 1. 1． 1、 — never 1.2 (a decimal).
  { kind: 'arabic', re: /^(\d{1,2})[.．、](?![\d.．])/, n: (m) => Number(m[1]) },
  { kind: 'arabicParen', re: /^[（(](\d{1,2})[）)]/, n: (m) => Number(m[1]) },
];
/** 1 without its dot, directly followed by a character: accepted only where the numbering expects it. */
const ARABIC_NO_DOT = /^(\d{1,2})(?=[\u4e00-\u9fa5])/;

/** A label at the start of a line: its kind, its number (as a number and as printed), and the label as printed. */
export interface Label {
  kind: LabelKind;
  n: number;
  number: string;
  marker: string;
  /** Printed without its dot: only accepted when the count expects exactly this number. */
  loose: boolean;
}

/** The label a line starts with, or null when it starts with none. */
export function labelOf(text: string): Label | null {
  for (const l of LABELS) {
    const m = l.re.exec(text);
    if (m) return { kind: l.kind, n: l.n(m), number: m[1], marker: m[0], loose: false };
  }
  const m = ARABIC_NO_DOT.exec(text);
  return m ? { kind: 'arabic', n: Number(m[1]), number: m[1], marker: m[0], loose: true } : null;
}
