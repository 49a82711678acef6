/**
 * A document's body as printed: paragraphs and the outline of numbered items 一、 （一） 1. （1）.
 *
 * The text comes from a PDF in a narrow column, so a line break is a hint, not a boundary. Lines are rejoined by
 * meaning: a line that does not end a sentence goes on in the next one, unless that one starts a numbered item or
 * a list; a heading line that does not end a sentence goes on when the break falls inside a word (jieba), inside a
 * number and its unit, or before a short tail that ends the sentence. Levels come from the kind of label; a kind's
 * numbers may restart under each parent or run straight through a document, and either is accepted; anything
 * else (a gap, a repeat, a number out of order) is kept and reported as a warning with its line.
 */
import { MEMBER_ROLE, memberList, type MemberList } from './gazette.members.js';
import { cnDigits, labelOf, RANK, type Label, type LabelKind } from './gazette.numbering.js';
import { segmentWords } from './gazette.segment.js';
import { closeLists, matchSiblings } from './gazette.outline.lists.js';

export interface Section {
  /** The number as printed: 一, 二 … / 1, 2 … */
  number: string;
  /** The label as printed: 一、 （一） 1. （1） */
  marker: string;
  /** The label's rank: 1 = 一、 2 = （一） 3 = 1. 4 = （1） */
  level: number;
  /** The heading sentence, when the item has one. */
  heading: string;
  paragraphs: string[];
  /** The item's text after its heading: its paragraphs and its closing, one per line. */
  text: string;
  members: MemberList[];
  children: Section[];
  /** What closes the item's list after its last child (「以上证明材料均需加盖单位公章」, 联系人, a note on the list). */
  closing: string[];
}

export interface Body {
  /** Paragraphs before the first numbered item. */
  paragraphs: string[];
  members: MemberList[];
  sections: Section[];
  /** What closes the whole document after its last item (特此批复, 请…上报, 联系人). */
  closing: string[];
}

/** One line of the body: the text without spaces, the line as printed (spaces kept), its line number. */
export interface BodyLine {
  text: string;
  raw: string;
  line: number;
}

/** Sentence-final: the line ends a sentence (closing quotes and brackets after the stop allowed). */
const ENDS_SENTENCE = /[。！？；：][”’」』）)]*$/;
/** A line that plainly goes on: it ends inside a number, a bracket, a list or a clause. */
const ENDS_OPEN = /(?:[0-9A-Za-z%.．,，、（(《“‘—～~\-+/]|[与和及或的对在为把将向从以并而])$/;
/** A line cannot start with a joining word: 「…国家、省」 + 「及市重点工程…」. */
const STARTS_JOINER = /^(?:以及|及|和|与|并|或|等)/;
/** What ends a heading's line: a full stop or a colon (a ； is inside a sentence). */
const ENDS_HEADING_LINE = /[。！？：][”’」』）)]*$/;
/** A line that plainly continues the one before: it starts with closing punctuation. */
const STARTS_CLOSING = /^[）)》”’、，。；：%‰]/;
/** After a number or an amount, a unit (or 人民币) continues it. */
const ENDS_AMOUNT = /[\d万亿元]$/;
const STARTS_UNIT = /^(?:万元|亿元|元|万|亿|亩|公顷|平方米|立方米|米|公里|千米|厘米|吨|个|人民币|人|名|户|座|所|台|辆|家|项|次|天|倍)/;
/** A new paragraph begins with a dated milestone or a dash item after a sentence ends. */
const STARTS_PARAGRAPH = /^(?:\d{4}年\d{1,2}月|——|[①-⑳])/;
/** A field's label opens the line (「主管单位：县住建局」, 「县财政局：负责…」, 「地下粪池施工：（1）…」): a paragraph of its own. */
const STARTS_FIELD = /^[\u4e00-\u9fa5、]{2,16}[：:]/;
/** The fields of a list's entry start their line even where the line before has no stop: 「…美容、美发」 + 「主管部门：县市场局」. */
const NAMED_FIELD = /^(?:主管单位|主管部门|责任单位|牵头单位|配合单位|联系人|联系电话|联系方式|邮\s*箱)[：:]/;
/** A line that ends on a field's label whose value is printed on the next line: 「联系人：任文娟 联系方式：」 + 「18735869012」. */
const ENDS_FIELD_LABEL = /(?:^|[\s，；])[\u4e00-\u9fa5]{2,6}[：:]$/;
const FIELD_VALUE = /^[\dA-Za-z@._\-+ ]+$/;
/** The paragraphs that close a whole document rather than its last item. */
const CLOSING = /^(?:特此(?:批复|通知|函告|报告|公告|通告|函复)|此复|请(?:你|各|认真|遵照|于)|联系人|联系电话|邮箱)/;

