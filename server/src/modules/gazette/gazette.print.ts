/**
 * A document laid out for A4 as GB/T 9704-2012 prints it: 版头 (the issuer's name in red, the 发文字号, the red
 * separator), 主体 (title, 主送机关, 正文 with its outline, 附件说明, 署名 and 成文日期, 附注), each issued plan and
 * printed attachment from a new page, and 版记; page numbers 「— N —」 at the foot, outside edge. One page of HTML:
 * the browser prints it, and the server turns it into a PDF with Chromium. (inferred) The gazette does not carry
 * the 版记's 印发机关 and 印发日期, so the 版记 names the issuer and the 成文日期 as such rather than inventing a date.
 */
import { wordsOf } from './gazette.segment.js';
import type { Attachment } from './gazette.attachments.js';
import type { Body, Section } from './gazette.outline.js';
import { escapeHtml } from '../../core/html.js';

/** What the layout needs of a document (the API's document detail has all of it). */
export interface PrintableDocument {
  docNumber: string;
  issuer: string;
  title: string;
  addressees: string[];
  date: string | null;
  note: string | null;
  body: Body;
  parts: { title: string; body: Body; attachments: Attachment[] }[];
  attachments: Attachment[];
}


/** 2022-06-08 → 2022年6月8日 (GB/T 9704 writes the 成文日期 in Arabic numerals, without leading zeros). */
const cnDate = (d: string | null) => (d ? `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日` : '');

/**
 * GB/T 9704-2012: A4, 天头 37 mm, 订口 28 mm, 版心 156 × 225 mm; 3号仿宋 (16 pt) for the text, 22 lines of 28
 * characters; 一、 in 黑体, （一） in 楷体, 1. and （1） in 仿宋; page numbers in 4号宋体 as 「— N —」, 7 mm below the 版心,
 * right on odd pages and left on even ones.
 */
const CSS = `
@page { size: A4; margin: 37mm 26mm 35mm 28mm; }
@page :right { @bottom-right { content: "—\\00A0" counter(page) "\\00A0—"; white-space: pre; font: 14pt "SimSun", "Noto Serif CJK SC", "AR PL UMing CN", "WenQuanYi Zen Hei", serif; margin-right: 1em; } }
@page :left { @bottom-left { content: "—\\00A0" counter(page) "\\00A0—"; white-space: pre; font: 14pt "SimSun", "Noto Serif CJK SC", "AR PL UMing CN", "WenQuanYi Zen Hei", serif; margin-left: 1em; } }
html { font: 16pt/28.9pt "FangSong", "STFangsong", "FangSong_GB2312", "Noto Serif CJK SC", "AR PL UMing CN", "WenQuanYi Zen Hei", serif; color: #000; }
body { margin: 0; }
@media screen { body { max-width: 156mm; margin: 16px auto; } }
.issuer { color: #c00; text-align: center; font: 900 26pt/1.4 "FZXiaoBiaoSong-B05S", "Noto Serif CJK SC", "SimSun", "AR PL UMing CN", "WenQuanYi Zen Hei", serif; letter-spacing: 0.1em; margin-top: 35mm; }
@media screen { .issuer { margin-top: 0; } }
.docno { text-align: center; margin: 1.5em 0 0.2em; }
.separator { border: 0; border-top: 2px solid #c00; margin: 0 0 2em; }
/* 2号小标宋; where the machine has none, the heaviest Song face. Lines break only between words (<wbr>). */
h1 { text-align: center; font: 700 22pt/1.5 "FZXiaoBiaoSong-B05S", "Noto Serif CJK SC", "SimSun", "AR PL UMing CN", "WenQuanYi Zen Hei", serif; margin: 0 0 1em; word-break: keep-all; overflow-wrap: anywhere; }
h2.part { page-break-before: always; break-before: page; }
p { margin: 0; text-indent: 2em; text-align: justify; }
p.addressees { text-indent: 0; }
.h1 { font-family: "SimHei", "Noto Sans CJK SC", "WenQuanYi Zen Hei", sans-serif; font-weight: normal; font-size: 16pt; margin: 0; text-indent: 2em; }
.h2 { font-family: "KaiTi", "STKaiti", "KaiTi_GB2312", "AR PL UKai CN", "Noto Serif CJK SC", "WenQuanYi Zen Hei", serif; font-weight: normal; font-size: 16pt; margin: 0; text-indent: 2em; }
.h3, .h4 { font-weight: normal; font-size: 16pt; margin: 0; text-indent: 2em; }
table.members { margin-left: 2em; border-collapse: collapse; }
table.members td { padding: 0 1em 0 0; vertical-align: top; }
.attachments p { text-indent: 2em; }
.signature { text-align: right; margin-top: 2em; padding-right: 4em; }
.note { margin-top: 1em; }
.banji .printed { white-space: nowrap; }
.banji { margin-top: 3em; border-top: 1px solid #000; border-bottom: 1px solid #000; padding: 0.2em 1em; display: flex; justify-content: space-between; font-size: 14pt; break-inside: avoid; }
`;

