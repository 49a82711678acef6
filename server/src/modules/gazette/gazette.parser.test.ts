import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseGazette, type ParsedDocument } from './gazette.parser.js';
import { normalizeDocNumber, parseDocNumber } from './gazette.docnumber.js';
import { GAZETTE_FIXTURE } from './index.js';

const text = readFileSync(GAZETTE_FIXTURE, 'utf8');
const G = '交城县人民政府';
const B = '交城县人民政府办公室';
const XZ = ['各乡（镇）人民政府', '县直各有关单位'];

/** The expected answer: ../shared/spec/gazette-catalog.md, index table and each document's header. */
const EXPECTED: {
  no: string;
  issuer: string;
  type: string;
  date: string;
  title: string;
  addressees: string[];
  attachments?: [string, boolean][];
  parts?: string[];
}[] = [
  { no: '交政发〔2022〕2号', issuer: G, type: '通知', date: '2022-04-14', title: '关于印发交城县2022年度国有建设用地供应计划的通知', addressees: ['各乡（镇）人民政府', '各有关单位'], attachments: [['交城县2022年度国有建设用地供应计划表', true], ['交城县2022年度住房用地供应计划汇总表', true]], parts: ['交城县2022年度国有建设用地供应计划'] },
  { no: '交政发〔2022〕3号', issuer: G, type: '通知', date: '2022-04-23', title: '关于印发交城县村庄规划编制工作方案的通知', addressees: XZ, parts: ['交城县村庄规划编制工作方案'] },
  { no: '交政发〔2022〕7号', issuer: G, type: '通知', date: '2022-06-07', title: '关于印发交城县全民健身实施计划（2021—2025年）的通知', addressees: XZ, parts: ['交城县全民健身实施计划（2021—2025年）'] },
  { no: '交政发〔2022〕8号', issuer: G, type: '通知', date: '2022-06-29', title: '关于对县级储备粮实施轮换工作的通知', addressees: ['县直有关单位及承储企业'] },
  { no: '交政函〔2022〕6号', issuer: G, type: '批复', date: '2022-04-19', title: '关于对山西德通新材料有限公司年产20万吨固体聚合氯化铝、10万吨液体聚合氯化铝项目区域污染物削减方案的批复', addressees: ['吕梁市生态环境局交城分局'] },
  { no: '交政函〔2022〕8号', issuer: G, type: '批复', date: '2022-05-17', title: '关于赋予建筑工程招投标类备案权限的批复', addressees: ['交城经济开发区管理委员会'] },
  { no: '交政函〔2022〕13号', issuer: G, type: '批复', date: '2022-06-23', title: '关于同意成立交城县国有资本运营有限公司的批复', addressees: ['县政府国有资产监督管理局'] },
  {
    no: '交政办发〔2022〕6号', issuer: B, type: '通知', date: '2022-04-15',
    title: '关于印发交城县2022年空气质量巩固提升行动方案、交城县土壤污染防治2022年行动计划、交城县深入打好碧水保卫战2022年行动计划的通知',
    addressees: ['各乡（镇）人民政府', '县直有关单位'],
    attachments: [
      ['交城县2022年分行业环保提升整治责任清单', true],
      ['2022年全县3个国省考地表水监测断面环境质量目标表', true],
      ['2022年交城县城市集中式饮用水水源水质达到任务表', true],
      ['2022年农村生活污水治理项目名单', true],
      ['2022年全县水污染防治重点工程明细表', true],
    ],
    parts: ['交城县2022年空气质量巩固提升行动方案', '交城县土壤污染防治2022年行动计划', '交城县深入打好碧水保卫战2022年行动计划'],
  },
  {
    no: '交政办发〔2022〕8号', issuer: B, type: '通知', date: '2022-04-28', title: '关于印发交城县2022年统筹整合使用财政资金巩固脱贫成果衔接乡村振兴实施方案的通知', addressees: XZ,
    attachments: [
      ['交城县2022年巩固脱贫成果衔接乡村振兴资金安排建设项目表', true],
      ['交城县2022年巩固脱贫成果衔接乡村振兴资金安排建设项目表-水利工程', true],
      ['交城县2022年巩固脱贫成果衔接乡村振兴资金安排建设项目表-农村道路工程', true],
      ['交城县2022年巩固脱贫成果衔接乡村振兴资金安排建设项目表-污水管网建设', true],
      ['交城县2022年巩固脱贫成果衔接乡村振兴资金安排建设项目表-人居环境综合整治项目', true],
    ],
  },
  { no: '交政办发〔2022〕10号', issuer: B, type: '通知', date: '2022-05-23', title: '关于印发交城县2022年农村改厕工作实施方案的通知', addressees: ['各乡（镇）人民政府', '县直有关单位'], attachments: [['改厕模式及标准', false]] },
  { no: '交政办发〔2022〕11号', issuer: B, type: '通知', date: '2022-06-02', title: '关于印发交城县国有集体企业改制工作方案的通知', addressees: ['各乡（镇）人民政府', '县直有关单位'] },
  { no: '交政办发〔2022〕12号', issuer: B, type: '通知', date: '2022-06-02', title: '关于印发交城县国有企业公司制改制工作实施方案的通知', addressees: ['各乡（镇）人民政府', '县直有关单位'] },
  { no: '交政办发〔2022〕13号', issuer: B, type: '通知', date: '2022-06-08', title: '关于印发交城县“晋情消费·品质生活”促消费活动政府消费券投放工作方案的通知', addressees: ['县直相关部门', '各限上社会消费品零售企业'], parts: ['交城县“晋情消费·品质生活”促消费活动政府消费券投放工作方案'] },
  {
    no: '交政办发〔2022〕15号', issuer: B, type: '通知', date: '2022-06-22', title: '关于印发交城县推荐第三届吕梁市职业技能大赛参赛选手实施方案的通知', addressees: ['县直各有关单位'],
    attachments: [['交城县第三届职业技能大赛筹备组名单', false], ['第三届吕梁市职业技能大赛参赛选手报名表', true], ['第三届吕梁市职业技能大赛参赛队报名汇总表', true]],
  },
  { no: '交政办发〔2022〕16号', issuer: B, type: '通知', date: '2022-06-24', title: '关于印发交城县2022年农业生产托管试点项目组织实施方案的通知', addressees: ['各乡（镇）人民政府', '县直有关部门'] },
  { no: '交政办函〔2022〕12号', issuer: B, type: '通知', date: '2022-04-20', title: '关于印发交城县城市地下市政基础设施普查实施方案的通知', addressees: ['县直有关单位'] },
  { no: '交政办函〔2022〕13号', issuer: B, type: '通知', date: '2022-04-22', title: '关于下达交城县2022年粮食生产及耕地资源利用指导性计划指标任务的通知', addressees: ['各乡（镇）人民政府'], attachments: [['交城县2022年粮食生产及耕地资源利用指标任务表', true]] },
  { no: '交政办函〔2022〕16号', issuer: B, type: '通知', date: '2022-06-10', title: '关于进一步加强基层消防力量建设的通知', addressees: XZ },
  { no: '交政办函〔2022〕18号', issuer: B, type: '报告', date: '2022-06-20', title: '关于创建国家森林城市工作情况的报告', addressees: ['吕梁市创建国家森林城市指挥部办公室'] },
  { no: '交政办函〔2022〕19号', issuer: B, type: '通知', date: '2022-06-29', title: '关于做好2022年汛期水旱灾害防御工作的通知', addressees: ['各乡（镇）人民政府', '县直有关部门'] },
];

