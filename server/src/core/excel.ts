/** Excel export of any table (台账), with Chinese headers. */
import type { Actor } from './audit.js';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import ExcelJS from 'exceljs';
import type { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import type { Config } from '../config.js';
import type { InflateLimits, SheetRow } from './xlsx-read.js';
import type { ReaderMessage } from './xlsx-read.worker.js';
import { NotXlsx, XlsxTooLarge } from './xlsx-read.js';

export { NotXlsx, XlsxTooLarge, readFirstSheet, type SheetRow } from './xlsx-read.js';

/**
 * How a column's cells are written, so a sheet sums and sorts in Excel: `fen` takes integer 分 and writes 元 as a
 * number shown ¥#,##0.00; `date` takes YYYY-MM-DD and `datetime` an ISO instant (shown in 北京时间) as Excel dates;
 * `integer` and `decimal` numbers with their format; `text` (the default) as given.
 */
export type ColumnKind = 'text' | 'fen' | 'integer' | 'decimal' | 'date' | 'datetime';

export interface Column<T> {
  header: string;
  value: (row: T) => string | number | null | undefined;
  width?: number;
  kind?: ColumnKind;
  /** Sum the column into the 合计 row (fen, integer and decimal columns). */
  total?: boolean;
}

/** Who a sheet names as 制表: the account's unit, or the account where it has none (an administrator, the system). */
export const madeByOf = (actor: Actor): string => actor.unitName ?? actor.name;

/** The heading a county office files a sheet under: its title, who made it and when (rows above the header). */
export interface SheetHeading {
  title: string;
  /** 制表单位 (or the person, where the unit is not known to the route). */
  madeBy?: string;
  /** The export instant (ISO); shown in 北京时间. */
  at: string;
}

const FORMATS: Partial<Record<ColumnKind, string>> = { fen: '¥#,##0.00', integer: '#,##0', decimal: '#,##0.00##', date: 'yyyy-mm-dd', datetime: 'yyyy-mm-dd hh:mm' };
const CHINA_MS = 8 * 3600_000;

/** 北京时间 of an ISO instant as 「YYYY-MM-DD HH:mm」. */
const chinaMinute = (iso: string) => new Date(Date.parse(iso) + CHINA_MS).toISOString().slice(0, 16).replace('T', ' ');

/** A cell's value as its column's kind writes it (empty stays empty; a value that is not of the kind stays text). */
export function cellValue(kind: ColumnKind | undefined, v: string | number | null | undefined): string | number | Date {
  if (v === null || v === undefined || v === '') return '';
  switch (kind) {
    case 'fen':
      return typeof v === 'number' ? v / 100 : v;
    case 'integer':
    case 'decimal': {
      const n = typeof v === 'number' ? v : Number(v);
      return Number.isFinite(n) ? n : v;
    }
    case 'date':
      return typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? new Date(`${v}T00:00:00Z`) : v;
    case 'datetime':
      // Excel dates have no zone: write the wall-clock time of Beijing, which is what the office reads.
      return typeof v === 'string' && !Number.isNaN(Date.parse(v)) ? new Date(Date.parse(v) + CHINA_MS) : v;
    default:
      return v;
  }
}

/** The 合计 row: the label in the first column, each totalled column's sum (fen summed in 分, exactly). */
export function totalRow<T>(columns: Column<T>[], rows: Iterable<T>): (string | number)[] | null {
  if (!columns.some((c) => c.total)) return null;
  const sums = columns.map(() => 0);
  for (const r of rows) {
    columns.forEach((c, i) => {
      if (!c.total) return;
      const v = c.value(r);
      const n = typeof v === 'number' ? v : Number(v);
      if (Number.isFinite(n)) sums[i] += n;
    });
  }
  return columns.map((c, i) => (i === 0 ? '合计' : c.total ? (c.kind === 'fen' ? sums[i] / 100 : Math.round(sums[i] * 10000) / 10000) : ''));
}

/** Lay a sheet out: heading rows (when given), the bold header below them, widths and number formats (the caller freezes `frozenRows`). */
export function layoutSheet<T>(ws: ExcelJS.Worksheet, columns: Column<T>[], heading?: SheetHeading): void {
  ws.columns = columns.map((c) => ({ width: c.width ?? Math.max(c.kind === 'datetime' ? 17 : 10, c.header.length * 2 + 4), style: FORMATS[c.kind ?? 'text'] ? { numFmt: FORMATS[c.kind ?? 'text'] } : {} }));
  if (heading) {
    const title = ws.addRow([heading.title]);
    title.font = { bold: true, size: 16 };
    title.alignment = { horizontal: 'center' };
    ws.mergeCells(1, 1, 1, Math.max(1, columns.length));
    ws.addRow([`${heading.madeBy ? `制表：${heading.madeBy}　` : ''}导出时间：${chinaMinute(heading.at)}（北京时间）`]);
    ws.mergeCells(2, 1, 2, Math.max(1, columns.length));
  }
  ws.addRow(columns.map((c) => c.header)).font = { bold: true };
}

/** The rows frozen above the data: the header, and the heading when there is one. */
export const frozenRows = (heading?: SheetHeading) => (heading ? 3 : 1);

/** A one-sheet workbook: bold, frozen header row (under a title when `heading` is given); one row per record; 合计. */
export async function toXlsx<T>(sheetName: string, columns: Column<T>[], rows: T[], heading?: SheetHeading): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '县务通';
  const ws = wb.addWorksheet(sheetName.slice(0, 31));
  layoutSheet(ws, columns, heading);
  ws.views = [{ state: 'frozen', ySplit: frozenRows(heading) }];
  for (const r of rows) ws.addRow(columns.map((c) => cellValue(c.kind, c.value(r))));
  const total = totalRow(columns, rows);
  if (total) ws.addRow(total).font = { bold: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Send a workbook as a download with a Chinese file name. */
export function sendXlsx(reply: FastifyReply, fileName: string, body: Buffer | Readable): FastifyReply {
  return reply
    .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header('content-disposition', `attachment; filename="export.xlsx"; filename*=UTF-8''${encodeURIComponent(fileName)}`)
    .send(body);
}

/** What reading one uploaded workbook may take: its entries' inflation, the worker's time and heap. */
export interface XlsxBudget extends InflateLimits {
  timeoutMs: number;
  heapMb: number;
}

/** The reading budget the configuration sets (XLSX_* variables). */
export const xlsxBudget = (c: Config): XlsxBudget => ({ maxEntryBytes: c.XLSX_MAX_ENTRY_MB * 1024 * 1024, maxRatio: c.XLSX_MAX_RATIO, timeoutMs: c.XLSX_READ_TIMEOUT_MS, heapMb: c.XLSX_READ_HEAP_MB });

/** A workbook whose reading ran out of its time or heap budget (the worker was stopped). */
export class XlsxOverBudget extends Error {
  constructor(readonly budget: 'time' | 'memory') {
    super(`reading the workbook ran out of ${budget}`);
  }
}

// Compiled, the worker is the .js next to this file. From source (tsx, vitest) it is a .ts file, and Node 20 does not
// apply loader hooks given to a worker by `execArgv: ['--import', 'tsx']` to the worker's own entry (it fails with
// ERR_UNKNOWN_FILE_EXTENSION), so a two-line bootstrap loads it through tsx's ESM API, found from this file rather
// than from the working directory.
const FROM_SOURCE = import.meta.url.endsWith('.ts');
const WORKER_URL = new URL(FROM_SOURCE ? './xlsx-read.worker.ts' : './xlsx-read.worker.js', import.meta.url);
const WORKER: string | URL = FROM_SOURCE
  ? `import(${JSON.stringify(pathToFileURL(join(dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist/esm/api/index.mjs')).href)}).then((tsx) => tsx.tsImport(${JSON.stringify(WORKER_URL.href)}, ${JSON.stringify(import.meta.url)}))`
  : WORKER_URL;

/**
 * The first sheet of an uploaded workbook, read in a worker thread so that no file, however made, holds the event
 * loop: its entries inflate within the budget's limits, and the worker is stopped past its time or heap. Rejects
 * with NotXlsx, XlsxTooLarge or XlsxOverBudget.
 */
export function readFirstSheetOffThread(file: Buffer, budget: XlsxBudget): Promise<{ rows: number; lines: SheetRow[] }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, {
      workerData: { file, limits: { maxEntryBytes: budget.maxEntryBytes, maxRatio: budget.maxRatio } },
      eval: FROM_SOURCE,
      resourceLimits: { maxOldGenerationSizeMb: budget.heapMb },
    });
    let rows = 0;
    const lines: SheetRow[] = [];
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
      void worker.terminate();
    };
    const timer = setTimeout(() => settle(() => reject(new XlsxOverBudget('time'))), budget.timeoutMs);
    worker.on('message', (m: ReaderMessage) => {
      if (m.kind === 'rows') rows = m.rows;
      else if (m.kind === 'batch') for (const l of m.lines) lines.push(l);
      else if (m.kind === 'done') settle(() => resolve({ rows, lines }));
      else if (m.kind === 'too-large') settle(() => reject(new XlsxTooLarge(m.reason, m.limit)));
      else settle(() => reject(new NotXlsx(m.message)));
    });
    worker.on('error', (err: NodeJS.ErrnoException) => settle(() => reject(err.code === 'ERR_WORKER_OUT_OF_MEMORY' ? new XlsxOverBudget('memory') : err)));
    worker.on('exit', (code) => settle(() => reject(new Error(`workbook reader exited with code ${code}`))));
  });
}
