/**
 * What a document cites: other documents (《标题》 with or without a 发文字号, or a bare 发文字号), and standards and
 * regulations (GB/T 35547, 省政府令第294号).
 */
import { CLOSE_BRACKETS, OPEN_BRACKETS, parseDocNumber } from './gazette.docnumber.js';
import { normalizeTitle } from './gazette.elements.js';

/** A document cited by its title, its 发文字号, or both. */
export interface Citation {
  docNumber: string | null;
  title: string | null;
}

/** A standard or a regulation cited in the text: GB 19379-2012, GB/T 35547, 省政府令第294号. */
export interface CitedRule {
  kind: 'standard' | 'regulation';
  code: string;
  title: string | null;
}

const CITED_TITLE = new RegExp(
  `《([^《》]{2,150})》(?:[（(]([\\u4e00-\\u9fa5]{1,12}[${OPEN_BRACKETS}][0-9]{4}[${CLOSE_BRACKETS}]第?[0-9]+号)[）)])?`,
  'g',
);
const BARE_NUMBER = new RegExp(`([\\u4e00-\\u9fa5]{1,14})[${OPEN_BRACKETS}]([0-9]{4})[${CLOSE_BRACKETS}]第?([0-9]+)号`, 'g');
const LEADING_WORDS = /^(?:.*?(?:按照|根据|依据|依照|参照|执行|落实|贯彻|印发|转发|关于|和|及|与|以及|的|见|按))+/;

/** The documents a text cites, each once, never `self` (the citing document's own 发文字号). */
export function findCitations(s: string, self: string): Citation[] {
  const out: Citation[] = [];
  const seen = new Set<string>();
  const covered: [number, number][] = [];
  const add = (c: Citation) => {
    const key = `${c.docNumber ?? ''}|${c.title ?? ''}`;
    if (c.docNumber === self || seen.has(key)) return;
    if (c.docNumber && !c.title && out.some((o) => o.docNumber === c.docNumber)) return;
    seen.add(key);
    out.push(c);
  };
  CITED_TITLE.lastIndex = 0;
  for (let m = CITED_TITLE.exec(s); m; m = CITED_TITLE.exec(s)) {
    covered.push([m.index, m.index + m[0].length]);
    add({ title: normalizeTitle(m[1]), docNumber: m[2] ? (parseDocNumber(m[2])?.normalized ?? null) : null });
  }
  BARE_NUMBER.lastIndex = 0;
  for (let m = BARE_NUMBER.exec(s); m; m = BARE_NUMBER.exec(s)) {
    if (covered.some(([a, b]) => m!.index >= a && m!.index < b)) continue;
    // 省财政厅晋财农〔2021〕56号: the 机关代字 is what follows the issuing body's name.
    const code = m[1].replace(LEADING_WORDS, '').replace(/^.*(?:厅|局|部|政府|委员会)(?=[\u4e00-\u9fa5]{2,})/, '');
    const dn = code ? parseDocNumber(code + m[0].slice(m[1].length)) : null;
    if (dn) add({ docNumber: dn.normalized, title: null });
  }
  return out;
}

const STANDARD = /(?:《([^《》]{2,60})》[（(])?((?:GB\/T|GB\/Z|GB|DB\d{0,2}\/T|DB\d{0,2}|HJ|NY\/T|NY|JGJ|CJJ)\s?\d{1,6}(?:\.\d+)?(?:\s?[-—－]\s?\d{4})?)/g;
const REGULATION = /(?:《([^《》]{2,60})》[（(])?((?:国务院|[\u4e00-\u9fa5]{1,4}(?:省|市|县)?政府|[\u4e00-\u9fa5]{2,8}(?:部|委|局))令)第?\s?(\d{1,4})\s?号/g;

/** Standards (GB, GB/T, DB, …) and regulations (…令第N号) a text cites, with the 《title》 printed before them. */
export function findRules(s: string): CitedRule[] {
  const out: CitedRule[] = [];
  const add = (r: CitedRule) => {
    if (!out.some((o) => o.code === r.code)) out.push(r);
  };
  for (const m of s.matchAll(STANDARD)) {
    const code = m[2].replace(/\s/g, '').replace(/[—－]/, '-').replace(/^(GB\/T|GB\/Z|GB|DB\d{0,2}\/T|DB\d{0,2}|HJ|NY\/T|NY|JGJ|CJJ)/, '$1 ');
    add({ kind: 'standard', code, title: m[1] ? normalizeTitle(m[1]) : null });
  }
  for (const m of s.matchAll(REGULATION)) add({ kind: 'regulation', code: `${m[2]}第${m[3]}号`, title: m[1] ? normalizeTitle(m[1]) : null });
  return out;
}
