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

/** Why a document gave no task, from what its text holds: no unit named as responsible, or units without a time. */
export function whyNothing(d: { body: unknown; parts: { body: unknown }[] }): string {
  const text = [d.body, ...d.parts.map((p) => p.body)].map((b) => JSON.stringify(b)).join('');
  const units = (text.match(/牵头|负责|配合|责任单位/g) ?? []).length;
  const dates = (text.match(/\d{1,2}月(底|末|上旬|中旬|下旬|\d{1,2}日)?前?|年底|每[日周月季年]/g) ?? []).length;
  const found = units
    ? `正文有 ${units} 处写到牵头、负责或配合单位${dates ? `、${dates} 处写到时间` : '，但没有写明完成时限或周期'}，未能按条款对应成督办任务`
    : '正文没有写明牵头、负责或责任单位的条款';
  return `${found}；如有应督办的事项，请「手工添加任务」，注明所在条款。`;
}
