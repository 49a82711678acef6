/**
 * Identifiers of people and organisations, validated by their national standards, and how they are masked.
 */

export type Validity = { valid: true } | { valid: false; reason: string };

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** 18-digit resident identity number (GB 11643-1999): region, birth date, sequence, ISO 7064 MOD 11-2 check. */
export function validateResidentId(raw: string, today = new Date()): Validity {
  const id = raw.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) return { valid: false, reason: '身份证号应为 18 位（最后一位可为 X）' };
  if (!/^[1-9]\d{5}$/.test(id.slice(0, 6))) return { valid: false, reason: '身份证号的地址码无效' };
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const birth = new Date(Date.UTC(y, m - 1, d));
  if (birth.getUTCFullYear() !== y || birth.getUTCMonth() !== m - 1 || birth.getUTCDate() !== d) {
    return { valid: false, reason: '身份证号中的出生日期无效' };
  }
  if (y < 1900 || birth.getTime() > today.getTime()) return { valid: false, reason: '身份证号中的出生日期不合理' };
  const sum = ID_WEIGHTS.reduce((s, w, i) => s + w * Number(id[i]), 0);
  if (ID_CHECK[sum % 11] !== id[17]) return { valid: false, reason: '身份证号校验码错误' };
  return { valid: true };
}

// GB 32100-2015: 18 characters from this set (no I, O, Z, S, V); weights 3^i mod 31.
const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const USCC_AUTHORITIES = '123456789ABCDEFGNY';

/** 统一社会信用代码 (GB 32100-2015), including codes starting with N or 9 and codes whose check character is 0. */
export function validateCreditCode(raw: string): Validity {
  const code = raw.trim().toUpperCase();
  if (code.length !== 18) return { valid: false, reason: '统一社会信用代码应为 18 位' };
  for (const ch of code) if (!USCC_CHARS.includes(ch)) return { valid: false, reason: `统一社会信用代码含无效字符“${ch}”` };
  if (!USCC_AUTHORITIES.includes(code[0])) return { valid: false, reason: '统一社会信用代码的登记管理部门代码无效' };
  if (!/^\d{6}$/.test(code.slice(2, 8))) return { valid: false, reason: '统一社会信用代码的行政区划码无效' };
  const sum = USCC_WEIGHTS.reduce((s, w, i) => s + w * USCC_CHARS.indexOf(code[i]), 0);
  const check = USCC_CHARS[(31 - (sum % 31)) % 31];
  if (check !== code[17]) return { valid: false, reason: '统一社会信用代码校验位错误' };
  return { valid: true };
}

/** A mobile number as its 11 digits: trimmed, a leading +86 (or 86) dropped. */
export const normalizeMobile = (raw: string) => raw.trim().replace(/^\+?86[-\s]?/, '');

/** Mainland mobile number: 11 digits starting 13–19 (an optional +86 is accepted). */
export function validateMobile(raw: string): Validity {
  const m = normalizeMobile(raw);
  return /^1[3-9]\d{9}$/.test(m) ? { valid: true } : { valid: false, reason: '手机号应为 11 位、以 13–19 开头' };
}

/** 1411**********1234 */
export const maskResidentId = (id: string) => (id.length === 18 ? `${id.slice(0, 4)}${'*'.repeat(10)}${id.slice(14)}` : '*'.repeat(id.length));
/** 91141122********14: a credit code with its organisation body hidden. */
export const maskCreditCode = (c: string) => (c.length === 18 ? `${c.slice(0, 8)}${'*'.repeat(8)}${c.slice(16)}` : '*'.repeat(c.length));
/** 138****5678 */
export const maskMobile = (m: string) => (m.length === 11 ? `${m.slice(0, 3)}****${m.slice(7)}` : '*'.repeat(m.length));
/** 张*、欧阳** */
export const maskName = (n: string) => ([...n].length <= 1 ? n : [...n][0] + '*'.repeat([...n].length - 1));

/**
 * Record fields that hold personal identifiers (and credit codes), and how each is shown masked: the one list the
 * platform masks by wherever records are shown whole (the audit trail and its export). A module storing another
 * such field names it here.
 */
const MASKED_FIELDS: Readonly<Record<string, (v: string) => string>> = {
  mobile: maskMobile,
  contact: maskMobile,
  id_number: maskResidentId,
  idNumber: maskResidentId,
  credit_code: maskCreditCode,
  creditCode: maskCreditCode,
};

/** A copy of a record with every personal identifier in it masked, at any depth. */
export function maskPersonalFields(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(maskPersonalFields);
  if (v && typeof v === 'object') {
    return Object.fromEntries(
      Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, typeof x === 'string' && MASKED_FIELDS[k] ? MASKED_FIELDS[k](x) : maskPersonalFields(x)]),
    );
  }
  return v;
}
