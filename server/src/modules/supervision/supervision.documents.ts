/**
 * The office's document picker: every stored document, searched by 文号 or title, the exact 文号 first, then the
 * documents whose own number is the one typed (「6号」 is 6号 of each series, never 16号), then any 文号 or title that
 * holds the words.
 */
import { normalizeDocNumber } from '../gazette/index.js';

export interface PickableDocument {
  docNumber: string;
  title: string;
  date: string | null;
}

/** How well a document answers the words typed (lower first), or null when it does not. */
function rank(d: PickableDocument, q: string): number | null {
  const exact = normalizeDocNumber(q);
  if (exact && d.docNumber === exact) return 0;
  const serial = /^第?(\d+)号?$/.exec(q);
  if (serial) return new RegExp(`〕${Number(serial[1])}号$`).test(d.docNumber) ? 1 : null;
  const at = d.docNumber.indexOf(q);
  // Words that begin with a digit match a number only from its start: 「6号」 is not the end of 「16号」.
  if (at >= 0 && !(/^\d/.test(q) && /\d/.test(d.docNumber[at - 1] ?? ''))) return 2;
  return d.title.includes(q) ? 3 : null;
}

/** The documents matching `q` (all of them when empty), best first; within a rank by date, the newest first. */
export function pickDocuments<D extends PickableDocument>(docs: readonly D[], q: string): D[] {
  const words = q.trim().replace(/\s+/g, '');
  const byDate = (a: D, b: D) => (b.date ?? '').localeCompare(a.date ?? '') || a.docNumber.localeCompare(b.docNumber);
  if (!words) return [...docs].sort(byDate);
  return docs
    .map((d) => ({ d, r: rank(d, words) }))
    .filter((x): x is { d: D; r: number } => x.r !== null)
    .sort((a, b) => a.r - b.r || byDate(a.d, b.d))
    .map((x) => x.d);
}
