/**
 * Large Excel exports (台账 of any size): a module declares what it exports (its manifest's `exports`), and the rows
 * are read from its repository page by page and written by exceljs's streaming writer, the event loop turning
 * between batches, so a 200,000-row ledger never holds the server (the exports module runs them as jobs).
 */
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Actor } from './audit.js';
import type { Permission } from './auth.js';
import { madeByOf, cellValue, frozenRows, layoutSheet, type Column } from './excel.js';
import { installNow } from './time.js';

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
  const heading = { title: spec.title, madeBy: madeByOf(actor), at: installNow() };
  // A streamed sheet takes its views when it is made.
  const ws = wb.addWorksheet(spec.sheet.slice(0, 31), { views: [{ state: 'frozen', ySplit: frozenRows(heading) }] });
  layoutSheet(ws, spec.columns, heading);
  // The heading rows are complete: stream them out before the rows.
  for (let i = 1; i <= ws.rowCount; i++) ws.getRow(i).commit();
  const sums = spec.columns.map(() => 0);
  let done = 0;
  for await (const page of spec.pages(actor)) {
    for (const r of page) {
      ws.addRow(
        spec.columns.map((c, i) => {
          const v = c.value(r);
          if (c.total && typeof v === 'number') sums[i] += v;
          return cellValue(c.kind, v);
        }),
      ).commit();
      if (++done % BATCH === 0) {
        signal?.throwIfAborted();
        // The zip is deflated behind the writer: when the file falls behind, wait for it rather than buffer the sheet.
        if (out.writableNeedDrain) await new Promise((r) => out.once('drain', r));
        await turn();
      }
    }
    await onBatch?.(done);
  }
  if (spec.columns.some((c) => c.total)) {
    const total = ws.addRow(spec.columns.map((c, i) => (i === 0 ? '合计' : c.total ? (c.kind === 'fen' ? sums[i] / 100 : sums[i]) : '')));
    total.font = { bold: true };
    total.commit();
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
