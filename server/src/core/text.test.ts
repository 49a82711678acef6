import { describe, expect, it } from 'vitest';
import { cleanText, normalizeKey } from './text.js';

describe('cleanText', () => {
  it('removes direction, zero-width and control characters and collapses spaces', () => {
    expect(cleanText('\u202E三张\u202C')).toBe('三张');
    expect(cleanText(' 张\u2066三\u2069\u200E\u200F\u0007\u0085 ')).toBe('张三');
    expect(cleanText('交城县\t\n 丰收  合作社')).toBe('交城县 丰收 合作社');
  });
});

describe('normalizeKey', () => {
  it('folds width, spaces, case and punctuation variants, never the characters themselves', () => {
    expect(normalizeKey('西营村东地157号')).toBe(normalizeKey('西营村东地１５７号'));
    expect(normalizeKey('东地 157 号')).toBe(normalizeKey('东地\u3000157号'));
    expect(normalizeKey('东地（157）号')).toBe(normalizeKey('东地(157)号'));
    expect(normalizeKey('东地157—1号')).toBe(normalizeKey('东地157-1号'));
    expect(normalizeKey('「东地」Ａ区')).toBe(normalizeKey('东地a区'));
    expect(normalizeKey('东地\u202E157号')).toBe(normalizeKey('东地157号'));
    expect(normalizeKey('东地157-1号')).not.toBe(normalizeKey('东地1571号'));
    expect(normalizeKey('東地')).not.toBe(normalizeKey('东地'));
  });
});
