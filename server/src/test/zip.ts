/** Zip archives made byte by byte, for workbooks no spreadsheet program would write (the reader's hostile inputs). */
import { constants, deflateRawSync } from 'node:zlib';

/** One entry: its content (deflated here), or deflate data made elsewhere with the size it inflates to. */
type Entry = { name: string; text: string } | { name: string; deflated: Buffer; size: number };

/** A zip of the entries (CRC fields left 0: the reader under test does not check them). */
export function zip(entries: readonly Entry[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const data = 'text' in e ? deflateRawSync(Buffer.from(e.text, 'utf8')) : e.deflated;
    const size = 'text' in e ? Buffer.byteLength(e.text, 'utf8') : e.size;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(8, 10);
    dir.writeUInt32LE(data.length, 20);
    dir.writeUInt32LE(size, 24);
    dir.writeUInt16LE(name.length, 28);
    dir.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    central.push(dir, name);
    offset += 30 + name.length + data.length;
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
