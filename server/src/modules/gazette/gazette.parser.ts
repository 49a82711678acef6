/**
 * Gazette text → structured official documents (GB/T 9704-2012 elements).
 *
 * Pure: no I/O, never throws. The input is text extracted from PDF, so line breaks are
 * only hints: the document headers (发文机关, 标题, 发文字号, 主送机关, 成文日期) are found
 * in a whitespace-free stream of the text, which makes them survive re-wrapping; line
 * breaks are used where only they carry meaning (section headings, paragraph ends).
 */
import { splitAttachments, type Attachment } from './gazette.attachments.js';
import { findCitations, findRules, type Citation, type CitedRule } from './gazette.citations.js';
import type { DocNumber } from './gazette.docnumber.js';
import { findHeaders, findSignature, normalizeTitle, parseAddressees, type DocumentType, type Header, type Publicity } from './gazette.elements.js';
import { outlineText, parseOutline, type Body } from './gazette.outline.js';
import { bodyLinesIn, lineIndexAt, prepare, type Prepared } from './gazette.text.js';

export interface Part {
  title: string;
  body: Body;
  attachments: Attachment[];
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
// Documents

function parseOne(p: Prepared, h: Header, docEnd: number, warnings: string[]): ParsedDocument {
  const s = p.s;
  const addressees = parseAddressees(s, h.end);
  const bodyStart = addressees ? addressees.end : h.end;
  if (!addressees) warnings.push('未识别到主送机关');

  const { date, publicity, note, start: noticeEnd, end: afterSignature } = findSignature(s, h.issuer, bodyStart, docEnd, warnings);

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