/** Whether every bracket opened in a text is closed. */
function balanced(t: string): boolean {
  let depth = 0;
  for (const ch of t) {
    if (ch === '（' || ch === '(') depth++;
    else if (ch === '）' || ch === ')') depth--;
  }
  return depth <= 0;
}

/** Whether a sentence reads as a heading: at most 40 characters, no ；, and a ， only in one of at most 20. */
function readsAsHeading(t: string): boolean {
  return t.length <= 40 && !/；/.test(t) && (!/，/.test(t) || t.length <= 20);
}

/** Display width as printed: CJK and full-width characters 2, ASCII (spaces included) 1. */
function width(s: string): number {
  let w = 0;
  for (const ch of s) w += ch.charCodeAt(0) < 0x2e80 ? 1 : 2;
  return w;
}

/** The column's full line width: the commonest width among the lines. */
function columnWidth(lines: BodyLine[]): number {
  const counts = new Map<number, number>();
  for (const l of lines) counts.set(width(l.raw), (counts.get(width(l.raw)) ?? 0) + 1);
  let best = 0;
  let bestCount = 0;
  for (const [w, c] of counts) if (c > bestCount || (c === bestCount && w > best)) [best, bestCount] = [w, c];
  return Math.max(best, 16);
}

/** Whether a word runs across the break between `a` and `b` (jieba on the characters either side). */
function wordAcross(a: string, b: string): boolean {
  // Only the runs of characters touching the break (the segmenter drops punctuation, which would shift positions).
  const left = /[\u4e00-\u9fa5]{1,4}$/.exec(a)?.[0];
  const right = /^[\u4e00-\u9fa5]{1,4}/.exec(b)?.[0];
  if (!left || !right) return false;
  let at = 0;
  for (const w of segmentWords(left + right)) {
    if (at < left.length && at + w.length > left.length) return true;
    at += w.length;
  }
  return false;
}


