/** 职业技能大赛 per event (交政办发〔2022〕15号 四、八、): preliminary or video, the top 3, the final's ranks, awards and team score. */
import type { Access } from '../../core/access.js';
import type { Actor } from '../../core/audit.js';
import { conflict, forbidden, invalidField, notFound } from '../../core/errors.js';
import type { WorkItem } from '../../core/module.js';
import { isOffice, managingKeysOf, requireOffice, runsOffice } from './skills.access.js';
import { Refused, type EventRow, type SkillsRepository } from './skills.repository.js';
import {
  CATEGORIES,
  COACH_AWARD,
  COUNTY_TEAM,
  EVENTS,
  EVENT_TOTAL,
  HRSS_CERTIFICATE_FIELDS,
  HRSS_CERTIFICATE_WORDING,
  MANAGING_UNITS,
  MIN_PRELIMINARIES,
  PREPARATORY_GROUP,
  READINGS,
  RECOMMEND_COUNT,
  SOURCE,
  TIMELINE,
  awardFor,
  duplicateRank,
  rankPoints,
  selectTop,
  teamStanding,
  unitPreliminaryMinimum,
  type ManagingKey,
} from './skills.rules.js';
import { EVENT_MODES, EVENT_STAGES, type EventModeCode } from './skills.states.js';

export class SelectionService {
  constructor(
    private readonly repo: SkillsRepository,
    private readonly access: Access,
    private readonly now: () => string,
  ) {}

  /** The 40 events from the document, once; a list that does not add up to the printed total is not seeded. */
  async seed(): Promise<string[]> {
    if (EVENTS.length !== EVENT_TOTAL) throw new Error(`比赛项目清单为 ${EVENTS.length} 个，与文件所列 ${EVENT_TOTAL} 个不符（${SOURCE}）`);
    const n = await this.repo.seedEvents(
      EVENTS.map((e) => ({ code: e.code, name: e.name, category: e.category, managing: e.managing.join(','), pair: e.pair ? 1 : 0, team: e.team ? 1 : 0, mode: e.cityRun ? 'city' : 'preliminary', stage: 'open', tie_decision: null, selected_at: null, ranked_at: null })),
    );
    return n ? [`职业技能大赛：${n} 个比赛项目（${SOURCE}）`] : [];
  }

  private async eventFor(actor: Actor, id: number, what: string): Promise<EventRow> {
    const e = await this.repo.event(id);
    if (!e) throw notFound('比赛项目');
    const keys = await managingKeysOf(this.access, actor);
    const mine = e.managing.split(',').some((k) => (keys as string[]).includes(k));
    if (!mine && actor.role !== 'county_admin') throw forbidden(`${what}由「${e.name}」的主管单位（${this.managingNames(e)}）办理`);
    return e;
  }

  private managingNames = (e: EventRow) => e.managing.split(',').map((k) => MANAGING_UNITS[k as ManagingKey].name).join('、');

  /** The events with their counts, as the actor sees them (`mine`: the actor manages it). */
  async events(actor: Actor) {
    const keys = (await managingKeysOf(this.access, actor)) as string[];
    const office = await isOffice(this.access, actor);
    const regs = await this.repo.registrations({ all: true });
    return (await this.repo.events()).map((e) => {
      const of = regs.filter((r) => r.event_id === e.id);
      const mine = e.managing.split(',').some((k) => keys.includes(k)) || actor.role === 'county_admin';
      return {
        id: e.id,
        code: e.code,
        name: e.name,
        category: e.category,
        categoryName: CATEGORIES.find((c) => c.no === e.category)!.name,
        managing: this.managingNames(e),
        pair: !!e.pair,
        team: !!e.team,
        mode: e.mode,
        modeName: EVENT_MODES[e.mode],
        stage: e.stage,
        stageName: EVENT_STAGES[e.stage],
        tieDecision: e.tie_decision,
        registrations: of.length,
        confirmed: of.filter((r) => r.status !== 'registered').length,
        recommended: of.filter((r) => r.status === 'recommended').length,
        ranked: of.filter((r) => r.final_rank !== null).length,
        mine,
        canRank: office && e.stage !== 'open',
      };
    });
  }

  /** The managing unit chooses a preliminary, video selection, or marks the event as run by the city. */
  async setMode(actor: Actor, id: number, mode: EventModeCode) {
    const e = await this.eventFor(actor, id, '选拔方式');
    if (!(await this.repo.setMode(actor, e.id, mode))) throw conflict('该项目已确定推荐人选，不能再改选拔方式');
  }

  /** Preliminary scores (hundredths of a point) of confirmed entries. */
  async saveScores(actor: Actor, id: number, scores: { registrationId: number; score: number }[]) {
    const e = await this.eventFor(actor, id, '初赛成绩');
    if (e.mode !== 'preliminary') throw conflict(`「${e.name}」为${EVENT_MODES[e.mode]}，不录入初赛成绩`);
    try {
      if (!(await this.repo.saveScores(actor, e.id, scores.map((s) => ({ id: s.registrationId, score: s.score }))))) throw conflict('该项目已确定推荐人选，不能再改初赛成绩');
    } catch (err) {
      if (err instanceof Refused) throw invalidField('scores', err.message);
      throw err;
    }
    return this.selection(actor, id);
  }

