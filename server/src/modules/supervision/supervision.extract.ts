/**
 * Tasks from a document's clauses: each numbered item that names who is responsible (its closing parenthesis:
 * 责任单位：…, …牵头, …配合, …按职责分工负责) becomes a proposed task, with its deadline, schedule and numeric targets
 * read from its own words. Nothing is invented: a unit the directory does not know is flagged, a date is only one the
 * clause states, a number only one it prints.
 */
import type { Body, Section } from '../gazette/index.js';
import { BARE_TOWNSHIP, COLLECTIVE_WORDS, EVERY_TOWNSHIP, FIRST_LISTED_LEADS, NAMED_MEMBERS, LEAD_WORDS, LISTED_TOWNS, SUPPORT_WORDS, UNIT_ALIASES } from './supervision.rules.js';
import { namedLeader, proseAssignments, type Assignment } from './supervision.prose.js';
import { seedUnitNames } from '../directory/index.js';
import { findDates, findRecurrence, findYearWords, type DateMention } from './supervision.dates.js';

export interface Target {
  metric: string;
  comparison: '≥' | '≤' | '=';
  value: number;
  /** A range's upper end (「3—5名」: value 3, max 5). */
  max?: number;
  unit: string;
  text: string;
}

export interface Milestone {
  date: string;
  text: string;
}

export interface ProposedTask {
  /** Stable within the document: the part, the printed path, and for a milestone its date (re-extraction finds it again). */
  key: string;
  docNumber: string;
  /** The issued plan's title, or null for the document's own body. */
  part: string | null;
  /** Printed labels from the top, e.g. ["三、", "（三）", "8."]. */
  path: string[];
  number: string;
  heading: string;
  text: string;
  /** Units as the directory names them. */
  lead: string[];
  support: string[];
  /** Names the directory does not know, as printed: flagged for the office, never guessed. */
  unknownUnits: string[];
  /** The responsibility clause as printed. */
  unitsText: string;
  deadline: string | null;
  deadlineText: string | null;
  recurrence: string | null;
  targets: Target[];
  /** Every dated step the clause states (the deadline is the last). */
  milestones: Milestone[];
  /** 需核定: a reading officials may dispute (「X月前」, a range, a year without a month, a date not after the document's), with the readings offered; the deadline is still given. */
  disputed?: string;
}

/** What the extractor needs of a document. */
export interface ExtractableDocument {
  docNumber: string;
  date: string | null;
  body: Body;
  parts: { title: string; body: Body }[];
  /** 主送: who 「你单位」 is in a 函 or 批复. */
  addressees?: string[];
}

/** A directory lookup: a printed name to the directory's name, or null when unknown. */
export type UnitResolver = (printed: string) => string | null;

const UNITS_CLAUSE = /[（(]([^（）()]*?(?:责任单位|牵头|配合|负责|实施)[^（）()]*)[）)]\s*$/;

/** Split a responsibility clause into lead and support names as printed. */
export function parseUnitsClause(clause: string): { lead: string[]; support: string[] } {
  const names = (s: string) =>
    s
      .split(/[、，,；;]/)
      .map((x) => x.trim().replace(/等(部门|单位)?$/, ''))
      .filter(Boolean);
  const listed = /^责任单位[:：](.*)$/.exec(clause.trim());
  if (listed) {
    const all = names(listed[1]);
    return FIRST_LISTED_LEADS ? { lead: all.slice(0, 1), support: all.slice(1) } : { lead: all, support: [] };
  }
  const words = [...LEAD_WORDS, ...SUPPORT_WORDS].sort((a, b) => b.length - a.length).join('|');
  const re = new RegExp(`(.+?)(${words})(?=[，,、；;]|$)[，,、；;]?`, 'g');
  const lead: string[] = [];
  const support: string[] = [];
  const segments = [...clause.matchAll(re)].map((m) => ({ who: names(m[1]), word: m[2] }));
  // 「A牵头，B、C……按职责分工负责」: once a lead is named, the others answer for their part as support.
  const named = segments.some((x) => x.word === '牵头');
  for (const x of segments) {
    if ((SUPPORT_WORDS as readonly string[]).includes(x.word) || (named && x.word !== '牵头' && x.word.includes('按'))) support.push(...x.who);
    else lead.push(...x.who);
  }
  return { lead, support };
}

