/**
 * 职业技能大赛 (交政办发〔2022〕15号 《交城县推荐第三届吕梁市职业技能大赛参赛选手实施方案》): the rules the module
 * enforces, each quoted once with its 文号 and read by the code that enforces it. Where the text is silent or reads two
 * ways the choice is marked (inferred) and says why; the pages show the same readings (READINGS).
 */

export const SOURCE = '交政办发〔2022〕15号';

/** The managing units (主管单位) by key, with the directory codes the manifest declares (those the directory lacks are added as departments, so their officials hold accounts). */
export const MANAGING_UNITS = {
  education: { code: 'JC-JKJ', name: '县教育科技局' },
  transport: { code: 'JC-JTJ', name: '县交通运输局' },
  housing: { code: 'JC-ZJJ', name: '县住房和城乡建设管理局' },
  civil: { code: 'JC-MZJ', name: '县民政局' },
  health: { code: 'JC-WTJ', name: '县卫生健康和体育局' },
  hrss: { code: 'JC-RSJ', name: '县人力资源和社会保障局' },
  union: { code: 'JC-ZGH', name: '县总工会', add: { kind: 'department', shortNames: ['县总工会'] } },
  market: { code: 'JC-SCJGJ', name: '县市场监督管理局' },
  industry: { code: 'JC-GXJ', name: '县工业和信息化局' },
  mobile: { code: 'JC-YDGS', name: '中国移动交城分公司', add: { kind: 'department', shortNames: ['移动公司'], note: '交政办发〔2022〕15号 信息与通信技术类协同主管单位' } },
  unicom: { code: 'JC-LTGS', name: '中国联通交城分公司', add: { kind: 'department', shortNames: ['联通公司'], note: '交政办发〔2022〕15号 信息与通信技术类协同主管单位' } },
  culture: { code: 'JC-WLJ', name: '县文化和旅游局' },
  fire: { code: 'JC-SXFZD', name: '吕梁市消防救援支队', add: { kind: 'department', shortNames: ['市消防支队'] } },
} as const;
export type ManagingKey = keyof typeof MANAGING_UNITS;

/**
 * The events (交政办发〔2022〕15号 三、参赛项目), in the document's order and words:
 * 「（一）运输与物流类（5个）：1.车身修理、汽车喷漆、无人机驾驶 主管单位：县教育科技局 2.客车驾驶技术（A3 本以上驾驶证书）、
 * 货车驾驶技术（B本以上驾驶证书） 主管单位：县交通运输局 （二）结构与建筑类技术（4个）：砌筑、电气装置、瓷砖贴面、管道与制暖
 * 主管单位：县住建局 （三）吕梁山护工类（4个）：1.养老陪护 主管单位：县民政局 2.病患护理 主管单位：县卫生健康和体育局 3.家居服务、
 * 育婴 主管单位：县人社局 （四）制造与工程技术类（9个）：数控车、焊接、电子技术、工业控制、CAD 机械设计、机电一体化、移动机器人、
 * 工业 4.0、电工 主管单位：县总工会 （五）社会与个人服务类（8个）：烘焙、中式烹调、西式烹调、中式面点、餐厅服务、酒店接待、美容、
 * 美发 主管部门：县市场局 （六）信息与通信技术类（5个）：1.信息网络布线、网络系统管理、网络安全、数据标注员 主管单位：县工信局，
 * 移动公司、联通公司 2.电子商务 主管单位：县工信局 （七）社会与个人服务类（3个）：茶艺、剪纸、刺绣 主管单位：县文旅局
 * （八）消防安全类（2个）：市消防支队自行组织各县初赛后参加决赛」.
 * The two 消防安全类 events are not named in the text (inferred: 「消防安全类团体赛项一／二」, city-run team events whose
 * county entrants are only recorded). Category (七) repeats the name of (五); it keeps its own number.
 */
export const CATEGORIES = [
  { no: 1, name: '运输与物流类', count: 5 },
  { no: 2, name: '结构与建筑类技术', count: 4 },
  { no: 3, name: '吕梁山护工类', count: 4 },
  { no: 4, name: '制造与工程技术类', count: 9 },
  { no: 5, name: '社会与个人服务类', count: 8 },
  { no: 6, name: '信息与通信技术类', count: 5 },
  { no: 7, name: '社会与个人服务类', count: 3 },
  { no: 8, name: '消防安全类', count: 2 },
] as const;

