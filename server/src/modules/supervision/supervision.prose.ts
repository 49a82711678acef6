/**
 * Assignments written in prose rather than in a closing parenthesis: 「A、B牵头，…」, 「A负责…；B负责…」,
 * 「由你单位牵头…C、D等部门要全力配合」, and duty lists 「单位：负责…」 (one assignment per unit line). Only what the
 * text says: a subject is taken only when each of its names is a unit the directory knows or reads as a body
 * (…局、…镇、…部门), never a person or a thing.
 */
import { ACTION_WORDS, DUTY_WORDS, OWN_WORDS, SUPPORT_ACTION_WORDS, UNIT_ENDINGS } from './supervision.rules.js';

/** A printed name to the directory's name, or null. */
type Resolve = (printed: string) => string | null;

export interface Assignment {
  /** Names as printed, each resolved or kept for the office to flag. */
  lead: string[];
  support: string[];
  /** The words that name the units, as printed. */
  unitsText: string;
  /** The sentence or duty line it comes from. */
  sentence: string;
  /** A line of a duty list: one task of its own, never merged. */
  duty: boolean;
  /** 「A负责…」: A's own task, not merged with the item's other units. */
  own: boolean;
  /** The word that made it the unit's own step (负责, 将, 根据 …). */
  ownsBy: string;
  /** After a 「；」 that divides the work (「县委宣传部…要…；县市场监管局…」): a task of its own. */
  apart: boolean;
  /** Named as the lead (「牵头」): kept beside a duty list. */
  leads: boolean;
}

const ENDINGS = [...UNIT_ENDINGS].sort((a, b) => b.length - a.length).join('|');
const UNIT_LIKE = new RegExp(`(?:${ENDINGS})$`);
/** Words that end like a body but are none (布局, 乡村), or a phrase rather than a name (…的…, 由…, 让…). */
const NOT_A_UNIT = /(?:布局|格局|大局|全局|乡村|农村|城乡)$|会同|配合|负责|牵头|[的由让在对把将从外内]|委托|履行|聘请|授权|^(?:也|并|同时|通过|成员|要|应|需|须)|^.{3,}企业$/;

/**
 * The names of a printed list (「县委政法委、公安局、交警大队等单位」), each resolved where it can be; a bare name after a
 * 县-prefixed one takes the prefix (「县发改、工信、审批」 is 县工信, 县审批). Null when a name reads as no unit at all.
 */
function unitNames(list: string, resolve: Resolve): string[] | null {
  // 「……人防、融媒体、供电等部门」: the list says its short names are units, even the ones the directory lacks.
  const declared = /等(?:有关|相关)?(?:部门|单位|职能部门)$/.test(list);
  const names = list
    .replace(/等(?:有关|相关)?(?:部门|单位|职能部门)?$/, '')
    .split(/[、，,]|(?<=[局办委镇乡心府位]|乡（镇）)[和及与]/)
    .map((x) => x.trim())
    .filter(Boolean);
  if (!names.length) return null;
  const prefix = names[0].startsWith('县');
  const out: string[] = [];
  for (const raw of names) {
    if (COUNTY_WORD.test(raw)) return null;
    // 「平台方“建行交城支行”」: the quoted name is the unit.
    const quoted = /[“"]([^”"]+)[”"]/.exec(raw)?.[1];
    // 「县工信（国资）」「产权持有单位（主管部门）」: the name before its gloss.
    const glossed = raw.replace(/（[^（）]*）$/, '');
    const n = quoted && resolve(quoted) ? quoted : glossed !== raw && !resolve(raw) ? glossed : raw;
    // The county's own documents shorten its bureaus in a list: 「自然资源、发改、财政」 are 县自然资源局, 县发改, 县财政
    // (「财政按照……」 alone names a function, not a unit).
    const bare = !/^(?:县|省|市(?!场))/.test(n) && (prefix || declared || (n.length <= 4 && names.length > 1));
    const known = resolve(n) ?? (bare ? (resolve(`${n}部门`) ?? resolve(`县${n}`) ?? (n.length <= 6 ? resolve(`县${n}局`) : null)) : null);
    if (known) out.push(known);
    else if (((declared && n.length <= 6) || (n.length <= 16 && UNIT_LIKE.test(n))) && !NOT_A_UNIT.test(n)) out.push(n);
    else return null;
  }
  return out;
}

/** 「交城县」「本县」 open names (「交城县供水公司」「本县国有建设用地」): the county acts as 「县政府」「县人民政府」 only. */
const COUNTY_WORD = /^(?:交城县|本县)$/;

const split = (text: string) =>
  text
    .split(/\n|(?<=[。！])/)
    .map((x) => x.trim())
    .filter(Boolean);

