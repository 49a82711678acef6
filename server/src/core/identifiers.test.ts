import { describe, expect, it } from 'vitest';
import { maskMobile, maskName, maskResidentId, validateCreditCode, validateMobile, validateResidentId } from './identifiers.js';
import { fenToChineseUpper, formatFen, yuanToFen } from './money.js';

describe('resident ID (GB 11643)', () => {
  it.each([
    ['11010519491231002X', true],
    ['110105194912310029', false], // wrong check digit
    ['141122199002307777', false], // 2月30日
    ['14112219900101123', false], // 17 digits
    ['141122209901011234', false], // born in the future
  ])('%s → %s', (id, ok) => expect(validateResidentId(id).valid).toBe(ok));

  it('computes the check digit for a county ID', () => {
    expect(validateResidentId('141122199001011235').valid).toBe(true);
  });
});

describe('unified social credit code (GB 32100)', () => {
  it.each([
    ['91350100M000100Y43', true],
    ['91141122MA0K100090', true], // check character 0
    ['N2141122MJ0000000F', false],
    ['91350100M000100Y44', false],
    ['91350100M000100Y4', false],
    ['91350100M000100I43', false], // I is not in the character set
  ])('%s → %s', (c, ok) => expect(validateCreditCode(c).valid).toBe(ok));

  it('accepts codes starting with N and 9 when their check character is right', () => {
    const withCheck = (body: string) => {
      const chars = '0123456789ABCDEFGHJKLMNPQRTUWXY';
      const w = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
      const sum = w.reduce((s, x, i) => s + x * chars.indexOf(body[i]), 0);
      return body + chars[(31 - (sum % 31)) % 31];
    };
    expect(validateCreditCode(withCheck('N2141122MJ0000000')).valid).toBe(true);
    expect(validateCreditCode(withCheck('92141122MA0K00001')).valid).toBe(true);
  });
});

describe('mobile numbers and masking', () => {
  it('validates', () => {
    expect(validateMobile('13812345678').valid).toBe(true);
    expect(validateMobile('+86 13812345678').valid).toBe(true);
    expect(validateMobile('12812345678').valid).toBe(false);
    expect(validateMobile('0358-3520080').valid).toBe(false);
  });
  it('masks', () => {
    expect(maskResidentId('141122199001011235')).toBe('1411**********1235');
    expect(maskMobile('13812345678')).toBe('138****5678');
    expect(maskName('张三')).toBe('张*');
  });
});

describe('money in fen', () => {
  it('parses and formats without floats', () => {
    expect(yuanToFen('1,234.5')).toBe(123450);
    expect(yuanToFen('0.05')).toBe(5);
    expect(() => yuanToFen('1.234')).toThrow(/金额格式错误/);
    expect(formatFen(70000000)).toBe('700,000.00');
    expect(formatFen(-5)).toBe('-0.05');
  });
  it.each([
    [0, '零元整'],
    [100, '壹元整'],
    [123450, '壹仟贰佰叁拾肆元伍角整'],
    [100005, '壹仟元零伍分'],
    [200000000, '贰佰万元整'],
    [1000010000, '壹仟万零壹佰元整'],
    [1010000, '壹万零壹佰元整'],
    [330000, '叁仟叁佰元整'],
    [10000000000, '壹亿元整'],
    [12, '壹角贰分'],
  ])('%i fen → %s', (fen, text) => expect(fenToChineseUpper(fen)).toBe(text));
});