// Longer units first: 「个工作日」 before 「个」, 「平方米」 before 「米」, 「万斤」 before 「斤」.
const UNIT = '%|％|mg\\/L|毫克\\/升|个工作日|平方公里|平方米|公里|千米|公顷|万亩|亩|米|个|家|座|台|处|户|块|名|万元|亿元|万吨|吨|万斤|人|次|天|小时|分钟';
/** A number as printed: Arabic, a range (「3—5」「3至5」), or Chinese (「两座」「三个」, read only before a unit). */
const NUMBER = '(\\d+(?:\\.\\d+)?)(?:(?:—|－|-|～|至|到)(\\d+(?:\\.\\d+)?))?|([一二两三四五六七八九十]{1,3})(?=(?:' + UNIT + '))';
const TARGET_RE = new RegExp(
  `(达到|提高到|控制在|不低于|不少于|不超过|至少(?:选取|建成|完成|建设|培育|配备)?|低于|高于|达|改造|建设|建成|新建|配建|完成|培育|配备|启用|选定|推荐|明确)?\\s?(?:${NUMBER})\\s?(${UNIT})?(以上|以内|以下|及以上)?`,
  'g',
);
const GE = new Set(['达到', '提高到', '不低于', '不少于', '至少', '高于', '达', '以上', '及以上']);
const LE = new Set(['控制在', '不超过', '低于', '以内', '以下']);
const BUILD = new Set(['改造', '建设', '建成', '新建', '配建', '完成', '培育', '配备', '启用', '选定', '推荐', '明确']);
/** A verb earlier in the clause that makes a bare quantity a target: 「新建社会足球场10个」「启用…20个好氧发酵罐」. */
const BUILD_BEFORE = /(?:新建|配建|建设|建成|改造|启用|培育|配备)/;

const CN_DIGITS: Readonly<Record<string, number>> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
/** 「三」「十五」「二十」: a Chinese numeral up to 99 (larger ones are printed in Arabic in the gazette). */
function chineseNumber(s: string): number | null {
  const m = /^([一二两三四五六七八九])?(十)?([一二三四五六七八九])?$/.exec(s);
  if (!m || (!m[2] && m[3])) return null;
  if (!m[2]) return m[1] ? CN_DIGITS[m[1]] : null;
  return (m[1] ? CN_DIGITS[m[1]] : 1) * 10 + (m[3] ? CN_DIGITS[m[3]] : 0);
}

/**
 * Numeric targets the clause sets: a number with a comparison (达到85%以上, 控制在10%以内), a quantity to build (改造6公里,
 * 建设两座合页坝, 新建社会足球场10个), a range (明确3—5名监督人员: from 3, up to 5), or a quantity a plan states in a list
 * of its own (「商服用地2.2451公顷，工矿仓储用地23.3596公顷」). The metric is the noun phrase it measures: what follows the
 * unit when the number comes straight after its verb (「两座合页坝」), else the words before it.
 */
