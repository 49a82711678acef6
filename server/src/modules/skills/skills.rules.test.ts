import { describe, expect, it } from 'vitest';
import {
  CATEGORIES,
  EVENTS,
  EVENT_TOTAL,
  LICENCE_PREREQ,
  MIN_AGE,
  TIMELINE,
  ageOn,
  awardFor,
  duplicateRank,
  excludedBy,
  missingDocuments,
  pairProblem,
  rankPoints,
  selectTop,
  socialSecurityMatches,
  teamStanding,
  unitPreliminaryMinimum,
} from './skills.rules.js';

describe('职业技能大赛 rules (交政办发〔2022〕15号)', () => {
  it('has the 40 events of 三、 by category, with their managing units and the four pair events', () => {
    expect(EVENTS).toHaveLength(EVENT_TOTAL);
    expect(CATEGORIES.map((c) => c.count)).toEqual([5, 4, 4, 9, 8, 5, 3, 2]);
    for (const c of CATEGORIES) expect(EVENTS.filter((e) => e.category === c.no)).toHaveLength(c.count);
    const byName = (n: string) => EVENTS.find((e) => e.name === n)!;
    expect(byName('无人机驾驶').managing).toEqual(['education']);
    expect(byName('育婴').managing).toEqual(['hrss']);
    expect(byName('病患护理').managing).toEqual(['health']);
    expect(byName('数据标注员').managing).toEqual(['industry', 'mobile', 'unicom']);
    expect(byName('电子商务').managing).toEqual(['industry']);
    expect(byName('刺绣').managing).toEqual(['culture']);
    expect(EVENTS.filter((e) => e.pair).map((e) => e.name)).toEqual(['机电一体化', '移动机器人', '工业4.0', '网络安全']);
    expect(EVENTS.filter((e) => e.cityRun)).toHaveLength(2);
    expect(LICENCE_PREREQ['客车驾驶技术']!.accepted).not.toContain('B1');
    expect(LICENCE_PREREQ['货车驾驶技术']!.accepted).toContain('A3');
    expect(EVENTS[0]!.code).toBe('E01');
    expect(EVENTS[39]!.code).toBe('E40');
  });

  it('computes the age from the ID on the registration day: 16 on the birthday, 15 the day before', () => {
    // Born 2006-07-01: 16 on 2022-07-01.
    expect(ageOn('142323200607010017', '2022-06-30')).toBe(15);
    expect(ageOn('142323200607010017', '2022-07-01')).toBe(16);
    expect(ageOn('14232319800229001X', '2022-07-15')).toBe(42);
    expect(MIN_AGE).toBe(16);
  });

  it('bars each exclusion of 六、 and lets a clean declaration through', () => {
    expect(excludedBy({})).toBeNull();
    expect(excludedBy({ china_award: false, national_expert: false })).toBeNull();
    expect(excludedBy({ national_expert: true })).toContain('全国技术能手');
    expect(excludedBy({ sanjin_expert: true })).toContain('三晋技术能手');
    expect(excludedBy({ province_top3: true })).toContain('全省职业技能大赛');
    expect(excludedBy({ lvliang_top3: true })).toContain('吕梁职业技能大赛');
  });

  it('needs pair members of one unit and one identity type', () => {
    expect(pairProblem({ unitId: 1, identity: 'worker' }, { unitId: 1, identity: 'worker' })).toBeNull();
    expect(pairProblem({ unitId: 1, identity: 'worker' }, { unitId: 2, identity: 'worker' })).toContain('同一单位');
    expect(pairProblem({ unitId: 1, identity: 'worker' }, { unitId: 1, identity: 'student' })).toContain('同类身份');
  });

  it('lists the documents by identity type and matches the 社保 unit to the registering unit', () => {
    expect(missingDocuments('worker', [])).toEqual(['工作证明', '最近2个月社保证明']);
    expect(missingDocuments('worker', ['work_proof', 'social_security'])).toEqual([]);
    expect(missingDocuments('student', ['social_security'])).toEqual(['在校学籍证明']);
    expect(missingDocuments('other', ['hrss_certificate'])).toEqual([]);
    expect(missingDocuments('other', [])).toEqual(['最近2个月社保证明或县市区人社局证明']);
    expect(socialSecurityMatches(' 山西交城建设有限公司 ', '山西交城建设有限公司')).toBe(true);
    expect(socialSecurityMatches('山西某某公司', '山西交城建设有限公司')).toBe(false);
  });

  it('recommends the top 3 and shows a tie at the cut instead of settling it', () => {
    const s = (scores: number[]) => scores.map((score, i) => ({ entryId: i + 1, score }));
    expect(selectTop(s([9000, 8500, 9500, 7000]))).toEqual({ sure: [3, 1, 2], tied: [], open: 0 });
    expect(selectTop(s([9000, 8500]))).toEqual({ sure: [1, 2], tied: [], open: 0 });
    // 3rd and 4th share 85.00: one place open between them.
    expect(selectTop(s([9500, 9000, 8500, 8500, 7000]))).toEqual({ sure: [1, 2], tied: [3, 4], open: 1 });
    // A tie above the cut that does not cross it is no tie at the cut.
    expect(selectTop(s([9000, 9000, 8000, 7000]))).toEqual({ sure: [1, 2, 3], tied: [], open: 0 });
    expect(selectTop(s([9000, 8000, 8000, 8000]))).toEqual({ sure: [1], tied: [2, 3, 4], open: 2 });
  });

  it('maps ranks to prizes, cash, titles and grades (一等奖 2, 二等奖 4, 三等奖 6)', () => {
    const one = { team: false, members: 1 };
    expect(awardFor(1, one)).toEqual({ prize: '一等奖', cashFen: 1_000_000, title: '吕梁技术状元', grade: '技师（二级）', coachAward: true });
    expect(awardFor(2, one)).toMatchObject({ prize: '一等奖', cashFen: 800_000, title: '吕梁技术能手', grade: '高级（三级）' });
    expect(awardFor(3, one)).toMatchObject({ prize: '二等奖', cashFen: 500_000, title: '吕梁技术能手', grade: '高级（三级）', coachAward: true });
    expect(awardFor(6, one)).toMatchObject({ prize: '二等奖', cashFen: 0, title: null, grade: '中级工（四级）', coachAward: false });
    expect(awardFor(7, one)).toMatchObject({ prize: '三等奖', grade: '中级工（四级）' });
    expect(awardFor(12, one)).toMatchObject({ prize: '三等奖', grade: '中级工（四级）' });
    expect(awardFor(13, one)).toMatchObject({ prize: '优胜奖', grade: null });
    // 「每人」 for a pair, 「每队」 for 消防安全类.
    expect(awardFor(1, { team: false, members: 2 }).cashFen).toBe(2_000_000);
    expect(awardFor(2, { team: true, members: 6 }).cashFen).toBe(800_000);
  });

  it('refuses a rank given twice in one event', () => {
    expect(duplicateRank([1, 2, 3])).toBeNull();
    expect(duplicateRank([1, 2, 2])).toBe(2);
  });

  it('scores rank points 20/15/10/6 (4–9)/3 (10–21)', () => {
    expect([1, 2, 3, 4, 9, 10, 21, 22].map(rankPoints)).toEqual([20, 15, 10, 6, 6, 3, 3, 0]);
  });

  it('ranks teams by total, then contestant points, then rank points; departments get 组织奖', () => {
    const st = teamStanding([
      // 交城县: 3 contestants + 20 + 6 + 3 = 32.
      { team: '交城县', county: true, contestants: 3, ranks: [1, 4, 10] },
      // 文水县: 12 contestants + 20 = 32: same total, more contestants → ahead.
      { team: '文水县', county: true, contestants: 12, ranks: [1] },
      // 汾阳市: 12 + 10 + 10 = 32, rank points 20: same total and contestants as 文水县, equal rank points → shares.
      { team: '汾阳市', county: true, contestants: 12, ranks: [3, 3] },
      // 孝义市: 12 + 15 + 3 + 2×0 = 30.
      { team: '孝义市', county: true, contestants: 12, ranks: [2, 21, 22] },
      { team: '市总工会', county: false, contestants: 40, ranks: [1, 2, 3] },
      ...['离石区', '中阳县', '柳林县', '临县', '方山县'].map((team, i) => ({ team, county: true, contestants: 5 - i, ranks: [] })),
    ]);
    expect(st.map((t) => [t.team, t.total, t.place, t.award])).toEqual([
      ['汾阳市', 32, 1, '名次奖'],
      ['文水县', 32, 1, '名次奖'],
      ['交城县', 32, 3, '名次奖'],
      ['孝义市', 30, 4, '优秀组织奖'],
      ['离石区', 5, 5, '优秀组织奖'],
      ['中阳县', 4, 6, '优秀组织奖'],
      ['柳林县', 3, 7, '优秀组织奖'],
      ['临县', 2, 8, '优秀组织奖'],
      ['方山县', 1, 9, '组织奖'],
      ['市总工会', 85, null, '组织奖'],
    ]);
    // The second tie-break (rank points) never decides on its own: equal totals and equal contestant points leave
    // equal rank points (total = contestants + rank points), so such teams share the place.
    const second = teamStanding([
      { team: '甲县', county: true, contestants: 4, ranks: [4, 4] },
      { team: '乙县', county: true, contestants: 4, ranks: [10, 10, 10, 10] },
      { team: '丙县', county: true, contestants: 10, ranks: [4] },
    ]);
    expect(second.map((t) => [t.team, t.total, t.rankPoints, t.place])).toEqual([
      ['丙县', 16, 6, 1],
      ['甲县', 16, 12, 2],
      ['乙县', 16, 12, 2],
    ]);
  });

  it('keeps the timeline and the two-thirds reading', () => {
    expect(TIMELINE.videoDeadline).toBe('2022-07-10');
    expect(TIMELINE.registrationCloses).toBe('2022-07-15');
    expect(unitPreliminaryMinimum(9)).toBe(6);
    expect(unitPreliminaryMinimum(2)).toBe(2);
  });
});
