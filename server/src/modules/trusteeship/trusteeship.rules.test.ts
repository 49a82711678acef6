import { describe, expect, it } from 'vitest';
import { STAGES_2022, amountFen, checkStageTable, farmerPays, sampleSize, settle, type PayableWork } from './trusteeship.rules.js';

const rate = (code: string) => STAGES_2022.find((s) => s.code === code)!.subsidyFen;
const work = (id: number, stage: PayableWork['stage'], extra: Partial<PayableWork> = {}): PayableWork => ({
  id,
  plotKey: 'p1',
  season: 2022,
  plotAreaCenti: 100,
  stage,
  subsidyRateFen: rate(stage),
  acceptedAreaCenti: 100,
  passes: 1,
  workDate: `2022-05-${String(10 + id).padStart(2, '0')}`,
  ...extra,
});

describe('trusteeship rules of 交政办发〔2022〕16号', () => {
  it('every stage of the 2022 table is 30 % of its price, and a table that passes 30 % is refused', () => {
    expect(checkStageTable(STAGES_2022)).toEqual([]);
    expect(STAGES_2022.map((s) => (s.subsidyFen * 100) / s.priceFen)).toEqual([30, 30, 30, 30, 30]);
    expect(checkStageTable([{ name: '春耕作业', priceFen: 5000, subsidyFen: 1600 }])).toEqual(['春耕作业的补助超过服务价格的 30%']);
    expect(farmerPays(5000, 1500)).toBe(3500);
  });

  it('caps one plot in one season at 100 元/亩: 15 + 9 + 24 + 39 + 2 × 9 = 105 → 100, the last work cut, saying why', () => {
    const lines = settle([work(1, 'tillage'), work(2, 'sowing'), work(3, 'rotary'), work(4, 'spraying', { passes: 2 }), work(5, 'harvest')]);
    expect(lines.map((l) => l.paidFen)).toEqual([1500, 900, 2400, 1800, 3400]);
    expect(lines.reduce((a, l) => a + l.paidFen, 0)).toBe(10_000);
    expect(lines[4].note).toContain('核减 5.00 元');
    expect(lines.slice(0, 4).every((l) => l.note === null)).toBe(true);
  });

  it('counts the cap across organisations and earlier settlements, per plot and season, on exact areas', () => {
    // 2.35 亩: cap 235 元; 春耕 15 × 2.35 = 35.25 元.
    expect(amountFen(1500, 235)).toBe(3525);
    const lines = settle([work(1, 'harvest', { plotAreaCenti: 235, acceptedAreaCenti: 235 }), work(2, 'harvest', { plotKey: 'p2', plotAreaCenti: 235, acceptedAreaCenti: 235 })], new Map([['p1|2022', 20_000]]));
    expect(lines.map((l) => l.paidFen)).toEqual([3500, 9165]);
    expect(settle([work(1, 'harvest', { season: 2023 })], new Map([['p1|2022', 10_000]]))[0].paidFen).toBe(3900);
  });

  it('samples at least 10 % of organisations, rounded up, at least one', () => {
    expect([0, 1, 9, 10, 11, 25].map(sampleSize)).toEqual([0, 1, 1, 1, 2, 3]);
  });
});
