/** Plan cases (交政发〔2022〕3号 三、（三）、四、): opened by the township for one or several villages, moved by the kit. */
import type { Access } from '../../core/access.js';
import type { Actor } from '../../core/audit.js';
import type { UnitOfWork } from '../../core/db.js';
import type { WorkCalendar } from '../../core/calendar.js';
import { conflict, invalidField, notFound } from '../../core/errors.js';
import type { Flow } from '../../core/workflow.js';
import type { DirectoryService, Unit } from '../directory/index.js';
import { villageOfTownship, type ClassificationService } from './classification.service.js';
import { ownTownship, scopeOfPlans, townshipsOf } from './villageplan.access.js';
import { PAPER_LABELS, type CaseFlowDecl, type StepInput } from './villageplan.flow.js';
import type { CaseRow, VillageplanRepository } from './villageplan.repository.js';
import { AFTER_APPROVAL, DUE_SOON_WORKDAYS, PLAN_UNIT, UNIT_REQUIREMENT, WORKING_GROUP, classLabel, groupLacks, type MemberKind } from './villageplan.rules.js';

export type CaseFlow = Flow<CaseRow, keyof CaseFlowDecl['states'], CaseFlowDecl['steps']>;
export type CaseStep = keyof CaseFlowDecl['steps'] & string;

export interface OpenInput {
  villageIds: number[];
  members: { kind: MemberKind; name: string }[];
  unitName: string;
  unitQualification: string;
  unitGrade: string;
}

/** Where a deadline stands: done, running, 临期 (within five working days) or 逾期. */
export type DeadlineState = 'done' | 'running' | 'soon' | 'overdue';

/** A deadline's state on `today`. */
export function deadlineState(cal: WorkCalendar, today: string, due: string, doneOn: string | null): DeadlineState {
  if (doneOn) return 'done';
  if (today > due) return 'overdue';
  let left: number;
  try {
    left = cal.workdaysBetween(today, due);
  } catch {
    // A year without holiday data: count calendar days (a working week is seven of them).
    left = Math.round((Date.parse(due) - Date.parse(today)) / 86_400_000) * (5 / 7);
  }
  return left <= DUE_SOON_WORKDAYS ? 'soon' : 'running';
}
export const DEADLINE_LABELS: Record<DeadlineState, string> = { done: '已完成', running: '进行中', soon: '临期', overdue: '逾期' };

export class CasesService {
  constructor(
    private readonly repo: VillageplanRepository,
    private readonly directory: DirectoryService,
    private readonly access: Access,
    private readonly classes: ClassificationService,
    readonly flow: CaseFlow,
    private readonly uow: UnitOfWork,
    private readonly calendar: () => Promise<WorkCalendar>,
    private readonly today: () => string,
    private readonly now: () => string,
  ) {}

  private async names() {
    const units = await this.directory.all();
    return (id: number) => units.find((u) => u.id === id)?.name ?? '';
  }

  /** The township opens a case for one or several of its villages, each on the list (or to be compiled anew). */
  async open(actor: Actor, i: OpenInput) {
    const townshipId = ownTownship(actor);
    const ids = [...new Set(i.villageIds)];
    if (ids.length < PLAN_UNIT.minVillages) throw invalidField('villageIds', '请选择规划单元的行政村（一个或几个）');
    const all = await this.directory.all();
    const foreign = ids.map((id) => all.find((u) => u.id === id)).filter((u) => u && u.kind === 'village' && u.parentId !== townshipId);
    if (foreign.length) throw invalidField('villageIds', `一个规划单元的行政村应属于同一乡（镇）：${foreign.map((u) => u!.name).join('、')}不属于本乡（镇）`);
    const villages: Unit[] = [];
    for (const id of ids) villages.push(await villageOfTownship(this.directory, townshipId, id, 'villageIds'));
    const checked = await this.classes.checkedOf(ids);
    const evaluated = await this.classes.evaluationsOf(ids);
    for (const v of villages) {
      const e = evaluated.get(v.id);
      if (e?.outcome === 'conforms') throw invalidField('villageIds', `${v.name}的原村庄规划经评估符合要求，可继续组织实施，不再另行编制`);
      if (e) continue;
      const c = checked.get(v.id);
      if (!c) throw invalidField('villageIds', `${v.name}尚未完成村庄分类审核（县自然资源局审核后方可编制）`);
      if (c.route !== 'own') {
        throw invalidField('villageIds', c.cls === 'relocation' ? `${v.name}为搬迁撤并类村庄，原则上不单独编制（确需单独编制的，应在分类中记录例外理由）` : `${v.name}不单独编制村庄规划（${classLabel(c.cls)}，已纳入其他规划）`);
      }
    }
    const lacks = groupLacks(i.members.filter((m) => m.name.trim()).map((m) => m.kind));
    if (lacks.length) throw invalidField('members', `编制工作组应由乡镇党委政府、县人民政府有关部门、规划设计单位、村民代表共同组成，尚缺：${lacks.join('、')}`);
    if (!i.unitName.trim()) throw invalidField('unitName', '请填写规划编制单位');
    if (!i.unitQualification.trim()) throw invalidField('unitQualification', `规划编制单位应${UNIT_REQUIREMENT}，请填写资质证书编号`);
    if (!i.unitGrade.trim()) throw invalidField('unitGrade', '请填写规划编制单位的资质等级');
    const name = `${villages.map((v) => v.name).join('、')}村庄规划`;
    const row = await this.uow(async () => {
      const r = await this.repo.createCase(
        {
          township_id: townshipId,
          lead_village_id: villages[0].id,
          name,
          status: 'organizing',
          members: JSON.stringify(i.members.filter((m) => m.name.trim()).map((m) => ({ kind: m.kind, name: m.name.trim() }))),
          unit_name: i.unitName.trim(),
          unit_qualification: i.unitQualification.trim(),
          unit_grade: i.unitGrade.trim(),
          revision: 0,
          created_by: actor.name,
          created_at: this.now(),
        },
        villages.map((v) => v.id),
      );
      if (!r) throw conflict('所选村已有村庄规划编制项目');
      await this.flow.created(actor, r, `组织编制：${name}`);
      return r;
    });
    return this.detail(actor, row.id);
  }