/** What must not change when the text is re-wrapped, re-spaced or re-bracketed. */
function headerOf(d: ParsedDocument) {
  return {
    docNumber: d.docNumber,
    issuer: d.issuer,
    title: d.title,
    type: d.type,
    date: d.date,
    addressees: d.addressees,
    publicity: d.publicity,
    attachments: d.attachments.map((a) => [a.title, a.onlineOnly]),
    parts: d.parts.map((p) => p.title),
  };
}

const parsed = parseGazette(text);

describe('parseGazette on the 2022 gazette', () => {
  it('finds exactly the 20 documents, in file order, warning only of the one paragraph boundary it guesses', () => {
    expect(parsed.documents.map((d) => d.docNumber)).toEqual(EXPECTED.map((e) => e.no));
    expect(parsed.warnings).toEqual([]);
    // 交政办发〔2022〕15号 三、（八）: 「…初赛后参」 + 「加决赛」 ends short with no stop before the note on the list.
    const guessed: Record<string, string[]> = { '交政办发〔2022〕15号': [expect.stringMatching(/^第 6180 行：行未写满且无句末标点/) as string] };
    for (const d of parsed.documents) expect(d.warnings, d.docNumber).toEqual(guessed[d.docNumber] ?? []);
  });

  it.each(EXPECTED)('$no has the catalogue header', (e) => {
    const d = parsed.documents.find((x) => x.docNumber === e.no)!;
    expect(d.issuer).toBe(e.issuer);
    expect(d.type).toBe(e.type);
    expect(d.date).toBe(e.date);
    expect(d.title).toBe(e.title);
    expect(d.addressees).toEqual(e.addressees);
    expect(d.publicity).toBe('主动公开');
    expect(d.note).toBe('（此件公开发布）');
    expect(d.attachments.map((a) => [a.title, a.onlineOnly])).toEqual(e.attachments ?? []);
    if (e.parts) expect(d.parts.map((p) => p.title)).toEqual(e.parts);
  });

  it('splits 交政办发〔2022〕6号 into its three plans, each with sections', () => {
    const d = parsed.documents.find((x) => x.docNumber === '交政办发〔2022〕6号')!;
    expect(d.parts).toHaveLength(3);
    for (const p of d.parts) expect(p.body.sections.length).toBeGreaterThan(2);
    expect(d.parts[0].attachments.map((a) => a.title)).toEqual(['交城县2022年分行业环保提升整治责任清单']);
    expect(d.parts[1].attachments).toEqual([]);
    expect(d.parts[2].attachments).toHaveLength(4);
  });

  it('builds the section tree 一、/（一）/1./（1） with re-joined paragraphs', () => {
    const d = parsed.documents.find((x) => x.docNumber === '交政发〔2022〕2号')!;
    const plan = d.parts[0].body;
    expect(plan.sections.map((s) => `${s.marker}${s.heading}`)).toEqual([
      '一、指导思想和基本原则',
      '二、计划指标',
      '三、政策导向与执行标准',
      '四、计划实施保障',
    ]);
    const total = plan.sections[1].children[0];
    expect(total.marker).toBe('（一）');
    expect(total.heading).toBe('国有建设用地供应总量');
    expect(total.paragraphs[0]).toBe('2022年度本县国有建设用地供应总量控制在45.3272公顷以内。');
    const toilets = parsed.documents.find((x) => x.docNumber === '交政办发〔2022〕10号')!.parts[0].body;
    const funds = toilets.sections[3].children[1];
    expect(funds.children[0].heading).toBe('老旧厕所改造资金补助');
    expect(funds.children[0].children.map((c) => c.marker)).toEqual(['（1）', '（2）', '（3）']);
  });

  it('prints inline attachments as their own text', () => {
    const d = parsed.documents.find((x) => x.docNumber === '交政办发〔2022〕10号')!;
    expect(d.attachments[0].content?.sections.map((s) => s.heading)).toContain('改厕模式');
  });

  it('finds citations and the 请示 a 批复 answers', () => {
    const a = parsed.documents.find((x) => x.docNumber === '交政函〔2022〕6号')!;
    expect(a.repliesTo?.docNumber).toBe('交环字〔2022〕37号');
    expect(a.repliesTo?.title).toMatch(/的请示$/);
    const b = parsed.documents.find((x) => x.docNumber === '交政函〔2022〕13号')!;
    expect(b.repliesTo).toEqual({ docNumber: null, title: '关于成立交城县国有资本运营有限公司的请示' });
    const land = parsed.documents.find((x) => x.docNumber === '交政发〔2022〕2号')!;
    expect(land.citations.map((c) => c.docNumber)).toContain('国土资发〔2010〕117号');
    const funds = parsed.documents.find((x) => x.docNumber === '交政办发〔2022〕8号')!;
    expect(funds.citations.map((c) => c.docNumber).filter(Boolean)).toEqual(['财农〔2021〕19号', '财农〔2021〕22号', '晋财农〔2021〕56号']);
  });
});

