/**
 * Money in integer 分 (fen): parsing, formatting and 大写金额 for payment documents. Never floats.
 */
import { invalidField } from './errors.js';

/** Parse a yuan amount typed by a person ("1,234.5", "25", "0.05") into integer fen. */
export function yuanToFen(text: string, field = 'amount'): number {
  const t = text.trim().replace(/,/g, '').replace(/^¥|元$/g, '');
  const m = /^(\d{1,13})(?:\.(\d{1,2}))?$/.exec(t);
  if (!m) throw invalidField(field, '金额格式错误', `金额格式错误：${text}（最多两位小数）`);
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/** 123456 → "1,234.56" */
export function formatFen(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError('金额应为整数分');
  const neg = fen < 0;
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${neg ? '-' : ''}${yuan}.${String(abs % 100).padStart(2, '0')}`;
}

/** 123456 → "1234.56": an exact decimal of yuan (no separators), for figures read by machines and other modules. */
export function fenToYuanText(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError('金额应为整数分');
  const abs = Math.abs(fen);
  return `${fen < 0 ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

const DIGITS = '零壹贰叁肆伍陆柒捌玖';
const UNITS = ['', '拾', '佰', '仟'];
const SECTIONS = ['', '万', '亿', '万亿'];

function section(n: number): string {
  let s = '';
  let zero = false;
  for (let i = 3; i >= 0; i--) {
    const d = Math.floor(n / 10 ** i) % 10;
    if (d === 0) {
      if (s) zero = true;
    } else {
      if (zero) s += '零';
      s += DIGITS[d] + UNITS[i];
      zero = false;
    }
  }
  return s;
}

/** 大写金额 per the People's Bank's rules for bills: 1234.50 元 → 壹仟贰佰叁拾肆元伍角整. */
export function fenToChineseUpper(fen: number): string {
  if (!Number.isSafeInteger(fen) || fen < 0) throw new RangeError('金额应为非负整数分');
  if (fen === 0) return '零元整';
  let yuan = Math.floor(fen / 100);
  const jiao = Math.floor(fen / 10) % 10;
  const fenDigit = fen % 10;
  let s = '';
  if (yuan > 0) {
    const parts: string[] = [];
    let i = 0;
    let needZero = false;
    while (yuan > 0) {
      const n = yuan % 10000;
      if (n) {
        parts.unshift(section(n) + SECTIONS[i] + (needZero ? '零' : ''));
        needZero = n < 1000;
      } else {
        needZero = parts.length > 0;
      }
      yuan = Math.floor(yuan / 10000);
      i++;
    }
    s = parts.join('').replace(/零+$/, '') + '元';
  }
  if (jiao === 0 && fenDigit === 0) return `${s}整`;
  if (jiao) s += `${DIGITS[jiao]}角`;
  else if (s) s += '零';
  if (fenDigit) s += `${DIGITS[fenDigit]}分`;
  else s += '整';
  return s;
}
