/**
 * Gazette text → structured official documents (GB/T 9704-2012 elements).
 *
 * Pure: no I/O, never throws. The input is text extracted from PDF, so line breaks are
 * only hints: the document headers (发文机关, 标题, 发文字号, 主送机关, 成文日期) are found
 * in a whitespace-free stream of the text, which makes them survive re-wrapping; line
 * breaks are used where only they carry meaning (section headings, paragraph ends).
 */
import { CLOSE_BRACKETS, OPEN_BRACKETS, parseDocNumber, type DocNumber } from './gazette.docnumber.js';
import { outlineText, parseOutline, type Body, type BodyLine } from './gazette.outline.js';

/** The 15 kinds of document of the 党政机关公文处理工作条例 (2012), longest first for matching. */
export const DOCUMENT_TYPES = [
  '决议', '决定', '命令', '公报', '公告', '通告', '意见', '通知', '通报', '报告', '请示', '批复', '议案', '纪要', '令', '函',
] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

export type Publicity = '主动公开' | '依申请公开' | '不予公开';

export type { Body, Section } from './gazette.outline.js';

export interface Attachment {
  index: number | null;
  title: string;
  /** 见网络版: not printed in the gazette. */
  onlineOnly: boolean;
  /** Index into parts when the attachment belongs to an issued plan. */
  part: number | null;
  /** The attachment's text when it is printed inline. */
  content: Body | null;
}

export interface Part {
  title: string;
  body: Body;
  attachments: Attachment[];
}

export interface Citation {
  docNumber: string | null;
  title: string | null;
}

/** A standard or a regulation cited in the text: GB 19379-2012, GB/T 35547, 省政府令第294号. */
export interface CitedRule {
  kind: 'standard' | 'regulation';
  code: string;
  title: string | null;
}

export interface ParsedDocument {
  docNumber: string;
  docNumberInfo: DocNumber;
  issuer: string;
  title: string;
  type: DocumentType;
  addressees: string[];
  /** 成文日期, ISO yyyy-mm-dd, or null when not found. */
  date: string | null;
  publicity: Publicity | null;
  /** 附注 as printed, e.g. （此件公开发布）. */
  note: string | null;
  body: Body;
  parts: Part[];
  attachments: Attachment[];
  citations: Citation[];
  /** Standards and regulations cited in the text. */
  rules: CitedRule[];
  /** For a 批复: the 请示 (or other request) it answers. */
  repliesTo: Citation | null;
  /** Plain text of the whole document (for search and display), paragraphs separated by newlines. */
  text: string;
  /** Position of the document in the input (line number, 1-based). */
  line: number;
  warnings: string[];
}

export interface ParseResult {
  documents: ParsedDocument[];
  warnings: string[];
}

export interface ParseOptions {
  /** Issuer names to prefer when line breaks do not show where an issuer begins. */
  knownIssuers?: readonly string[];
}

const DEFAULT_ISSUERS = ['交城县人民政府办公室', '交城县人民政府'];

// ---------------------------------------------------------------------------------------------
// Text preparation