/** Parse a body's lines into paragraphs and numbered items; warnings name the line they concern. */
export function parseOutline(lines: BodyLine[], opts: { closing?: boolean } = {}): { body: Body; warnings: string[] } {
  const body: Body = { paragraphs: [], members: [], sections: [], closing: [] };
  const warnings: string[] = [];
  const full = columnWidth(lines);
  const stack: Section[] = [];
  /** The last number of each kind: anywhere (straight through), and under the current parent. */
  const lastAnywhere = new Map<LabelKind, number>();
  const kindOf = new WeakMap<Section, LabelKind>();
  const lastChild = new WeakMap<Section | Body, Map<LabelKind, number>>();
  const top = (): Section | Body => stack[stack.length - 1] ?? body;
  let current: string[] | null = null;
  let currentLine = 0;
  let sentenceEnded = true;
  let fieldOpen = false;
  /** Items whose heading is their first sentence (「加强组织领导。」), not a heading line. */
  const sentenceHeading = new WeakMap<Section, string>();

  const flush = () => {
    if (current?.length) {
      const text = current.join('');
      const target = top();
      target.paragraphs.push(text);
      if (text.length > 600 && /[（(][一二三四五六七八九十]{1,3}[）)]|[。；]\d{1,2}[.．、]/.test(text)) {
        warnings.push(`第 ${currentLine} 行起的段落超过 600 字且含有编号，可能漏分了条目`);
      }
    }
    current = null;
  };
  const addLine = (text: string, line: number) => {
    if (!current) {
      current = [];
      currentLine = line;
    }
    current.push(text);
  };

  /** Whether a label at this point is an item (and with what warning), given what is open. */
  const accept = (mk: Label, line: number): { ok: boolean; warning?: string } => {
    // Where it would go: under the deepest open item of a lower rank.
    let depth = stack.length;
    while (depth > 0 && RANK[kindOf.get(stack[depth - 1])!] >= RANK[mk.kind]) depth--;
    const parent = depth ? stack[depth - 1] : body;
    const underParent = lastChild.get(parent)?.get(mk.kind) ?? 0;
    const anywhere = lastAnywhere.get(mk.kind) ?? 0;
    const expected = new Set([underParent + 1, ...(underParent === 0 ? [1, anywhere + 1] : [])]);
    if (expected.has(mk.n)) return { ok: true };
    if (mk.loose || !sentenceEnded) return { ok: false };
    // 「…（4）填土坌实。（5）安装排气管…。」 then （6） at a line's start: an enumeration inside the paragraph goes on.
    if (current?.join('').includes(mk.marker.replace(mk.number, String(mk.kind === 'arabic' || mk.kind === 'arabicParen' ? mk.n - 1 : cnDigits(mk.n - 1))))) return { ok: false };
    const want = [...expected].sort((a, b) => a - b).join(' 或 ');
    const what = mk.n === underParent || mk.n === anywhere ? '编号重复' : mk.n > Math.max(...expected) ? '编号跳号' : '编号顺序颠倒';
    return { ok: true, warning: `第 ${line} 行：${what}：「${mk.marker}」处应为第 ${want} 项` };
  };

  const open = (mk: Label) => {
    while (stack.length && RANK[kindOf.get(stack[stack.length - 1])!] >= RANK[mk.kind]) stack.pop();
    const parent = top();
    const section: Section = { number: mk.number, marker: mk.marker, level: RANK[mk.kind], heading: '', paragraphs: [], text: '', members: [], children: [], closing: [] };
    kindOf.set(section, mk.kind);
    (parent === body ? body.sections : (parent as Section).children).push(section);
    const counts = lastChild.get(parent) ?? new Map<LabelKind, number>();
    counts.set(mk.kind, mk.n);
    lastChild.set(parent, counts);
    lastAnywhere.set(mk.kind, mk.n);
    stack.push(section);
    return section;
  };

  /**
   * Whether the line after `j` goes on with it (j is a heading's line; `first` when it holds the label). The label's
   * line is indented, so it is full 6 columns short of the others; a full line may still end a heading
   * (「一、严把轮入、轮出粮食的质量关」), so fullness alone decides only together with what follows.
   */
  const goesOn = (j: number, first: boolean): boolean => {
    if (j + 1 >= lines.length) return false;
    const a = lines[j];
    const b = lines[j + 1];
    if (labelOf(b.text) && !labelOf(b.text)!.loose) return false;
    if (MEMBER_ROLE.test(b.raw)) return false;
    if (ENDS_HEADING_LINE.test(a.text)) return false;
    // 「主管单位：县民政局」: a field of its own, not the rest of a heading.
    if (/^[\u4e00-\u9fa5]{2,6}[：:]/.test(b.text)) return false;
    if (ENDS_OPEN.test(a.text) || STARTS_CLOSING.test(b.text) || STARTS_JOINER.test(b.text) || (ENDS_AMOUNT.test(a.text) && STARTS_UNIT.test(b.text)) || wordAcross(a.text, b.text)) return true;
    // 「3.」 prints wider than its two columns: a line under 1. is full at 6 (1–9) or 7 (10–99) columns short of the others.
    if (first && /^\d/.test(a.text) && width(a.raw) >= full - 7) return true;
    if (width(a.raw) < full - (first ? 6 : 2)) return false;
    // The label's line filled to its last column or one short of it (a wide character did not fit): it wraps.
    if (first && width(a.raw) >= full - 5) return true;
    // An enumeration that goes on: 「宣传费、户厕标牌费、户厕图纸」 + 「设计费、工程监理费、…」.
    const own = first ? a.text.slice(labelOf(a.text)?.marker.length ?? 0) : a.text;
    if (own.includes('、') && /^[\u4e00-\u9fa5]{1,8}、/.test(b.text)) return true;
    const bFull = width(b.raw) >= full - 2;
    // 「…项目安排资金」 + 「9215.0735 万元。」: the amount of a full line's phrase.
    if (/^\d/.test(b.text)) return true;
    // A tail that ends the sentence inside itself: 「…配套工程建设」 + 「安排资金 61.56 万元。」.
    if (!bFull && /[。！？]/.test(b.text)) return true;
    // A short last line of a heading, with the next item right after it: 「…污染防治」 + 「水平提升」.
    if (!bFull && (j + 2 >= lines.length || (labelOf(lines[j + 2].text) && !labelOf(lines[j + 2].text)!.loose))) return true;
    return !first;
  };

  /**
   * Whether a short line without a stop ends its paragraph. Lines wrap only where the column is full, so a short one
   * ends it; when what follows neither starts a field nor an item, nor follows a field's value, the boundary is a guess.
   */
  const endsShort = (l: BodyLine, next: BodyLine | undefined, fieldValue: boolean): boolean => {
    if (!next || fieldValue) return !!next;
    if (ENDS_OPEN.test(l.text) || STARTS_CLOSING.test(next.text) || STARTS_JOINER.test(next.text)) return false;
    if (labelOf(next.text) || MEMBER_ROLE.test(next.raw) || STARTS_FIELD.test(next.text)) return true;
    warnings.push(`第 ${l.line} 行：行未写满且无句末标点，按段落结束处理（下一行「${next.text.slice(0, 12)}」另起一段）`);
    return true;
  };

  let i = 0;
  while (i < lines.length) {
    const l = lines[i];
    if (MEMBER_ROLE.test(l.raw)) {
      const list = memberList(lines, i);
      if (list.rows.length) {
        flush();
        const target = top();
        target.members.push({ at: target.paragraphs.length, rows: list.rows });
        i = list.next;
        sentenceEnded = true;
        continue;
      }
    }
    const mk = labelOf(l.text);
    const verdict = mk ? accept(mk, l.line) : { ok: false };
    if (mk && verdict.ok) {
      if (verdict.warning) warnings.push(verdict.warning);
      flush();
      const section = open(mk);
      let head = l.text.slice(mk.marker.length);
      let j = i;
      while (!/[。！？]/.test(head) && goesOn(j, j === i)) {
        j++;
        head += lines[j].text;
      }
      i = j + 1;
      const stop = head.search(/[。！？]/);
      // 「改厕资金：主要由政府…」: a short name before a colon is the heading, the rest is text.
      const colon = head.search(/[：:]/);
      if (colon > 0 && colon <= 20 && (stop < 0 || colon < stop) && !/[，、]/.test(head.slice(0, colon))) {
        section.heading = head.slice(0, colon);
        const rest = head.slice(colon + 1);
        if (rest) addLine(rest, lines[j].line);
        sentenceEnded = ENDS_SENTENCE.test(lines[j].text);
        if (current && sentenceEnded && width(lines[j].raw) < full - 2) flush();
        continue;
      }
      if (stop < 0) {
        // A heading line: the whole of it, without a closing colon. A clause in it makes it text.
        if (readsAsHeading(head.replace(/[：:]$/, ''))) {
          section.heading = head.replace(/[：:]$/, '');
          sentenceEnded = true;
          if (i < lines.length && STARTS_CLOSING.test(lines[i].text) && !labelOf(lines[i].text)) {
            warnings.push(`第 ${lines[i].line} 行：标题「${section.heading}」未以句末标点结束，下一行像是它的接续`);
          }
        } else {
          addLine(head, l.line);
          sentenceEnded = false;
        }
        continue;
      }
      // The first sentence is a heading when it reads as one: short, and at most two short clauses (「强化措施，保障效率」).
      const first = head.slice(0, stop);
      if (readsAsHeading(first)) {
        section.heading = first;
        sentenceHeading.set(section, head[stop]);
        const rest = head.slice(stop + 1);
        if (rest) addLine(rest, lines[j].line);
      } else addLine(head, l.line);
      sentenceEnded = ENDS_SENTENCE.test(lines[j].text);
      if (current && sentenceEnded && width(lines[j].raw) < full - 2) flush();
      continue;
    }
    // A dated milestone, a dash item or a field's label after a finished sentence starts a paragraph of its own.
    // A field's line is a paragraph's first: indented, it stops short of the column (「卫生厕所指：有墙、有顶、」 at
    // full width goes on with the sentence before).
    const indented = width(l.raw) <= full - 3;
    if (sentenceEnded ? STARTS_PARAGRAPH.test(l.text) || (indented && STARTS_FIELD.test(l.text)) : indented && NAMED_FIELD.test(l.text) && !ENDS_OPEN.test(lines[i - 1]?.text ?? '')) flush();
    const fieldValue = fieldOpen && FIELD_VALUE.test(l.text);
    addLine(l.text, l.line);
    const next = lines[i + 1];
    // 「联系电话：」 at a line's end: its value is the next line.
    fieldOpen = !!next && ENDS_FIELD_LABEL.test(l.text) && FIELD_VALUE.test(next.text) && !labelOf(next.text);
    // 「…（责任单位：…负责）」 ends its paragraph as a full stop does, once its brackets are closed.
    sentenceEnded = !fieldOpen && (ENDS_SENTENCE.test(l.text) || (/[）)]$/.test(l.text) && balanced(current!.join(''))));
    if (sentenceEnded && width(l.raw) < full - 2) flush();
    // A paragraph's first line is indented and some columns print narrower, so only a line well short of the column
    // is one that stopped before it was full.
    else if (width(l.raw) < full - 10 && !fieldOpen && endsShort(l, next, fieldValue)) {
      // A line that stops short of the column ends its paragraph, though no stop ends it (「管道与」 + 「制暖」).
      flush();
      sentenceEnded = true;
    }
    i++;
  }
  flush();
  if (opts.closing) moveClosing(body);
  closeLists(body.sections, warnings);
  // An item that is one sentence and nothing else has no heading: the sentence is its text.
  const unhead = (list: Section[]) => {
    for (const sec of list) {
      if (sentenceHeading.has(sec) && !sec.paragraphs.length && !sec.children.length && !sec.members.length) {
        sec.paragraphs.push(`${sec.heading}${sentenceHeading.get(sec)}`);
        sec.heading = '';
        sentenceHeading.delete(sec);
      }
      unhead(sec.children);
    }
  };
  unhead(body.sections);
  matchSiblings(body.sections, sentenceHeading);
  fillText(body.sections);
  return { body, warnings };
}

