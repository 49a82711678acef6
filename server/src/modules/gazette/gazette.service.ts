/** The gazette registry's rules: what an import accepts, how documents relate, how search reads a query. */
import { createHash } from 'node:crypto';
import type { Actor } from '../../core/audit.js';
import { conflict, invalid, invalidField, notFound, tooLarge } from '../../core/errors.js';
import { installNow } from '../../core/time.js';
import { DOC_NUMBER_IN_TEXT, normalizeDocNumber } from './gazette.docnumber.js';
import type { Body, Section } from './gazette.outline.js';
import { parseGazette, type ParsedDocument } from './gazette.parser.js';
import type { DocumentSummaryRow, GazetteRepository, ListOptions, NewDocument } from './gazette.repository.js';
import { COUNT_CAP, type SearchFilters } from './gazette.search.js';
import { bigramsOf, charsOf, indexedText, segmentWords } from './gazette.segment.js';

/** Largest gazette text accepted (a year's gazette is about 0.2 MB). */
export const MAX_GAZETTE_BYTES = 20 * 1024 * 1024;

export interface ImportProgress {
  (done: number, total: number, docNumber: string): void;
}

export interface ImportResult {
  importId: number | null;
  unchanged: boolean;
  documents: number;
  created: string[];
  updated: string[];
  skipped: string[];
  warnings: string[];
}

export interface DocumentSummary {
  id: number;
  docNumber: string;
  series: string;
  year: number;
  serial: number;
  issuer: string;
  title: string;
  type: string;
  addressees: string[];
  date: string | null;
  publicity: string | null;
}

/** What is kept of a parsed document beyond its row and text. */
export type StoredStructure = { outline?: number } & Pick<ParsedDocument, 'docNumberInfo' | 'note' | 'body' | 'parts' | 'attachments' | 'citations' | 'repliesTo' | 'warnings'> & { rules?: ParsedDocument['rules'] };

/**
 * The version of the body outline stored with each document. A stored document of an older version is shown as it
 * was stored, its missing fields filled; on start the bundled gazette's documents are parsed again (reseedOutline).
 */
export const OUTLINE_VERSION = 3;

/** A body stored by an older parser, with the fields it lacked. */
function upgradeBody(b: Partial<Body> & { paragraphs: string[]; sections: Section[] }): Body {
  const section = (x: Section): Section => ({ ...x, text: x.text ?? x.paragraphs.join('\n'), members: x.members ?? [], children: x.children.map(section), closing: x.closing ?? [] });
  return { paragraphs: b.paragraphs, members: b.members ?? [], sections: b.sections.map(section), closing: b.closing ?? [] };
}

export interface SnippetPiece {
  text: string;
  hit: boolean;
}

const summary = (r: DocumentSummaryRow): DocumentSummary => ({
  id: r.id,
  docNumber: r.doc_number,
  series: r.agency_code,
  year: r.year,
  serial: r.serial,
  issuer: r.issuer,
  title: r.title,
  type: r.doc_type,
  addressees: JSON.parse(r.addressees) as string[],
  date: r.doc_date,
  publicity: r.publicity,
});

/** The stored form of a parsed document. */
export function toNewDocument(d: ParsedDocument): NewDocument {
  const structure: StoredStructure = {
    // First, so that a stored structure's version can be told from the start of its text.
    outline: OUTLINE_VERSION,
    docNumberInfo: d.docNumberInfo,
    note: d.note,
    body: d.body,
    parts: d.parts,
    attachments: d.attachments,
    citations: d.citations,
    rules: d.rules,
    repliesTo: d.repliesTo,
    warnings: d.warnings,
  };
  const structureJson = JSON.stringify(structure);
  const head = { issuer: d.issuer, title: d.title, type: d.type, addressees: d.addressees, date: d.date, publicity: d.publicity };
  const citations: NewDocument['citations'] = d.citations.map((c) => ({ kind: 'cites', cited_number: c.docNumber, cited_title: c.title }));
  if (d.repliesTo) citations.unshift({ kind: 'replies_to', cited_number: d.repliesTo.docNumber, cited_title: d.repliesTo.title });
  return {
    doc_number: d.docNumber,
    agency_code: d.docNumberInfo.agencyCode,
    year: d.docNumberInfo.year,
    serial: d.docNumberInfo.serial,
    issuer: d.issuer,
    title: d.title,
    doc_type: d.type,
    addressees: JSON.stringify(d.addressees),
    doc_date: d.date,
    publicity: d.publicity,
    structure: structureJson,
    body_text: d.text,
    content_hash: createHash('sha256').update(JSON.stringify(head)).update(structureJson).update(d.text).digest('hex'),
    indexed: indexedText(d.title, d.docNumber, d.issuer, d.text),
    citations,
  };
}

