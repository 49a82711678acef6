/** The body outline as printed, against a hand-checked outline of the whole 2022 gazette, and damaged copies of it. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { outlineLines, type Section } from './gazette.outline.js';
import { parseGazette, type ParsedDocument } from './gazette.parser.js';
import { GAZETTE_FIXTURE } from './index.js';

const text = readFileSync(GAZETTE_FIXTURE, 'utf8');
const parsed = parseGazette(text);
const doc = (no: string, r = parsed) => r.documents.find((d) => d.docNumber === no)!;
const find = (sections: Section[], marker: string, heading?: string): Section => {
  for (const s of sections) {
    if (s.marker === marker && (heading === undefined || s.heading === heading)) return s;
    const inner = s.children.length ? findOrNull(s.children, marker, heading) : null;
    if (inner) return inner;
  }
  throw new Error(`no ${marker}${heading ?? ''}`);
};
const findOrNull = (sections: Section[], marker: string, heading?: string) => {
  try {
    return find(sections, marker, heading);
  } catch {
    return null;
  }
};

/** The fixture's form: every document, each issued plan and each printed attachment, indented by depth. */
function outlineOf(r: typeof parsed): string {
  const out: string[] = [];
  for (const d of r.documents) {
    out.push(`# ${d.docNumber} ${d.title}`, ...outlineLines(d.body));
    for (const p of d.parts) out.push(`## ${p.title}`, ...outlineLines(p.body));
    for (const a of d.attachments) if (a.content) out.push(`## 附件${a.index ?? ''} ${a.title}`, ...outlineLines(a.content));
  }
  return `${out.join('\n')}\n`;
}

describe('the outline of the 2022 gazette', () => {
  it('is exactly the hand-checked outline of all 20 documents, warning only of the one boundary it guesses', () => {
    const golden = readFileSync(new URL('./fixtures/outline-2022.txt', import.meta.url), 'utf8').replace(/^(?:;.*\n)+/, '');
    expect(outlineOf(parsed)).toBe(golden);
    // 「…各县初赛后参」 + 「加决赛」 (short, no stop) + 「所列竞赛项目中，…」: no stop and no field says the note starts there.
    expect(parsed.documents.flatMap((d) => d.warnings.map((w) => `${d.docNumber}：${w}`))).toEqual([
      '交政办发〔2022〕15号：第 6180 行：行未写满且无句末标点，按段落结束处理（下一行「所列竞赛项目中，机电一体」另起一段）',
    ]);
  });

  it('keeps numbering that runs straight through its groups', () => {
    const fitness = doc('交政发〔2022〕7号').parts[0].body;
    expect(fitness.sections.map((s) => s.children.map((c) => c.marker).join(''))).toEqual([
      '（一）（二）',
      '（三）（四）（五）（六）（七）（八）（九）',
      '（十）（十一）（十二）（十三）（十四）',
    ]);
    const plans = doc('交政办发〔2022〕6号').parts.map((p) => {
      const tasks: string[] = [];
      const walk = (s: Section) => (s.level === 3 ? tasks.push(s.number) : s.children.forEach(walk));
      p.body.sections.forEach(walk);
      return tasks;
    });
    expect(plans.map((t) => t.length)).toEqual([15, 17, 24]);
    for (const t of plans) expect(t).toEqual(t.map((_, i) => String(i + 1)));
  });

  it('never cuts a heading where the PDF line ended', () => {
    const funds = doc('交政办发〔2022〕8号').parts[0].body;
    expect(find(funds.sections, '（二）', '基础设施建设项目安排资金9215.0735万元').children).toHaveLength(7);
    const loans = find(funds.sections, '（三）', '金融扶贫项目安排资金647.5万元');
    expect(loans.children[0].text).toBe('小额信贷贴息项目安排资金210万元。');
    const soil = doc('交政办发〔2022〕6号').parts[1].body;
    expect(find(soil.sections, '1.').heading).toBe('严格控制涉重金属行业企业污染物排放');
    const vouchers = doc('交政办发〔2022〕13号').parts[0].body;
    const rules = find(vouchers.sections, '（四）', '使用规则');
    expect(rules.children[2].text).toBe('实体商家应主动为消费者开具发票，消费者应主动索票。');
    const company = doc('交政函〔2022〕13号').body;
    expect(company.sections[1].heading).toBe('');
    expect(company.sections[1].text).toMatch(/^原则同意注册资本金为50万元人民币，经营范围为/);
  });

  it('separates a heading from its content, and keeps the one space a line prints on purpose', () => {
    const contest = doc('交政办发〔2022〕15号').parts[0].body;
    expect(contest.sections[0]).toMatchObject({ heading: '大赛主题', text: '技能吕梁 成就未来' });
    const care = find(contest.sections, '（三）', '吕梁山护工类（4个）');
    expect(care.children[0]).toMatchObject({ heading: '养老陪护', text: '主管单位：县民政局' });
  });

  it('lists the members of leading groups and task forces as people with their posts', () => {
    const group = find(doc('交政办发〔2022〕10号').parts[0].body.sections, '（一）', '加强组织领导');
    expect(group.members[0].rows.slice(0, 3)).toEqual([
      { role: '组长', name: '张杰', post: '县政府副县长' },
      { role: '副组长', name: '杨志峰', post: '县政府办副主任' },
      { role: '副组长', name: '韩向党', post: '县农业农村局局长' },
    ]);
    expect(group.members[0].rows.at(-2)).toEqual({ role: '成员', name: '杨泽', post: '洪相镇镇长' });
    const team = doc('交政办发〔2022〕15号').attachments.find((a) => a.content)!.content!;
    expect(team.members[0].rows.find((r) => r.name === '王廷宏')?.post).toBe('县委组织部主持日常工作的副部长、县文化和旅游局局长');
  });

  it('invents no section inside a measurement, and keeps an enumeration inside its paragraph', () => {
    const pit = doc('交政办发〔2022〕10号').attachments.find((a) => a.content)!.content!;
    const old = find(pit.sections, '（一）', '农村老旧厕所改造');
    expect(old.children).toEqual([]);
    expect(old.text).toContain('（1）挖坑长2米，宽1.2米，深1.7米。');
    expect(old.text).toContain('（6）混凝土硬化地面。');
  });

  it('gives closing lines to the document, and dated milestones their own paragraphs', () => {
    expect(doc('交政函〔2022〕13号').body.closing).toEqual(['请你单位尽快依法完成公司注册组建工作，并认真履行出资人权利和义务，加强公司运营监管。', '特此批复']);
    expect(doc('交政办函〔2022〕16号').body.closing[0]).toMatch(/^请于2022年6月15日前上报/);
    const census = doc('交政办函〔2022〕12号').parts[0].body;
    const steps = census.sections.find((s) => s.heading === '实施步骤')!;
    const dated = steps.paragraphs.filter((p) => /^\d{4}年\d{1,2}月/.test(p));
    for (const start of ['2022年10月底前', '2023年6月底前', '2023年9月底前']) expect(dated.filter((p) => p.startsWith(start))).toHaveLength(1);
  });
});

