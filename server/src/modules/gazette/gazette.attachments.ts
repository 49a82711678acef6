/**
 * The 附件说明 of a notice or of an issued plan (附件：1. … 2. …, 见网络版 when not printed), and the attachments printed
 * inline after it, each under its 附件N heading.
 */
import { normalizeTitle } from './gazette.elements.js';
import { parseOutline, type Body } from './gazette.outline.js';
import { bodyLinesIn, escapeRe, isLineStart, lineIndexAt, type Prepared } from './gazette.text.js';

/** One attachment named in a 附件说明. */
export interface Attachment {
  index: number | null;
  title: string;
  /** 见网络版: not printed in the gazette. */
  onlineOnly: boolean;
  /** Index into parts when the attachment belongs to an issued plan. */
  part: number | null;
  /** The attachment's text when it is printed inline. */
  content: Body | null;
}

/** Whether every bracket or quote opened in a title is closed. */
function bracketsBalanced(s: string): boolean {
  let depth = 0;
  for (const ch of s) {
    if ('《（(“<'.includes(ch)) depth++;
    else if ('》）)”>'.includes(ch)) depth--;
  }
  return depth <= 0;
}

const ONLINE = /[（(]见网络版[）)]/;

interface AttachmentList {
  items: Attachment[];
  /** Offset where the list ends (inline attachment text may follow). */
  end: number;
}

/** Parses the 附件说明 starting at `from` (just after 附件：) up to `to`. */
function parseAttachmentList(p: Prepared, from: number, to: number, part: number | null): AttachmentList {
  const s = p.s.slice(from, to);
  const items: Attachment[] = [];
  const lineEnd = (offset: number) => {
    const li = lineIndexAt(p, from + offset);
    const next = li + 1 < p.lineStarts.length ? p.lineStarts[li + 1] - from : s.length;
    return Math.min(next, s.length);
  };
  // End of one item's title: 见网络版, else an inline 附件 heading, else the end of its line(s).
  const endOf = (start: number, limit: number): { end: number; title: string; online: boolean } => {
    const seg = s.slice(start, limit);
    const on = ONLINE.exec(seg);
    if (on && on.index < 90) return { end: start + on.index + on[0].length, title: seg.slice(0, on.index), online: true };
    const inline = /附件\d*/.exec(seg.slice(1));
    if (inline && inline.index < 90) {
      const title = seg.slice(0, inline.index + 1);
      return { end: start + title.length, title, online: false };
    }
    if (limit < s.length || seg.length <= 60) return { end: limit, title: seg, online: false };
    // A single line of title, plus continuation lines while the title is not closed.
    let e = lineEnd(start);
    while (e < s.length && e - start < 60 && !bracketsBalanced(s.slice(start, e))) e = lineEnd(e);
    return { end: e, title: s.slice(start, e), online: false };
  };
  if (/^1[.．、]/.test(s)) {
    let k = 1;
    let start = 2;
    for (;;) {
      const next = new RegExp(`(?<![0-9.．])${k + 1}[.．、]`, 'g');
      next.lastIndex = start;
      const m = next.exec(s);
      // The next item must come after this item's title, within reason.
      if (m && m.index - start < 120) {
        const t = endOf(start, m.index);
        items.push({ index: k, title: cleanTitle(t.title), onlineOnly: t.online, part, content: null });
        start = m.index + m[0].length;
        k++;
        continue;
      }
      const t = endOf(start, s.length);
      items.push({ index: k, title: cleanTitle(t.title), onlineOnly: t.online, part, content: null });
      return { items, end: from + t.end };
    }
  }
  const t = endOf(0, s.length);
  if (t.title) items.push({ index: null, title: cleanTitle(t.title), onlineOnly: t.online, part, content: null });
  return { items, end: from + t.end };
}

function cleanTitle(t: string): string {
  return normalizeTitle(t.replace(ONLINE, '')).replace(/[，。；、]+$/, '');
}

/** Attachments printed inline after the list: 附件[N] + title + text. */
function attachInline(p: Prepared, list: Attachment[], from: number, to: number, warnings: string[]): void {
  const s = p.s.slice(from, to);
  if (!s.startsWith('附件')) return;
  const heads: { at: number; att: Attachment; bodyStart: number }[] = [];
  list.forEach((att, idx) => {
    if (att.onlineOnly) return;
    const label = att.index === null ? '附件' : `附件${att.index}`;
    const re = new RegExp(`${escapeRe(label)}(?!\\d)${att.index === null && list.length > 1 ? `${idx + 1}?` : ''}`, 'g');
    for (let m = re.exec(s); m; m = re.exec(s)) {
      const afterLabel = m.index + m[0].length;
      if (s.startsWith(att.title, afterLabel)) {
        heads.push({ at: m.index, att, bodyStart: afterLabel + att.title.length });
        break;
      }
    }
  });
  heads.sort((a, b) => a.at - b.at);
  heads.forEach((h, i) => {
    const end = i + 1 < heads.length ? heads[i + 1].at : s.length;
    const parsed = parseOutline(bodyLinesIn(p, from + h.bodyStart, from + end));
    h.att.content = parsed.body;
    warnings.push(...parsed.warnings);
  });
}

/** Finds the 附件说明 in [from, to): returns the body end, the attachments and the inline text end. */
export function splitAttachments(p: Prepared, from: number, to: number, part: number | null, warnings: string[]): { bodyEnd: number; attachments: Attachment[] } {
  const s = p.s.slice(from, to);
  const re = /附件[：:]/g;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    const at = from + m.index;
    if (!(isLineStart(p, at) || /[。）)”]$/.test(p.s.slice(at - 1, at)))) continue;
    const list = parseAttachmentList(p, at + m[0].length, to, part);
    if (!list.items.length) continue;
    attachInline(p, list.items, list.end, to, warnings);
    return { bodyEnd: at, attachments: list.items };
  }
  return { bodyEnd: to, attachments: [] };
}