/** Substring positions of any of terms in text (case-insensitive), merged. */
function hitsIn(text: string, terms: string[]): [number, number][] {
  const lower = text.toLowerCase();
  const out: [number, number][] = [];
  for (const t of terms) {
    const tl = t.toLowerCase();
    if (!tl) continue;
    for (let i = lower.indexOf(tl); i >= 0; i = lower.indexOf(tl, i + tl.length)) out.push([i, i + tl.length]);
  }
  out.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const h of out) {
    const last = merged[merged.length - 1];
    if (last && h[0] <= last[1]) last[1] = Math.max(last[1], h[1]);
    else merged.push([...h]);
  }
  return merged;
}

/** A short excerpt around the first hit, as pieces marked hit or not. */
export function makeSnippet(text: string, terms: string[], width = 90): SnippetPiece[] {
  const flat = text.replace(/\n+/g, ' ');
  const hits = hitsIn(flat, terms);
  const first = hits[0]?.[0] ?? 0;
  const start = Math.max(0, first - Math.floor(width / 3));
  const end = Math.min(flat.length, start + width);
  const pieces: SnippetPiece[] = [];
  let at = start;
  if (start > 0) pieces.push({ text: '…', hit: false });
  for (const [a, b] of hits) {
    if (b <= start || a >= end) continue;
    const s = Math.max(a, start);
    if (s > at) pieces.push({ text: flat.slice(at, s), hit: false });
    pieces.push({ text: flat.slice(s, Math.min(b, end)), hit: true });
    at = Math.min(b, end);
  }
  if (at < end) pieces.push({ text: flat.slice(at, end), hit: false });
  if (end < flat.length) pieces.push({ text: '…', hit: false });
  return pieces;
}

/** A text's length in characters as people count them (a CJK character is one, whatever its UTF-16 length). */
const chars = (text: string) => [...text].length;

export class GazetteService {
  constructor(private readonly repo: GazetteRepository) {}

  /** Whether the registry holds no document yet. */
  async isEmpty(): Promise<boolean> {
    return (await this.repo.countDocuments()) === 0;
  }

  /** Whether stored documents carry an outline made by an older parser. */
  async hasOutdatedOutlines(): Promise<boolean> {
    return (await this.repo.countOutdatedOutlines(OUTLINE_VERSION)) > 0;
  }

  /** Parse only (nothing stored). */
  parse(text: string) {
    return parseGazette(text);
  }

