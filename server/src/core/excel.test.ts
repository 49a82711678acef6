import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { NotXlsx, readFirstSheet } from './excel.js';

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
