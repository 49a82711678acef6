/** 涉农资金统筹整合's reads over many projects: the lists, KPIs, the 拨付台账, the 「两个一律」 notices and the workbench. */
import type { Actor } from '../../core/audit.js';
import { conflict, forbidden, invalidField } from '../../core/errors.js';
import type { WorkItem } from '../../core/module.js';
import type { NoticesService } from '../notices/index.js';
import { AUTHORITY, FINANCE, IMPLEMENTER, townshipsOf } from './agrifund.access.js';
import type { KpiGroup } from './agrifund.repository.js';
import { DISCLOSURE_DAYS, DISCLOSURE_KINDS, approvedOrLater, disclosurePeriod, disclosurePeriodEnd, LATE_LABEL, SOURCE, STEPS, TREE_2022, disclosureText, fenToWan, kpis, lateForSameYear, type DisclosureKind, type StepCode } from './agrifund.rules.js';
import type { AgrifundService } from './agrifund.service.js';
import { PROJECT_FLOW, type ProjectRec } from './agrifund.flow.js';

const pct = (bp: number) => (bp / 100).toFixed(2);

export class AgrifundReports {
  constructor(
    private readonly s: AgrifundService,
    private readonly notices: () => ReturnType<NoticesService['on']>,
  ) {}

  /** The projects the actor reads, filtered, each with its steps (guards not run: a list). */
  async list(actor: Actor, year: number, f: { step?: string; townshipId?: number; itemCode?: string } = {}) {
    let rows = await this.s.scoped(actor, year);
    if (f.step) rows = rows.filter((p) => p.step === f.step);
    if (f.townshipId) rows = rows.filter((p) => p.township_id === f.townshipId);
    if (f.itemCode) rows = rows.filter((p) => p.item_code === f.itemCode);
    const ms = await this.s.repo.milestonesOf(rows.map((r) => r.id));
    const items = await this.s.repo.items(year);
    const today = this.s.today();
    return Promise.all(rows.map(async (p) => ({ ...(await this.s.view(actor, p, false, ms.get(p.id) ?? [], items)), late: lateForSameYear(p.step as StepCode, p.year, today) })));
  }

  /** 开工率, 竣工率, 资金拨付率 (percent, two decimals) per category, sub-item and township, with 「当年项目当年完成」 flags. */
  async kpis(actor: Actor, year: number) {
    // Grouped in the database (sub-item × township × step): the dashboard reads a few hundred rows, not every project.
    const scope = await townshipsOf(this.s.access, actor);
    const rows = await this.s.repo.kpiGroups(year, scope, actor.role === 'village_committee' ? actor.unitId : undefined);
    const today = this.s.today();
    const items = await this.s.items(year);
    const of = (gs: KpiGroup[]) => {
      const k = kpis(gs.map((g) => ({ step: g.step as StepCode, amountFen: g.amount_fen, paidFen: g.paid_fen, year, count: g.projects })), today);
      return { projects: gs.reduce((a, g) => a + g.projects, 0), startedPct: pct(k.startedBp), completedPct: pct(k.completedBp), paidPct: pct(k.paidBp), late: k.late, amountWan: fenToWan(gs.reduce((a, g) => a + g.amount_fen, 0)), paidWan: fenToWan(gs.reduce((a, g) => a + g.paid_fen, 0)) };
    };
    const categories = TREE_2022.map((c) => c.code).filter((code) => items.some((i) => i.code.startsWith(`${code}.`)));
    const catName = (code: string) => TREE_2022.find((c) => c.code === code)?.name ?? code;
    const towns = await this.s.townships();
    return {
      year,
      lateLabel: LATE_LABEL,
      total: of(rows),
      byCategory: categories.map((code) => ({ code, name: catName(code), ...of(rows.filter((p) => p.item_code.startsWith(`${code}.`))) })),
      bySubItem: items.map((i) => ({ code: i.code, name: i.name, allocatedWan: fenToWan(i.allocated_fen), ...of(rows.filter((p) => p.item_code === i.code)) })),
      byTownship: towns.filter((t) => !scope || scope.includes(t.id)).map((t) => ({ id: t.id, name: t.name, ...of(rows.filter((p) => p.township_id === t.id)) })),
      byStep: STEPS.map((st) => ({ code: st.code, name: st.name, count: rows.filter((g) => g.step === st.code).reduce((a, g) => a + g.projects, 0) })),
    };
  }

  /** The 拨付台账 of a year in the actor's scope. */
  async payments(actor: Actor, year: number) {
    const units = await this.s.units();
    const items = await this.s.items(year);
    let rows = await this.s.repo.paymentsOf(year, await townshipsOf(this.s.access, actor));
    if (actor.role === 'village_committee') {
      const own = new Set((await this.s.scoped(actor, year)).map((p) => p.id));
      rows = rows.filter((r) => own.has(r.project_id));
    }
    return rows.map((r) => ({
      id: r.id, projectId: r.project_id, project: r.project_name, township: units.find((u) => u.id === r.township_id)?.name ?? '',
      itemName: items.find((i) => i.code === r.item_code)?.name ?? r.item_code, seq: r.milestone_seq, amountWan: fenToWan(r.amount_fen), by: r.by_name, at: r.at,
    }));
  }