export function findTargets(text: string): Target[] {
  const out: Target[] = [];
  for (const m of text.matchAll(TARGET_RE)) {
    const [whole, verb, arabic, upper, chinese, unit = '', after] = m;
    const numStart = m.index!;
    const prevChar = text[numStart - 1] ?? '';
    const rest = text.slice(m.index! + whole.length);
    if (/[\d.年月第前]/.test(prevChar) || /^[年月日号]/.test(rest)) continue;
    const num = arabic !== undefined ? Number(arabic) : chineseNumber(chinese ?? '');
    if (num === null || (chinese && !unit)) continue;
    const start = Math.max(text.lastIndexOf('，', numStart), text.lastIndexOf('。', numStart), text.lastIndexOf('；', numStart), text.lastIndexOf('、', numStart), text.lastIndexOf('：', numStart)) + 1;
    const before = text.slice(start, numStart);
    const end = rest.search(/[，。；、：（]|$/);
    const following = rest.slice(0, end).replace(/^的/, '');
    const cmpWord = after ?? (verb && !BUILD.has(verb) ? verb : undefined);
    const built = (verb && BUILD.has(verb)) || (!verb && !after && unit && BUILD_BEFORE.test(before));
    const build = built && unit && !after;
    const share = !verb && !after && (unit === '%' || unit === '％');
    // 「商服用地2.2451公顷，」: a clause that is only a noun and its quantity, in a list of such clauses.
    const listed = !verb && !after && !!unit && !following && /^[\u4e00-\u9fa5]{2,12}$/.test(before) && !/^(涉及|共有|现有|目前|累计|全县|每|约)/.test(before) && (text.slice(start - 1, start) === '，' || text.slice(start - 1, start) === '、' || /中，$/.test(text.slice(0, start))) && /[，、]/.test(text.slice(m.index! + whole.length, m.index! + whole.length + 1) || '，');
    if (!cmpWord && !build && !share && !listed) continue;
    if (!unit && !(verb === '提高到' || verb === '控制在')) continue;
    const comparison: Target['comparison'] = cmpWord && (GE.has(cmpWord) || cmpWord.startsWith('至少')) ? '≥' : cmpWord && LE.has(cmpWord) ? '≤' : '=';
    if (verb && GE.has(verb) && after && LE.has(after)) continue;
    // The metric: what follows the number when it comes straight after its verb, else the clause's words before it.
    let metric = before
      .replace(/^\d{4}年(\d{1,2}月(底|\d{1,2}日)?)?(前|以前)?/, '')
      .replace(/^(且|并|确保|力争|实现|全面|全县|要|年底|今年|同时|完成|前)+/, '')
      .trim();
    if (verb && BUILD.has(verb) && following && following.length <= 12) metric = following;
    else if (verb && BUILD.has(verb)) metric = `${metric}${verb}`;
    else if (built && following && following.length <= 12) metric = following;
    else if (built) metric = metric.replace(/^.*?(?:新建|配建|建设|建成|改造|启用|培育|配备)/, '') || metric;
    if (/^均?$/.test(metric) && out.length) metric = out[out.length - 1].metric;
    // 「至少选取2个乡镇开展试点」「全县50％的乡镇完成……」: what is counted follows the number.
    if (metric.length <= 2) metric = `${metric}${following}`;
    if (!metric) continue;
    out.push({
      metric: metric.replace(/(达到|提高到|控制在|不低于|不少于|不超过|达)$/, ''),
      comparison: upper !== undefined ? '≥' : comparison,
      value: num,
      ...(upper !== undefined ? { max: Number(upper) } : {}),
      unit: unit === '％' ? '%' : unit,
      text: text.slice(start, m.index! + whole.length),
    });
  }
  return out;
}

/** The sentence around a position (for a milestone's words). */
function sentenceAt(text: string, at: number): string {
  const start = Math.max(text.lastIndexOf('。', at), text.lastIndexOf('；', at), text.lastIndexOf('\n', at)) + 1;
  const ends = ['。', '；', '\n'].map((c) => text.indexOf(c, at)).filter((i) => i >= 0);
  const end = ends.length ? Math.min(...ends) + 1 : text.length;
  return text.slice(start, end).trim();
}

// A sentence that opens with its date: 「2023年6月底前，各部门基本完成……」 (a step of a schedule).
// 「2022年度本县国有建设用地供应总量控制在…」: a plan year opening the sentence is its step too.
const DATED_SENTENCE = /^(?:力争|确保|争取|要|于|在)?(?:\d{4}年(?:\d{1,2}月(?:底|末|上旬|中旬|下旬|\d{1,2}日)?|底|年底|度)|今年年底|年底)(?:前|以前|之前)?[，,]?/;

// A date inside a sentence is a step when its words set it as one: 「截止7月15日」「于7月10日前报送」「力争到2024年底」.
const CUE_BEFORE = /(?:截止|截至|力争到|到|于)$/;
const CUE_AFTER = /^(?:前|以前|之前)/;