function sectionHtml(s: Section): string {
  const level = Math.min(s.level, 4);
  // 一、（一） headings stand on their own line; 1. and （1） run into their text, as printed.
  const head = `<h${level + 2} class="h${level}">${escapeHtml(s.marker)}${escapeHtml(s.heading)}${s.heading && level >= 3 && s.paragraphs.length ? '。' : ''}</h${level + 2}>`;
  return [head, paragraphsHtml(s.paragraphs, s.members), ...s.children.map(sectionHtml), ...s.closing.map((c) => `<p>${escapeHtml(c)}</p>`)].join('\n');
}

function paragraphsHtml(paragraphs: string[], members: Body['members']): string {
  const list = (at: number) =>
    members
      .filter((m) => m.at === at)
      .map((m) => `<table class="members">${m.rows.map((r, i) => `<tr><td>${i === 0 || m.rows[i - 1].role !== r.role ? escapeHtml(r.role ? `${r.role}：` : '') : ''}</td><td>${escapeHtml(r.name)}</td><td>${escapeHtml(r.post)}</td></tr>`).join('')}</table>`)
      .join('');
  return [...paragraphs.map((p, i) => `${list(i)}<p>${escapeHtml(p)}</p>`), list(paragraphs.length)].join('\n');
}

function bodyHtml(b: Body): string {
  return [paragraphsHtml(b.paragraphs, b.members), ...b.sections.map(sectionHtml), ...b.closing.map((c) => `<p>${escapeHtml(c)}</p>`)].join('\n');
}

function attachmentsHtml(list: Attachment[]): string {
  if (!list.length) return '';
  const items = list.map((a, i) => `<p>${i === 0 ? '附件：' : '<span style="visibility:hidden">附件：</span>'}${a.index !== null ? `${a.index}.` : ''}${escapeHtml(a.title)}${a.onlineOnly ? '（见网络版）' : ''}</p>`);
  return `<div class="attachments">${items.join('\n')}</div>`;
}

/** A title with break opportunities only between words (GB/T 9704: 「回行时要做到词意完整」). */
export function titleHtml(title: string): string {
  return wordsOf(title).map(escapeHtml).join('<wbr>');
}

/**
 * The whole document as one printable HTML page. The 版记 shows the 印发 date as the gazette gives it: the gazette
 * prints each document's 成文日期 and no separate 印发日期, so that date stands for both.
 */
export function printHtml(d: PrintableDocument): string {
  const inline = d.attachments.filter((a) => a.content);
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(d.docNumber)} ${escapeHtml(d.title)}</title><style>${CSS}</style></head>
<body>
<header><div class="issuer">${escapeHtml(d.issuer)}</div><div class="docno">${escapeHtml(d.docNumber)}</div><hr class="separator"></header>
<main>
<h1>${titleHtml(d.title)}</h1>
${d.addressees.length ? `<p class="addressees">${escapeHtml(d.addressees.join('，'))}：</p>` : ''}
${bodyHtml(d.body)}
${attachmentsHtml(d.attachments.filter((a) => a.part === null))}
<div class="signature"><div>${escapeHtml(d.issuer)}</div><div>${cnDate(d.date)}</div></div>
${d.note ? `<p class="note">${escapeHtml(d.note)}</p>` : ''}
${d.parts.map((p) => `<h2 class="part" style="text-align:center;font:22pt/1.5 'SimSun','Noto Serif CJK SC','WenQuanYi Zen Hei',serif;margin:0 0 1em">${escapeHtml(p.title)}</h2>\n${bodyHtml(p.body)}\n${attachmentsHtml(p.attachments)}`).join('\n')}
${inline.map((a) => `<h2 class="part" style="font:16pt 'SimHei','Noto Sans CJK SC','WenQuanYi Zen Hei',sans-serif;margin:0">附件${a.index ?? ''}</h2><h1>${escapeHtml(a.title)}</h1>\n${bodyHtml(a.content!)}`).join('\n')}
</main>
<footer class="banji"><span>${escapeHtml(d.issuer)}</span><span class="printed">${cnDate(d.date)}印发</span></footer>
</body></html>`;
}
