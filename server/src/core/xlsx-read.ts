/**
 * Reading the first sheet of an untrusted .xlsx from its XML, in time linear in the file and memory bounded by
 * limits: the file is anyone's upload, so nothing in it becomes a pattern, no search rescans the rest of the file per
 * tag, and no entry inflates past what its compressed size and the limits allow. Runs in a worker thread
 * (xlsx-read.worker.ts) with time and heap budgets; core/excel.ts starts it.
 */
import { inflateRawSync } from 'node:zlib';

/** A workbook that cannot be read as .xlsx (not a zip, no sheet, an unsupported compression, broken XML). */
export class NotXlsx extends Error {}

/** A workbook whose entries inflate past the limits (a zip bomb, or a sheet too large to read safely). */
export class XlsxTooLarge extends Error {
  constructor(
    readonly reason: 'size' | 'ratio',
    readonly limit: number,
  ) {
    super(reason === 'size' ? `an entry inflates past ${limit} bytes` : `an entry inflates more than ${limit} times its compressed size`);
  }
}

/** How far one zip entry may inflate. */
export interface InflateLimits {
  /** Bytes one entry may inflate to. */
  maxEntryBytes: number;
  /** How many times its compressed size an entry may inflate to (above RATIO_FLOOR bytes). */
  maxRatio: number;
}

/** Entries this small inflate without the ratio check: tiny parts (rels, workbook.xml) may compress very well. */
const RATIO_FLOOR = 1024 * 1024;

/** Unlimited, for workbooks the server wrote itself (tests, exports read back). */
const TRUSTED: InflateLimits = { maxEntryBytes: 2 ** 31 - 1, maxRatio: Infinity };

/** One row of a sheet: its row number and its cells' texts by column from A. */
export interface SheetRow {
  number: number;
  cells: string[];
}

/** The entries of a zip archive by name, each inflated on demand (central directory only: no streaming, no data descriptors needed). */
function zipEntries(buf: Buffer, limits: InflateLimits): Map<string, () => Buffer> {
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65_557); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new NotXlsx('not a zip archive');
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const out = new Map<string, () => Buffer>();
  for (let i = 0; i < count; i++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== 0x02014b50) throw new NotXlsx('broken central directory');
    const method = buf.readUInt16LE(p + 10);
    const size = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.subarray(p + 46, p + 46 + nameLen).toString('utf8');
    out.set(name, () => {
      if (local + 30 > buf.length) throw new NotXlsx('broken local header');
      const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
      if (start + size > buf.length) throw new NotXlsx('entry past the end of the file');
      const data = buf.subarray(start, start + size);
      if (method === 0) return data;
      if (method !== 8) throw new NotXlsx(`compression ${method}`);
      // The header's uncompressed size is the sender's word; the output limit is what holds.
      const byRatio = Math.max(RATIO_FLOOR, size * limits.maxRatio);
      const cap = Math.min(limits.maxEntryBytes, byRatio);
      try {
        return inflateRawSync(data, { maxOutputLength: cap });
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw cap < limits.maxEntryBytes ? new XlsxTooLarge('ratio', limits.maxRatio) : new XlsxTooLarge('size', limits.maxEntryBytes);
        throw new NotXlsx(`broken deflate data in ${name}`);
      }
    });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

/** Text searched by plain indexOf: a string, or a Buffer of UTF-8 (tag names are ASCII, so byte offsets cut at whole characters). */
type Source = string | Buffer;
const codeAt = (src: Source, i: number) => (typeof src === 'string' ? src.charCodeAt(i) : src[i]);
const textOf = (src: Source, from: number, to: number) => (typeof src === 'string' ? src.slice(from, to) : src.toString('utf8', from, to));
// After `<name`: whitespace, `>` or `/` (so `<c` does not match `<col`).
const ENDS_NAME = new Set([0x20, 0x09, 0x0a, 0x0d, 0x3e, 0x2f]);

/**
 * Each `<name …>…</name>` or `<name …/>` of a text in order: its attributes' text, its body's offsets (from, to) and
 * the element's (start, end). Every
 * search starts where the last one ended, so the time is linear in the text; an element without its end is broken
 * XML (and no later element could have one), so it ends the reading instead of being searched for again.
 */
function* elements(src: Source, name: string): Generator<{ attrs: string; from: number; to: number; start: number; end: number }> {
  const open = `<${name}`;
  const close = `</${name}>`;
  let i = 0;
  for (;;) {
    const s = src.indexOf(open, i);
    if (s < 0) return;
    const n = codeAt(src, s + open.length);
    if (n === undefined || !ENDS_NAME.has(n)) {
      i = s + open.length;
      continue;
    }
    const gt = src.indexOf('>', s + open.length);
    if (gt < 0) throw new NotXlsx(`unterminated <${name}>`);
    if (codeAt(src, gt - 1) === 0x2f) {
      yield { attrs: textOf(src, s + open.length, gt - 1), from: gt + 1, to: gt + 1, start: s, end: gt + 1 };
      i = gt + 1;
      continue;
    }
    const e = src.indexOf(close, gt + 1);
    if (e < 0) throw new NotXlsx(`unterminated <${name}>`);
    yield { attrs: textOf(src, s + open.length, gt), from: gt + 1, to: e, start: s, end: e + close.length };
    i = e + close.length;
  }
}

