/**
 * The elements of an official document's head and foot (GB/T 9704-2012): 发文机关, 标题, 发文字号, 主送机关, and after
 * the text 署名, 成文日期 and 附注. Headers are found in the whitespace-free stream, so they survive re-wrapping.
 */
import { CLOSE_BRACKETS, OPEN_BRACKETS, parseDocNumber, type DocNumber } from './gazette.docnumber.js';
import { escapeRe, lineIndexAt, type Prepared } from './gazette.text.js';

/** The 15 kinds of document of the 党政机关公文处理工作条例 (2012), longest first for matching. */
export const DOCUMENT_TYPES = [
  '决议', '决定', '命令', '公报', '公告', '通告', '意见', '通知', '通报', '报告', '请示', '批复', '议案', '纪要', '令', '函',
] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

export type Publicity = '主动公开' | '依申请公开' | '不予公开';

const TYPE_ALT = [...DOCUMENT_TYPES].sort((a, b) => b.length - a.length).join('|');
const ENDS_WITH_TYPE = new RegExp(`(${TYPE_ALT})$`);
const YEAR_SERIAL = new RegExp(`[${OPEN_BRACKETS}]([0-9０-９]{2,6})[${CLOSE_BRACKETS}]第?([0-9０-９]+)号`, 'g');
const ORG_SUFFIX =
  /(人民政府办公室|人民政府|政府办公室|办公厅|办公室|管理委员会|委员会|政府|局|厅|委|部|院|会|公司|中心|指挥部|办)$/;
const CJK_RUN_END = /[\u4e00-\u9fa5]+$/;

/** A document's head: 发文机关, 标题 and its type word, 发文字号, and where they lie in the stream. */
export interface Header {
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

/** The document heads of the stream, in order: an issuer, a 关于… title ending in a type word, then a 发文字号. */
export function findHeaders(p: Prepared, known: readonly string[]): Header[] {
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
export function normalizeTitle(t: string): string {
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

/** The 主送机关 just after `from`: a list of addressees ending in a colon, or null when the text there is not one. */
export function parseAddressees(s: string, from: number): { list: string[]; end: number } | null {
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

/** The 署名, 成文日期 and 附注 of a document, with where they lie in the stream. */
export interface Signature {
  /** 成文日期, ISO yyyy-mm-dd, or null when not found or not a date. */
  date: string | null;
  publicity: Publicity | null;
  /** 附注 as printed, e.g. （此件公开发布）. */
  note: string | null;
  /** Where the 署名 starts (the text before it ends); the end of the document when there is none. */
  start: number;
  /** Just after the 成文日期 and its 附注; the end of the document when there is no 署名. */
  end: number;
}

/** The issuer's name (as 署名) directly followed by a date, searched in [from, to), and the 附注 after it. */
export function findSignature(s: string, issuer: string, from: number, to: number, warnings: string[]): Signature {
  const sig = new RegExp(`${escapeRe(issuer)}${DATE_PART}`, 'g');
  sig.lastIndex = from;
  let sigMatch = sig.exec(s);
  if (sigMatch && sigMatch.index >= to) sigMatch = null;
  let date: string | null = null;
  let noticeEnd = to;
  let afterSignature = to;
  let note: string | null = null;
  let publicity: Publicity | null = null;
  if (sigMatch) {
    date = isoDate(sigMatch[1], sigMatch[2], sigMatch[3]);
    if (!date) warnings.push(`成文日期无效：${sigMatch[0].slice(issuer.length)}`);
    noticeEnd = sigMatch.index;
    afterSignature = sigMatch.index + sigMatch[0].length;
    const n = NOTE.exec(s.slice(afterSignature, to));
    if (n) {
      note = n[0];
      publicity = n[1] === '公开发布' ? '主动公开' : n[1] === '依申请公开' ? '依申请公开' : '不予公开';
      afterSignature += n[0].length;
    }
  } else {
    warnings.push('未找到发文机关署名和成文日期');
  }
  if (!publicity) warnings.push('未找到附注（公开属性）');
  return { date, publicity, note, start: noticeEnd, end: afterSignature };
}
