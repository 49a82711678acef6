/**
 * 审计抽查 of the integrated fund (交政办发〔2022〕8号 六、（二）): the 县审计局 draws a share of the year's paid projects
 * (recorded with its seed, so anyone can redraw it), concludes on each drawn project, and passes a finding it does not
 * pass on to the 县纪委监委 as a lead, which the 纪委 receives and closes with its outcome.
 */
import { randomBytes } from 'node:crypto';
import type { Access } from '../../core/access.js';
import type { Actor } from '../../core/audit.js';
import { isUniqueViolation, type UnitOfWork } from '../../core/db.js';
import { conflict, invalidField, notFound } from '../../core/errors.js';
import type { WorkItem } from '../../core/module.js';
import type { StepAction } from '../../core/workflow.js';
import { sampleSize, seededSample } from '../../core/sample.js';
import { AUDITOR, DISCIPLINE } from './agrifund.access.js';
import type { AgrifundAuditsRepository, CheckRow, DrawRow, LeadRow } from './agrifund.audits.repository.js';
import { AUDIT_MIN_PERCENT, AUDIT_RULE, LEAD_NEEDS_FINDING, fenToWan } from './agrifund.rules.js';
import type { ProjectRow } from './agrifund.repository.js';

const LEAD_STATUS = { referred: '已移交，待受理', received: '已受理，查处中', closed: '已办结' } as const;

/** A step the page shows as a button (and its form), in the platform's StepAction shape. */
const action = (step: string, label: string, path: string, body: Record<string, unknown>, fields: StepAction['fields'] = [], extra: Partial<StepAction> = {}): StepAction => ({ step, label, allowed: true, reason: null, path, fields, files: [], confirm: null, danger: false, body, ...extra });

/** What the audits need of the rest of the module: the projects by id and the townships' names. */
export interface AuditPorts {
  projects: (ids: number[]) => Promise<ProjectRow[]>;
  townshipName: (id: number) => Promise<string>;
}

export class AgrifundAudits {
  constructor(
    private readonly repo: AgrifundAuditsRepository,
    private readonly access: Access,
    private readonly uow: UnitOfWork,
    private readonly now: () => string,
    private readonly ports: AuditPorts,
  ) {}

  /** A new draw of the year's paid projects: at least AUDIT_MIN_PERCENT %, the seed recorded (a given one is kept). */
  async draw(actor: Actor, year: number, percent: number, seed?: string) {
    await this.access.require(actor, AUDITOR, {}, '审计抽查');
    if (percent < AUDIT_MIN_PERCENT || percent > 100) throw invalidField('percent', '抽查比例不符', `抽查比例应在 ${AUDIT_MIN_PERCENT}%–100% 之间`);
    const population = await this.repo.paidProjects(year);
    if (!population.length) throw conflict(`${year} 年尚无已拨付资金的项目，无可抽查`);
    const s = seed?.trim() || randomBytes(8).toString('hex');
    const drawn = await seededSample(population, s, sampleSize(population.length, percent));
    const row = await this.uow(() => this.repo.addDraw(actor, { year, seed: s, percent, population: JSON.stringify(population), drawn: JSON.stringify(drawn), by_name: actor.name, at: this.now() }));
    return (await this.views([row], true))[0];
  }

  /** The year's draws, newest first, each with its projects, conclusions and whether the seed redraws the same. */
  async list(actor: Actor, year: number) {
    await this.access.require(actor, [...AUDITOR, ...DISCIPLINE], {}, '查看审计抽查');
    const mayCheck = !!(await this.access.which(actor, AUDITOR, {}));
    return { rule: AUDIT_RULE, minPercent: AUDIT_MIN_PERCENT, draws: await this.views(await this.repo.draws(year), mayCheck) };
  }

  /** Draws as the page reads them; `mayCheck`: each drawn project without a conclusion carries the auditor's two steps. */
  private async views(draws: DrawRow[], mayCheck: boolean) {
    const checks = await this.repo.checks(draws.map((d) => d.id));
    const leads = new Map((await this.repo.leads()).map((l) => [l.check_id, l]));
    const ids = [...new Set(draws.flatMap((d) => JSON.parse(d.drawn) as number[]))];
    const projects = new Map((await this.ports.projects(ids)).map((p) => [p.id, p]));
    return Promise.all(draws.map(async (d) => {
      const population = JSON.parse(d.population) as number[];
      const drawn = JSON.parse(d.drawn) as number[];
      const redrawn = await seededSample(population, d.seed, drawn.length);
      return {
        id: d.id, year: d.year, seq: d.seq, seed: d.seed, percent: d.percent, population: population.length, by: d.by_name, at: d.at,
        // The draw redone from its seed and population gives the same projects: nobody picked them by hand.
        reproducible: redrawn.join() === drawn.join(),
        projects: await Promise.all(drawn.map(async (id) => {
          const p = projects.get(id);
          const c = checks.find((x) => x.draw_id === d.id && x.project_id === id);
          const path = `/api/agrifund/audits/${d.id}/checks`;
          const actions = mayCheck && !c ? [
            action('pass', '通过', path, { projectId: id, passed: true }, [], { confirm: '确认该项目抽查通过、未发现问题？' }),
            action('fail', '未通过', path, { projectId: id, passed: false }, [
              { name: 'finding', label: '发现的问题', kind: 'textarea', required: true },
              { name: 'refer', label: '移交县纪委监委', kind: 'select', required: true, options: [{ value: 'false', label: '否（由审计部门处理纠正）' }, { value: 'true', label: '是（违法违纪案件线索）' }] },
            ], { danger: true }),
          ] : [];
          return { projectId: id, name: p?.name ?? `#${id}`, township: p ? await this.ports.townshipName(p.township_id) : '', amountWan: p ? fenToWan(p.amount_fen) : '0', paidWan: p ? fenToWan(p.paid_fen) : '0', check: c ? checkView(c, leads.get(c.id)) : null, actions };
        })),
      };
    }));
  }

