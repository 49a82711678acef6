/** Text as people type it, made safe to store and show (cleanText) and comparable as the key of a real thing (normalizeKey). */

/**
 * Control characters (C0, DEL, C1) and format characters: the direction overrides and isolates (U+202A–U+202E,
 * U+2066–U+2069), the marks U+200E/U+200F and U+061C, zero-width characters and the BOM. An override stored in a
 * name turns 「张三‮」 around in every sheet, print and Excel that shows it.
 */
const INVISIBLE = /[\p{Cc}\p{Cf}]/gu;

/** A one-line text (a name, a title, a place) without control or direction characters, runs of spaces as one, trimmed. */
export function cleanText(raw: string): string {
  return raw.replace(INVISIBLE, '').replace(/\s+/g, ' ').trim();
}

// Punctuation that people type in several forms for the same thing, folded to one form each (after NFKC, which has
// already made full-width ASCII half-width: ＃ → #, （ → (, １５７ → 157, the ideographic space → a space).
const FOLDS: [RegExp, string][] = [
  // First, as 「」 are brackets to Unicode: quotes carry nothing of the identity (「东地」, “东地” and 东地 are one place).
  [/[\p{Pi}\p{Pf}"'`「」『』]/gu, ''],
  [/[\p{Pd}~〜～]/gu, '-'],
  [/[\p{Ps}]/gu, '('],
  [/[\p{Pe}]/gu, ')'],
  [/[·・•‧∙]/gu, '·'],
  [/[、，,]/gu, ','],
  [/[。．.]/gu, '.'],
  [/[：:]/gu, ':'],
  [/[；;]/gu, ';'],
];

/**
 * The key of something typed by users that names one real thing (a plot's location, a name used as a key): cleaned,
 * NFKC (full-width digits and letters half-width), lower case, punctuation variants folded, every space removed.
 * 「东地157号」, 「东地 １５７ 号」 and 「东地（157）号」 vs 「东地(157)号」 fold to one key each; 「東地」 stays apart from 「东地」:
 * only width, case, spacing and punctuation are folded, never the characters themselves.
 */
export function normalizeKey(raw: string): string {
  let s = cleanText(raw).normalize('NFKC').toLowerCase();
  for (const [re, to] of FOLDS) s = s.replace(re, to);
  return s.replace(/\s+/g, '');
}
