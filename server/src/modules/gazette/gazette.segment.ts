import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';

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

/** Space-separated words, the form both search back ends index. */
export function segmentForIndex(text: string): string {
  return segmentWords(text).join(' ');
}
