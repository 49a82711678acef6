import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { hostileWorkbooks } from '../test/zip.js';
import { NotXlsx, XlsxOverBudget, XlsxTooLarge, readFirstSheet, readFirstSheetOffThread, type XlsxBudget } from './excel.js';

describe('readFirstSheet', () => {
  it('reads shared strings, rich text, numbers and gaps of a workbook as Excel writes it, Chinese intact across a large sheet', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('名册');
    wb.addWorksheet('说明').addRow(['这一页不是名册']);
    ws.addRow(['乡镇', '村', '户主姓名', '电话']);
    ws.addRow(['西营镇', { richText: [{ text: '郭家寨' }, { text: '村委会', font: { bold: true } }] }, '张 & <三>', 13912345678]);
    ws.getCell('A4').value = '洪相镇';
    ws.getCell('D4').value = '13900000000';
    for (let i = 0; i < 20_000; i++) ws.addRow(['天宁镇', '磁窑村', `户主${i}`, '']);
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    const sheet = readFirstSheet(buf);
    expect(sheet.rows).toBe(20_004);
    const rows = [...sheet.each()];
    expect(rows.slice(0, 3)).toEqual([
      { number: 1, cells: ['乡镇', '村', '户主姓名', '电话'] },
      { number: 2, cells: ['西营镇', '郭家寨村委会', '张 & <三>', '13912345678'] },
      { number: 4, cells: ['洪相镇', '', '', '13900000000'] },
    ]);
    expect(rows.every((r) => !r.cells.join('').includes('\ufffd'))).toBe(true);
    expect(rows.at(-1)).toEqual({ number: 20_004, cells: ['天宁镇', '磁窑村', '户主19999', ''] });
  });

  it('refuses what is not an xlsx', () => {
    expect(() => readFirstSheet(Buffer.from('乡镇,村\n西营镇,某村\n'))).toThrow(NotXlsx);
  });
});

/** The longest the main thread's event loop went without a turn while `work` ran (a 1 ms timer's lateness). */
async function longestStall(work: () => Promise<unknown>): Promise<number> {
  let worst = 0;
  let last = performance.now();
  const tick = setInterval(() => {
    const now = performance.now();
    worst = Math.max(worst, now - last);
    last = now;
  }, 1);
  try {
    await work();
  } finally {
    clearInterval(tick);
  }
  return worst;
}

describe('readFirstSheetOffThread', () => {
  const budget: XlsxBudget = { maxEntryBytes: 128 * 1024 * 1024, maxRatio: 100, timeoutMs: 20_000, heapMb: 512 };
  const idle = () => longestStall(() => new Promise((r) => setTimeout(r, 300)));

  it('reads what readFirstSheet reads, in a worker', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('名册');
    ws.addRow(['乡镇', '村']);
    for (let i = 0; i < 3000; i++) ws.addRow(['西营镇', `郭家寨村${i}`]);
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    const sync = readFirstSheet(buf);
    expect(await readFirstSheetOffThread(buf, budget)).toEqual({ rows: sync.rows, lines: [...sync.each()] });
  });

  it('refuses a sheet r:id that would be a catastrophic pattern, and one of endless unterminated rows, with the main thread turning', async () => {
    const baseline = await idle();
    for (const file of [hostileWorkbooks.regexId(), hostileWorkbooks.unterminatedRows()]) {
      let err: unknown;
      const stall = await longestStall(() => readFirstSheetOffThread(file, budget).catch((e: unknown) => (err = e)));
      expect(err).toBeInstanceOf(NotXlsx);
      // A generous ratio to the same loop's idle stall: the old reader held the thread for seconds.
      expect(stall).toBeLessThan(baseline * 20);
    }
    // The same files read in place are linear too.
    expect(() => [...readFirstSheet(hostileWorkbooks.unterminatedRows()).each()]).toThrow(NotXlsx);
  });

  it('stops a zip bomb at the compression-ratio and size limits, without inflating it in this process', async () => {
    const bomb = hostileWorkbooks.zipBomb(300);
    const before = process.memoryUsage().rss;
    await expect(readFirstSheetOffThread(bomb, budget)).rejects.toMatchObject({ reason: 'ratio', limit: 100 });
    await expect(readFirstSheetOffThread(bomb, { ...budget, maxRatio: 10_000, maxEntryBytes: 8 * 1024 * 1024 })).rejects.toMatchObject({ reason: 'size' });
    expect(() => readFirstSheet(bomb, budget)).toThrow(XlsxTooLarge);
    // The bomb inflates to 300 MB: none of it stays here.
    expect(process.memoryUsage().rss - before).toBeLessThan(300 * 1024 * 1024);
  });

  it('stops the worker past its time budget', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('名册').addRow(['乡镇']);
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    await expect(readFirstSheetOffThread(buf, { ...budget, timeoutMs: 1 })).rejects.toEqual(new XlsxOverBudget('time'));
  });
});
