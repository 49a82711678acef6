import { describe, expect, it } from 'vitest';
import { duePeriods } from './toilets.service.js';
import { CHECKS, MODES, PAYMENT_STAGES, PLAN_TOTAL_2022, QUOTAS_2022, bucketsFor, hundredths, plannedFen, reaches, runChecks, split, spotCheckSize, stageFen, subsidyFen } from './toilets.rules.js';

describe('农村改厕 rules (交政办发〔2022〕10号)', () => {
  it('has quotas that add up to the plan, with 天宁镇 水冲式 only and 100 S-ECO each in 西营镇 and 洪相镇', () => {
    expect(QUOTAS_2022.reduce((a, q) => a + q.total, 0)).toBe(PLAN_TOTAL_2022);
    expect(bucketsFor('天宁镇', 'flush')).toEqual(['total', 'flush']);
    expect(bucketsFor('天宁镇', 'old')).toBeNull();
    expect(bucketsFor('西营镇', 'seco')).toEqual(['total', 'seco']);
    expect(bucketsFor('洪相镇', 'old')).toEqual(['total', 'other']);
    expect(bucketsFor('夏家营镇', 'old')).toBeNull();
    for (const q of QUOTAS_2022) expect(q.parts.reduce((a, p) => a + p.cap, 0)).toBe(q.total);
  });

  it('pays 3300 元 for an old toilet only with its superstructure passed, 2000 元 otherwise, per 坑位 for collective toilets', () => {
    expect(subsidyFen('old', { tenderFen: 100_000, superstructurePassed: true })).toBe(330_000);
    expect(subsidyFen('old', { tenderFen: 100_000, superstructurePassed: false })).toBe(200_000);
    // 「价格以中标价为准」: a lower tender pays less; a higher one never passes the 3300 元 standard.
    expect(subsidyFen('old', { tenderFen: 95_000, superstructurePassed: true })).toBe(325_000);
    expect(subsidyFen('old', { tenderFen: 120_000, superstructurePassed: true })).toBe(330_000);
    expect(plannedFen('old')).toBe(330_000);
    for (const m of ['cement', 'flush', 'seco'] as const) expect(subsidyFen(m)).toBe(200_000);
    expect(subsidyFen('public', { pits: 6 })).toBe(1_200_000);
    expect(MODES.map((m) => m.standardFen / 100)).toEqual([3300, 2000, 2000, 2000, 2000]);
  });

  it('splits province : county 1 : 2.3 for old toilets and 1 : 1 otherwise, to the 分', () => {
    expect(split(330_000, 'old')).toEqual({ provinceFen: 100_000, countyFen: 230_000 });
    expect(split(200_000, 'old')).toEqual({ provinceFen: 60_606, countyFen: 139_394 });
    expect(split(200_000, 'flush')).toEqual({ provinceFen: 100_000, countyFen: 100_000 });
    expect(split(1_200_001, 'public')).toEqual({ provinceFen: 600_001, countyFen: 600_000 });
  });

  it('pays 30 % at start, 40 % at completion and the audited rest after acceptance', () => {
    expect(PAYMENT_STAGES.map((s) => s.percent)).toEqual([30, 40, 30]);
    expect(stageFen(1_000_001, 30)).toBe(300_000);
    expect(stageFen(1_000_001, 40)).toBe(400_000);
  });

  it('reads the attachment’s limits exactly, the superstructure apart', () => {
    expect(hundredths('1.2')).toBe(120);
    expect(hundredths('0.05')).toBe(5);
    expect(hundredths('1.234')).toBeNaN();
    const ok = { indoorArea: '1.5', foundation: '10', tankDepth: '55', ventDiameter: '11', ventHeight: '50', pitLength: '2', pitWidth: '1.2', pitDepth: '1.7', bedding: '10', stallArea: '4', wallHeight: '2.2', wallThickness: '24' };
    expect(runChecks('old', ok, { concrete: 'C20', roof: '彩钢瓦' }).every((r) => r.passed)).toBe(true);
    const low = runChecks('old', { ...ok, indoorArea: '1.19', wallThickness: '24.5' }, { concrete: 'C15', roof: '彩钢瓦' });
    expect(low.filter((r) => !r.passed).map((r) => [r.code, r.part])).toEqual([['indoorArea', 'main'], ['foundation', 'main'], ['wallThickness', 'superstructure']]);
    // 传统水泥: 「地上厕屋不再施工改造」, no pit, no superstructure.
    expect(runChecks('cement', ok).map((r) => r.code)).toEqual(['indoorArea', 'ventDiameter', 'ventHeight']);
    expect(CHECKS.find((c) => c.code === 'tankDepth')!.min).toBe(5000);
  });

  it('counts 85 % exactly, samples at least 10 %, and keeps the reporting days', () => {
    expect(reaches(17, 20)).toBe(true);
    expect(reaches(16, 20)).toBe(false);
    expect(reaches(0, 0)).toBe(false);
    expect([spotCheckSize(0), spotCheckSize(1), spotCheckSize(10), spotCheckSize(11)]).toEqual([0, 1, 1, 2]);
    // 2022-06-01 was a Wednesday: the first weekly report is due Thursday 06-02, the next one ahead is listed too.
    const days = (xs: { due: string }[]) => xs.map((x) => x.due);
    expect(days(duePeriods('weekly', '2022-06-01', '2022-06-20', '2022-06-20'))).toEqual(['2022-06-02', '2022-06-09', '2022-06-16', '2022-06-23']);
    expect(days(duePeriods('weekly', '2022-06-01', '2022-06-10', '2022-07-20'))).toEqual(['2022-06-02', '2022-06-09']);
    // Monthly by the 20th (villages) and the 24th (townships); a unit that joined after the due day owes nothing that month.
    expect(duePeriods('monthly', '2022-06-15', '2022-08-01', '2022-08-01')).toEqual([{ period: '2022-06', due: '2022-06-20' }, { period: '2022-07', due: '2022-07-20' }, { period: '2022-08', due: '2022-08-20' }]);
    expect(days(duePeriods('monthly', '2022-06-22', '2022-08-01', '2022-08-01'))).toEqual(['2022-07-20', '2022-08-20']);
    expect(days(duePeriods('township', '2022-06-22', '2022-07-30', '2022-07-30'))).toEqual(['2022-06-24', '2022-07-24']);
    expect(days(duePeriods('township', '2022-06-25', '2022-12-31', '2023-01-05'))).toEqual(['2022-07-24', '2022-08-24', '2022-09-24', '2022-10-24', '2022-11-24', '2022-12-24']);
  });
});