/** The dated step a sentence sets anywhere in it: a 截止 date first, then one before 前, then one after 于/到. */
function cuedDate(sentence: string, year: number): DateMention | undefined {
  const dates = findDates(sentence, year).filter((d) => !d.limit);
  const before = (d: DateMention) => sentence.slice(Math.max(0, d.index - 3), d.index);
  const rank = (d: DateMention) =>
    /截[止至]$/.test(before(d)) ? 3 : CUE_AFTER.test(d.words.replace(/^.*?(前|以前|之前)$/, '$1')) || /前$/.test(d.words) ? 2 : CUE_BEFORE.test(before(d)) ? 1 : 0;
  return dates.filter((d) => rank(d) > 0).sort((a, b) => rank(b) - rank(a))[0];
}

/** A dated step nobody is named for: the office assigns it when it confirms the proposal. */
function milestone(docNumber: string, part: string | null, path: string[], number: string, heading: string, sentence: string, d: DateMention) {
  return { key: `${part ?? ''}/${path.join('')}@${d.date}`, docNumber, part, path, number, heading, text: sentence, lead: [], support: [], unknownUnits: [], unitsText: '', deadline: d.date, deadlineText: d.words, milestones: [{ date: d.date, text: sentence }], ...(d.disputed ? { disputed: d.disputed } : {}) };
}

const TOWNSHIPS = seedUnitNames()
  .filter((u) => /[镇乡]$/.test(u.name))
  .map((u) => ({ name: u.name, printed: [u.name, ...u.shortNames] }));

/**
 * Printed names to the directory's, expanding collectives where the text names the members: 「各乡镇人民政府」 is every
 * township (the office may take some out), 「所属乡镇政府」「涉及乡镇」 the towns the item's own text lists. A name the
 * directory does not know goes to `unknown`, never guessed.
 */
function canonUnits(names: string[], resolve: UnitResolver, itemText: string, unknown: string[]): string[] {
  return names.flatMap((n) => {
    if (EVERY_TOWNSHIP.test(n) || BARE_TOWNSHIP.test(n)) {
      const towns = TOWNSHIPS.flatMap((t) => resolve(t.name) ?? []);
      if (towns.length) return towns;
    }
    if (LISTED_TOWNS.test(n)) {
      const towns = TOWNSHIPS.filter((t) => t.printed.some((p) => itemText.includes(p))).flatMap((t) => resolve(t.name) ?? []);
      if (towns.length) return towns;
    }
    const r = resolve(n);
    if (!r) unknown.push(n);
    return r ? [r] : [];
  });
}

/**
 * 「各村要在每周四向乡镇上报…，每月20日前向乡（镇）上报…，每月24日前向县农业农村局上报」: a sentence that keeps
 * several schedules holds one duty per schedule, each with the clauses that follow it.
 */
function bySchedule(a: Assignment): Assignment[] {
  const clauses = a.sentence.split(/(?<=[，,；])/);
  if (clauses.filter((c) => findRecurrence(c)).length < 2) return [a];
  const out: Assignment[] = [];
  for (const c of clauses) {
    if (findRecurrence(c) || !out.length) out.push({ ...a, sentence: c });
    else out[out.length - 1] = { ...out[out.length - 1], sentence: out[out.length - 1].sentence + c };
  }
  return out;
}

/** A task a prose assignment gives: its units as the text names them, the dates and schedule of its own sentence. */
function proseTask(docNumber: string, part: string | null, path: string[], s: Section, a: Assignment, i: number, year: number, resolve: UnitResolver): ProposedTask {
  const unknownUnits: string[] = [];
  const canon = (names: string[]) => canonUnits(names, resolve, s.text, unknownUnits);
  const lead = [...new Set(canon(a.lead))];
  const support = [...new Set(canon(a.support))].filter((u) => !lead.includes(u));
  // The item's schedule (「汛期，……」 opening it) holds for the sentence that names the unit.
  const recurrence = findRecurrence(a.sentence) ?? findRecurrence(s.text);
  const stated = findDates(a.sentence, year).filter((d) => !d.limit && !(recurrence && recurrence.includes(d.words.replace(/前$/, ''))));
  // Without a month, the item's year words (「年度内」「年内」「今年冬季」) give the deadline, their words kept.
  const dated = stated.length ? stated : findYearWords(s.text, year);
  const last = dated.reduce<DateMention | null>((x, d) => (!x || d.date >= x.date ? d : x), null);
  return {
    key: `${part ?? ''}/${path.join('')}#${i + 1}`,
    docNumber,
    part,
    path,
    number: s.number,
    heading: s.heading,
    text: a.sentence,
    lead,
    support,
    unknownUnits: [...new Set(unknownUnits)],
    unitsText: a.unitsText,
    deadline: last?.date ?? null,
    deadlineText: last?.words ?? null,
    ...(last?.disputed ? { disputed: last.disputed } : {}),
    recurrence,
    targets: findTargets(a.sentence),
    milestones: dated.map((d) => ({ date: d.date, text: a.sentence })),
  };
}