describe('what a document cites', () => {
  it('captures standards and regulations, leaves issued plans to the parts, and keeps joint issuers apart', () => {
    expect(doc('交政办发〔2022〕10号').rules).toEqual([
      { kind: 'standard', code: 'GB 19379-2012', title: '国家农村户厕卫生规范' },
      { kind: 'standard', code: 'GB 7959-2012', title: '粪便无害化卫生要求' },
    ]);
    expect(doc('交政办函〔2022〕16号').rules).toEqual([
      { kind: 'standard', code: 'GB/T 35547', title: '乡镇消防队' },
      { kind: 'regulation', code: '省政府令第294号', title: '山西省专职消防队伍建设管理办法' },
    ]);
    for (const d of parsed.documents) for (const p of d.parts) expect([d.docNumber, d.citations.some((c) => c.title === p.title)]).toEqual([d.docNumber, false]);
    expect(doc('交政发〔2022〕3号').citations[0]).toEqual({ title: '中共中央 国务院关于建立国土空间规划体系并监督实施的若干意见', docNumber: '中发〔2019〕18号' });
  });
});

describe('warnings on damaged copies', () => {
  const lines = text.split('\n');
  const without = (pred: (l: string) => boolean) => parseGazette(lines.filter((l) => !pred(l)).join('\n'));
  const warningsOf = (d: ParsedDocument) => d.warnings.join('\n');

  it('names a deleted item', () => {
    const r = without((l) => l.startsWith('（八）推进全民健身融合发展'));
    expect(warningsOf(doc('交政发〔2022〕7号', r))).toMatch(/第 \d+ 行：编号跳号：「（九）」处应为第 8 项/);
  });

  it('names a swapped pair', () => {
    const a = lines.findIndex((l) => l.startsWith('（三）规范编制村庄规划') || l.startsWith('（二）规范编制村庄规划'));
    const swapped = [...lines];
    const b = lines.findIndex((l, i) => i > a && l.startsWith('（三）切实履行各项程序'));
    swapped[a] = lines[a].replace('（二）', '（三）');
    swapped[b] = lines[b].replace('（三）', '（二）');
    const w = warningsOf(doc('交政发〔2022〕3号', parseGazette(swapped.join('\n'))));
    expect(w).toMatch(/编号(顺序颠倒|重复|跳号)/);
  });

  it('names a signature without its date, and a long paragraph that swallowed an item', () => {
    const noDate = parseGazette(text.replace('2022 年 6 月 7 日', ''));
    expect(doc('交政发〔2022〕7号', noDate).warnings.join()).toContain('未找到发文机关署名和成文日期');
    const glued = parseGazette(text.replace(/\n+（九）营造全民健身社会氛围。/, '（九）营造全民健身社会氛围。'));
    expect(warningsOf(doc('交政发〔2022〕7号', glued))).toMatch(/超过 600 字且含有编号/);
  });
});