  /** A case in the actor's scope, or null (404). */
  async load(actor: Actor, id: number): Promise<CaseRow | null> {
    const c = await this.repo.case(id);
    if (!c) return null;
    const t = townshipsOf(await scopeOfPlans(this.access, actor));
    if (t && !t.includes(c.township_id)) return null;
    // A village committee reads only the cases of its own village.
    const s = await scopeOfPlans(this.access, actor);
    if (s.kind === 'village' && !((await this.repo.villagesOf([c.id])).get(c.id) ?? []).includes(s.villageId)) return null;
    return c;
  }

  /** A case as pages show it, with its deadlines. */
  async view(c: CaseRow, villageIds: number[], n: (id: number) => string, cal: WorkCalendar) {
    const today = this.today();
    const due = (code: 'publish' | 'submit') => {
      const on = code === 'publish' ? c.publish_due : c.submit_due;
      if (!on) return null;
      const done = code === 'publish' ? c.published_on : c.submitted_on;
      const state = deadlineState(cal, today, on, done);
      return { code, label: AFTER_APPROVAL.find((a) => a.code === code)!.label, due: on, doneOn: done, state, stateLabel: DEADLINE_LABELS[state] };
    };
    return {
      id: c.id,
      name: c.name,
      townshipId: c.township_id,
      township: n(c.township_id),
      villages: villageIds.map((id) => ({ id, name: n(id) })),
      status: c.status as keyof CaseFlowDecl['states'],
      statusLabel: this.flow.label(c.status),
      members: (JSON.parse(c.members) as { kind: string; name: string }[]).map((m) => ({ ...m, kindLabel: WORKING_GROUP.find((k) => k.code === m.kind)?.label ?? m.kind })),
      unitName: c.unit_name,
      unitQualification: c.unit_qualification,
      unitGrade: c.unit_grade,
      schemeNote: c.scheme_note,
      reviewNote: c.review_note,
      meeting: c.meeting,
      meetingOn: c.meeting_on,
      noticeIds: c.notice_ids ? (JSON.parse(c.notice_ids) as number[]) : [],
      noticeLastDay: c.notice_last_day,
      objectionsReply: c.objections_reply,
      approvalNo: c.approval_no,
      approvedOn: c.approved_on,
      publishedOn: c.published_on,
      villageRulesNote: c.village_rules_note,
      submittedOn: c.submitted_on,
      evaluationDue: c.evaluation_due,
      revision: c.revision,
      changeReason: c.change_reason,
      deadlines: [due('publish'), due('submit')].filter((d) => d !== null),
      createdAt: c.created_at,
    };
  }

  /** The cases the actor reads, each with its steps (guards not run: a list). */
  async list(actor: Actor) {
    const s = await scopeOfPlans(this.access, actor);
    let rows = await this.repo.cases(townshipsOf(s));
    const villages = await this.repo.villagesOf(rows.map((r) => r.id));
    if (s.kind === 'village') rows = rows.filter((r) => (villages.get(r.id) ?? []).includes(s.villageId));
    const n = await this.names();
    const cal = await this.calendar();
    return Promise.all(rows.map(async (c) => ({ ...(await this.view(c, villages.get(c.id) ?? [], n, cal)), actions: await this.flow.actions(actor, c, { guards: false }) })));
  }

  /** One case with its steps, step log and papers. */
  async detail(actor: Actor, id: number) {
    const c = await this.load(actor, id);
    if (!c) throw notFound(`村庄规划 ${id} `);
    const villages = (await this.repo.villagesOf([c.id])).get(c.id) ?? [];
    return {
      ...(await this.view(c, villages, await this.names(), await this.calendar())),
      actions: await this.flow.actions(actor, c),
      timeline: await this.flow.timeline(c.id),
      papers: Object.entries(PAPER_LABELS).map(([code, label]) => ({ code, label, entity: 'villageplan_paper', entityId: `${c.id}.${code}` })),
    };
  }

  async step(actor: Actor, id: number, step: CaseStep, input: StepInput) {
    await this.flow.run(actor, id, step, input);
    return this.detail(actor, id);
  }

  /** Every case, for the dashboard, workbench and ledger (scope applied by the caller). */
  async rows(townshipIds?: number[]) {
    const rows = await this.repo.cases(townshipIds);
    return { rows, villages: await this.repo.villagesOf(rows.map((r) => r.id)) };
  }

  /** Whether anyone may read a case's papers without login: its plan is approved and published (「上墙、上网」). */
  async isPublic(id: number): Promise<boolean> {
    const c = await this.repo.case(id);
    return !!c && (c.status === 'published' || c.status === 'filed');
  }
}