  /** What the scores recommend now: the sure places, and a tie at the cut to be decided. */
  async selection(actor: Actor, id: number) {
    const e = await this.eventFor(actor, id, '选拔');
    const regs = (await this.repo.registrations({ all: true, eventId: e.id })).filter((r) => r.status !== 'registered');
    const scored = regs.filter((r) => r.score !== null).map((r) => ({ entryId: r.id, score: r.score! }));
    const top = e.mode === 'preliminary' ? selectTop(scored) : { sure: [], tied: [], open: 0 };
    return { eventId: e.id, mode: e.mode, stage: e.stage, places: RECOMMEND_COUNT, sure: top.sure, tied: top.tied, open: top.open, unscored: regs.filter((r) => r.score === null).length, decision: e.tie_decision };
  }

  /**
   * Close the selection: by the scores' top 3 (a tie at the cut needs `chosen` among the tied and a recorded `decision`),
   * or, for video selection, the 3 the managing unit picks.
   */
  async select(actor: Actor, id: number, input: { chosen?: number[]; decision?: string | null }) {
    const e = await this.eventFor(actor, id, '确定推荐人选');
    if (e.stage !== 'open') throw conflict('该项目已确定推荐人选');
    if (e.mode === 'city') throw conflict(`「${e.name}」由市级直接组织，县级不推荐`);
    const chosenIn = [...new Set(input.chosen ?? [])];
    if (chosenIn.length > RECOMMEND_COUNT) throw invalidField('chosen', `每个项目推荐 ${RECOMMEND_COUNT} 名`, `每个项目择优选定 ${RECOMMEND_COUNT} 名选手参加市级决赛，不能推荐第 ${RECOMMEND_COUNT + 1} 名（${SOURCE} 四、）`);
    let chosen: number[];
    let decision: string | null = null;
    if (e.mode === 'video') {
      const confirmed = (await this.repo.registrations({ all: true, eventId: e.id })).filter((r) => r.status === 'confirmed');
      const bad = chosenIn.find((c) => !confirmed.some((r) => r.id === c && r.video_seconds !== null));
      if (bad !== undefined) throw invalidField('chosen', `报名 ${bad} 不是已确认并报送视频的选手`);
      chosen = chosenIn;
    } else {
      const s = await this.selection(actor, id);
      if (s.unscored) throw conflict(`尚有 ${s.unscored} 名已确认选手未录入初赛成绩`);
      if (s.tied.length) {
        const pick = chosenIn.filter((c) => !s.sure.includes(c));
        if (pick.length !== s.open || pick.some((c) => !s.tied.includes(c))) {
          throw conflict(`第 ${s.sure.length + 1} 名起 ${s.tied.length} 人成绩相同，须从中确定 ${s.open} 人并记录决定（如加赛结果）`, [{ field: 'chosen', message: '请从并列选手中选择' }]);
        }
        if (!input.decision?.trim()) throw invalidField('decision', '请记录并列的处理决定');
        chosen = [...s.sure, ...pick];
        decision = input.decision.trim();
      } else chosen = s.sure;
    }
    try {
      if (!(await this.repo.select(actor, e.id, chosen, decision, this.now()))) throw conflict('该项目已确定推荐人选');
    } catch (err) {
      if (err instanceof Refused) throw conflict(err.message);
      throw err;
    }
    return this.selection(actor, id);
  }

  /** The city final's ranks (「选手排名原则上不并列」), entered by the office. */
  async saveRanks(actor: Actor, id: number, ranks: { registrationId: number; rank: number }[]) {
    await requireOffice(this.access, actor);
    const e = await this.repo.event(id);
    if (!e) throw notFound('比赛项目');
    const dup = duplicateRank(ranks.map((r) => r.rank));
    if (dup !== null) throw invalidField('ranks', `第 ${dup} 名重复`, `「${e.name}」第 ${dup} 名录入了两次：选手排名原则上不并列（${SOURCE} 八、（一））`);
    try {
      if (!(await this.repo.saveRanks(actor, e.id, ranks.map((r) => ({ id: r.registrationId, rank: r.rank })), this.now()))) throw conflict('名次已被他人同时录入，请刷新后重试');
    } catch (err) {
      if (err instanceof Refused) throw conflict(err.message);
      throw err;
    }
  }