/** 「市级决赛比赛项目（工种）40 个」 (交政办发〔2022〕15号 四、). */
export const EVENT_TOTAL = 40;

/**
 * 「所列竞赛项目中，机电一体化、移动机器人、工业 4.0、网络安全为双人赛项，其余为单人赛项。」 (交政办发〔2022〕15号 三、)
 */
export const PAIR_EVENTS = ['机电一体化', '移动机器人', '工业4.0', '网络安全'] as const;

/** Licence prerequisites: 「客车驾驶技术（A3 本以上驾驶证书）、货车驾驶技术（B本以上驾驶证书）」 (交政办发〔2022〕15号 三、（一）2.). */
export const LICENCE_CLASSES = ['A1', 'A2', 'A3', 'B1', 'B2', 'C1', 'C2', 'C3', 'C4', 'C5', 'D', 'E', 'F', 'M', 'N', 'P'] as const;
export type LicenceClass = (typeof LICENCE_CLASSES)[number];
/** The classes at or above each prerequisite (A1/A2 include A3 in the 准驾车型 rules; B1/B2 are 「B本」, A-classes above). */
export const LICENCE_PREREQ: Record<string, { label: string; accepted: readonly LicenceClass[] }> = {
  客车驾驶技术: { label: 'A3 本以上驾驶证书', accepted: ['A1', 'A2', 'A3'] },
  货车驾驶技术: { label: 'B本以上驾驶证书', accepted: ['A1', 'A2', 'A3', 'B1', 'B2'] },
};

export interface EventDecl {
  code: string;
  name: string;
  category: number;
  managing: readonly ManagingKey[];
  pair: boolean;
  /** City-run: the county records its entrants only (消防安全类 「市消防支队自行组织」). */
  cityRun: boolean;
  team: boolean;
}

const ev = (category: number, managing: readonly ManagingKey[], names: readonly string[], extra: Partial<EventDecl> = {}): EventDecl[] =>
  names.map((name) => ({ code: '', name, category, managing, pair: (PAIR_EVENTS as readonly string[]).includes(name), cityRun: false, team: false, ...extra }));

/** The 40 events, numbered E01–E40 in the document's order. */
export const EVENTS: readonly EventDecl[] = [
  ...ev(1, ['education'], ['车身修理', '汽车喷漆', '无人机驾驶']),
  ...ev(1, ['transport'], ['客车驾驶技术', '货车驾驶技术']),
  ...ev(2, ['housing'], ['砌筑', '电气装置', '瓷砖贴面', '管道与制暖']),
  ...ev(3, ['civil'], ['养老陪护']),
  ...ev(3, ['health'], ['病患护理']),
  ...ev(3, ['hrss'], ['家居服务', '育婴']),
  ...ev(4, ['union'], ['数控车', '焊接', '电子技术', '工业控制', 'CAD机械设计', '机电一体化', '移动机器人', '工业4.0', '电工']),
  ...ev(5, ['market'], ['烘焙', '中式烹调', '西式烹调', '中式面点', '餐厅服务', '酒店接待', '美容', '美发']),
  ...ev(6, ['industry', 'mobile', 'unicom'], ['信息网络布线', '网络系统管理', '网络安全', '数据标注员']),
  ...ev(6, ['industry'], ['电子商务']),
  ...ev(7, ['culture'], ['茶艺', '剪纸', '刺绣']),
  ...ev(8, ['fire'], ['消防安全类团体赛项一', '消防安全类团体赛项二'], { cityRun: true, team: true }),
].map((e, i) => ({ ...e, code: `E${String(i + 1).padStart(2, '0')}` }));

/**
 * 「县级初赛项目不少于 20 个，各主管部门所承担项目不少于总项目的三分之二」 (交政办发〔2022〕15号 四、). Reading (inferred):
 * the county holds at least 20 preliminaries, and each managing unit holds a preliminary in at least two thirds of the
 * events it manages (rounded up); 「总项目」 read as the unit's own events, since two thirds of all 40 cannot be every
 * unit's share.
 */
export const MIN_PRELIMINARIES = 20;
export const unitPreliminaryMinimum = (eventsManaged: number) => Math.ceil((eventsManaged * 2) / 3);

