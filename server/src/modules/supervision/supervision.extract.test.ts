import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GAZETTE_FIXTURE, parseGazette } from '../gazette/index.js';
import { resolveUnitName, seedUnitNames } from '../directory/index.js';
import { findDates } from './supervision.dates.js';
import { extractTasks, findTargets, type ProposedTask } from './supervision.extract.js';

const docs = parseGazette(readFileSync(GAZETTE_FIXTURE, 'utf8')).documents;
const units = seedUnitNames();
const resolve = (n: string) => resolveUnitName(units, n)?.name ?? null;
const tasksOf = (no: string) => extractTasks(docs.find((d) => d.docNumber === no)!, resolve);
const find = (tasks: ProposedTask[], part: string, path: string) => tasks.find((t) => (t.part ?? '').includes(part) && t.path.join('') === path)!;

describe('tasks extracted from the gazette', () => {
  const six = tasksOf('交政办发〔2022〕6号');

  it('finds all 60 tasks of 交政办发〔2022〕6号: air 16, soil 18, water 26 (the plans\' 保障措施 name units in prose)', () => {
    expect(six).toHaveLength(60);
    expect(['空气质量', '土壤污染', '碧水保卫战'].map((p) => six.filter((t) => t.part!.includes(p)).length)).toEqual([16, 18, 26]);
    expect(new Set(six.map((t) => t.key)).size).toBe(60);
  });

  it('reads air task 3 (VOCs): 2022-04-30, the 分局 with 工信局 and 市场监督局', () => {
    const t = find(six, '空气质量', '三、（二）3.');
    expect([t.deadline, t.deadlineText]).toEqual(['2022-04-30', '2022年4月底前']);
    expect([...t.lead, ...t.support]).toEqual(['吕梁市生态环境局交城分局', '县工业和信息化局', '县市场监督管理局']);
  });

  it('reads water task 2 (城西扩容): done by 2023-10-31, 县住建局 leads, the plant that implements it is flagged, the strict 「5月前」 kept as a milestone', () => {
    const t = find(six, '碧水保卫战', '三、（一）2.');
    expect([t.deadline, t.lead, t.unknownUnits]).toEqual(['2023-10-31', ['县住房和城乡建设管理局'], ['交城县污水处理厂']]);
    expect(t.milestones.map((m) => m.date)).toEqual(['2022-04-30', '2023-10-31']);
  });

  it('reads water task 4: 6 km of combined sewer by 2022-12-31, influent BOD ≥ 150 mg/L on average and ≥ 100 always', () => {
    const t = find(six, '碧水保卫战', '三、（二）4.');
    expect(t.deadline).toBe('2022-12-31');
    expect(t.targets.map((g) => [g.comparison, g.value, g.unit])).toEqual([['=', 6, '公里'], ['≥', 150, 'mg/L'], ['≥', 100, 'mg/L']]);
    expect(t.targets[0].metric).toContain('雨污合流制管网改造');
    expect(t.milestones.map((m) => m.date)).toEqual(['2022-06-30', '2022-12-31']);
  });

  it('keeps soil task 16 as a schedule (每年2月底和8月底), not a deadline, and its target of at least 2 projects', () => {
    const t = find(six, '土壤污染', '二、（六）16.');
    expect([t.recurrence, t.deadline]).toEqual(['每年2月底和8月底', null]);
    expect(t.targets).toMatchObject([{ comparison: '≥', value: 2, unit: '个' }]);
  });

  it('does not take an extension limit (「不能超过2023年年底」) for a deadline; targets as printed', () => {
    expect(find(six, '空气质量', '三、（一）1.').deadline).toBe('2022-12-31');
    expect(find(six, '空气质量', '四、（四）14.').targets).toMatchObject([{ metric: '秸秆综合利用率', comparison: '≥', value: 85, unit: '%' }]);
    expect(find(six, '碧水保卫战', '三、（六）15.').targets).toMatchObject([{ metric: '城市公共供水管网漏损率', comparison: '≤', value: 10, unit: '%' }, { comparison: '≥', value: 0.56 }]);
  });

  it('finds the milestones of 交政办函〔2022〕12号, the rollout and report dates of 交政办函〔2022〕16号, 交政发〔2022〕7号 and 交政办发〔2022〕12号', () => {
    expect(tasksOf('交政办函〔2022〕12号').filter((t) => t.deadline).map((t) => t.deadline)).toEqual(['2022-10-31', '2023-06-30', '2023-09-30', '2023-12-31', '2024-12-31', '2025-12-31']);
    const fire = tasksOf('交政办函〔2022〕16号').filter((t) => t.deadline);
    expect(fire.map((t) => t.deadline)).toEqual(['2022-06-10', '2022-12-31', '2023-05-31', '2022-06-15', '2022-12-20', '2023-07-10']);
    expect(fire[0].targets).toMatchObject([{ comparison: '≥', value: 2, unit: '个' }]);
    expect(fire[1].targets).toMatchObject([{ comparison: '=', value: 50, unit: '%' }]);
    expect(fire[2].deadlineText).toBe('2023年6月前');
    const fitness = tasksOf('交政发〔2022〕7号');
    expect(fitness).toHaveLength(9);
    // The plan's goal 「到2025年底」 (一、（二）) is a dated step before the first assigned item.
    expect(fitness[0]).toMatchObject({ path: ['一、', '（二）'], deadline: '2025-12-31' });
    const facilities = fitness[1];
    // 「各乡镇人民政府」 among the supporters is every township (the office may take some out).
    expect(facilities).toMatchObject({ lead: ['县卫生健康和体育局', '县发展和改革局'], unknownUnits: [] });
    expect(facilities.support).toEqual(expect.arrayContaining(['县住房和城乡建设管理局', '天宁镇', '会立乡']));
    expect(tasksOf('交政办发〔2022〕12号').filter((t) => t.deadline).map((t) => t.deadline)).toEqual(['2022-06-30']);
  });

  it('flags the readings officials may dispute (需核定) and still gives a deadline', () => {
    const fire = tasksOf('交政办函〔2022〕16号').filter((t) => t.deadline);
    expect([fire[0].deadline, fire[0].disputed]).toEqual(['2022-06-10', '时限 2022-06-10 不晚于发文日期 2022-06-10']);
    expect([fire[2].deadline, fire[2].disputed]).toEqual(['2023-05-31', '「2023年6月前」从严为 2023-05-31，亦可读作 2023-06-30']);
    const contest = tasksOf('交政办发〔2022〕15号').find((t) => t.deadlineText === '6月底—7月上旬')!;
    expect([contest.deadline, contest.disputed]).toEqual(['2022-07-10', '「6月底—7月上旬」为区间：起 2022-06-30，止 2022-07-10']);
    expect(tasksOf('交政办发〔2022〕15号').find((t) => t.deadlineText === '7月15日')?.deadline).toBe('2022-07-15');
  });

  it('reads prose assignments, duty lists and schedules, and finds nothing new when run again', () => {
    const toilets = tasksOf('交政办发〔2022〕10号');
    expect(toilets.find((t) => t.path.join('') === '五、（一）2.')).toMatchObject({ lead: ['县农业农村局', '县乡村振兴局', '县爱国卫生运动委员会办公室'] });
    expect(toilets.filter((t) => t.path.join('') === '六、（一）').map((t) => t.lead.join('、'))).toEqual(['县农业农村局', '县卫生健康和体育局、县爱国卫生运动委员会办公室', '县审计局', '县财政局', '天宁镇、西营镇、洪相镇', '']);
    expect(toilets.filter((t) => t.path.join('') === '五、（二）6.').map((t) => t.recurrence)).toEqual(['每周四', '每月20日前', '每月24日前']);
    const grain = tasksOf('交政发〔2022〕8号').filter((t) => t.path.join('') === '三、');
    expect(grain.map((t) => t.lead.join() || t.unknownUnits.join())).toEqual(['县发展和改革局', '县财政局', '县农发行']);
    expect(tasksOf('交政函〔2022〕8号')).toMatchObject([{ lead: ['交城经济开发区管理委员会'], support: ['县发展和改革局', '县工业和信息化局', '县行政审批局', '县住房和城乡建设管理局'] }]);
    expect(tasksOf('交政办函〔2022〕19号').find((t) => t.path.join('') === '二、')?.recurrence).toBe('汛期');
    const keys = docs.flatMap((d) => extractTasks(d, resolve)).map((t) => `${t.docNumber}|${t.key}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(docs.flatMap((d) => extractTasks(d, resolve)).map((t) => `${t.docNumber}|${t.key}`)).toEqual(keys);
  });

  it('carries the lead a document names once, expands collectives, and knows the gazette\'s short forms', () => {
    // 「县住房和城乡建设管理局是全县地下市政设施管理牵头部门」 (交政办函〔2022〕12号 五、): the dated steps nobody else is
    // named for take it as lead; 「2022年10月底前，我县地下基础设施各权属单位，……」 names its doers, so it supervises.
    const survey = tasksOf('交政办函〔2022〕12号').filter((t) => t.path.join('') === '五、' && t.deadline);
    expect(survey.find((t) => t.deadline === '2024-12-31')).toMatchObject({ lead: ['县住房和城乡建设管理局'] });
    expect(survey.find((t) => t.deadline === '2024-12-31')!.unitsText).toMatch(/^县住房和城乡建设管理局是全县地下市政设施管理牵头部门/);
    expect(survey.find((t) => t.deadline === '2022-10-31')).toMatchObject({ lead: [], support: ['县住房和城乡建设管理局'] });
    // 「（责任单位：各乡镇人民政府）」 is every township; 「市生态环境局交城分局、涉及乡镇按职责分工牵头」 the towns item 10 lists.
    expect(find(six, '空气质量', '四、（一）7.').lead).toHaveLength(8);
    expect(find(six, '碧水保卫战', '三、（四）10.').lead).toEqual(['吕梁市生态环境局交城分局', '洪相镇', '夏家营镇', '水峪贯镇', '西社镇', '庞泉沟镇']);
    // 「经济开发区管委会按照职责分工负责」 (土壤 二、（二）3.).
    expect(find(six, '土壤污染', '二、（二）3.').lead).toContain('交城经济开发区管理委员会');
    // 「交城县供水公司、交城县供热公司……是我县公益性国有独资企业」 names no unit to work: 交城县 alone is none.
    expect(tasksOf('交政办发〔2022〕12号').some((t) => t.path.join('') === '二、')).toBe(false);
  });

  it('reads deadline words by one rule', () => {
    const d = (t: string) => findDates(t, 2022).map((x) => x.date);
    expect(d('5月上旬完成，6月中旬验收，7月下旬总结')).toEqual(['2022-05-10', '2022-06-20', '2022-07-31']);
    expect(d('2023年2月底前')).toEqual(['2023-02-28']);
    expect(d('在6-9月份，1-10月份')).toEqual([]);
    expect(findTargets('管网漏损率控制在10%以内')).toMatchObject([{ comparison: '≤', value: 10 }]);
  });

});
