import { describe, expect, it } from 'vitest';
import { creditCodeField, hectareField, mobileField, muField, optionalMobileField, residentIdField, unitRef, villageRef } from './schema.js';

const messages = (r: { success: boolean; error?: { issues: { message: string }[] } }) => (r.success ? [] : r.error!.issues.map((i) => i.message));

describe('shared field types', () => {
  it('takes a resident ID with its check digit, uppercasing the x, and names the field when refusing', () => {
    expect(residentIdField().parse(' 11010519491231002x ')).toBe('11010519491231002X');
    expect(messages(residentIdField().safeParse('110105194912310029'))).toEqual(['身份证号校验码错误']);
    expect(messages(residentIdField().safeParse(''))).toEqual(['请填写身份证号']);
    expect(messages(residentIdField().safeParse('14112219900101123'))).toEqual(['身份证号应为 18 位（最后一位可为 X）']);
  });

  it('takes an 11-digit mobile, kept as its 11 digits, with the route’s message', () => {
    expect(mobileField().parse('+86 13812345678')).toBe('13812345678');
    expect(messages(mobileField('联系电话应为 11 位手机号').safeParse('12345'))).toEqual(['联系电话应为 11 位手机号']);
    expect(optionalMobileField().parse(undefined)).toBeNull();
    expect(optionalMobileField().parse(null)).toBeNull();
    expect(optionalMobileField().parse(' ')).toBe('');
    expect(optionalMobileField('手机号格式错误').safeParse('12345').success).toBe(false);
  });

  it('takes a credit code with its check character', () => {
    expect(creditCodeField().parse('91141122ma0k100090')).toBe('91141122MA0K100090');
    expect(messages(creditCodeField().safeParse('91141122MA0K100091'))).toEqual(['统一社会信用代码校验位错误']);
    expect(messages(creditCodeField().safeParse(''))).toEqual(['请填写统一社会信用代码']);
  });

  it('takes a unit or village as a positive integer id', () => {
    expect(unitRef().parse(3)).toBe(3);
    for (const bad of [0, -1, 1.5, '3']) expect(messages(unitRef('请选择发布单位').safeParse(bad))).toEqual(['请选择发布单位']);
    expect(messages(villageRef().safeParse(0))).toEqual(['请选择村']);
  });

  it('takes areas as exact decimal strings: 亩 to 2 places, 公顷 to 4, more than 0', () => {
    expect(muField().parse(' 2.50 ')).toBe('2.50');
    expect(messages(muField().safeParse('2.555'))).toEqual(['面积以亩为单位，最多两位小数']);
    expect(messages(muField().safeParse('0.00'))).toEqual(['面积应大于 0']);
    expect(muField().safeParse(2.5).success).toBe(false);
    expect(hectareField().parse('0.1234')).toBe('0.1234');
    expect(messages(hectareField().safeParse('0.12345'))).toEqual(['面积以公顷为单位，最多四位小数']);
    expect(messages(hectareField().safeParse('0'))).toEqual(['面积应大于 0']);
  });
});
