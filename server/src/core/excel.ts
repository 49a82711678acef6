/** Excel export of any table (台账), with Chinese headers. */
import { inflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import type { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';

export interface Column<T> {
  header: string;
  value: (row: T) => string | number | null | undefined;
  width?: number;
}

/** A one-sheet workbook: bold, frozen header row; one row per record. */
export async function toXlsx<T>(sheetName: string, columns: Column<T>[], rows: T[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '县务通';
  const ws = wb.addWorksheet(sheetName.slice(0, 31));
  ws.columns = columns.map((c, i) => ({ header: c.header, key: `c${i}`, width: c.width ?? Math.max(10, c.header.length * 2 + 4) }));
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  for (const r of rows) ws.addRow(Object.fromEntries(columns.map((c, i) => [`c${i}`, c.value(r) ?? ''])));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Send a workbook as a download with a Chinese file name. */
export function sendXlsx(reply: FastifyReply, fileName: string, body: Buffer | Readable): FastifyReply {
  return reply
    .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header('content-disposition', `attachment; filename="export.xlsx"; filename*=UTF-8''${encodeURIComponent(fileName)}`)
    .send(body);
}

/** A workbook that cannot be read as .xlsx (not a zip, no sheet, an unsupported compression). */
export class NotXlsx extends Error {}

/** The entries of a zip archive by name, each inflated on demand (central directory only: no streaming, no data descriptors needed). */
function zipEntries(buf: Buffer): Map<string, () => Buffer> {
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
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new NotXlsx('broken central directory');
    const method = buf.readUInt16LE(p + 10);
    const size = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.subarray(p + 46, p + 46 + nameLen).toString('utf8');
    out.set(name, () => {
      const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
      const data = buf.subarray(start, start + size);
      if (method === 0) return data;
      if (method === 8) return inflateRawSync(data);
      throw new NotXlsx(`compression ${method}`);
    });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const unescapeXml = (s: string) => s.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, e: string) => (e[0] === '#' ? String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : Number(e.slice(1))) : ENTITIES[e]));
/** The text of an <si> or <is>: every <t> run in order (rich text has several), phonetic runs left out. */
const runsText = (xml: string) => {
  let s = '';
  for (const m of xml.replace(/<rPh\b[\s\S]*?<\/rPh>/g, '').matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>|<t(?:\s[^>]*)?\/>/g)) s += m[1] ?? '';
  return unescapeXml(s);
};
const colIndex = (ref: string) => {
  let n = 0;
  for (const ch of ref) {
    const c = ch.charCodeAt(0);
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
  }
  return n - 1;
};

/**
 * The first sheet of an .xlsx as rows of cell texts (row number, then cells by column from A), read from the file's
 * XML directly: exceljs's stream reader decodes each inflated chunk on its own and breaks characters that straddle
 * two chunks (Chinese text in a large sheet), and its full reader holds the whole workbook's object model in memory.
 * `rows` is the sheet's row count, known before the first row (for a progress bar).
 */
export function readFirstSheet(buf: Buffer): { rows: number; each: () => Generator<{ number: number; cells: string[] }> } {
  if (buf.length < 22 || buf.readUInt32LE(0) !== 0x04034b50) throw new NotXlsx('not a zip archive');
  const entries = zipEntries(buf);
  const text = (name: string) => entries.get(name)?.().toString('utf8') ?? null;
  const workbook = text('xl/workbook.xml');
  const rels = text('xl/_rels/workbook.xml.rels') ?? '';
  const rid = workbook ? /<sheet\b[^>]*\br:id="([^"]+)"/.exec(workbook)?.[1] : undefined;
  const target = rid ? new RegExp(`<Relationship\\b[^>]*\\bId="${rid}"[^>]*\\bTarget="([^"]+)"`).exec(rels)?.[1] ?? new RegExp(`<Relationship\\b[^>]*\\bTarget="([^"]+)"[^>]*\\bId="${rid}"`).exec(rels)?.[1] : undefined;
  const sheetPath = target ? (target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`) : 'xl/worksheets/sheet1.xml';
  const sheet = text(sheetPath);
  if (sheet === null) throw new NotXlsx('no sheet');
  const sst = text('xl/sharedStrings.xml');
  const shared = sst ? [...sst.matchAll(/<si>([\s\S]*?)<\/si>|<si\/>/g)].map((m) => runsText(m[1] ?? '')) : [];
  const last = sheet.lastIndexOf('<row ');
  const lastNo = last < 0 ? 0 : Number(/\br="(\d+)"/.exec(sheet.slice(last, last + 200))?.[1] ?? 0);
  return {
    rows: lastNo,
    *each() {
      let auto = 0;
      for (const row of sheet.matchAll(/<row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g)) {
        const number = Number(/\br="(\d+)"/.exec(row[1])?.[1] ?? auto + 1);
        auto = number;
        const cells: string[] = [];
        let next = 0;
        for (const c of (row[2] ?? '').matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
          const attrs = c[1];
          const ref = /\br="([A-Z]+)\d*"/.exec(attrs)?.[1];
          const at = ref ? colIndex(ref) : next;
          next = at + 1;
          const type = /\bt="([^"]+)"/.exec(attrs)?.[1] ?? 'n';
          const body = c[2] ?? '';
          const v = /<v>([\s\S]*?)<\/v>/.exec(body)?.[1];
          let value = '';
          if (type === 's') value = shared[Number(v)] ?? '';
          else if (type === 'inlineStr') value = runsText(/<is>([\s\S]*?)<\/is>/.exec(body)?.[1] ?? '');
          else if (v !== undefined) value = unescapeXml(v);
          cells[at] = value.trim();
        }
        yield { number, cells: Array.from(cells, (x) => x ?? '') };
      }
    },
  };
}