/** A step whose sentence names its own doers after the date: 「…各权属单位，按照…」「各部门基本完成…」「第三方机构将…」. */
const OWN_DOERS = /^[^，。；]*?[，,]?[^，。；]{0,12}(?:单位|部门|机构)[，,]?(?:按照|基本|完成|将|要|负责)/;

/** Every section's text of a body, depth first. */
const allText = (sections: Section[]): string[] => sections.flatMap((s) => [s.text, ...allText(s.children)]);

/**
 * A dated step nobody is named for takes the lead its context names: the nearest enclosing item's lead (a task at the
 * same or a shorter path of the same plan), else the lead the plan or document names once (「…是…牵头部门」「…是…责任
 * 主体」), else a 函's addressees. Its `unitsText` says where the lead came from, in the printed words.
 */
function carryLeads(doc: ExtractableDocument, out: ProposedTask[], resolve: UnitResolver): void {
  // The tasks whose own words name their units (not those given a lead here).
  const named0 = out.filter((o) => o.lead.length && o.unitsText);
  const named = new Map<string | null, { lead: string[]; words: string } | null>();
  const partLead = (part: string | null) => {
    if (!named.has(part)) {
      const body = part === null ? doc.body : doc.parts.find((p) => p.title === part)?.body;
      const found = body ? namedLeader([...body.paragraphs, ...allText(body.sections)].join('\n'), resolve) : null;
      const lead = found ? canonUnits(found.names, resolve, found.sentence, []) : [];
      // Else the plan's lead department: the unit leading more than half of the plan's assigned items (交政发〔2022〕7号's
      // 县卫生健康和体育局; inferred, as an office reads a plan's goal), its words saying so.
      const assigned = named0.filter((o) => o.part === part);
      const counts = new Map<string, number>();
      for (const o of assigned) for (const u of new Set(o.lead)) counts.set(u, (counts.get(u) ?? 0) + 1);
      const major = [...counts].filter(([, c]) => c * 2 > assigned.length && assigned.length >= 3).map(([u]) => u);
      named.set(part, lead.length ? { lead, words: found!.sentence } : major.length ? { lead: major, words: `本${part ? '方案' : '文件'}${assigned.length}项中${counts.get(major[0])}项由${major.join('、')}牵头` } : null);
    }
    return named.get(part) ?? null;
  };
  // A 函 is addressed to whoever does its work (「各乡（镇）人民政府、县直各有关单位：」).
  const toWhom = /函/.test(doc.docNumber) ? canonUnits(doc.addressees ?? [], resolve, '', []) : [];
  for (const t of out) {
    if (t.lead.length || t.unitsText) continue;
    const key = t.path.join('');
    const enclosing = named0
      .filter((o) => o.part === t.part && o.lead.length && o.unitsText && key.startsWith(o.path.join('')))
      .sort((a, b) => b.path.length - a.path.length)[0];
    const from = enclosing ? { lead: enclosing.lead, words: enclosing.unitsText } : (partLead(t.part) ?? partLead(null) ?? (toWhom.length ? { lead: toWhom, words: `主送：${doc.addressees!.join('、')}` } : null));
    if (!from) continue;
    t.unitsText = from.words;
    // 「2022年10月底前，我县地下基础设施各权属单位，……完成」: the step names its own doers, so the lead named once
    // for the document oversees it (support); the office assigns the doers when it confirms.
    if (!enclosing && OWN_DOERS.test(t.text)) t.support = [...new Set(from.lead)];
    else t.lead = [...new Set(from.lead)];
  }
}

