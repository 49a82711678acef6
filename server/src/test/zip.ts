/** Zip archives made byte by byte, for workbooks no spreadsheet program would write (the reader's hostile inputs). */
import { constants, deflateRawSync } from 'node:zlib';

/** One entry: its content (deflated here), or deflate data made elsewhere with the size it inflates to. */
type Entry = { name: string; text: string } | { name: string; deflated: Buffer; size: number };

const LOCAL_HEADER = 30;
const CENTRAL_HEADER = 46;

/**
 * An entry's header: the local one before its data, or its central directory record. The record holds the local
 * header's fields two bytes further on (after "version made by"), then where the local header is.
 */
function header(kind: 'local' | 'central', name: Buffer, compressed: number, size: number, localAt = 0): Buffer {
  const central = kind === 'central';
  const shift = central ? 2 : 0;
  const h = Buffer.alloc(central ? CENTRAL_HEADER : LOCAL_HEADER);
  h.writeUInt32LE(central ? 0x02014b50 : 0x04034b50, 0);
  if (central) h.writeUInt16LE(20, 4);
  h.writeUInt16LE(20, 4 + shift);
  h.writeUInt16LE(8, 8 + shift);
  h.writeUInt32LE(compressed, 18 + shift);
  h.writeUInt32LE(size, 22 + shift);
  h.writeUInt16LE(name.length, 26 + shift);
  if (central) h.writeUInt32LE(localAt, 42);
  return h;
}

/** A zip of the entries (CRC fields left 0: the reader under test does not check them). */
export function zip(entries: readonly Entry[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const data = 'text' in e ? deflateRawSync(Buffer.from(e.text, 'utf8')) : e.deflated;
    const size = 'text' in e ? Buffer.byteLength(e.text, 'utf8') : e.size;
    locals.push(header('local', name, data.length, size), name, data);
    central.push(header('central', name, data.length, size, offset), name);
    offset += LOCAL_HEADER + name.length + data.length;
  }
  const dirBytes = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dirBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dirBytes, end]);
}

/**
 * Deflate data inflating to `mb` MB of zeros without making them: one MB deflated and sync-flushed (byte-aligned, not
 * final, referring to nothing before it) repeated, then an empty final block.
 */
export function deflatedZeros(mb: number): Buffer {
  const block = deflateRawSync(Buffer.alloc(1024 * 1024), { finishFlush: constants.Z_SYNC_FLUSH });
  return Buffer.concat([...Array<Buffer>(mb).fill(block), deflateRawSync(Buffer.alloc(0))]);
}

const WORKBOOK = '<?xml version="1.0"?><workbook xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="摸底名册" sheetId="1" r:id="rId1"/></sheets></workbook>';
const RELS = '<?xml version="1.0"?><Relationships><Relationship Id="rId1" Type="worksheet" Target="worksheets/sheet1.xml"/></Relationships>';

/** The hostile workbooks of the import's security probe, each under 1 MB. */
export const hostileWorkbooks = {
  /** The sheet's r:id is a pattern that backtracks exponentially against a rels Id of 26 x's, if it is ever made a RegExp. */
  regexId: () =>
    zip([
      { name: 'xl/workbook.xml', text: WORKBOOK.replace('rId1', '(x+x+)+y') },
      { name: 'xl/_rels/workbook.xml.rels', text: RELS.replace('rId1', 'x'.repeat(26)) },
    ]),
  /** 30,000 `<row>` tags none of which ends: a search for each one's end that runs to the end of the sheet is quadratic. */
  unterminatedRows: () =>
    zip([
      { name: 'xl/workbook.xml', text: WORKBOOK },
      { name: 'xl/_rels/workbook.xml.rels', text: RELS },
      { name: 'xl/worksheets/sheet1.xml', text: `<worksheet><sheetData>${'<row>'.repeat(30_000)}` },
    ]),
  /** A sheet inflating to `mb` MB from about a thousandth of that. */
  zipBomb: (mb: number) =>
    zip([
      { name: 'xl/workbook.xml', text: WORKBOOK },
      { name: 'xl/_rels/workbook.xml.rels', text: RELS },
      { name: 'xl/worksheets/sheet1.xml', deflated: deflatedZeros(mb), size: mb * 1024 * 1024 },
    ]),
};