  /**
   * 「两个一律」: publish one township's allocation result (or its project arrangement and fund use) as a public notice,
   * under the publishing body's unit (the county administrator: the township's). Projects approved or later only.
   */
  async disclose(actor: Actor, year: number, townshipId: number, kind: DisclosureKind) {
    if (!DISCLOSURE_KINDS.some((k) => k.code === kind)) throw invalidField('kind', `公开类别应为${DISCLOSURE_KINDS.map((k) => k.name).join('或')}`);
    const county = await this.s.access.which(actor, AUTHORITY, {});
    const own = await this.s.access.which(actor, IMPLEMENTER, { townshipId });
    if (!county && !own) throw forbidden('公告公示由项目主管单位或项目所在乡镇办理');
    const town = (await this.s.townships()).find((t) => t.id === townshipId);
    if (!town) throw invalidField('townshipId', '乡镇不存在');
    const rows = (await this.s.repo.projects(year, [townshipId])).filter((p) => approvedOrLater(p.step));
    if (!rows.length) throw conflict(`${town.name} ${year} 年尚无已批复的项目，无可公开的分配结果`);
    const units = await this.s.units();
    const items = await this.s.items(year);
    const t = disclosureText(kind, year, town.name, rows.map((p) => ({
      name: p.name, village: p.village_id ? (units.find((u) => u.id === p.village_id)?.name ?? null) : null,
      item: items.find((i) => i.code === p.item_code)?.name ?? p.item_code, amountFen: p.amount_fen, paidFen: p.paid_fen,
    })));
    const unitId = actor.role === 'county_admin' || !actor.unitId ? townshipId : actor.unitId;
    const n = await this.notices().publishToday(actor, { unitId, subject: t.subject, content: t.content, basis: SOURCE, minLength: DISCLOSURE_DAYS, unit: '日' });
    await this.s.repo.audit(actor, 'agrifund_disclosure', n.id, 'disclose', { year, townshipId, kind });
    await this.s.repo.recordDisclosure(year, townshipId, kind, disclosurePeriod(this.s.today()), n.id, this.s.today());
    return { noticeId: n.id, subject: t.subject, earliestEnd: n.earliestEnd };
  }

  /**
   * The 「两个一律」 schedule (a quarter, disclosurePeriod): the townships the actor publishes for (a township its own, the
   * project authority all) that have approved projects of the newest year and no arrangement and fund-use notice for
   * this period yet, with the period's last day.
   */
  async dueDisclosures(actor: Actor): Promise<{ townships: { id: number; name: string }[]; period: string; due: string }> {
    const today = this.s.today();
    const period = disclosurePeriod(today);
    const due = disclosurePeriodEnd(period);
    const year = await this.s.repo.newestYear();
    if (!year) return { townships: [], period, due };
    const county = await this.s.access.which(actor, AUTHORITY, {});
    const withProjects = new Set((await this.s.repo.projects(year)).filter((p) => approvedOrLater(p.step)).map((p) => p.township_id));
    const done = await this.s.repo.disclosedTownships(year, 'projects', period);
    const towns = (await this.s.townships()).filter((t) => withProjects.has(t.id) && !done.has(t.id));
    const mine = [];
    for (const t of towns) if (county || (await this.s.access.which(actor, IMPLEMENTER, { townshipId: t.id }))) mine.push({ id: t.id, name: t.name });
    return { townships: mine, period, due };
  }

  /** What waits on the actor: each project step it could take, and milestone requests to verify or pay. */
  async workbench(actor: Actor): Promise<WorkItem[]> {
    if (!['township_official', 'department_official', 'county_admin'].includes(actor.role)) return [];
    const year = Number(this.s.today().slice(0, 4));
    const rows = [...(await this.s.scoped(actor, year)), ...(year !== 2022 ? await this.s.scoped(actor, 2022) : [])];
    if (!rows.length) return [];
    const recs = await Promise.all(rows.map((p) => this.s.rec(p)));
    // A project its next step's guard holds back (验收 before every milestone is verified) waits on its milestones, which
    // are listed below, not on that step.
    const steps = Object.values(PROJECT_FLOW.steps) as { from: readonly string[]; guard?: (r: ProjectRec, i: undefined, a: Actor) => string | null | Promise<string | null> }[];
    const held = await Promise.all(recs.map(async (r) => (await Promise.all(steps.filter((s) => s.from.includes(r.step)).map((s) => s.guard?.(r, undefined, actor)))).some((why) => why)));
    const items: WorkItem[] = (await this.s.flow.waiting(actor, recs.filter((_r, i) => !held[i]))).map((w) => ({ module: '涉农资金', title: `待${w.label}`, count: w.count, link: '/agrifund?tab=projects' }));
    const ms = await this.s.repo.milestonesOf(rows.map((r) => r.id));
    const all = [...ms.values()].flat();
    if (await this.s.access.which(actor, AUTHORITY, {})) {
      const n = all.filter((m) => m.reported_at && !m.verified_at).length;
      if (n) items.push({ module: '涉农资金', title: '拨付申请待核实进度', count: n, link: '/agrifund?tab=payments' });
    }
    if (await this.s.access.which(actor, FINANCE, {})) {
      const n = rows.filter((p) => p.verified_fen > p.paid_fen).length;
      if (n) items.push({ module: '涉农资金', title: '已核实待拨付的项目', count: n, link: '/agrifund?tab=payments' });
    }
    const due = await this.dueDisclosures(actor);
    if (due.townships.length) items.push({ module: '涉农资金', title: `本季度「两个一律」项目安排和资金使用情况待公示（${due.townships.map((t) => t.name).join('、')}）`, count: due.townships.length, deadline: due.due, link: '/agrifund?tab=projects' });
    return items;
  }

  /** Milestones awaiting the county (requested, verified unpaid), for the 拨付 tab. */
  async requests(actor: Actor, year: number) {
    const rows = await this.s.scoped(actor, year);
    const ms = await this.s.repo.milestonesOf(rows.map((r) => r.id));
    const items = await this.s.repo.items(year);
    const out = [];
    for (const p of rows) {
      const list = (ms.get(p.id) ?? []).filter((m) => m.reported_at);
      if (list.length) out.push(await this.s.view(actor, p, true, ms.get(p.id) ?? [], items));
    }
    return out;
  }
}
