/**
 * Lists as a reader sees them, once the items are parsed: what closes a list belongs to the item that holds it, and
 * the items of one list are of one kind (all with a heading, or all plain sentences).
 */
import type { Section } from './gazette.outline.js';

/** A paragraph that speaks of the list before it (「以上证明材料…」, 「所列竞赛项目中…」) or gives its contact. */
const CLOSES_LIST = /^(?:以上|上述|所列|联系人|联系电话|联系方式|邮箱)/;

/**
 * The closing paragraphs of a list move from its last item to the item that holds the list: 「以上证明材料均需加盖单位
 * 公章」 after 1. 2. 3. closes （三）, not 3. An item's own first paragraph is never moved.
 */
export function closeLists(sections: Section[], warnings: string[]): void {
  for (const s of sections) {
    closeLists(s.children, warnings);
    const last = s.children.at(-1);
    if (!last || last.children.length) continue;
    const from = last.paragraphs.findIndex((p, k) => k >= 1 && CLOSES_LIST.test(p));
    if (from < 0) continue;
    s.closing.push(...last.paragraphs.splice(from));
    if (!/^(?:以上|上述|所列)/.test(s.closing[0])) warnings.push(`「${s.marker}${s.heading}」：「${s.closing[0].slice(0, 12)}」按整个列表的结束处理，而非「${last.marker}」的内容`);
  }
}

/**
 * The items of one list are of one kind. A first sentence was taken for a heading (「原则同意公司设董事会、监事会、
 * 经理层。」) where most items of its list, or of the lists beside it under one parent, are plain sentences: it goes
 * back into its text. `sentenceHeading` holds the items whose heading is their first sentence, with its stop.
 */
export function matchSiblings(sections: Section[], sentenceHeading: WeakMap<Section, string>): void {
  const level = (pool: Section[]) => {
    const plain = pool.filter((s) => !s.heading).length;
    if (plain * 2 <= pool.length) return;
    for (const s of pool) {
      const stop = sentenceHeading.get(s);
      if (stop === undefined) continue;
      const sentence = `${s.heading}${stop}`;
      if (s.paragraphs.length && !s.members.some((m) => m.at === 0)) s.paragraphs[0] = sentence + s.paragraphs[0];
      else {
        s.paragraphs.unshift(sentence);
        for (const m of s.members) m.at++;
      }
      s.heading = '';
      sentenceHeading.delete(s);
    }
  };
  const walk = (list: Section[]) => {
    level(list);
    // Lists side by side under one parent (1.（1）（2）（3） and 2.（1）（2）) are one kind of list.
    const cousins = list.flatMap((s) => s.children);
    if (list.filter((s) => s.children.length).length > 1) level(cousins);
    for (const s of list) walk(s.children);
  };
  walk(sections);
}