/**
 * 「主管单位组织初赛的，…按比赛成绩取得前三名的选手确定参加市决赛人选；主管单位不组织初赛直接推送的，参赛选手须自行录制
 * 5分钟的参赛视频资料于 7 月 10 日前报送到参赛项目主管单位，由主管单位根据视频资料择优选定 3 名选手参加市级决赛；参赛项目如由
 * 市级主管单位直接组织，县级部门可不开展该项目参赛选手征集。」 (交政办发〔2022〕15号 四、). A pair event recommends three
 * pairs (inferred: the pair is the entry).
 */
export const RECOMMEND_COUNT = 3;
export const VIDEO_MAX_SECONDS = 5 * 60;

/**
 * Timeline (交政办发〔2022〕15号 七、): 「县级初赛拟定于6月底—7月上旬开展」「市级决赛拟定于 8月中旬举办」「参赛报名工作截止
 * 7月15日」, and videos 「于 7 月 10 日前」. 「前」 is read as up to and including 7月10日, as 截止 7月15日 includes the 15th
 * (inferred). 6月底 is read from 6月21日 (下旬), 上旬 to 7月10日, 中旬 8月11日–20日.
 */
export const TIMELINE = {
  issued: '2022-06-22',
  preliminaryFrom: '2022-06-21',
  preliminaryTo: '2022-07-10',
  videoDeadline: '2022-07-10',
  registrationCloses: '2022-07-15',
  finalFrom: '2022-08-11',
  finalTo: '2022-08-20',
} as const;

/** 「凡年满 16 周岁以上的我县城乡各类人员，不受学历、工作经验限制，均可报名参加相应项目竞赛。」 (交政办发〔2022〕15号 六、) */
export const MIN_AGE = 16;

/** Full years of age on `day` (YYYY-MM-DD) from the birth date in an 18-digit 身份证号 (the birthday itself counts). */
export function ageOn(idNo: string, day: string): number {
  const birth = idNo.slice(6, 14);
  const [y, m, d] = [Number(birth.slice(0, 4)), birth.slice(4, 6), birth.slice(6, 8)];
  const [ty, tm, td] = [Number(day.slice(0, 4)), day.slice(5, 7), day.slice(8, 10)];
  return ty - y - (`${tm}${td}` < `${m}${d}` ? 1 : 0);
}

/**
 * 「“中华技能大奖”“全国技术能手”称号获得者，已获得省政府“三晋技术能手”称号者（省政府发文通报的人员），首届、第二届、第三届
 * 全省职业技能大赛中已获得各赛项前三名的职工（含教师）选手，首届、第二届吕梁职业技能大赛中已获得各赛项前三名的选手，不再作为
 * 选手参加本次大赛。」 (交政办发〔2022〕15号 六、) Each is declared by the contestant; any one bars the registration.
 */
export const EXCLUSIONS = [
  { code: 'china_award', label: '获得“中华技能大奖”称号' },
  { code: 'national_expert', label: '获得“全国技术能手”称号' },
  { code: 'sanjin_expert', label: '获得省政府“三晋技术能手”称号（省政府发文通报）' },
  { code: 'province_top3', label: '首届、第二届、第三届全省职业技能大赛中获得赛项前三名' },
  { code: 'lvliang_top3', label: '首届、第二届吕梁职业技能大赛中获得赛项前三名' },
] as const;
export type ExclusionCode = (typeof EXCLUSIONS)[number]['code'];
export const EXCLUSION_CODES = EXCLUSIONS.map((x) => x.code) as [ExclusionCode, ...ExclusionCode[]];

/** The first exclusion a declaration affirms, as the refusal, or null. */
export function excludedBy(declared: Partial<Record<ExclusionCode, boolean>>): string | null {
  const hit = EXCLUSIONS.find((x) => declared[x.code]);
  return hit ? `${hit.label}的，不再作为选手参加本次大赛（${SOURCE}）` : null;
}

/** The identity types of 九、（三） (职工、教师 / 学生 / 其他身份). */
export const IDENTITY_TYPES = [
  { code: 'worker', name: '职工、教师' },
  { code: 'student', name: '学生' },
  { code: 'other', name: '其他身份' },
] as const;
export type IdentityType = (typeof IDENTITY_TYPES)[number]['code'];
export const IDENTITY_CODES = IDENTITY_TYPES.map((x) => x.code) as [IdentityType, ...IdentityType[]];

/**
 * 「双人赛项参赛选手须为同一单位、同类身份选手。」 (交政办发〔2022〕15号 六、) The refusal for a pair, or null.
 */