/** The text between `<name>` and `</name>` of the first such element, or undefined. */
function firstBody(src: string, name: string): string | undefined {
  for (const e of elements(src, name)) return src.slice(e.from, e.to);
  return undefined;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const unescapeXml = (s: string) => (s.includes('&') ? s.replace(/&(#x[0-9a-fA-F]{1,6}|#\d{1,7}|amp|lt|gt|quot|apos);/g, (m, e: string) => (e[0] === '#' ? safeCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : Number(e.slice(1))) ?? m : ENTITIES[e])) : s);
const safeCodePoint = (n: number) => (n <= 0x10ffff ? String.fromCodePoint(n) : undefined);

/** The value of one attribute, its name compared literally; the attributes are read once from left to right. */
function attr(attrs: string, name: string): string | undefined {
  let i = 0;
  for (;;) {
    const eq = attrs.indexOf('=', i);
    if (eq < 0) return undefined;
    let q = eq + 1;
    while (attrs[q] === ' ' || attrs[q] === '\t' || attrs[q] === '\n' || attrs[q] === '\r') q++;
    const quote = attrs[q];
    if (quote !== '"' && quote !== "'") return undefined;
    const end = attrs.indexOf(quote, q + 1);
    if (end < 0) return undefined;
    if (attrs.slice(i, eq).trim() === name) return unescapeXml(attrs.slice(q + 1, end));
    i = end + 1;
  }
}

/** The text of an <si> or <is>: every <t> run in order (rich text has several), phonetic runs (<rPh>) left out. */
function runsText(xml: string): string {
  let plain = '';
  let at = 0;
  for (const ph of elements(xml, 'rPh')) {
    plain += xml.slice(at, ph.start);
    at = ph.end;
  }
  plain += xml.slice(at);
  let s = '';
  for (const t of elements(plain, 't')) s += plain.slice(t.from, t.to);
  return unescapeXml(s);
}

/** The widest sheet Excel makes (XFD): a cell reference past it is not a column to fill up to. */
const MAX_COLUMNS = 16_384;
const colIndex = (ref: string) => {
  let n = 0;
  for (const ch of ref) {
    const c = ch.charCodeAt(0);
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
    if (n > MAX_COLUMNS) return -1;
  }
  return n - 1;
};

/** One `<row>`'s cells by column, from the row's own text. */
function rowCells(row: string, shared: readonly string[]): string[] {
  const cells: string[] = [];
  let next = 0;
  for (const c of elements(row, 'c')) {
    const ref = attr(c.attrs, 'r');
    const at = ref && ref.charCodeAt(0) >= 65 && ref.charCodeAt(0) <= 90 ? colIndex(ref) : next;
    if (at < 0) continue;
    next = at + 1;
    const type = attr(c.attrs, 't') ?? 'n';
    const body = row.slice(c.from, c.to);
    const v = firstBody(body, 'v');
    let value = '';
    if (type === 's') value = shared[Number(v)] ?? '';
    else if (type === 'inlineStr') value = runsText(firstBody(body, 'is') ?? '');
    else if (v !== undefined) value = unescapeXml(v);
    cells[at] = value.trim();
  }
  return Array.from(cells, (x) => x ?? '');
}

/**
 * The first sheet of an .xlsx as rows of cell texts (row number, then cells by column from A), read from the file's
 * XML directly: exceljs's stream reader decodes each inflated chunk on its own and breaks characters that straddle
 * two chunks (Chinese text in a large sheet), and its full reader holds the whole workbook's object model in memory.
 * `rows` is the sheet's row count, known before the first row (for a progress bar). Untrusted files go through
 * `readFirstSheetOffThread` (core/excel.ts), which runs this in a worker with budgets.
 */
export function readFirstSheet(buf: Buffer, limits: InflateLimits = TRUSTED): { rows: number; each: () => Generator<SheetRow> } {
  if (buf.length < 22 || buf.readUInt32LE(0) !== 0x04034b50) throw new NotXlsx('not a zip archive');
  const entries = zipEntries(buf, limits);
  const workbook = entries.get('xl/workbook.xml')?.().toString('utf8');
  const rels = entries.get('xl/_rels/workbook.xml.rels')?.().toString('utf8') ?? '';
  let rid: string | undefined;
  if (workbook) for (const s of elements(workbook, 'sheet')) if ((rid = attr(s.attrs, 'r:id')) !== undefined) break;
  let target: string | undefined;
  if (rid !== undefined) {
    for (const r of elements(rels, 'Relationship')) {
      if (attr(r.attrs, 'Id') === rid) {
        target = attr(r.attrs, 'Target');
        break;
      }
    }
  }
  const sheetPath = target ? (target.startsWith('/') ? target.slice(1) : `xl/${target.startsWith('./') ? target.slice(2) : target}`) : 'xl/worksheets/sheet1.xml';
  const sheet = entries.get(sheetPath)?.();
  if (!sheet) throw new NotXlsx('no sheet');
  const sst = entries.get('xl/sharedStrings.xml')?.();
  const shared: string[] = [];
  if (sst) for (const si of elements(sst, 'si')) shared.push(runsText(sst.toString('utf8', si.from, si.to)));
  const last = sheet.lastIndexOf('<row ');
  const gt = last < 0 ? -1 : sheet.indexOf('>', last);
  const lastR = gt < 0 ? undefined : attr(sheet.toString('utf8', last + 4, gt), 'r');
  return {
    rows: lastR && /^\d{1,9}$/.test(lastR) ? Number(lastR) : 0,
    *each() {
      let auto = 0;
      for (const row of elements(sheet, 'row')) {
        const r = attr(row.attrs, 'r');
        const number = r && /^\d{1,9}$/.test(r) ? Number(r) : auto + 1;
        auto = number;
        yield { number, cells: rowCells(sheet.toString('utf8', row.from, row.to), shared) };
      }
    },
  };
}