/** The closing paragraphs of a document (特此批复, 请…上报, 联系人) leave its last item for the document itself. */
function moveClosing(body: Body) {
  let last: Section | undefined = body.sections.at(-1);
  while (last?.children.length) last = last.children.at(-1);
  const holder: { paragraphs: string[] } = last ?? body;
  const from = holder.paragraphs.findIndex((p) => CLOSING.test(p));
  if (from < 0 || (!last && from === 0)) return;
  body.closing = holder.paragraphs.splice(from);
}

function fillText(sections: Section[]) {
  for (const s of sections) {
    s.text = [...s.paragraphs, ...s.closing].join('\n');
    fillText(s.children);
  }
}

/** The body as lines of plain text: paragraphs, each item's label and heading, its text, member rows, the closing. */
export function outlineText(b: Body): string[] {
  const out: string[] = [];
  const members = (lists: MemberList[], at: number) => {
    for (const l of lists) if (l.at === at) for (const m of l.rows) out.push(`${m.role ? `${m.role}：` : ''}${m.name} ${m.post}`);
  };
  const para = (holder: { paragraphs: string[]; members: MemberList[] }) => {
    holder.paragraphs.forEach((p, k) => {
      members(holder.members, k);
      out.push(p);
    });
    members(holder.members, holder.paragraphs.length);
  };
  para(b);
  const walk = (s: Section) => {
    out.push(`${s.marker}${s.heading}`);
    para(s);
    s.children.forEach(walk);
    out.push(...s.closing);
  };
  b.sections.forEach(walk);
  out.push(...b.closing);
  return out;
}

/** The outline as indented lines: each item's label and heading, member rows, the closing (the golden fixture's form). */
export function outlineLines(b: Body, indent = ''): string[] {
  const out: string[] = [];
  const members = (lists: MemberList[], pad: string) => {
    for (const l of lists) for (const m of l.rows) out.push(`${pad}· ${m.role || '—'}｜${m.name}｜${m.post}`);
  };
  members(b.members, indent);
  const walk = (s: Section, pad: string) => {
    out.push(`${pad}${s.marker}${s.heading}`);
    members(s.members, `${pad}  `);
    s.children.forEach((c) => walk(c, `${pad}  `));
    for (const c of s.closing) out.push(`${pad}  〔结束〕${c}`);
  };
  b.sections.forEach((s) => walk(s, indent));
  for (const c of b.closing) out.push(`${indent}〔结束〕${c}`);
  return out;
}