/** A duty line 「县财政局：负责落实……」 or 「主管单位：县住建局」. */
function dutyLine(sentence: string, resolve: Resolve): Assignment | null {
  const m = /^([^：:。；，]{2,40})[：:](.+)$/.exec(sentence);
  if (!m) return null;
  // 「砌筑、电气装置…管道与制暖主管单位：县住建局」: the list of events runs into its label where the print glues them.
  if (/主管(?:单位|部门)$/.test(m[1])) {
    const lead = unitNames(m[2].replace(/[。；]$/, ''), resolve);
    return lead ? { lead, support: [], unitsText: sentence, sentence, duty: true, own: true, ownsBy: '', apart: true, leads: false } : null;
  }
  if (!new RegExp(`^(?:${DUTY_WORDS.join('|')})`).test(m[2])) return null;
  const lead = unitNames(m[1], resolve);
  return lead ? { lead, support: [], unitsText: m[1], sentence, duty: true, own: true, ownsBy: '', apart: true, leads: false } : null;
}

/** 「…等部门，」 or the last body-like name: where a 会同 list ends. */
function withList(after: string, resolve: Resolve): string[] {
  const seg = after.split(/[，。；]/)[0];
  const upTo = /^(.*?等(?:有关|相关)?(?:部门|单位))/.exec(seg)?.[1] ?? new RegExp(`^(.*(?:${ENDINGS}))`).exec(seg)?.[1];
  return upTo ? (unitNames(upTo, resolve) ?? []) : [];
}

/**
 * A clause that opens with a unit the directory knows by that very name (「县农业农村局按比例进行抽查验收」): its
 * share of the item's work, whatever verb follows; shaped like the action-word match (whole, subject, no word).
 */
function knownSubject(clause: string, resolve: Resolve): [string, string, string] | null {
  for (let k = Math.min(clause.length - 1, 24); k >= 3; k--) {
    const name = clause.slice(0, k);
    if (COUNTY_WORD.test(name) || !resolve(name)) continue;
    // The longest name decides: 「县财政局、农业农村局…为成员」 is a list, 「你单位提交的《…》」 a relative clause.
    const rest = clause.slice(k);
    return /^[\u4e00-\u9fa5]/.test(rest) && !/^[的和与及、等]/.test(rest) && !/^[^，。；]{0,8}的/.test(rest) ? [name, name, ''] : null;
  }
  return null;
}

/** 「由产权持有单位（主管部门）聘请……」「由县工信（国资）、财政、纪检监察、审计等相关部门抽调……」: who 由 (or 望) names. */
function byUnit(clause: string, resolve: Resolve): [string, string, string] | null {
  // 「望有关单位及承储企业接文后，抓紧实施」: whom a 通知 asks.
  if (!/^[由望]/.test(clause)) return null;
  for (let k = Math.min(clause.length, 40); k >= 3; k--) {
    const list = clause.slice(1, k);
    // A city or provincial body 由 names (「由市劳动竞赛委员会授予…」) acts on its own, not on the county's assignment.
    if (/^[省市]/.test(list) && !resolve(list)) continue;
    if ((UNIT_LIKE.test(list.replace(/（[^（）]*）$/, '')) || /等(?:有关|相关)?(?:部门|单位)$/.test(list)) && unitNames(list, resolve)) return [clause.slice(0, k), list, clause[0]];
  }
  return null;
}

const LEADER = /^(.{2,30}?)(?:是|作为)[^，。；]{0,30}(?:牵头(?:部门|单位)|责任主体)/;

/**
 * The lead a document names once for its whole work (「县住房和城乡建设管理局是全县地下市政设施管理牵头部门」,
 * 「乡（镇）人民政府是村庄规划编制的责任主体」): its names as printed and the sentence, or null.
 */
export function namedLeader(text: string, resolve: Resolve): { names: string[]; sentence: string } | null {
  for (const sentence of text.split(/\n|(?<=[。；！])/).map((x) => x.trim())) {
    const m = LEADER.exec(sentence);
    const names = m ? unitNames(m[1], resolve) : null;
    if (names?.length) return { names, sentence };
  }
  return null;
}

