import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GAZETTE_FIXTURE } from '../gazette/index.js';
import {
  DISCLOSURE_KINDS, PAYMENT_GATE, SAME_YEAR, SOURCE_LEVELS, SOURCE_STOCKS, SOURCE_YEARS, STEPS, TOTAL_2022_WAN, TREE_2022, TWO_ALWAYS, assertMilestoneShares, assertTreeTies, brokenTies,
  fenToWan, kpis, lateForSameYear, paymentRefusal, verifiedShareFen, wanToFen, type TreeCategory,
} from './agrifund.rules.js';

// The printed text with its line breaks and the spaces of its justified lines removed, to find quotes in it.
const PRINTED = readFileSync(GAZETTE_FIXTURE, 'utf8').replace(/\s+/g, '');

describe('涉农资金统筹整合 rules (交政办发〔2022〕8号)', () => {
  it('parses 万元 to four decimals exactly in 分 (1 万元 = 1,000,000 分)', () => {
    expect(wanToFen('1')).toBe(1_000_000);
    expect(wanToFen('12506.5735')).toBe(12_506_573_500);
    expect(wanToFen('3303.42')).toBe(3_303_420_000);
    expect(wanToFen('0.0001')).toBe(100);
    expect(fenToWan(12_506_573_500)).toBe('12506.5735');
    expect(fenToWan(433_100_000)).toBe('433.1');
    expect(() => wanToFen('1.23456')).toThrow(/最多四位小数/);
    expect(() => wanToFen('-5')).toThrow(/金额格式错误/);
  });

  it('holds the tree as printed: 4 categories, 14 sub-items, every amount', () => {
    expect(TOTAL_2022_WAN).toBe('12506.5735');
    expect(TREE_2022.map((c) => [c.name, c.amountWan])).toEqual([
      ['产业项目', '2460'], ['基础设施建设项目', '9215.0735'], ['金融扶贫项目', '647.5'], ['社会保障兜底脱贫项目', '184'],
    ]);
    // The document prints 3 + 7 + 2 + 2 = 14 sub-items (the count of fifteen found elsewhere does not match the text).
    expect(TREE_2022.flatMap((c) => c.items.map((i) => `${i.name} ${i.amountWan}`))).toEqual([
      '农业产业项目 1170', '旅游产业项目 90', '示范村项目 1200',
      '水利工程 3303.42', '农村道路工程 2912.6645', '污水管网建设 433.1', '移民搬迁安置点及配套工程建设 61.56',
      '人居环境综合整治项目 2102.329', '灌溉渠项目 222', '以工代赈项目 180',
      '小额信贷贴息项目 210', '小额信贷风险补偿金项目 437.5',
      '致富带头人项目 42', '护林员补助项目 142',
    ]);
  });

  it('every printed figure appears in the document as 「…安排资金 N 万元」', () => {
    for (const c of TREE_2022) {
      expect(PRINTED).toContain(`${c.name}安排资金${c.amountWan}万元`);
      for (const i of c.items) expect(PRINTED).toContain(`${i.name}安排资金${i.amountWan}万元`);
    }
    expect(PRINTED).toContain(`总规模为${TOTAL_2022_WAN}万元`);
  });

  it('ties: 1170+90+1200=2460, the seven infrastructure lines = 9215.0735, 210+437.5=647.5, 42+142=184, total 12506.5735', () => {
    expect(brokenTies(TOTAL_2022_WAN, TREE_2022)).toEqual([]);
    expect(wanToFen('2460') + wanToFen('9215.0735') + wanToFen('647.5') + wanToFen('184')).toBe(wanToFen('12506.5735'));
    expect(wanToFen('3303.42') + wanToFen('2912.6645') + wanToFen('433.1') + wanToFen('61.56') + wanToFen('2102.329')
      + wanToFen('222') + wanToFen('180')).toBe(wanToFen('9215.0735'));
    expect(() => assertTreeTies(TOTAL_2022_WAN, TREE_2022)).not.toThrow();
  });

  it('refuses an edit that breaks a tie, naming the line', () => {
    const edited: TreeCategory[] = TREE_2022.map((c) => ({ ...c, items: c.items.map((i) => ({ ...i })) }));
    edited[1]!.items[0]!.amountWan = '3303.4201';
    expect(() => assertTreeTies(TOTAL_2022_WAN, edited)).toThrow('基础设施建设项目为 9215.0735 万元，各项合计 9215.0736 万元，不相符');
    // Moving money between sub-items of one category keeps every tie.
    edited[1]!.items[1]!.amountWan = '2912.6644';
    expect(brokenTies(TOTAL_2022_WAN, edited)).toEqual([]);
    // A category raised with its items still breaks the total.
    edited[3] = { ...edited[3]!, amountWan: '185', items: [{ code: '4.1', name: '致富带头人项目', amountWan: '43' }, edited[3]!.items[1]!] };
    expect(brokenTies(TOTAL_2022_WAN, edited).map((b) => b.field)).toEqual(['totalWan']);
  });

  it('quotes the payment gate and 「两个一律」 as printed', () => {
    expect(PRINTED).toContain(`按相关规定${PAYMENT_GATE}。`);
    expect(PRINTED).toContain(`坚持“${TWO_ALWAYS}”（省、市、县扶贫资金分配结果一律公开，乡村两级扶贫项目安排和资金使用情况一律公告公示）`);
    expect(PRINTED).toContain(`确保${SAME_YEAR}`);
    expect(DISCLOSURE_KINDS.map((k) => k.code)).toEqual(['allocation', 'projects']);
    // 三、: 「省、市、县财政拨付的涉农资金，含当年安排及结转资金（跨年度资金）、存量资金及增量资金」.
    expect(PRINTED).toContain('包括省、市、县财政拨付的涉农资金，含当年安排及结转资金（跨年度资金）、存量资金及增量资金');
    expect([SOURCE_LEVELS.length, SOURCE_YEARS.length, SOURCE_STOCKS.length]).toEqual([3, 2, 2]);
    for (const s of ['项目申报', '评审', '可研', '初设', '批复', '政府采购', '开工', '进度', '验收', '结算报账', '绩效评价']) {
      expect(STEPS.map((x) => x.name)).toContain(s);
    }
  });

  it('pays only at a verified milestone, within the verified share and the sub-item allocation', () => {
    // A 100 万元 project, milestones 30% / 50% / 20%, the first verified.
    const amount = wanToFen('100');
    const ms = [{ shareBp: 3000, verified: true }, { shareBp: 5000, verified: false }, { shareBp: 2000, verified: false }];
    assertMilestoneShares(ms);
    expect(() => assertMilestoneShares([{ shareBp: 3000 }, { shareBp: 5000 }])).toThrow(/合计应为 100%，现为 80.00%/);
    expect(verifiedShareFen(amount, ms)).toBe(wanToFen('30'));
    const base = { milestoneVerified: true, paidFen: 0, verifiedFen: wanToFen('30'), itemAllocatedFen: wanToFen('433.1'), itemPaidFen: 0 };
    expect(paymentRefusal({ ...base, requestFen: wanToFen('30') })).toBeNull();
    expect(paymentRefusal({ ...base, requestFen: wanToFen('30'), milestoneVerified: false })).toMatch(/尚未核实.*交政办发〔2022〕8号/);
    expect(paymentRefusal({ ...base, requestFen: wanToFen('30.0001') })).toMatch(/可拨付 30 万元/);
    expect(paymentRefusal({ ...base, requestFen: wanToFen('30'), itemPaidFen: wanToFen('413.1') })).toMatch(/余额 20 万元/);
    expect(paymentRefusal({ ...base, requestFen: 0 })).toMatch(/大于零/);
  });

  it('computes 开工率, 竣工率, 资金拨付率 and flags 「当年项目当年完成」', () => {
    const k = kpis([
      { step: 'declared', amountFen: wanToFen('10'), paidFen: 0, year: 2022 },
      { step: 'approved', amountFen: wanToFen('10'), paidFen: 0, year: 2022 },
      { step: 'started', amountFen: wanToFen('10'), paidFen: wanToFen('3'), year: 2022 },
      { step: 'accepted', amountFen: wanToFen('10'), paidFen: wanToFen('10'), year: 2022 },
    ], '2023-01-05');
    // Of three approved, two started (66.66%), one accepted (33.33%); 13 of 40 万元 paid (32.5%); on 5 January 2023
    // the three not accepted are late for 「当年项目当年完成」.
    expect(k).toEqual({ startedBp: 6666, completedBp: 3333, paidBp: 3250, late: 3 });
    expect(kpis([{ step: 'started', amountFen: 1, paidFen: 0, year: 2022 }], '2022-12-31').late).toBe(0);
    expect(lateForSameYear('progress', 2022, '2023-01-01')).toBe(true);
    expect(lateForSameYear('accepted', 2022, '2023-01-01')).toBe(false);
    expect(lateForSameYear('progress', 2022, '2022-12-31')).toBe(false);
  });
});
