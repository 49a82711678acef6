/**
 * Large Excel exports (台账 of any size): a module declares what it exports (its manifest's `exports`), and the rows
 * are read from its repository page by page and written by exceljs's streaming writer, the event loop turning
 * between batches, so a 200,000-row ledger never holds the server (the exports module runs them as jobs).
 */
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Actor } from './audit.js';
import type { Permission } from './auth.js';
import type { Column } from './excel.js';

/** One export a module offers: its sheet, its columns, and its rows for an actor (the service's own rules apply). */
export interface ExportSpec<T = any> {
  /** Who may start it (the start route's permission); the service decides the rest (scope, bureau, masking). */
  permission: Permission;
  /** What the user sees it called, e.g. 农村改厕台账. */
  title: string;
  fileName: string;
  sheet: string;
  columns: Column<T>[];
  /** How many rows the actor's export will hold (where its progress ends); throws when the actor may not export it. */
  count(actor: Actor): Promise<number>;
  /** The rows in pages, each read by keyset from the repository (never the whole table in one array). */
  pages(actor: Actor): AsyncIterable<T[]>;
}

/** Rows written between two turns of the event loop: small enough that a health check waits a few ms, not seconds. */
const BATCH = 100;

const turn = () => new Promise<void>((r) => setImmediate(r));

/**
 * Write the actor's export as one sheet (bold, frozen header) to `out`, yielding to the event loop every BATCH rows
 * and waiting for `out` to drain; `onBatch` hears the rows done so far. Resolves with the row count once `out` has
 * every byte; `signal` stops it (the server is closing).
 */
export async function writeXlsx<T>(spec: ExportSpec<T>, actor: Actor, out: Writable, onBatch?: (done: number) => Promise<void> | void, signal?: AbortSignal): Promise<number> {
  // No shared strings: exceljs would hold every distinct string of the sheet in memory until the end.
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: true });
  wb.creator = '县务通';
  const ws = wb.addWorksheet(spec.sheet.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = spec.columns.map((c) => ({ width: c.width ?? Math.max(10, c.header.length * 2 + 4) }));
  const header = ws.addRow(spec.columns.map((c) => c.header));
  header.font = { bold: true };
  header.commit();
  let done = 0;
  for await (const page of spec.pages(actor)) {
    for (const r of page) {
      ws.addRow(spec.columns.map((c) => c.value(r) ?? '')).commit();
      if (++done % BATCH === 0) {
        signal?.throwIfAborted();
        // The zip is deflated behind the writer: when the file falls behind, wait for it rather than buffer the sheet.
        if (out.writableNeedDrain) await new Promise((r) => out.once('drain', r));
        await turn();
      }
    }
    await onBatch?.(done);
  }
  ws.commit();
  const closed = new Promise<void>((resolve, reject) => {
    out.once('finish', resolve);
    out.once('error', reject);
  });
  await wb.commit();
  await closed;
  return done;
}