  /**
   * Import a gazette text: all documents or none. Documents are compared one by one, not files: the same text again
   * changes nothing, and a text seen before still restores documents that differ from it. A document without its
   * 成文日期 is refused as incomplete; a stored document is replaced by a shorter text only when the administrator
   * confirms it (`confirmShorter`); every replaced version is kept.
   */
  async importText(text: string, o: { fileName: string; actor: Actor; onProgress?: ImportProgress; confirmShorter?: boolean }): Promise<ImportResult> {
    const bytes = Buffer.byteLength(text, 'utf8');
    if (bytes > MAX_GAZETTE_BYTES) throw tooLarge(null, `公报文本过大（${bytes} 字节），上限 ${MAX_GAZETTE_BYTES} 字节`);
    const sha256 = createHash('sha256').update(text).digest('hex');
    const parsed = parseGazette(text);
    if (!parsed.documents.length) {
      throw invalid(
        `文件“${o.fileName}”不是政府公报文本：未识别到任何公文（需有发文机关、标题和发文字号），未写入任何内容`,
        [{ field: 'file', message: parsed.warnings.join('；') }],
        'GAZETTE_NOT_RECOGNIZED',
      );
    }
    // The signature block ends with the 成文日期: a document without one lost its end (a cut or damaged file).
    const incomplete = parsed.documents.filter((d) => !d.date).map((d) => d.docNumber);
    if (incomplete.length) {
      throw invalid(`以下公文不完整（缺少成文日期，文本可能被截断），未写入任何内容：${incomplete.join('、')}`, incomplete.map((n) => ({ field: n, message: '缺少成文日期' })), 'GAZETTE_INCOMPLETE');
    }
    const prepared = parsed.documents.map((d, i) => {
      o.onProgress?.(i + 1, parsed.documents.length * 2, d.docNumber);
      return toNewDocument(d);
    });
    const now = installNow();
    const previous = await this.repo.findImportBySha(sha256);
    return this.repo.transaction(async (tx) => {
      const plan: { d: NewDocument; existing?: { id: number }; same: boolean; shorter?: { from: number; to: number } }[] = [];
      for (const d of prepared) {
        const existing = await tx.findByNumber(d.doc_number);
        const same = existing?.content_hash === d.content_hash;
        if (!existing || same) {
          plan.push({ d, existing, same });
          continue;
        }
        const from = await tx.textLength(existing.id);
        const to = chars(d.body_text);
        plan.push({ d, existing, same, shorter: to < from ? { from, to } : undefined });
      }
      if (previous && plan.every((p) => p.same)) {
        return { importId: previous.id, unchanged: true, documents: previous.documents, created: [], updated: [], skipped: [], warnings: [] };
      }
      const shorter = plan.filter((p) => p.shorter);
      if (shorter.length && !o.confirmShorter) {
        throw conflict(
          `导入会用更短的文本替换已有公文：${shorter.map((p) => `${p.d.doc_number}（${p.shorter!.from} 字 → ${p.shorter!.to} 字）`).join('、')}。请核对文件是否完整；确认替换请在导入页点“确认以较短文本替换”（命令行加 --confirm-shorter），原文本将保留为历史版本。未写入任何内容`,
          shorter.map((p) => ({ field: p.d.doc_number, message: `${p.shorter!.from} 字 → ${p.shorter!.to} 字` })),
          'GAZETTE_SHORTER',
        );
      }
      // A text seen before keeps its import record; its documents are compared and restored all the same.
      const importId =
        previous?.id ??
        (await tx.insertImport({ file_name: o.fileName, sha256, byte_size: bytes, documents: prepared.length, imported_by: o.actor.name, imported_at: now }));
      const result: ImportResult = { importId, unchanged: false, documents: prepared.length, created: [], updated: [], skipped: [], warnings: parsed.warnings };
      for (const [i, { d, existing, same }] of plan.entries()) {
        if (same) result.skipped.push(d.doc_number);
        else {
          if (existing) await tx.keepVersion(existing.id, importId, now, o.actor.name);
          await tx.upsertDocument(d, importId, now, existing?.id);
          (existing ? result.updated : result.created).push(d.doc_number);
        }
        o.onProgress?.(prepared.length + i + 1, prepared.length * 2, d.doc_number);
      }
      for (const d of parsed.documents) for (const w of d.warnings) result.warnings.push(`${d.docNumber}：${w}`);
      await tx.audit(o.actor, {
        entity: 'gazette_import',
        entityId: importId,
        action: previous ? 'reimport' : 'import',
        after: { fileName: o.fileName, sha256, created: result.created, updated: result.updated, skipped: result.skipped.length, confirmedShorter: shorter.map((p) => p.d.doc_number) },
      });
      return result;
    });
  }

  /** A stored document by its id or its 文号 typed any common way; 404 when there is none. */
  private async find(idOrNumber: string) {
    const asNumber = normalizeDocNumber(idOrNumber);
    const row = asNumber ? await this.repo.findByNumber(asNumber) : /^\d+$/.test(idOrNumber) ? await this.repo.findById(Number(idOrNumber)) : undefined;
    if (!row) throw notFound(`公文“${idOrNumber}”`);
    return row;
  }

  /** The earlier versions of a document (each kept when an import replaced it), newest first. */
  async versions(idOrNumber: string) {
    const doc = await this.find(idOrNumber);
    return (await this.repo.versions(doc.id)).map((v) => ({
      id: v.id,
      title: v.title,
      date: v.doc_date,
      length: chars(v.body_text),
      text: v.body_text,
      replacedAt: v.replaced_at,
      replacedBy: v.replaced_by,
      importId: v.import_id,
    }));
  }

  async list(o: ListOptions) {
    const { rows, total } = await this.repo.list(o);
    return { items: rows.map(summary), total };
  }

  facets() {
    return this.repo.facets();
  }

  imports() {
    return this.repo.listImports();
  }

