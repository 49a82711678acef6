/** Paragraph and item boundaries on lines copied from the 2022 gazette as printed (column width from the lines). */
import { describe, expect, it } from 'vitest';
import { outlineText, parseOutline } from './gazette.outline.js';
import { bodyLinesIn, prepare } from './gazette.text.js';

/** The outline of printed lines, and its warnings on boundaries (an excerpt's numbering starts where it was cut). */
const parse = (printed: string, closing = false) => {
  const p = prepare(printed);
  const { body, warnings } = parseOutline(bodyLinesIn(p, 0, p.s.length), { closing });
  return { body, warnings: warnings.filter((w) => !/编号(?:跳号|重复|顺序颠倒)/.test(w)) };
};

describe('the lines of the gazette as a reader sees them', () => {
  it('takes the line after a full label line into the heading (交政办发〔2022〕6号 土壤 二、（二）3.)', () => {
    const { body, warnings } = parse(`（二）防范工矿企业用地新增土壤污
染
3.严格建设项目土壤环境影响评价
制度。对涉及有毒有害物质可能造成土壤
污染的新（改、扩）建项目，依法进行环
境影响评价，提出并落实防腐蚀、防渗漏、
防遗撒等土壤污染防治具体措施。（市生
态环境局交城分局、县行政审批局、经济
开发区管委会按照职责分工负责）
4.强化重点监管单位监管。动态更
新土壤污染重点监管单位名录，监督全面
落实土壤污染防治义务，依法纳入排污许
可管理。（市生态环境局交城分局负责）`);
    const [three, four] = body.sections[0].children;
    expect(three.heading).toBe('严格建设项目土壤环境影响评价制度');
    expect(three.text).toMatch(/^对涉及有毒有害物质/);
    expect(four.heading).toBe('强化重点监管单位监管');
    expect(warnings).toEqual([]);
  });

  it('gives a list entry its 主管单位 line, and a note after the last group to the whole list (交政办发〔2022〕15号 三、)', () => {
    const { body, warnings } = parse(`三、参赛项目
（二）结构与建筑类技术（4个）：
砌筑、电气装置、瓷砖贴面、管道与
制暖
主管单位：县住建局
（五）社会与个人服务类（8个）：
烘焙、中式烹调、西式烹调、中式面
点、餐厅服务、酒店接待、美容、美发
主管部门：县市场局
（七）社会与个人服务类（3个）：
茶艺、剪纸、刺绣
主管单位：县文旅局
（八）消防安全类（2个）：
市消防支队自行组织各县初赛后参
加决赛
所列竞赛项目中，机电一体化、移动
机器人、工业 4.0、网络安全为双人赛项，
其余为单人赛项。
四、比赛形式
第三届吕梁职业技能大赛采取县级
初赛和市级决赛两个阶段，市级决赛比赛
项目（工种）40个，县级初赛项目不少于
20 个，各主管部门所承担项目不少于总
项目的三分之二。`);
    const [events] = body.sections;
    expect(events.children.map((c) => [c.heading, c.paragraphs])).toEqual([
      ['结构与建筑类技术（4个）', ['砌筑、电气装置、瓷砖贴面、管道与制暖', '主管单位：县住建局']],
      ['社会与个人服务类（8个）', ['烘焙、中式烹调、西式烹调、中式面点、餐厅服务、酒店接待、美容、美发', '主管部门：县市场局']],
      ['社会与个人服务类（3个）', ['茶艺、剪纸、刺绣', '主管单位：县文旅局']],
      ['消防安全类（2个）', ['市消防支队自行组织各县初赛后参加决赛']],
    ]);
    expect(events.closing).toEqual(['所列竞赛项目中，机电一体化、移动机器人、工业4.0、网络安全为双人赛项，其余为单人赛项。']);
    // Nothing but the short line says the note starts there: the boundary is reported as guessed.
    expect(warnings).toEqual([expect.stringMatching(/^第 15 行：行未写满且无句末标点，按段落结束处理/)]);
    expect(outlineText(body).slice(0, 13).at(-1)).toBe('所列竞赛项目中，机电一体化、移动机器人、工业4.0、网络安全为双人赛项，其余为单人赛项。');
  });

  it('closes a list with 「以上…」 and the contact, and gives the 3rd item the kind of its siblings (交政办发〔2022〕15号 九、（三）)', () => {
    const { body } = parse(`（三）选手报名时除提供附件 2 和附
件 3报名表外，还需提供以下纸质证明材
料：
1.职工、教师报名选手需提供工作证
明一份，最近 2个月社保证明一份，社保
缴纳单位名称应与报名所在单位一致；
2.学生报名选手需提供学生在校学
籍证明一份；
3.其他身份报名选手提供最近 2 个
月社保证明一份。确属特殊情况无法提供
2个月以上社保证明的，须由县市区人社
局统一提供证明（盖公章），证明内容应
含：参赛职业项目、选手姓名、身份证号、
所在单位、手机号以及“在本县市区工作
1年以上，情况属实”字样。
以上证明材料均需加盖单位公章。
联系人：任文娟 联系方式：
18735869012`);
    const [proofs] = body.sections;
    expect(proofs.children.map((c) => c.heading)).toEqual(['', '', '']);
    expect(proofs.children[2].paragraphs).toEqual([
      '其他身份报名选手提供最近2个月社保证明一份。确属特殊情况无法提供2个月以上社保证明的，须由县市区人社局统一提供证明（盖公章），证明内容应含：参赛职业项目、选手姓名、身份证号、所在单位、手机号以及“在本县市区工作1年以上，情况属实”字样。',
    ]);
    expect(proofs.closing).toEqual(['以上证明材料均需加盖单位公章。', '联系人：任文娟 联系方式：18735869012']);
    expect(proofs.text).toContain('以上证明材料均需加盖单位公章。');
  });

  it('starts a paragraph at each 「单位：负责…」 line, though the sentence before fills its line (交政办函〔2022〕12号 四、)', () => {
    const { body } = parse(`四、职责分工
县住房和城乡建设管理局是全县地下市
政设施管理牵头部门，要切实加强组织领导，
明确各部门职责，建立完善工作机制，统筹
推进城市地下市政基础设施建设管理各项工
作，会同县委政法委、公安局、交警大队、
自然资源、发改、财政、工信、交通运输、
能源、人防、融媒体、供电等部门，结合各
自工作职责，加强协调，相互配合，共同推
进我县城市地下市政基础设施建设管理工作。
县住房和城乡建设管理局：负责我县范
围内城市地下管线（供水、排水、供热、燃
气）、综合管廊、地下道路（通道）等地下市
政基础设施普查，查找并及时消除隐患风险
点，并对我县人防工程及其附属设施、地下
车库及其附属设施普查，将相关普查数据信
息接入综合管理信息平台。指导各相关部门
和权属单位开展普查工作并将设施信息接入
综合管理信息平台。
县委政法委、公安局、交警大队等单位：
负责做好雪亮工程、天眼工程、交通信号、
公共视频监控管线及其附属设施普查，查找
并及时消除隐患风险点；配合城市管理部门
将相关普查数据信息接入综合管理信息平台。
县自然资源局：负责我县范围城市地下
空间开发利用的规划和地下市政基础设施的
规划等资料的整理、收集、汇总。`);
    expect(body.sections[0].paragraphs.map((p) => p.slice(0, 12))).toEqual(['县住房和城乡建设管理局是', '县住房和城乡建设管理局：', '县委政法委、公安局、交警', '县自然资源局：负责我县范']);
  });

  it('starts 「地下粪池施工：」 on its own, but runs a full-width 「卫生厕所指：」 on (交政办发〔2022〕10号)', () => {
    const pit = parse(`（二）农村传统水泥厕所改造：（即
有墙有顶，厕所为水泥池、斜（直）漏便
池，或者厕所为瓮式）可采用老旧厕所改
造模式，即厕所内安排三格化粪池，达到
所抽出的粪便倒入进行集中无害化处理。
地下粪池施工：（1）不破坏原结构基
础。（2）安装排气管。（3）安装便池和高
压冲水筒。（4）修复地面。`).body.sections[0];
    expect(pit.paragraphs.map((p) => p.slice(0, 7))).toEqual(['（即有墙有顶，', '地下粪池施工：']);
    const kinds = parse(`（三）改厕模式。根据农村卫生厕所
标准，主要分为无害化卫生厕所和卫生厕
所。无害化卫生厕所指：有墙、有顶、有
盖、不渗、不漏，通过去除、灭活粪便中
农村老旧厕所、水冲式厕所的改造标准）。
卫生厕所指：有墙、有顶、有盖、不渗、
不漏，无蝇蛆，臭味较小（如农村传统水
泥厕所的改造标准）。`).body.sections[0];
    expect(kinds.paragraphs).toHaveLength(1);
  });

  it('keeps a phone number with its label and gives 「邮箱」 its own line (交政办函〔2022〕16号)', () => {
    const { body } = parse(`（三）严肃责任落实。要明确工作要
求，加强督促指导，严格落实责任，做细
做实各项工作。要将乡镇及有关部门的基
层消防监管责任落实情况纳入年度安全
生产和消防工作考核内容，加快完善基层
消防治理体系。
请于2022年6月15日前上报试点乡
镇建设和阶段工作情况；2022 年 12 月 20
日前上报年度工作情况；2023 年 7 月 10
日上报工作总结。
联系人：高江蘅 联系电话：
13994825610
邮 箱：jcxfdd@126.com`, true);
    expect(body.closing).toEqual([
      '请于2022年6月15日前上报试点乡镇建设和阶段工作情况；2022年12月20日前上报年度工作情况；2023年7月10日上报工作总结。',
      '联系人：高江蘅 联系电话：13994825610',
      '邮箱：jcxfdd@126.com',
    ]);
  });

  it('makes the items of one list one kind: all headed, or all sentences (交政函〔2022〕13号, 交政办发〔2022〕10号 四、（二）)', () => {
    const company = parse(`一、原则同意成立交城县国有资本运
营有限公司，性质为有限责任公司，公司
董事长为公司的法定代表人，公司地址为
交城县天宁街 58 号。
二、原则同意注册资本金为 50 万元
人民币，经营范围为根据授权负责国有资
本（资产）的投资、经营、国有股权管理；
高新技术产业等项目的建设、投融资和管
理服务，经营期限为长期。
三、原则同意公司设董事会、监事会、
经理层。公司不设股东会，由交城县政府
国有资产监督管理局行使股东职权。董事
会对股东负责。`).body;
    expect(company.sections.map((s) => s.heading)).toEqual(['', '', '']);
    expect(company.sections[2].text).toBe('原则同意公司设董事会、监事会、经理层。公司不设股东会，由交城县政府国有资产监督管理局行使股东职权。董事会对股东负责。');
    const funds = parse(`1.老旧厕所改造资金补助
（1）地下粪池改造所需高分子化粪
池、管材、便池、冲水筒等材料购置费用
每厕约 1000 元，以乡镇进行集中招标议
标、采购，价格以中标价为准。
（2）地下粪池施工费用按每厕 1000
元给予支持。
（3）地上厕屋按 1300 元/院的标准
进行以奖代补，即鼓励农户按照要求对厕
屋进行自建，验收合格进行补助。
2.传统水泥厕所改造资金补助
（1）以院为单位补助费用 2000 元/
院。粪池改造费用按每坑位 600 元给予支
持，包括材料费约 300 元和施工费约 300
元。
（2）传统水泥池厕所改造剩余资金
统筹用于集体大三格式化粪池建设（按
130L/人）。如资金有节余，可统筹补充老
旧厕所的地上厕屋建设和水冲厕所建设。`).body;
    expect(funds.sections.map((s) => [s.heading, s.children.map((c) => c.heading)])).toEqual([
      ['老旧厕所改造资金补助', ['', '', '']],
      ['传统水泥厕所改造资金补助', ['', '']],
    ]);
    expect(funds.sections[1].children[0].text).toBe('以院为单位补助费用2000元/院。粪池改造费用按每坑位600元给予支持，包括材料费约300元和施工费约300元。');
  });
});