export function pairProblem(a: { unitId: number; identity: IdentityType }, b: { unitId: number; identity: IdentityType }): string | null {
  if (a.unitId !== b.unitId) return '双人赛项参赛选手须为同一单位选手';
  if (a.identity !== b.identity) return '双人赛项参赛选手须为同类身份选手';
  return null;
}

/**
 * One person, one event (inferred): the text lets a contestant 「根据各自参赛的项目分别向比赛项目主管单位报名」 but the city
 * final runs all events in the same days of 8月中旬, so a person is registered in one event only (skill_people's key).
 */

/**
 * The documents (交政办发〔2022〕15号 九、（三）): 「1.职工、教师报名选手需提供工作证明一份，最近 2个月社保证明一份，社保缴纳单位
 * 名称应与报名所在单位一致；2.学生报名选手需提供学生在校学籍证明一份；3.其他身份报名选手提供最近 2 个月社保证明一份。确属特殊
 * 情况无法提供2个月以上社保证明的，须由县市区人社局统一提供证明（盖公章），证明内容应含：参赛职业项目、选手姓名、身份证号、所在
 * 单位、手机号以及“在本县市区工作1年以上，情况属实”字样。以上证明材料均需加盖单位公章。」
 */
export const DOCUMENTS = {
  work_proof: '工作证明',
  social_security: '最近2个月社保证明',
  enrolment: '在校学籍证明',
  hrss_certificate: '县市区人社局证明',
} as const;
export type DocumentKind = keyof typeof DOCUMENTS;
export const DOCUMENT_KINDS = Object.keys(DOCUMENTS) as [DocumentKind, ...DocumentKind[]];
export const HRSS_CERTIFICATE_FIELDS = ['参赛职业项目', '选手姓名', '身份证号', '所在单位', '手机号'] as const;
export const HRSS_CERTIFICATE_WORDING = '在本县市区工作1年以上，情况属实';

/** The documents an identity type needs: each inner list is one requirement met by any of its kinds. */
export function requiredDocuments(identity: IdentityType): DocumentKind[][] {
  if (identity === 'worker') return [['work_proof'], ['social_security']];
  if (identity === 'student') return [['enrolment']];
  return [['social_security', 'hrss_certificate']];
}

/** The requirements not yet met by the kinds on file, in words (empty when complete). */
export function missingDocuments(identity: IdentityType, onFile: readonly DocumentKind[]): string[] {
  return requiredDocuments(identity)
    .filter((any) => !any.some((k) => onFile.includes(k)))
    .map((any) => any.map((k) => DOCUMENTS[k]).join('或'));
}

/** 「社保缴纳单位名称应与报名所在单位一致」: compared after trimming and without full/half-width bracket differences. */
export function socialSecurityMatches(payerName: string, unitName: string): boolean {
  const norm = (s: string) => s.replace(/\s+/g, '').replace(/（/g, '(').replace(/）/g, ')');
  return norm(payerName) !== '' && norm(payerName) === norm(unitName);
}

/** An entry's preliminary score, for selection. Scores are in hundredths of a point (integers, no floats). */
export interface Scored {
  entryId: number;
  score: number;
}

/**
 * The top 3 by score (「按比赛成绩取得前三名」). A tie across the cut (the 3rd place's score shared beyond it) is never
 * settled silently: `tied` lists the entries sharing the cut score and `open` the places left for them; the managing
 * unit resolves it by a recorded decision.
 */
export function selectTop(scores: readonly Scored[], places = RECOMMEND_COUNT): { sure: number[]; tied: number[]; open: number } {
  const sorted = [...scores].sort((a, b) => b.score - a.score || a.entryId - b.entryId);
  if (sorted.length <= places) return { sure: sorted.map((s) => s.entryId), tied: [], open: 0 };
  const cut = sorted[places - 1]!.score;
  if (sorted[places]!.score !== cut) return { sure: sorted.slice(0, places).map((s) => s.entryId), tied: [], open: 0 };
  const sure = sorted.filter((s) => s.score > cut).map((s) => s.entryId);
  return { sure, tied: sorted.filter((s) => s.score === cut).map((s) => s.entryId), open: places - sure.length };
}