const COLLECTIVE_NAME = new RegExp(`^(?:${COLLECTIVE_WORDS.source})$`);
const COLLECTIVE_IN_TEXT = new RegExp(COLLECTIVE_WORDS.source, 'g');

/**
 * A task left without a lead whose units are a collective: 「改制企业」 to the members the document lists (rules
 * NAMED_MEMBERS), 「各相关部门」「各单位」「主管单位」 to the units its plan assigns work to by name (COLLECTIVE_WORDS). Its
 * `unitsText` says so in words, for the office to take units out when it confirms.
 */
function expandCollectives(doc: ExtractableDocument, tasks: ProposedTask[], own: ProposedTask[], resolve: UnitResolver): void {
  const township = new Set(TOWNSHIPS.flatMap((t) => resolve(t.name) ?? []));
  const county = resolve('县人民政府');
  for (const t of tasks) {
    // A collective beside named leads (「各乡镇、各部门」) is left to the office: the units named are the task's.
    // 「有关单位及承储企业」: a body the directory lacks is named beside it, so the office adds that body instead.
    if (t.lead.length || t.unknownUnits.some((u) => !COLLECTIVE_NAME.test(u) && !NAMED_MEMBERS[doc.docNumber]?.[u])) continue;
    const members = Object.entries(NAMED_MEMBERS[doc.docNumber] ?? {}).find(([word]) => t.unknownUnits.includes(word) || (!t.unknownUnits.length && t.text.includes(word)));
    const named = members?.[1].flatMap((m) => resolve(m) ?? []) ?? [];
    const word = members && named.length ? members[0] : (t.unknownUnits.find((u) => COLLECTIVE_NAME.test(u)) ?? (t.unknownUnits.length ? undefined : [...t.text.matchAll(COLLECTIVE_IN_TEXT)][0]?.[0]));
    if (!word) continue;
    const plan = own.filter((o) => o.part === t.part).flatMap((o) => [...o.lead, ...o.support]).filter((u) => u !== county && !(word.endsWith('部门') && township.has(u)));
    const lead = [...new Set([...t.lead, ...(named.length ? named : plan)])];
    if (lead.length === t.lead.length) continue;
    const added = lead.length - t.lead.length;
    t.lead = lead;
    t.support = t.support.filter((u) => !lead.includes(u));
    t.unknownUnits = t.unknownUnits.filter((u) => u !== word);
    const how = named.length ? `按${doc.docNumber}所列${added}户展开` : `按本${t.part ? '方案' : '文件'}交办的${added}个单位展开`;
    t.unitsText = `${t.unitsText ? `${t.unitsText}；` : ''}「${word}」${how}，核定时可删减`;
  }
}