describe('文号 validation (GB/T 9704-2012 §7.2.4)', () => {
  it.each([
    ['交政发〔2022〕2号', '交政发〔2022〕2号', true, []],
    ['交政办发[2022]13号', '交政办发〔2022〕13号', true, ['年份应使用六角括号〔〕']],
    ['交政办发（2022）13 号', '交政办发〔2022〕13号', true, ['年份应使用六角括号〔〕']],
    ['交政发〔22〕2号', '交政发〔22〕2号', false, ['年份应标全称（四位数字）']],
    ['交政发〔2022〕02号', '交政发〔2022〕2号', false, ['序号不编虚位（不加前导0）']],
    ['交政发〔2022〕第2号', '交政发〔2022〕2号', false, ['序号不加“第”字']],
  ])('%s', (raw, normalized, valid, problems) => {
    const d = parseDocNumber(raw)!;
    expect(d.normalized).toBe(normalized);
    expect(d.valid).toBe(valid);
    expect(d.problems).toEqual(problems);
  });

  it('rejects text that is no 文号', () => {
    expect(parseDocNumber('交政发2022年2号')).toBeNull();
    expect(parseDocNumber('交政发〔2022〕2')).toBeNull();
    expect(normalizeDocNumber('消费券')).toBeNull();
  });

  it('keeps and flags a malformed 文号 in a document header', () => {
    const bad = text.replace('交政发〔2022〕2 号', '交政发〔2022〕02 号');
    const d = parseGazette(bad).documents[0];
    expect(d.docNumber).toBe('交政发〔2022〕2号');
    expect(d.docNumberInfo.raw).toBe('交政发〔2022〕02号');
    expect(d.warnings.join()).toContain('序号不编虚位');
  });
});

