/** Excel export of any table (台账), with Chinese headers. */
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
