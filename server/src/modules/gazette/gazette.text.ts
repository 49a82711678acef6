/**
 * Gazette text prepared for parsing: a whitespace-free stream of the text, with where each printed line starts in it.
 *
 * The input is text extracted from PDF, so line breaks are only hints: headers are found in the stream, which makes
 * them survive re-wrapping, and the line map gives back the printed lines where only they carry meaning.
 */
import type { BodyLine } from './gazette.outline.js';

/** A gazette text as the parser reads it. */
export interface Prepared {
  /** The whitespace-free stream. */
  s: string;
  /** Start offset in s of each kept line. */
  lineStarts: number[];
  /** Original (1-based) line number of each kept line. */
  lineNumbers: number[];
  /** Each kept line as printed, its runs of spaces made one (member lists and tables need them). */
  raw: string[];
}

/** Page furniture, wherever a page break falls: page numbers (- 48 -, — 48 —), the running title, issue headers. */
const FURNITURE = /^(?:[-—–－]\s*\d+\s*[-—–－]|交城县人民政府公报|\d{4}\s*年\s*第\s*\d+\s*期(?:\s*[(（]总第\s*\d+\s*期[)）])?)$/;

/** Removes whitespace, keeping one space between two ASCII letters or digits. */
export function compactSpaces(line: string): string {
  return line
    .replace(/([A-Za-z0-9])[\s\u3000]+(?=[A-Za-z0-9])/g, '$1\u0000')
    .replace(/[\s\u3000]+/g, '')
    .replace(/\u0000/g, ' ');
}

/** The stream and line map of a gazette text, page furniture and blank lines dropped. */
export function prepare(text: string): Prepared {
  const rawLines = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').split('\n');
  let s = '';
  const lineStarts: number[] = [];
  const lineNumbers: number[] = [];
  const raw: string[] = [];
  rawLines.forEach((line, i) => {
    const trimmed = line.trim();
    if (!trimmed || FURNITURE.test(trimmed)) return;
    const c = compactSpaces(trimmed);
    if (!c) return;
    lineStarts.push(s.length);
    lineNumbers.push(i + 1);
    raw.push(trimmed.replace(/[\s\u3000]+/g, ' '));
    s += c;
  });
  return { s, lineStarts, lineNumbers, raw };
}

/** The index of the kept line holding `offset` of the stream. */
export function lineIndexAt(p: Prepared, offset: number): number {
  let lo = 0;
  let hi = p.lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (p.lineStarts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Whether `offset` of the stream is where a kept line starts. */
export function isLineStart(p: Prepared, offset: number): boolean {
  const i = lineIndexAt(p, offset);
  return p.lineStarts[i] === offset;
}

/**
 * A line without the spaces of PDF extraction, but with the one space a line prints on purpose between two words
 * (「技能吕梁 成就未来」): a single space between runs of two or more characters, when the line has just that one.
 */
function withPrintedSpace(raw: string): string {
  const between = [...raw.matchAll(/(?<=[\u4e00-\u9fa5]{2}) (?=[\u4e00-\u9fa5]{2})/g)];
  const cjkSpaces = [...raw.matchAll(/(?<=[\u4e00-\u9fa5]) (?=[\u4e00-\u9fa5])/g)].length;
  const c = compactSpaces(raw);
  if (between.length !== 1 || cjkSpaces !== 1) return c;
  const at = between[0].index!;
  const left = compactSpaces(raw.slice(0, at));
  return `${left} ${c.slice(left.length)}`;
}

/** The lines inside [from, to) for a body: each piece with the printed line when the piece is the whole line. */
export function bodyLinesIn(p: Prepared, from: number, to: number): BodyLine[] {
  const out: BodyLine[] = [];
  if (to <= from) return out;
  for (let i = lineIndexAt(p, from); i < p.lineStarts.length; i++) {
    const start = p.lineStarts[i];
    const end = i + 1 < p.lineStarts.length ? p.lineStarts[i + 1] : p.s.length;
    if (start >= to) break;
    const a = Math.max(start, from);
    const b = Math.min(end, to);
    const whole = a === start && b === end;
    if (b > a) out.push({ text: whole ? withPrintedSpace(p.raw[i]) : p.s.slice(a, b), raw: whole ? p.raw[i] : p.s.slice(a, b), line: p.lineNumbers[i] });
  }
  return out;
}

/** A string as a RegExp source matching it literally. */
export function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