  /** The awards each ranked entry earns and the county team's score. */
  async results(actor?: Actor) {
    const events = new Map((await this.repo.events()).map((e) => [e.id, e]));
    const regs = (await this.repo.registrations({ all: true })).filter((r) => r.status === 'recommended');
    const awards = regs
      .filter((r) => r.final_rank !== null)
      .map((r) => {
        const e = events.get(r.event_id)!;
        const a = awardFor(r.final_rank!, { team: !!e.team, members: r.partner_name ? 2 : 1 });
        return { registrationId: r.id, eventName: e.name, name: r.partner_name ? `${r.name}、${r.partner_name}` : r.name, unitName: r.unit_name, rank: r.final_rank!, prize: a.prize, cashFen: a.cashFen, title: a.title, grade: a.grade, coach: a.coachAward ? r.coach : null, coachAward: a.coachAward && r.coach ? COACH_AWARD : null, points: rankPoints(r.final_rank!) };
      })
      .sort((a, b) => a.eventName.localeCompare(b.eventName, 'zh') || a.rank - b.rank);
    const contestantPoints = regs.reduce((s, r) => s + (r.partner_name ? 2 : 1), 0);
    const points = awards.reduce((s, a) => s + a.points, 0);
    const others = await this.repo.otherTeams();
    // The county's place needs the other teams' points, which only the city's announcement gives: until the office
    // enters them there is no standing (a county alone would read as first), and the page says so.
    const standing = !others.length ? [] : teamStanding([
      { team: COUNTY_TEAM, county: true, contestants: contestantPoints, rankPoints: points },
      ...others.map((o) => ({ team: o.team, county: !!o.county, contestants: o.contestant_points, rankPoints: o.rank_points })),
    ]);
    return {
      awards,
      cashFen: awards.reduce((s, a) => s + a.cashFen, 0),
      team: { team: COUNTY_TEAM, contestantPoints, rankPoints: points, total: contestantPoints + points },
      standing,
      othersEntered: others.length,
      // Whether the page offers the entry of the city's announced points (the office's, never the auditor's).
      mayEnterTeams: !!actor && (await runsOffice(this.access, actor)),
      readings: [...READINGS],
    };
  }

  /** 团体总分 of the other teams as the city announces them (the office's entry, replacing the last). */
  async enterOtherTeams(actor: Actor, teams: { team: string; county: boolean; contestantPoints: number; rankPoints: number }[]) {
    await requireOffice(this.access, actor);
    const names = new Set<string>();
    teams.forEach((t, i) => {
      if (t.team === COUNTY_TEAM) throw invalidField(`teams.${i}.team`, '本县代表队的得分由名次自动计算', `「${COUNTY_TEAM}」的得分由各项目的决赛名次计算，不必录入`);
      if (names.has(t.team)) throw invalidField(`teams.${i}.team`, '参赛队重复', `参赛队「${t.team}」录入了两次`);
      names.add(t.team);
    });
    await this.repo.replaceOtherTeams(actor, teams.map((t) => ({ team: t.team, county: t.county ? 1 : 0, contestant_points: t.contestantPoints, rank_points: t.rankPoints, entered_by: actor.name, entered_at: this.now() })));
    return this.results(actor);
  }

  /** The contest as set up from the document: timeline, group, preliminaries against the minimums. */
  async overview() {
    const events = await this.repo.events();
    const units = (Object.keys(MANAGING_UNITS) as ManagingKey[])
      .map((k) => {
        const of = events.filter((e) => e.managing.split(',')[0] === k && e.mode !== 'city');
        return { unit: MANAGING_UNITS[k].name, events: of.length, preliminaries: of.filter((e) => e.mode === 'preliminary').length, minimum: unitPreliminaryMinimum(of.length) };
      })
      .filter((u) => u.events > 0);
    return {
      source: SOURCE,
      timeline: { ...TIMELINE },
      group: PREPARATORY_GROUP.map((g) => ({ ...g })),
      preliminaries: events.filter((e) => e.mode === 'preliminary').length,
      minPreliminaries: MIN_PRELIMINARIES,
      units,
      hrssCertificate: { fields: [...HRSS_CERTIFICATE_FIELDS], wording: HRSS_CERTIFICATE_WORDING },
      readings: [...READINGS],
    };
  }

  /** 我的待办: registrations to confirm, events to select, ranks to enter. */
  async workbench(actor: Actor): Promise<WorkItem[]> {
    const out: WorkItem[] = [];
    if (actor.unitId && actor.role !== 'resident') {
      const n = (await this.repo.registrations({ unitIds: [actor.unitId] })).filter((r) => r.status === 'registered').length;
      if (n) out.push({ module: '职业技能大赛', title: '参赛报名待单位确认', count: n, deadline: TIMELINE.registrationCloses, link: '/skills?tab=confirm' });
    }
    const keys = (await managingKeysOf(this.access, actor)) as string[];
    if (keys.length) {
      const n = (await this.repo.events()).filter((e) => e.stage === 'open' && e.mode !== 'city' && e.managing.split(',').some((k) => keys.includes(k))).length;
      // (inferred) The recommendation is due when the county's registration closes (7月15日): the recommended are
      // whom the county registers; the preliminaries and videos (7月上旬, 7月10日) come before it.
      if (n) out.push({ module: '职业技能大赛', title: '比赛项目待确定推荐人选', count: n, deadline: TIMELINE.registrationCloses, link: '/skills?tab=scoring' });
    }
    if (actor.role !== 'auditor' && (await isOffice(this.access, actor))) {
      const n = (await this.repo.events()).filter((e) => e.stage === 'selected').length;
      if (n) out.push({ module: '职业技能大赛', title: '比赛项目待录入决赛名次', count: n, link: '/skills?tab=results' });
    }
    return out;
  }
}