/** The proposed tasks of one document (every part, every level). */
export function extractTasks(doc: ExtractableDocument, directory: UnitResolver): ProposedTask[] {
  // The directory first, then the printed forms its short names lack (supervision.rules.ts UNIT_ALIASES).
  const resolve: UnitResolver = (n) => directory(n) ?? (UNIT_ALIASES[n] ? directory(UNIT_ALIASES[n]) : null);
  const year = Number((doc.date ?? '2022').slice(0, 4));
  const out: ProposedTask[] = [];
  const addressee = doc.addressees?.length === 1 ? (resolve(doc.addressees[0]) ?? doc.addressees[0]) : null;
  let assigned: Assignment[] = [];
  const walk = (sections: Section[], path: string[], part: string | null) => {
    for (const s of sections) {
      const p = [...path, s.marker];
      const clause = UNITS_CLAUSE.exec(s.text);
      if (clause && !s.children.some((c) => UNITS_CLAUSE.test(c.text))) {
        const body = s.text.slice(0, clause.index);
        const printed = parseUnitsClause(clause[1]);
        const unknownUnits: string[] = [];
        const canon = (names: string[]) => canonUnits(names, resolve, s.text, unknownUnits);
        const lead = [...new Set(canon(printed.lead))];
        const support = [...new Set(canon(printed.support))].filter((u) => !lead.includes(u));
        const dates = findDates(body, year);
        const recurrence = findRecurrence(body);
        // A schedule's own months are occurrences, not a deadline.
        const dated = dates.filter((d) => !d.limit && !(recurrence && recurrence.includes(d.words.replace(/前$/, ''))));
        const milestones = dated.map((d) => ({ date: d.date, text: sentenceAt(body, d.index) }));
        const last = dated.reduce<DateMention | null>((a, d) => (!a || d.date >= a.date ? d : a), null);
        out.push({
          key: `${part ?? ''}/${p.join('')}`,
          docNumber: doc.docNumber,
          part,
          path: p,
          number: s.number,
          heading: s.heading,
          text: s.text,
          lead,
          support,
          unknownUnits: [...new Set(unknownUnits)],
          unitsText: clause[1],
          deadline: last?.date ?? null,
          deadlineText: last?.words ?? null,
          ...(last?.disputed ? { disputed: last.disputed } : {}),
          recurrence,
          targets: findTargets(body),
          milestones,
        });
      }
      else if (!clause && (assigned = proseAssignments(s.text, resolve, addressee)).length) {
        out.push(...assigned.flatMap(bySchedule).map((a, i) => proseTask(doc.docNumber, part, p, s, a, i, year, resolve)));
      }
      else if (!clause) {
        // No one is named for it: each step that opens with its date is a milestone for the office to assign.
        for (const sentence of s.text.split(/(?<=[。；])|\n/).map((x) => x.trim()).filter(Boolean)) {
          const d = DATED_SENTENCE.test(sentence) ? (findDates(sentence, year).filter((x) => !x.limit)[0] ?? findYearWords(sentence, year)[0]) : cuedDate(sentence, year);
          if (!d) continue;
          out.push({ ...milestone(doc.docNumber, part, p, s.number, s.heading, sentence, d), recurrence: findRecurrence(sentence) ?? findRecurrence(s.text), targets: findTargets(sentence) });
        }
      }
      walk(s.children, p, part);
    }
  };
  // The body's own paragraphs before any item: 「各乡镇要加强协调指导……」 in a 通知 that has no items (交政办函〔2022〕13号).
  for (const [body, part] of [[doc.body, null], ...doc.parts.map((x) => [x.body, x.title] as const)] as const) {
    const lead: Section = { number: '', marker: '', level: 0, heading: '', paragraphs: body.paragraphs, text: body.paragraphs.join('\n'), members: [], children: [], closing: [] };
    out.push(...proseAssignments(lead.text, resolve, addressee).map((a, i) => proseTask(doc.docNumber, part, [], lead, a, i, year, resolve)));
  }
  walk(doc.body.sections, [], null);
  for (const part of doc.parts) walk(part.body.sections, [], part.title);
  // Report dates the closing asks for: 「请于2022年6月15日前上报……；2022年12月20日前上报……」.
  for (const [closing, part] of [[doc.body.closing, null], ...doc.parts.map((p) => [p.body.closing, p.title] as const)] as const) {
    for (const sentence of closing.join('').split(/(?<=[。；])/).map((x) => x.trim())) {
      if (!/上报|报送/.test(sentence)) continue;
      const d = findDates(sentence, year).filter((x) => !x.limit)[0];
      if (!d) continue;
      out.push({ ...milestone(doc.docNumber, part, [], '', '', sentence, d), recurrence: null, targets: [] });
    }
  }
  // A goal restated as a step of the schedule (same date) is one task: the step's.
  const steps = new Set(out.filter((t) => !t.unitsText && /步骤|安排|进度/.test(t.heading)).map((t) => t.deadline));
  const kept = out.filter((t) => t.unitsText || !/目标/.test(t.heading) || !steps.has(t.deadline));
  const own = kept.filter((t) => t.lead.length && t.unitsText);
  carryLeads(doc, kept, resolve);
  expandCollectives(doc, kept, own, resolve);
  // 「2022年6月10日前」 in a document dated 2022-06-10 is due on import: the office decides what it means.
  for (const t of kept) if (t.deadline && doc.date && t.deadline <= doc.date && !t.disputed) t.disputed = `时限 ${t.deadline} 不晚于发文日期 ${doc.date}`;
  return kept;
}