  /** The auditor's conclusion on one drawn project; a finding not passed may be referred to the 纪委 as a lead. */
  async check(actor: Actor, drawId: number, body: { projectId: number; passed: boolean; finding: string; refer: boolean }) {
    await this.access.require(actor, AUDITOR, {}, '出具抽查结论');
    const d = await this.repo.draw(drawId);
    if (!d) throw notFound('抽查批次');
    if (!(JSON.parse(d.drawn) as number[]).includes(body.projectId)) throw invalidField('projectId', '项目未被抽中', `项目 ${body.projectId} 不在第 ${d.seq} 次抽查的抽中项目中`);
    const finding = body.finding.trim();
    if (!body.passed && finding.length < 4) throw invalidField('finding', '请写明发现的问题', '抽查未通过的，须写明发现的问题');
    if (body.refer && body.passed) throw invalidField('refer', LEAD_NEEDS_FINDING);
    try {
      await this.uow(async () => {
        const c = await this.repo.addCheck(actor, { draw_id: d.id, project_id: body.projectId, passed: body.passed ? 1 : 0, finding: finding || '未发现问题', by_name: actor.name, at: this.now() });
        if (body.refer) await this.repo.addLead(actor, { check_id: c.id, project_id: body.projectId, summary: finding, status: 'referred', referred_by: actor.name, referred_at: this.now() });
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw conflict('该项目本次抽查已有结论');
      throw e;
    }
    return (await this.views([d], true))[0];
  }

  /** The leads passed to the 纪委, newest first, with the project each concerns. */
  async leads(actor: Actor) {
    await this.access.require(actor, [...AUDITOR, ...DISCIPLINE], {}, '查看移交线索');
    const rows = await this.repo.leads();
    const projects = new Map((await this.ports.projects([...new Set(rows.map((l) => l.project_id))])).map((p) => [p.id, p]));
    const mayHandle = !!(await this.access.which(actor, DISCIPLINE, {}));
    return Promise.all(rows.map(async (l) => {
      const p = projects.get(l.project_id);
      const actions = !mayHandle ? [] : l.status === 'referred' ? [action('receive', '受理', `/api/agrifund/leads/${l.id}/receive`, {}, [], { confirm: '确认受理该线索？' })] : l.status === 'received' ? [action('close', '办结', `/api/agrifund/leads/${l.id}/close`, {}, [{ name: 'outcome', label: '查处问责结果', kind: 'textarea', required: true }])] : [];
      return { ...leadView(l), projectName: p?.name ?? `#${l.project_id}`, township: p ? await this.ports.townshipName(p.township_id) : '', mayReceive: mayHandle && l.status === 'referred', mayClose: mayHandle && l.status === 'received', actions };
    }));
  }

  /** 受理 (referred → received) or 办结 with the outcome (received → closed), by the 纪委; a lost race answers 409. */
  async handle(actor: Actor, id: number, step: 'receive' | 'close', outcome: string) {
    await this.access.require(actor, DISCIPLINE, {}, step === 'receive' ? '受理线索' : '办结线索');
    const l = await this.repo.lead(id);
    if (!l) throw notFound('线索');
    if (step === 'close' && outcome.trim().length < 4) throw invalidField('outcome', '请写明查处结果', '办结须写明查处问责结果');
    const moved = step === 'receive'
      ? await this.uow(() => this.repo.moveLead(actor, id, 'referred', { status: 'received', received_by: actor.name, received_at: this.now() }))
      : await this.uow(() => this.repo.moveLead(actor, id, 'received', { status: 'closed', outcome: outcome.trim(), closed_by: actor.name, closed_at: this.now() }));
    if (!moved) throw conflict(step === 'receive' ? `该线索${LEAD_STATUS[l.status]}，不能再受理` : `该线索${LEAD_STATUS[l.status]}，不能办结`);
    return leadView((await this.repo.lead(id))!);
  }

  async workbench(actor: Actor): Promise<WorkItem[]> {
    const auditor = !!(await this.access.which(actor, AUDITOR, {}));
    // The 纪委's own officials: the administrator, who may stand in for it, is not given its queue.
    const discipline = !!(await this.access.which(actor, DISCIPLINE.slice(0, 1), {}));
    if (!auditor && !discipline) return [];
    const w = await this.repo.waiting();
    const items: WorkItem[] = [];
    if (auditor) items.push({ module: '涉农资金', title: '抽中项目待出具抽查结论', count: w.unchecked, link: '/agrifund?tab=audits' });
    if (discipline) {
      items.push({ module: '涉农资金', title: '审计移交线索待受理', count: w.referred, link: '/agrifund?tab=audits' });
      items.push({ module: '涉农资金', title: '线索查处中，待办结', count: w.received, link: '/agrifund?tab=audits' });
    }
    return items;
  }
}

function leadView(l: LeadRow) {
  return { id: l.id, projectId: l.project_id, summary: l.summary, status: l.status, statusLabel: LEAD_STATUS[l.status], referredBy: l.referred_by, referredAt: l.referred_at, receivedBy: l.received_by, receivedAt: l.received_at, outcome: l.outcome, closedBy: l.closed_by, closedAt: l.closed_at };
}

function checkView(c: CheckRow, lead: LeadRow | undefined) {
  return { passed: !!c.passed, finding: c.finding, by: c.by_name, at: c.at, lead: lead ? { id: lead.id, status: lead.status, statusLabel: LEAD_STATUS[lead.status] } : null };
}