  /** One document with its structure and relations. */
  async get(idOrNumber: string) {
    const row = await this.find(idOrNumber);
    const structure = JSON.parse(row.structure) as StoredStructure;
    const citations = await this.repo.citationsOf(row.id);
    const inRegistry = await this.repo.idsByNumbers(citations.map((c) => c.cited_number).filter((n): n is string => !!n));
    const partTitles = structure.parts.map((p) => p.title);
    const link = (c: { cited_number: string | null; cited_title: string | null }) => ({
      docNumber: c.cited_number,
      title: c.cited_title,
      document: c.cited_number ? (inRegistry.get(c.cited_number) ?? null) : null,
      /** Index of the part of this very document the citation names (a notice citing the plan it issues). */
      part: c.cited_title && !c.cited_number && partTitles.includes(c.cited_title) ? partTitles.indexOf(c.cited_title) : null,
    });
    const citing = await this.repo.citing(row.doc_number, row.title);
    return {
      ...summary(row),
      note: structure.note,
      docNumberInfo: structure.docNumberInfo,
      body: upgradeBody(structure.body),
      parts: structure.parts.map((p) => ({ ...p, body: upgradeBody(p.body) })),
      attachments: structure.attachments.map((a) => ({ ...a, content: a.content ? upgradeBody(a.content) : null })),
      warnings: structure.warnings,
      rules: structure.rules ?? [],
      text: row.body_text,
      relations: {
        cites: citations.filter((c) => c.kind === 'cites').map(link),
        repliesTo: citations.filter((c) => c.kind === 'replies_to').map(link)[0] ?? null,
        citedBy: citing.filter((c) => c.kind === 'cites' && c.id !== row.id).map((c) => ({ id: c.id, docNumber: c.doc_number, title: c.title })),
        answeredBy: citing.filter((c) => c.kind === 'replies_to').map((c) => ({ id: c.id, docNumber: c.doc_number, title: c.title })),
      },
    };
  }

  /** Search by words, phrases, single characters or a 文号 typed any common way. */
  async search(q: string, f: SearchFilters, page: number, pageSize: number) {
    const offset = (page - 1) * pageSize;
    if (offset + pageSize > COUNT_CAP) {
      throw invalidField('page', `只能查看前 ${COUNT_CAP} 件`, `检索结果只列出前 ${COUNT_CAP} 件，请加检索词或筛选条件缩小范围`);
    }
    const numbers = (q.match(DOC_NUMBER_IN_TEXT) ?? []).map((n) => normalizeDocNumber(n)).filter((n): n is string => !!n);
    if (numbers.length) {
      const number = numbers[0];
      const own = await this.repo.findByNumber(number);
      const citing = await this.repo.idsCiting(number, f, pageSize, offset);
      const ids = [...(own && page === 1 ? [own.id] : []), ...citing.ids.filter((id) => id !== own?.id)];
      return this.withSnippets(ids, { total: citing.total + (own ? 1 : 0), more: citing.more }, [number, own?.title ?? ''], 'docNumber', number);
    }
    // A term with no letter, digit or character in it (punctuation) finds nothing and is left out.
    const terms = q.split(/[\s\u3000]+/).map((t) => t.trim()).filter((t) => charsOf(t).length);
    if (!terms.length) return this.withSnippets([], { total: 0, more: false }, [], 'words', null);
    // A single character, or a term with no word in it, is looked up by its characters, in the same index.
    const byChars = terms.filter((t) => [...t].length < 2 || !segmentWords(t).length);
    // A word term matches as a phrase of its words, or by its character pairs: jieba may have cut the document's
    // text otherwise (消防 inside 消防安全类), and a reader expects every document that contains the word.
    const wordTerms = terms.filter((t) => !byChars.includes(t)).map((t) => ({ words: segmentWords(t), grams: bigramsOf(t) }));
    const chars = [...new Set(byChars.flatMap(charsOf))];
    let hits = await this.repo.searchIndex({ terms: wordTerms, chars }, f, pageSize, offset);
    let mode: 'words' | 'allWords' | 'substring' = chars.length ? 'substring' : 'words';
    if (hits.total === 0 && !chars.length && wordTerms.some((t) => t.words.length > 1)) {
      // The words of a term need not stand together: every word anywhere in the document.
      hits = await this.repo.searchIndex({ terms: wordTerms.flatMap((t) => t.words.map((w) => ({ words: [w], grams: [] }))), chars }, f, pageSize, offset);
      mode = 'allWords';
    }
    return this.withSnippets(hits.ids, hits, terms, mode, null);
  }

  private async withSnippets(ids: number[], count: { total: number; more: boolean }, terms: string[], mode: string, docNumber: string | null) {
    const [rows, texts] = await Promise.all([this.repo.summaries(ids), this.repo.snippetSources(ids, terms[0] ?? '')]);
    const items = rows.map((r) => {
      const t = texts.get(r.id)!;
      return { ...summary(r), titleHighlight: makeSnippet(t.title, terms, 200), snippet: makeSnippet(t.body_text, terms) };
    });
    return { items, total: count.total, more: count.more, mode, docNumber };
  }
}