/** Clauses whose subject is a list of units followed by what they are to do. */
function subjectClauses(sentence: string, resolve: Resolve, addressee: string | null, before: boolean): Assignment[] {
  const out: Assignment[] = [];
  const text = addressee ? sentence.replace(/你单位|你局|你委|你办/g, addressee) : sentence;
  const words = [...ACTION_WORDS].sort((a, b) => b.length - a.length).join('|');
  // 「…等单位负责人为成员」: 负责人 is a person, not a duty.
  const re = new RegExp(`^(?:由|请)?(.{2,60}?)(${words})(?!人)`);
  // 「县住房和城乡建设管理局是全县地下市政设施管理牵头部门，……会同县委政法委、公安局……等部门」, 「县直相关单位、各乡镇人民政府是…责任主体」
  const leader = LEADER.exec(text);
  const leaderNames = leader ? unitNames(leader[1], resolve) : null;
  if (leader && leaderNames) {
    const w = text.indexOf('会同');
    out.push({ lead: leaderNames, support: w >= 0 ? withList(text.slice(w + 2), resolve) : [], unitsText: leader[1], sentence, duty: false, own: false, ownsBy: '', apart: false, leads: true });
    return out;
  }
  let afterSemicolon = false;
  for (const clause of text.split(/(?<=[；，,])/)) {
    const divided = afterSemicolon;
    afterSemicolon = clause.endsWith('；');
    const said = re.exec(clause.trim());
    // 「县现代农业发展服务中心集中对…」: the action word comes late; the known name at the start decides.
    const m = byUnit(clause.trim(), resolve) ?? (said && unitNames(said[1].replace(/[，,]$/, ''), resolve) ? said : null) ?? knownSubject(clause.trim(), resolve) ?? said;
    if (!m) continue;
    // 「A向B申请/报送……」 is A's step; 「向全体在交人员投放」 is not a unit's.
    if (m[2] === '向' && !/^[^，。；]{2,20}?(?:申请|报送|上报|报|提出|汇报|提交)/.test(clause.trim().slice(m[0].length))) continue;
    // 「要充分认识……重要意义」 asks for understanding, not for work.
    if (/^(?:充分)?认识/.test(clause.trim().slice(m[0].length))) continue;
    // 「所需资金由县人社部门根据预算提出申请」: the unit after 由 acts, when the directory knows it.
    const after由 = m[1].includes('由') ? m[1].slice(m[1].lastIndexOf('由') + 1) : null;
    const byWhom = after由 ? unitNames(after由, resolve) : null;
    const names = unitNames(m[1].replace(/[，,]$/, ''), resolve) ?? (byWhom?.every((n) => resolve(n)) ? byWhom : null);
    if (!names) continue;
    // 「县农业农村局要加强督导工作」: who oversees the item supports it.
    const oversees = /^(?:加强)?(?:督导|指导|监督|督促)/.test(clause.trim().slice(m[0].length));
    const support = (SUPPORT_ACTION_WORDS as readonly string[]).includes(m[2]) || (oversees && out.length > 0) || (oversees && before);
    const rest = clause.trim().slice(m[0].length);
    const withWhom = m[2] === '会同' ? withList(rest, resolve) : rest.startsWith('会同') ? withList(rest.slice(2), resolve) : [];
    out.push({ lead: support ? [] : names, support: support ? names : withWhom, unitsText: m[1], sentence, duty: false, own: (OWN_WORDS as readonly string[]).includes(m[2]) || m[2].endsWith('负责'), ownsBy: m[2].endsWith('负责') ? '负责' : m[2], apart: divided, leads: m[2] === '牵头' });
  }
  return out;
}

/**
 * Subjects that name no one: 「有关部门要……」 is a task only for whoever the office decides. 「各单位」「各有关单位」
 * address every unit the document is sent to, so they are kept.
 */
const GENERIC = /^(?:有关|相关)(?:部门|单位|职能部门)$/;

/**
 * The assignments of one item's own text: each duty line one, each unit told what it 负责 one; the other clauses
 * (「…要」「…牵头」「…会同」) one for the item with all their units; the units told to 配合 support the first.
 */
export function proseAssignments(text: string, resolve: Resolve, addressee: string | null): Assignment[] {
  const out: Assignment[] = [];
  const supports: string[] = [];
  let joint: Assignment | null = null;
  for (const sentence of split(text)) {
    const duty = dutyLine(sentence, resolve);
    if (duty) {
      out.push(duty);
      continue;
    }
    for (const a of subjectClauses(sentence, resolve, addressee, out.length > 0)) {
      if (!a.lead.length) supports.push(...a.support);
      else if (a.own || a.apart) {
        const same = out.find((x) => !x.duty && x.lead.join() === a.lead.join());
        if (same) same.support.push(...a.support);
        else out.push(a);
      } else if (joint) {
        joint.lead.push(...a.lead);
        joint.support.push(...a.support);
      } else out.push((joint = a));
    }
  }
  // One 「A负责」 among other subjects is the item's shared work (a step A 将/根据/对 does stays its own) (「主管部门要…，县企业改制服务中心负责…」); two or more
  // (「县发展和改革局负责…；县财政局负责…」) divide it.
  const owners = new Set(out.filter((a) => a.own && !a.apart && a.ownsBy === '负责').map((a) => a.lead.join()));
  if (owners.size === 1 && joint) {
    const one = out.findIndex((a) => a.own && !a.apart && a.ownsBy === '负责');
    const j: Assignment = joint;
    j.lead.push(...out[one].lead);
    j.support.push(...out[one].support);
    out.splice(one, 1);
  }
  // A duty list says who does what: the item's other prose is its preamble, save the lead it names.
  const listed = out.some((a) => a.duty) ? out.filter((a) => a.duty || a.leads) : out;
  // 「有关部门要……」 alone names no one: the office cannot assign it.
  const kept = listed.filter((a) => !a.lead.every((n) => GENERIC.test(n)));
  if (supports.length && kept.length) kept[0].support.push(...supports);
  for (const a of kept) {
    a.lead = [...new Set(a.lead)];
    a.support = [...new Set(a.support)].filter((u) => !a.lead.includes(u));
  }
  return kept;
}
