/** The rules as printed in 交政发〔2022〕8号 and 交政办函〔2022〕13号; fixtures worked by hand from the text. */
import { describe, expect, it } from 'vitest';
import { AppError } from '../../core/errors.js';
import { GRADES, PLAN_2022, amountFen, checkShare, fitForReserve, gapDays, gapRisk, kgToWanJin, rotationCosts, wanJinToKg, yuanPerTonneToFen } from './grain.rules.js';

describe('县级储备粮轮换 (交政发〔2022〕8号)', () => {
  it('keeps the 2022 plan exactly: 小麦 300 万斤, 玉米 100 万斤', () => {
    expect(PLAN_2022.map((p) => [p.grain, kgToWanJin(p.kg)])).toEqual([
      ['小麦', '300'],
      ['玉米', '100'],
    ]);
    // 300 万斤 = 3,000,000 斤 = 1,500,000 kg.
    expect(wanJinToKg('300')).toBe(1_500_000);
    expect(wanJinToKg('100')).toBe(500_000);
  });

  it('stores whole kilograms and refuses a quantity finer than one', () => {
    expect(wanJinToKg('0.0002')).toBe(1);
    expect(wanJinToKg('12.5')).toBe(62_500);
    expect(kgToWanJin(62_500)).toBe('12.5');
    const half = (() => {
      try {
        wanJinToKg('0.0001');
      } catch (e) {
        return e as AppError;
      }
    })();
    expect(half?.status).toBe(400);
    expect(half?.message).toContain('精度超过 1 公斤');
    expect(() => wanJinToKg('1.00001')).toThrow('最多四位小数');
    expect(() => wanJinToKg('0')).toThrow('应大于 0');
  });

  it('rotates 20–30 % of the reserve each year from its second year', () => {
    // 400 万斤 of a 2,000 万斤 reserve is 20 %: within; of 1,333 万斤 it is 30.0075 %: above 30 %.
    expect(checkShare(2_000_000, 10_000_000, 2022, 2020)).toMatchObject({ within: true, basisPoints: 2000 });
    const above = checkShare(2_000_000, 6_665_000, 2022, 2020);
    expect(above.within).toBe(false);
    expect(above.problem).toContain('超过 30%');
    expect(checkShare(1_000_000, 10_000_000, 2022, 2020).problem).toContain('低于 20%');
    // 30 % exactly is within: 600 万斤 of 2,000 万斤.
    expect(checkShare(3_000_000, 10_000_000, 2022, 2020).within).toBe(true);
    // The year the reserve is built is not rotated; the next year is its second.
    expect(checkShare(2_000_000, 10_000_000, 2022, 2022).problem).toContain('尚未到建立储备的第二年');
    expect(checkShare(2_000_000, 10_000_000, 2023, 2022).within).toBe(true);
  });

  it('lets only grain of 中等 or better in', () => {
    expect(GRADES.filter(fitForReserve)).toEqual(['一等', '二等', '三等']);
    expect(fitForReserve('四等')).toBe(false);
    expect(fitForReserve('等外')).toBe(false);
  });

  it('computes the price-difference loss and the subsidy to the 分', () => {
    // 300 万斤 wheat sold at 2,800 元/吨 and bought back at 2,950 元/吨: 1,500 吨 × 150 元 = 225,000 元.
    const c = rotationCosts([{ kg: 1_500_000, fenPerTonne: yuanPerTonneToFen('2800') }], [{ kg: 1_500_000, fenPerTonne: yuanPerTonneToFen('2950') }], yuanPerTonneToFen('100'));
    expect(c).toEqual({ rotatedKg: 1_500_000, saleFen: 420_000_000, purchaseFen: 442_500_000, subsidyFen: 15_000_000, lossFen: 22_500_000 });
    // Sold dearer than bought: no loss to make good.
    expect(rotationCosts([{ kg: 1000, fenPerTonne: 300_000 }], [{ kg: 1000, fenPerTonne: 290_000 }], 0).lossFen).toBe(0);
    // 1 kg at 2,950.55 元/吨 is 2.95055 元: 295 分 (half up at the third decimal).
    expect(amountFen(295_055, 1)).toBe(295);
    expect(amountFen(295_050, 1)).toBe(295);
    expect(amountFen(295_150, 1)).toBe(295);
    expect(amountFen(295_500, 1)).toBe(296);
    // Bought back less than sold: the loss counts on what came back in (100 吨 at 50 元/吨 dearer: 5,000 元).
    expect(rotationCosts([{ kg: 150_000, fenPerTonne: 280_000 }], [{ kg: 100_000, fenPerTonne: 285_000 }], 0).lossFen).toBe(500_000);
  });

  it('tracks the 轮空期 in days and flags the long ones', () => {
    expect(gapDays('2022-07-01', '2022-07-31', '2022-12-01')).toBe(30);
    expect(gapDays('2022-07-01', null, '2022-12-01')).toBe(153);
    expect([gapRisk(30), gapRisk(61), gapRisk(121)]).toEqual(['正常', '关注', '高风险']);
  });
});