// ----------------------------------------------------------------------------------------------
// Robustness: the same documents whatever the line width, line ends and bracket style.

const base = parsed.documents.map(headerOf);
const lines = text.split('\n');

function rewrap(width: number): string {
  // Join all lines, then break at a new width: what another PDF extraction would give.
  return lines
    .filter((l) => l.trim())
    .flatMap((l) => {
      const chars = [...l];
      const out: string[] = [];
      for (let i = 0; i < chars.length; i += width) out.push(chars.slice(i, i + width).join(''));
      return out;
    })
    .join('\n\n');
}

describe('parser robustness (property tests)', () => {
  it('gives the same documents at any line width', () => {
    fc.assert(
      fc.property(fc.integer({ min: 6, max: 40 }), (w) => {
        expect(parseGazette(rewrap(w)).documents.map(headerOf)).toEqual(base);
      }),
      { numRuns: 8 },
    );
  });

  it('gives the same documents with CRLF, half-width brackets and extra spaces', () => {
    const variant = text
      .replace(/\n/g, '\r\n')
      .replace(/〔/g, '[')
      .replace(/〕/g, ']')
      .replace(/（/g, '(')
      .replace(/）/g, ')')
      .replace(/(\d)(年|月|号)/g, '$1 $2');
    expect(parseGazette(variant).documents.map(headerOf)).toEqual(base);
  });

  it('neither throws nor invents 文号 on damaged text', () => {
    const known = new Set(base.map((d) => d.docNumber));
    fc.assert(
      fc.property(
        fc.array(fc.record({ at: fc.nat(lines.length - 1), op: fc.constantFrom('drop', 'noise', 'split', 'dup') }), { maxLength: 60 }),
        // Noise of punctuation and spacing: CJK letters or digits glued to a 文号 would truly change it.
        fc.string({ unit: fc.constantFrom('〔', '〕', '：', '。', '，', '（', '）', '《', '》', ' ', '\n', '\u3000', '-') }),
        (edits, noise) => {
          const damaged = [...lines];
          for (const e of edits) {
            const l = damaged[e.at % damaged.length] ?? '';
            if (e.op === 'drop') damaged[e.at % damaged.length] = '';
            if (e.op === 'noise') damaged[e.at % damaged.length] = l + noise;
            if (e.op === 'split') damaged[e.at % damaged.length] = l.slice(0, l.length >> 1) + '\n' + l.slice(l.length >> 1);
            if (e.op === 'dup') damaged[e.at % damaged.length] = `${l}\n${l}`;
          }
          const r = parseGazette(damaged.join('\n'));
          for (const d of r.documents) expect(known.has(d.docNumber)).toBe(true);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('never throws on arbitrary input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 2000 }), (s) => {
        const r = parseGazette(s);
        expect(Array.isArray(r.documents)).toBe(true);
      }),
      { numRuns: 200 },
    );
    expect(parseGazette('').documents).toEqual([]);
    expect(parseGazette('这不是公报。只是一段文字。').warnings[0]).toContain('未识别到任何公文');
  });
});
