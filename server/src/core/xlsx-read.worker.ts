/** The worker thread that reads one uploaded workbook for readFirstSheetOffThread (core/excel.ts). */
import { parentPort, workerData } from 'node:worker_threads';
import { NotXlsx, XlsxTooLarge, readFirstSheet, type InflateLimits, type SheetRow } from './xlsx-read.js';

/** What the worker posts: the row count first, rows in batches, then done; or why the file is refused. */
export type ReaderMessage =
  | { kind: 'rows'; rows: number }
  | { kind: 'batch'; lines: SheetRow[] }
  | { kind: 'done' }
  | { kind: 'not-xlsx'; message: string }
  | { kind: 'too-large'; reason: 'size' | 'ratio'; limit: number };

// Batches keep each message's decoding on the main thread short (one large message would be one long task there).
const BATCH = 2000;
const { file, limits } = workerData as { file: Uint8Array; limits: InflateLimits };
const post = (m: ReaderMessage) => parentPort!.postMessage(m);
try {
  const sheet = readFirstSheet(Buffer.from(file.buffer, file.byteOffset, file.byteLength), limits);
  post({ kind: 'rows', rows: sheet.rows });
  let lines: SheetRow[] = [];
  for (const row of sheet.each()) {
    lines.push(row);
    if (lines.length >= BATCH) {
      post({ kind: 'batch', lines });
      lines = [];
    }
  }
  if (lines.length) post({ kind: 'batch', lines });
  post({ kind: 'done' });
} catch (e) {
  if (e instanceof XlsxTooLarge) post({ kind: 'too-large', reason: e.reason, limit: e.limit });
  else if (e instanceof NotXlsx || e instanceof RangeError) post({ kind: 'not-xlsx', message: (e as Error).message });
  else throw e;
}
