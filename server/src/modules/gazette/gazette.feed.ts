/** Atom feeds (RFC 4287) of the newest documents, all of them or one 文号 series, for readers and other sites. */
import { escapeHtml } from '../../core/html.js';

export interface FeedEntry {
  id: number;
  docNumber: string;
  title: string;
  issuer: string;
  type: string;
  date: string | null;
}

/** A document's day as an Atom date: the 成文日期, at the start of the day in China. */
const atomDate = (d: string | null) => `${d ?? '1970-01-01'}T00:00:00+08:00`;

/** The feed's XML; `origin` is the site's address (links and ids are absolute). */
export function atomFeed(o: { origin: string; self: string; title: string; entries: FeedEntry[] }): string {
  const updated = o.entries.map((e) => e.date ?? '').sort().at(-1) || null;
  const entries = o.entries.map(
    (e) => `  <entry>
    <id>${escapeHtml(`${o.origin}/documents/${e.id}`)}</id>
    <title>${escapeHtml(`${e.docNumber} ${e.title}`)}</title>
    <link rel="alternate" type="text/html" href="${escapeHtml(`${o.origin}/documents/${e.id}`)}"/>
    <updated>${atomDate(e.date)}</updated>
    <author><name>${escapeHtml(e.issuer)}</name></author>
    <category term="${escapeHtml(e.type)}"/>
    <summary>${escapeHtml(`${e.issuer} ${e.docNumber}《${e.title}》`)}</summary>
  </entry>`,
  );
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">
  <id>${escapeHtml(o.self)}</id>
  <title>${escapeHtml(o.title)}</title>
  <link rel="self" type="application/atom+xml" href="${escapeHtml(o.self)}"/>
  <link rel="alternate" type="text/html" href="${escapeHtml(`${o.origin}/documents`)}"/>
  <updated>${atomDate(updated)}</updated>
${entries.join('\n')}
</feed>
`;
}