interface Prepared {
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

function prepare(text: string): Prepared {
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

function lineIndexAt(p: Prepared, offset: number): number {
  let lo = 0;
  let hi = p.lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (p.lineStarts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function isLineStart(p: Prepared, offset: number): boolean {
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
function bodyLinesIn(p: Prepared, from: number, to: number): BodyLine[] {
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

// ---------------------------------------------------------------------------------------------
// Headers

const TYPE_ALT = [...DOCUMENT_TYPES].sort((a, b) => b.length - a.length).join('|');
const ENDS_WITH_TYPE = new RegExp(`(${TYPE_ALT})$`);
const YEAR_SERIAL = new RegExp(`[${OPEN_BRACKETS}]([0-9０-９]{2,6})[${CLOSE_BRACKETS}]第?([0-9０-９]+)号`, 'g');
const ORG_SUFFIX =
  /(人民政府办公室|人民政府|政府办公室|办公厅|办公室|管理委员会|委员会|政府|局|厅|委|部|院|会|公司|中心|指挥部|办)$/;
const CJK_RUN_END = /[\u4e00-\u9fa5]+$/;

interface Header {
  start: number; // issuer start
  issuer: string;
  title: string;
  type: DocumentType;
  docNumber: DocNumber;
  end: number; // just after 文号
}

/** Splits the CJK run before a year bracket into (title tail ending in a type word, 机关代字). */
function splitAgencyCode(before: string): { titleEnd: number; code: string; type: DocumentType } | null {
  const run = CJK_RUN_END.exec(before);
  if (!run) return null;
  const runText = run[0];
  // Shortest first: a title ending in a type word then the shortest 代字 that leaves it so.
  for (let len = 1; len <= Math.min(10, runText.length - 1); len++) {
    const code = runText.slice(runText.length - len);
    const head = before.slice(0, before.length - len);
    const t = ENDS_WITH_TYPE.exec(head);
    if (t) return { titleEnd: head.length, code, type: t[1] as DocumentType };
  }
  return null;
}

function findIssuer(p: Prepared, guanyu: number, known: readonly string[]): { start: number; issuer: string } | null {
  const before = p.s.slice(Math.max(0, guanyu - 40), guanyu);
  const run = CJK_RUN_END.exec(before);
  if (!run) return null;
  const runStart = guanyu - run[0].length;
  // A known issuer ending the run; else the whole run when it reads as an organisation's name
  // (the text before it ended with punctuation); else the latest line start that does.
  const knownHit = [...known].sort((a, b) => b.length - a.length).find((k) => run[0].endsWith(k));
  if (knownHit) return { start: guanyu - knownHit.length, issuer: knownHit };
  if (run[0].length <= 24 && run[0].length >= 3 && ORG_SUFFIX.test(run[0]) && (runStart > guanyu - 40 || runStart === 0)) {
    return { start: runStart, issuer: run[0] };
  }
  for (let i = lineIndexAt(p, guanyu - 1); i >= 0 && p.lineStarts[i] >= runStart; i--) {
    const cand = p.s.slice(p.lineStarts[i], guanyu);
    if (cand.length >= 3 && ORG_SUFFIX.test(cand)) return { start: p.lineStarts[i], issuer: cand };
  }
  const cand = run[0].slice(-20);
  if (cand.length >= 3 && ORG_SUFFIX.test(cand)) return { start: guanyu - cand.length, issuer: cand };
  return null;
}

function findHeaders(p: Prepared, known: readonly string[]): Header[] {
  const headers: Header[] = [];
  const s = p.s;
  YEAR_SERIAL.lastIndex = 0;
  for (let m = YEAR_SERIAL.exec(s); m; m = YEAR_SERIAL.exec(s)) {
    const bracketAt = m.index;
    const window = s.slice(Math.max(0, bracketAt - 260), bracketAt);
    const split = splitAgencyCode(window);
    if (!split) continue;
    const docNumber = parseDocNumber(split.code + m[0]);
    if (!docNumber) continue;
    const titleText = window.slice(0, split.titleEnd);
    // The title is the text from 关于 up to the type word, with no sentence end or citation inside.
    let found: Header | null = null;
    let from = 0;
    for (;;) {
      const i = titleText.indexOf('关于', from);
      if (i < 0) break;
      from = i + 1;
      const title = titleText.slice(i);
      if (/[。；！？]/.test(title) || title.length > 200 || title.length < 4) continue;
      const guanyu = bracketAt - window.length + i;
      const issuer = findIssuer(p, guanyu, known);
      if (!issuer) continue;
      if (headers.length && issuer.start < headers[headers.length - 1].end) continue;
      found = {
        start: issuer.start,
        issuer: issuer.issuer,
        title: normalizeTitle(title),
        type: split.type,
        docNumber,
        end: bracketAt + m[0].length,
      };
      break;
    }
    if (found) headers.push(found);
  }
  return headers;
}

/** One line, full-width brackets, no stray spaces. */
function normalizeTitle(t: string): string {
  return jointIssuers(
    t
      .replace(/\(/g, '（')
      .replace(/\)/g, '）')
      .replace(/\s+/g, ''),
  );
}

/** Joint issuers keep the space that separates them in a title: 「中共中央 国务院关于…」. */
function jointIssuers(t: string): string {
  return t
    .replace(/^(中共中央办公厅)(国务院办公厅)/, '$1 $2')
    .replace(/^(中共中央)(国务院)/, '$1 $2')
    .replace(/^(中共[\u4e00-\u9fa5]{2,6}?(?:省|市|县)委(?:办公室|办公厅)?)([\u4e00-\u9fa5]{2,6}?(?:省|市|县)人民政府(?:办公室|办公厅)?)/, '$1 $2');
}

const ADDRESSEE_PIECE =
  /^(各|县直|有关|全县|市直)|(政府|单位|部门|企业|局|办公室|委员会|中心|公司|指挥部|办|委|厅|处|科|院|校|所|站|会|组|队|村|镇|乡|社区|人员)$/;

function parseAddressees(s: string, from: number): { list: string[]; end: number } | null {
  const m = /^([^。：:；！？]{2,120}?)[：:]/.exec(s.slice(from, from + 130));
  if (!m) return null;
  const list = m[1]
    .split(/[，,、]/)
    .map((x) => normalizeTitle(x))
    .filter(Boolean);
  if (!list.length || !list.every((x) => ADDRESSEE_PIECE.test(x))) return null;
  return { list, end: from + m[0].length };
}

const CN_DIGITS: Record<string, number> = { 〇: 0, 零: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

function cnNumber(t: string): number {
  if (/^\d+$/.test(t)) return Number(t);
  if (t.length === 4) return Number([...t].map((c) => CN_DIGITS[c]).join(''));
  // 十, 十二, 二十, 二十三
  const [tens, ones] = t.includes('十') ? t.split('十') : ['', t];
  const tv = t.includes('十') ? (tens ? CN_DIGITS[tens] : 1) : 0;
  return tv * 10 + (ones ? CN_DIGITS[ones] : 0);
}

const DATE_PART = '(\\d{4}|[〇零一二三四五六七八九]{4})年(\\d{1,2}|[一二三四五六七八九十]{1,3})月(\\d{1,2}|[一二三四五六七八九十]{1,3})日';
const NOTE = /^[（(]此件(公开发布|依申请公开|不予公开|不公开)[）)]/;

function isoDate(y: string, m: string, d: string): string | null {
  const yy = cnNumber(y);
  const mm = cnNumber(m);
  const dd = cnNumber(d);
  const date = new Date(Date.UTC(yy, mm - 1, dd));
  if (date.getUTCFullYear() !== yy || date.getUTCMonth() !== mm - 1 || date.getUTCDate() !== dd) return null;
  return `${yy}-${String(mm).padStart(2, '0')}-${String(dd).padStart(2, '0')}`;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// ---------------------------------------------------------------------------------------------
// Body: numbered sections and paragraphs

function bracketsBalanced(s: string): boolean {
  let depth = 0;
  for (const ch of s) {
    if ('《（(“<'.includes(ch)) depth++;
    else if ('》）)”>'.includes(ch)) depth--;
  }
  return depth <= 0;
}

// ---------------------------------------------------------------------------------------------
// Attachments (附件说明)

const ONLINE = /[（(]见网络版[）)]/;

interface AttachmentList {
  items: Attachment[];
  /** Offset where the list ends (inline attachment text may follow). */
  end: number;
}

/** Parses the 附件说明 starting at `from` (just after 附件：) up to `to`. */
function parseAttachmentList(p: Prepared, from: number, to: number, part: number | null): AttachmentList {
  const s = p.s.slice(from, to);
  const items: Attachment[] = [];
  const lineEnd = (offset: number) => {
    const li = lineIndexAt(p, from + offset);
    const next = li + 1 < p.lineStarts.length ? p.lineStarts[li + 1] - from : s.length;
    return Math.min(next, s.length);
  };
  // End of one item's title: 见网络版, else an inline 附件 heading, else the end of its line(s).
  const endOf = (start: number, limit: number): { end: number; title: string; online: boolean } => {
    const seg = s.slice(start, limit);
    const on = ONLINE.exec(seg);
    if (on && on.index < 90) return { end: start + on.index + on[0].length, title: seg.slice(0, on.index), online: true };
    const inline = /附件\d*/.exec(seg.slice(1));
    if (inline && inline.index < 90) {
      const title = seg.slice(0, inline.index + 1);
      return { end: start + title.length, title, online: false };
    }
    if (limit < s.length || seg.length <= 60) return { end: limit, title: seg, online: false };
    // A single line of title, plus continuation lines while the title is not closed.
    let e = lineEnd(start);
    while (e < s.length && e - start < 60 && !bracketsBalanced(s.slice(start, e))) e = lineEnd(e);
    return { end: e, title: s.slice(start, e), online: false };
  };
  if (/^1[.．、]/.test(s)) {
    let k = 1;
    let start = 2;
    for (;;) {
      const next = new RegExp(`(?<![0-9.．])${k + 1}[.．、]`, 'g');
      next.lastIndex = start;
      const m = next.exec(s);
      // The next item must come after this item's title, within reason.
      if (m && m.index - start < 120) {
        const t = endOf(start, m.index);
        items.push({ index: k, title: cleanTitle(t.title), onlineOnly: t.online, part, content: null });
        start = m.index + m[0].length;
        k++;
        continue;
      }
      const t = endOf(start, s.length);
      items.push({ index: k, title: cleanTitle(t.title), onlineOnly: t.online, part, content: null });
      return { items, end: from + t.end };
    }
  }
  const t = endOf(0, s.length);
  if (t.title) items.push({ index: null, title: cleanTitle(t.title), onlineOnly: t.online, part, content: null });
  return { items, end: from + t.end };
}

function cleanTitle(t: string): string {
  return normalizeTitle(t.replace(ONLINE, '')).replace(/[，。；、]+$/, '');
}

/** Attachments printed inline after the list: 附件[N] + title + text. */
function attachInline(p: Prepared, list: Attachment[], from: number, to: number, warnings: string[]): void {
  const s = p.s.slice(from, to);
  if (!s.startsWith('附件')) return;
  const heads: { at: number; att: Attachment; bodyStart: number }[] = [];
  list.forEach((att, idx) => {
    if (att.onlineOnly) return;
    const label = att.index === null ? '附件' : `附件${att.index}`;
    const re = new RegExp(`${escapeRe(label)}(?!\\d)${att.index === null && list.length > 1 ? `${idx + 1}?` : ''}`, 'g');
    for (let m = re.exec(s); m; m = re.exec(s)) {
      const afterLabel = m.index + m[0].length;
      if (s.startsWith(att.title, afterLabel)) {
        heads.push({ at: m.index, att, bodyStart: afterLabel + att.title.length });
        break;
      }
    }
  });
  heads.sort((a, b) => a.at - b.at);
  heads.forEach((h, i) => {
    const end = i + 1 < heads.length ? heads[i + 1].at : s.length;
    const parsed = parseOutline(bodyLinesIn(p, from + h.bodyStart, from + end));
    h.att.content = parsed.body;
    warnings.push(...parsed.warnings);
  });
}

/** Finds the 附件说明 in [from, to): returns the body end, the attachments and the inline text end. */
function splitAttachments(p: Prepared, from: number, to: number, part: number | null, warnings: string[]): { bodyEnd: number; attachments: Attachment[] } {
  const s = p.s.slice(from, to);
  const re = /附件[：:]/g;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    const at = from + m.index;
    if (!(isLineStart(p, at) || /[。）)”]$/.test(p.s.slice(at - 1, at)))) continue;
    const list = parseAttachmentList(p, at + m[0].length, to, part);
    if (!list.items.length) continue;
    attachInline(p, list.items, list.end, to, warnings);
    return { bodyEnd: at, attachments: list.items };
  }
  return { bodyEnd: to, attachments: [] };
}

// ---------------------------------------------------------------------------------------------
// Citations

const CITED_TITLE = new RegExp(
  `《([^《》]{2,150})》(?:[（(]([\\u4e00-\\u9fa5]{1,12}[${OPEN_BRACKETS}][0-9]{4}[${CLOSE_BRACKETS}]第?[0-9]+号)[）)])?`,
  'g',
);
const BARE_NUMBER = new RegExp(`([\\u4e00-\\u9fa5]{1,14})[${OPEN_BRACKETS}]([0-9]{4})[${CLOSE_BRACKETS}]第?([0-9]+)号`, 'g');
const LEADING_WORDS = /^(?:.*?(?:按照|根据|依据|依照|参照|执行|落实|贯彻|印发|转发|关于|和|及|与|以及|的|见|按))+/;

function findCitations(s: string, self: string): Citation[] {
  const out: Citation[] = [];
  const seen = new Set<string>();
  const covered: [number, number][] = [];
  const add = (c: Citation) => {
    const key = `${c.docNumber ?? ''}|${c.title ?? ''}`;
    if (c.docNumber === self || seen.has(key)) return;
    if (c.docNumber && !c.title && out.some((o) => o.docNumber === c.docNumber)) return;
    seen.add(key);
    out.push(c);
  };
  CITED_TITLE.lastIndex = 0;
  for (let m = CITED_TITLE.exec(s); m; m = CITED_TITLE.exec(s)) {
    covered.push([m.index, m.index + m[0].length]);
    add({ title: normalizeTitle(m[1]), docNumber: m[2] ? (parseDocNumber(m[2])?.normalized ?? null) : null });
  }
  BARE_NUMBER.lastIndex = 0;
  for (let m = BARE_NUMBER.exec(s); m; m = BARE_NUMBER.exec(s)) {
    if (covered.some(([a, b]) => m!.index >= a && m!.index < b)) continue;
    // 省财政厅晋财农〔2021〕56号: the 机关代字 is what follows the issuing body's name.
    const code = m[1].replace(LEADING_WORDS, '').replace(/^.*(?:厅|局|部|政府|委员会)(?=[\u4e00-\u9fa5]{2,})/, '');
    const dn = code ? parseDocNumber(code + m[0].slice(m[1].length)) : null;
    if (dn) add({ docNumber: dn.normalized, title: null });
  }
  return out;
}

const STANDARD = /(?:《([^《》]{2,60})》[（(])?((?:GB\/T|GB\/Z|GB|DB\d{0,2}\/T|DB\d{0,2}|HJ|NY\/T|NY|JGJ|CJJ)\s?\d{1,6}(?:\.\d+)?(?:\s?[-—－]\s?\d{4})?)/g;
const REGULATION = /(?:《([^《》]{2,60})》[（(])?((?:国务院|[\u4e00-\u9fa5]{1,4}(?:省|市|县)?政府|[\u4e00-\u9fa5]{2,8}(?:部|委|局))令)第?\s?(\d{1,4})\s?号/g;

/** Standards (GB, GB/T, DB, …) and regulations (…令第N号) a text cites, with the 《title》 printed before them. */
function findRules(s: string): CitedRule[] {
  const out: CitedRule[] = [];
  const add = (r: CitedRule) => {
    if (!out.some((o) => o.code === r.code)) out.push(r);
  };
  for (const m of s.matchAll(STANDARD)) {
    const code = m[2].replace(/\s/g, '').replace(/[—－]/, '-').replace(/^(GB\/T|GB\/Z|GB|DB\d{0,2}\/T|DB\d{0,2}|HJ|NY\/T|NY|JGJ|CJJ)/, '$1 ');
    add({ kind: 'standard', code, title: m[1] ? normalizeTitle(m[1]) : null });
  }
  for (const m of s.matchAll(REGULATION)) add({ kind: 'regulation', code: `${m[2]}第${m[3]}号`, title: m[1] ? normalizeTitle(m[1]) : null });
  return out;
}

// ---------------------------------------------------------------------------------------------
// Documents

function parseOne(p: Prepared, h: Header, docEnd: number, warnings: string[]): ParsedDocument {
  const s = p.s;
  const addressees = parseAddressees(s, h.end);
  const bodyStart = addressees ? addressees.end : h.end;
  if (!addressees) warnings.push('未识别到主送机关');

  // 成文日期: the issuer's name (as signature) directly followed by a date.
  const sig = new RegExp(`${escapeRe(h.issuer)}${DATE_PART}`, 'g');
  sig.lastIndex = bodyStart;
  let sigMatch = sig.exec(s);
  if (sigMatch && sigMatch.index >= docEnd) sigMatch = null;
  let date: string | null = null;
  let noticeEnd = docEnd;
  let afterSignature = docEnd;
  let note: string | null = null;
  let publicity: Publicity | null = null;
  if (sigMatch) {
    date = isoDate(sigMatch[1], sigMatch[2], sigMatch[3]);
    if (!date) warnings.push(`成文日期无效：${sigMatch[0].slice(h.issuer.length)}`);
    noticeEnd = sigMatch.index;
    afterSignature = sigMatch.index + sigMatch[0].length;
    const n = NOTE.exec(s.slice(afterSignature, docEnd));
    if (n) {
      note = n[0];
      publicity = n[1] === '公开发布' ? '主动公开' : n[1] === '依申请公开' ? '依申请公开' : '不予公开';
      afterSignature += n[0].length;
    }
  } else {
    warnings.push('未找到发文机关署名和成文日期');
  }
  if (!publicity) warnings.push('未找到附注（公开属性）');

  const notice = splitAttachments(p, bodyStart, noticeEnd, null, warnings);
  const parsedBody = parseOutline(bodyLinesIn(p, bodyStart, notice.bodyEnd), { closing: true });
  const body = parsedBody.body;
  warnings.push(...parsedBody.warnings);
  const attachments = [...notice.attachments];

  // Issued plans: the 《titles》 the notice issues, found in order after the signature.
  const parts: Part[] = [];
  const rest = s.slice(afterSignature, docEnd);
  if (rest.length > 0) {
    if (/印发|转发|下发|发布/.test(h.title)) {
      const noticeText = s.slice(bodyStart, notice.bodyEnd);
      const issued: string[] = [];
      for (const m of noticeText.matchAll(/《([^《》]{2,150})》/g)) if (!issued.includes(m[1])) issued.push(m[1]);
      const starts: { title: string; at: number }[] = [];
      let cursor = afterSignature;
      for (const t of issued) {
        const at = s.indexOf(t, cursor);
        if (at < 0 || at >= docEnd) continue;
        starts.push({ title: t, at });
        cursor = at + t.length;
      }
      if (!starts.length || starts[0].at - afterSignature > 40) {
        warnings.push('未能在正文后找到所印发文件的标题');
        if (!starts.length) starts.push({ title: issued[0] ?? '', at: afterSignature - (issued[0]?.length ?? 0) });
      }
      starts.forEach((st, idx) => {
        const from = st.at + st.title.length;
        const to = idx + 1 < starts.length ? starts[idx + 1].at : docEnd;
        const split = splitAttachments(p, from, to, idx, warnings);
        const parsed = parseOutline(bodyLinesIn(p, from, split.bodyEnd));
        warnings.push(...parsed.warnings);
        parts.push({ title: normalizeTitle(st.title), body: parsed.body, attachments: split.attachments });
        attachments.push(...split.attachments);
      });
    } else if (rest.trim()) {
      warnings.push('成文日期之后有未识别的内容');
    }
  }

  const docText = s.slice(bodyStart, docEnd);
  // A 印发 notice's issued plans are its parts, not documents it cites.
  const partTitles = new Set(parts.map((pt) => pt.title));
  const citations = findCitations(docText, h.docNumber.normalized).filter((c) => c.docNumber || !c.title || !partTitles.has(c.title));
  const rules = findRules(docText);
  let repliesTo: Citation | null = null;
  if (h.type === '批复') {
    const received = docText.indexOf('已收悉');
    if (received >= 0) {
      const head = docText.slice(0, received);
      repliesTo = findCitations(head, h.docNumber.normalized)[0] ?? null;
    }
  }
  if (h.docNumber.problems.length) warnings.push(`发文字号不规范：${h.docNumber.problems.join('；')}`);

  const text = [
    h.title,
    addressees ? `${addressees.list.join('，')}：` : '',
    ...outlineText(body),
    ...attachments.filter((a) => a.part === null).map((a) => `附件${a.index ?? ''}：${a.title}${a.onlineOnly ? '（见网络版）' : ''}`),
    ...parts.flatMap((pt) => [pt.title, ...outlineText(pt.body), ...pt.attachments.map((a) => `附件${a.index ?? ''}：${a.title}${a.onlineOnly ? '（见网络版）' : ''}`)]),
    ...attachments.flatMap((a) => (a.content ? [a.title, ...outlineText(a.content)] : [])),
  ]
    .filter(Boolean)
    .join('\n');

  return {
    docNumber: h.docNumber.normalized,
    docNumberInfo: h.docNumber,
    issuer: h.issuer,
    title: h.title,
    type: h.type,
    addressees: addressees?.list ?? [],
    date,
    publicity,
    note,
    body,
    parts,
    attachments,
    citations,
    rules,
    repliesTo,
    text,
    line: p.lineNumbers[lineIndexAt(p, h.start)] ?? 1,
    warnings,
  };
}

/** Parse gazette text into documents. Never throws: odd input yields fewer documents and warnings. */
export function parseGazette(text: string, options: ParseOptions = {}): ParseResult {
  const warnings: string[] = [];
  try {
    if (typeof text !== 'string' || !text.trim()) return { documents: [], warnings: ['文本为空'] };
    const p = prepare(text);
    const headers = findHeaders(p, options.knownIssuers ?? DEFAULT_ISSUERS);
    const documents: ParsedDocument[] = [];
    const seen = new Set<string>();
    headers.forEach((h, i) => {
      const docEnd = i + 1 < headers.length ? headers[i + 1].start : p.s.length;
      try {
        const doc = parseOne(p, h, docEnd, []);
        if (seen.has(doc.docNumber)) {
          warnings.push(`文号重复：${doc.docNumber}（第 ${doc.line} 行），已忽略`);
          return;
        }
        seen.add(doc.docNumber);
        documents.push(doc);
      } catch (err) {
        warnings.push(`第 ${p.lineNumbers[lineIndexAt(p, h.start)]} 行的公文无法解析：${(err as Error).message}`);
      }
    });
    if (!documents.length) warnings.push('未识别到任何公文（需有发文机关、标题和发文字号）');
    return { documents, warnings };
  } catch (err) {
    return { documents: [], warnings: [...warnings, `解析失败：${(err as Error).message}`] };
  }
}
