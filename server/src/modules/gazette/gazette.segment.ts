import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import type { IndexedText } from './gazette.search.js';

let jieba: Jieba | null = null;
const instance = () => (jieba ??= Jieba.withDict(dict));

const WORD = /[\p{L}\p{N}]/u;

/** Chinese word segmentation (jieba, HMM on); punctuation and spaces dropped. */
export function segmentWords(text: string): string[] {
  return instance()
    .cut(text, true)
    .filter((w) => WORD.test(w))
    .map((w) => w.trim().toLowerCase())
    .filter(Boolean);
}

/** The text cut into words with nothing dropped (joined again they give the text): where a line may break. */
export function wordsOf(text: string): string[] {
  return instance().cut(text, true);
}

/** Space-separated words, the form both search back ends index. */
export function segmentForIndex(text: string): string {
  return segmentWords(text).join(' ');
}

const CHAR = /[\p{L}\p{N}]/u;

/** Every letter, digit and Chinese character of a text, once each, lower case: what a single-character search finds. */
export function charsOf(text: string): string[] {
  const seen = new Set<string>();
  for (const c of text.toLowerCase()) if (CHAR.test(c)) seen.add(c);
  return [...seen];
}

/** Every pair of adjacent Chinese characters of a text, once each. */
export function bigramsOf(text: string): string[] {
  const seen = new Set<string>();
  for (const run of text.toLowerCase().match(/[\u4e00-\u9fa5]{2,}/g) ?? []) for (let i = 0; i + 1 < run.length; i++) seen.add(run.slice(i, i + 2));
  return [...seen];
}

/**
 * The characters and character pairs of a text as the search back ends index them: a one-character query finds the
 * character, and a word jieba only sees inside a longer one (消防 in 消防安全类, 粮食 in 粮食作物) is found by its pairs.
 */
const charsForIndex = (text: string): string => [...charsOf(text), ...bigramsOf(text)].join(' ');

/** What a document is indexed by: its title line's words, its body's words, and every character in either. */
export function indexedText(title: string, docNumber: string, issuer: string, body: string): IndexedText {
  const head = `${title} ${docNumber} ${issuer}`;
  return { titleWords: segmentForIndex(head), bodyWords: segmentForIndex(body), chars: charsForIndex(`${head} ${body}`) };
}