/**
 * Prizes (交政办发〔2022〕15号 八、（一）1.): 「各竞赛项目设一等奖 2名、二等奖 4名、三等奖 6名，颁发荣誉证书，其余参赛选手
 * 颁发优胜奖，选手排名原则上不并列。消防安全类团体赛项目第 1—3名，每队分别给予 10000 元、8000 元、5000 元的奖励；其它竞赛项目的
 * 第 1—3 名，每人分别给予 10000 元、8000 元、5000 元的奖励。」 Reading (inferred): ranks 1–2 一等奖, 3–6 二等奖, 7–12 三等奖;
 * the cash follows the rank, not the prize, so rank 3 (二等奖) has 5000 元. A pair's members are paid each (「每人」).
 */
export const PRIZES = [
  { name: '一等奖', upTo: 2 },
  { name: '二等奖', upTo: 6 },
  { name: '三等奖', upTo: 12 },
] as const;
export const CASH_FEN = [1_000_000, 800_000, 500_000] as const;

/**
 * Titles and grades (交政办发〔2022〕15号 八、（一）2.): 「每个竞赛项目获得第 1名的选手，由市劳动竞赛委员会授予“吕梁技术状元”
 * 称号并报省人社厅直接晋升技师（二级）职业资格或职业技能等级；获得第 2、3 名的选手，由市劳动竞赛委员会授予“吕梁技术能手”称号并报
 * 省人社厅直接晋升高级（三级）职业资格或职业技能等级；对第 4名至第 12 名（三等奖以上获奖者）的选手可直接晋升中级工（四级）职业资格
 * 或职业技能等级。」
 */
export function awardFor(rank: number, opts: { team: boolean; members: number }) {
  const prize = PRIZES.find((p) => rank <= p.upTo)?.name ?? '优胜奖';
  const perHead = rank <= 3 ? CASH_FEN[rank - 1]! : 0;
  const cashFen = opts.team ? perHead : perHead * opts.members;
  const title = rank === 1 ? '吕梁技术状元' : rank <= 3 ? '吕梁技术能手' : null;
  const grade = rank === 1 ? '技师（二级）' : rank <= 3 ? '高级（三级）' : rank <= 12 ? '中级工（四级）' : null;
  return { prize, cashFen, title, grade, coachAward: rank <= 3 };
}

/**
 * 「对各竞赛项目前 3 名选手的指导教练（每名选手不超过 1名教练员）颁发“第三届吕梁职业技能大赛优秀指导教练”证书。」 (八、（三）2.)
 * The form has one coach field per entry, so the limit holds by construction.
 */
export const COACH_AWARD = '第三届吕梁职业技能大赛优秀指导教练';

/**
 * Team score (交政办发〔2022〕15号 八、（二）): 「以各参赛队“参赛人数分+选手名次分”计算团体总分。总分相同时，按参赛人数分、
 * 选手名次分的顺序进行排序。」「参赛人数分计算办法为：每名参赛选手计 1分。」「选手名次分计算办法为：第 1 名加 20 分、第 2名加
 * 15 分、第 3名加 10 分、第 4—9名加 6分、第 10—21 名加 3分。」 Reading (inferred): rank points reach rank 21 although only 12
 * are awarded, so ranks 13–21 (优胜奖) still score 3; a pair's rank scores once for the entry, its two members count 2.
 */
export function rankPoints(rank: number): number {
  if (rank === 1) return 20;
  if (rank === 2) return 15;
  if (rank === 3) return 10;
  if (rank <= 9) return 6;
  if (rank <= 21) return 3;
  return 0;
}

/** The county's own team, as the city's standings name it. */
export const COUNTY_TEAM = '交城县代表队';

/**
 * 「团体奖仅对各县市区参赛队进行排序，部门（行业）参赛队颁发组织奖证书牌匾。…对获得团体总分前 3名的参赛队颁发名次奖证书牌匾；
 * 第 4—8名的参赛队颁发优秀组织奖证书牌匾；其余参赛队颁发组织奖证书牌匾。」 (八、（二）)
 */
export const TEAM_AWARDS = { placed: '名次奖', excellent: '优秀组织奖', organised: '组织奖' } as const;

export interface TeamInput {
  team: string;
  county: boolean;
  contestants: number;
  /** The team's final ranks (the county's own, from its entries) … */
  ranks?: readonly number[];
  /** … or its 名次分 as the city announces it (another team's). */
  rankPoints?: number;
}
export interface TeamStanding {
  team: string;
  county: boolean;
  contestantPoints: number;
  rankPoints: number;
  total: number;
  place: number | null;
  award: string;
}

/**
 * The standing: total, then contestant points, then rank points (both tie-breaks of the text, in its order; the
 * second cannot decide alone, as equal totals and contestant points leave equal rank points). Teams equal on all three
 * share the place (inferred: the text gives no further tie-break). 部门（行业） teams are not placed: 组织奖.
 */
export function teamStanding(teams: readonly TeamInput[]): TeamStanding[] {
  const scored = teams.map((t) => {
    const rp = t.rankPoints ?? (t.ranks ?? []).reduce((s, r) => s + rankPoints(r), 0);
    return { team: t.team, county: t.county, contestantPoints: t.contestants, rankPoints: rp, total: t.contestants + rp };
  });
  const cmp = (a: (typeof scored)[number], b: (typeof scored)[number]) => b.total - a.total || b.contestantPoints - a.contestantPoints || b.rankPoints - a.rankPoints;
  const ranked = scored.filter((t) => t.county).sort((a, b) => cmp(a, b) || a.team.localeCompare(b.team, 'zh'));
  const out: TeamStanding[] = [];
  ranked.forEach((t, i) => {
    const prev = out[i - 1];
    const place = prev && cmp(ranked[i - 1]!, t) === 0 ? prev.place! : i + 1;
    const award = place <= 3 ? TEAM_AWARDS.placed : place <= 8 ? TEAM_AWARDS.excellent : TEAM_AWARDS.organised;
    out.push({ ...t, place, award });
  });
  for (const t of scored.filter((x) => !x.county)) out.push({ ...t, place: null, award: TEAM_AWARDS.organised });
  return out;
}

/** 「选手排名原则上不并列」: the refusal for a rank list with a rank given twice, or null. */
export function duplicateRank(ranks: readonly number[]): number | null {
  const seen = new Set<number>();
  for (const r of ranks) {
    if (seen.has(r)) return r;
    seen.add(r);
  }
  return null;
}

/**
 * The preparatory group (交政办发〔2022〕15号 附件1 交城县第三届职业技能大赛筹备组名单): 「筹备组下设办公室，办公室设在县创业就业
 * 服务中心，办公室主任由刘爱云同志担任。」
 */
export const PREPARATORY_GROUP = [
  { role: '组长', name: '李旭东', post: '县政府副县长' },
  { role: '副组长', name: '连育茂', post: '县政府办公室主任' },
  { role: '副组长', name: '郝建宝', post: '县人力资源和社会保障局局长' },
  { role: '成员', name: '王廷宏', post: '县委组织部主持日常工作的副部长、县文化和旅游局局长' },
  { role: '成员', name: '张联国', post: '县卫生健康和体育局局长' },
  { role: '成员', name: '闫建明', post: '县教育科技局局长' },
  { role: '成员', name: '孙伟', post: '县工业和信息化局局长' },
  { role: '成员', name: '高鹏', post: '县财政局局长' },
  { role: '成员', name: '卞德昌', post: '县总工会常务副主席' },
  { role: '成员', name: '李建忠', post: '县市场监督管理局局长' },
  { role: '成员', name: '宋大春', post: '县民政局局长' },
  { role: '成员', name: '张学强', post: '县交通运输局局长' },
  { role: '成员', name: '左利军', post: '县住房和城乡建设管理局局长' },
  { role: '成员', name: '武金星', post: '县人力资源和社会保障局副局长' },
  { role: '成员', name: '刘爱云', post: '县创业就业服务中心主任' },
] as const;

/** The readings chosen where the text reads two ways, shown on the pages. */
export const READINGS = [
  '一等奖 2 名而奖金按第 1—3 名发放：第 1—2 名为一等奖，第 3 名为二等奖并获 5000 元奖金。',
  '名次分计至第 21 名而获奖名次只到第 12 名：第 13—21 名（优胜奖）仍各加 3 分。',
  '「各主管部门所承担项目不少于总项目的三分之二」：每个主管单位在其主管项目中至少三分之二（向上取整）组织初赛。',
  '「于 7 月 10 日前」含 7 月 10 日；「截止 7月15日」含 7 月 15 日。',
  '双人赛项以一组为一个推荐名额，推荐 3 组；名次分按组计一次，参赛人数分按人计。',
  '同一选手只能报名一个项目（市级决赛于 8 月中旬同期举行）。',
] as const;
