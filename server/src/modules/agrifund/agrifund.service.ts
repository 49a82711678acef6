/** 涉农资金统筹整合 (交政办发〔2022〕8号): the tree and its versions, sources, projects on the kit, milestones and payments. */
import type { Access } from '../../core/access.js';
import { SYSTEM_ACTOR, type Actor } from '../../core/audit.js';
import { isUniqueViolation, type UnitOfWork } from '../../core/db.js';
import { conflict, forbidden, invalidField, notFound } from '../../core/errors.js';
import type { FilePolicy } from '../../core/module.js';
import type { StepAction, Flow } from '../../core/workflow.js';
import type { DirectoryService } from '../directory/index.js';
import type { NoticesService } from '../notices/index.js';
import { AgrifundReports } from './agrifund.report.js';
import { AUTHORITY, FINANCE, IMPLEMENTER, townshipsOf } from './agrifund.access.js';
import { PROJECT_STATES, type ProjectRec, type ProjectStep, type StepInput } from './agrifund.flow.js';
import { AgrifundRepository, CapReached, type ItemRow, type MilestoneRow, type ProjectRow } from './agrifund.repository.js';
import {
  PAYABLE_STEPS, SOURCE, SOURCE_LEVELS, SOURCE_STOCKS, SOURCE_YEARS, STEPS, TOTAL_2022_WAN, TREE_2022, assertMilestoneShares, assertSourceKinds,
  assertTreeTies, fenToWan, paymentRefusal, sourceName, verifiedShareFen, wanToFen, type StepCode, type TreeCategory,
} from './agrifund.rules.js';

/** A planned milestone as entered with a project. */
export interface MilestoneInput {
  name: string;
  dueDate: string;
  shareBp: number;
}

/** A project as entered or imported (the 见网络版 tables are the office's, never written here). */
export interface ProjectInput {
  year: number;
  itemCode: string;
  name: string;
  townshipId: number;
  villageId: number | null;
  implementingUnit: string;
  amountWan: string;
  targets: string;
  milestones: MilestoneInput[];
}

/** A funding source as entered on a tree line. */
export interface SourceInput {
  code: string;
  level: string;
  yearKind: string;
  stockKind: string;
  amountWan: string;
}

export type ProjectFlow = Flow<ProjectRec, StepCode, Record<ProjectStep, any>>;

export interface AgrifundDeps {
  repo: AgrifundRepository;
  uow: UnitOfWork;
  now: () => string;
  today: () => string;
  directory: DirectoryService;
  access: Access;
  /** The notices service on the module's clock (the 「两个一律」 notices). */
  notices: () => ReturnType<NoticesService['on']>;
  /** The project procedure, bound by the manifest (its loader is this service's `load`). */
  flow: (svc: AgrifundService) => ProjectFlow;
  /** How many files each record key holds (the files module's counts). */
  fileCounts: (entity: string, keys: string[]) => Promise<Map<string, number>>;
}

/** The files a milestone's verification rests on (「核实检查」: photos, acceptance papers), under `${project}.${seq}`. */
export const EVIDENCE_ENTITY = 'agrifund_evidence';
const EVIDENCE_LABEL = '核实检查材料（照片、验收资料）';

/** Why a project at this step cannot ask for payment (null: it can): only from 开工 until 验收. */
const notPayable = (step: StepCode): string | null =>
  PAYABLE_STEPS.includes(step) ? null : `项目当前为「${PROJECT_STATES[step].label}」，开工后至验收前方可申请拨付`;

export class AgrifundService {
  readonly repo: AgrifundRepository;
  readonly access: Access;
  readonly flow: ProjectFlow;
  readonly reports: AgrifundReports;
  readonly today: () => string;
  private readonly uow: UnitOfWork;
  private readonly now: () => string;
  private readonly directory: DirectoryService;
  private readonly fileCounts: AgrifundDeps['fileCounts'];

  constructor(d: AgrifundDeps) {
    this.fileCounts = d.fileCounts;
    this.repo = d.repo;
    this.uow = d.uow;
    this.now = d.now;
    this.today = d.today;
    this.directory = d.directory;
    this.access = d.access;
    this.flow = d.flow(this);
    this.reports = new AgrifundReports(this, d.notices);
  }

  /** Enter the 2022 tree as printed (version 1), once. */
  async seed(): Promise<string[]> {
    if (await this.repo.currentVersion(2022)) return [];
    await this.revise(SYSTEM_ACTOR, 2022, TOTAL_2022_WAN, TREE_2022, `${SOURCE} 原始安排`);
    return [`涉农资金统筹整合：已录入 2022 年资金安排（${TOTAL_2022_WAN} 万元，${SOURCE}）`];
  }

  /**
   * A new version of a year's tree: refused when a tie breaks or a sub-item would fall below what its projects
   * hold. The sub-items' allocations become the new version's figures; the old version stays as it was.
   */
  async revise(actor: Actor, year: number, totalWan: string, tree: readonly TreeCategory[], note: string) {
    assertTreeTies(totalWan, tree);
    if (actor !== SYSTEM_ACTOR) await this.access.require(actor, AUTHORITY, {}, '修订资金安排');
    return this.uow(async () => {
      const current = await this.repo.currentVersion(year);
      const at = this.now();
      const lines = tree.flatMap((c) => [
        { code: c.code, parent_code: null, name: c.name, amount_fen: wanToFen(c.amountWan) },
        ...c.items.map((i) => ({ code: i.code, parent_code: c.code, name: i.name, amount_fen: wanToFen(i.amountWan) })),
      ]);
      let v;
      try {
        v = await this.repo.addVersion({ year, version: (current?.version ?? 0) + 1, total_fen: wanToFen(totalWan), basis: SOURCE, note, created_by: actor.name, created_at: at }, lines);
      } catch (e) {
        if (isUniqueViolation(e)) throw conflict('资金安排已被他人修订，请刷新后重试');
        throw e;
      }
      for (const c of tree) {
        for (const i of c.items) {
          if (!(await this.repo.setAllocation(year, i.code, i.name, wanToFen(i.amountWan)))) {
            throw conflict(`${i.name}调整后的安排资金低于已安排项目或已拨付金额`, [{ field: 'tree', message: `${i.name}安排资金不足` }]);
          }
        }
      }
      await this.repo.audit(actor, 'agrifund_version', v.id, 'revise', { year, version: v.version, totalWan, note });
      return v;
    });
  }

  /** The tree of a version (the current one by default), in 万元 as the document prints it, with each sub-item's use. */
  async tree(year: number, version?: number) {
    const all = await this.repo.versions(year);
    const v = version === undefined ? all.at(-1) : all.find((x) => x.version === version);
    if (!v) throw notFound('资金安排版本');
    const lines = await this.repo.lines(v.id);
    const items = new Map((await this.repo.items(year)).map((i) => [i.code, i]));
    const current = v.id === all.at(-1)!.id;
    const use = (code: string) => {
      const i = current ? items.get(code) : undefined;
      return { committedWan: fenToWan(i?.committed_fen ?? 0), paidWan: fenToWan(i?.paid_fen ?? 0) };
    };
    const categories = lines.filter((l) => l.parent_code === null).map((c) => ({
      code: c.code,
      name: c.name,
      amountWan: fenToWan(c.amount_fen),
      items: lines.filter((l) => l.parent_code === c.code).map((i) => ({ code: i.code, name: i.name, amountWan: fenToWan(i.amount_fen), ...use(i.code) })),
    }));
    return { year, version: v.version, versions: all.map((x) => x.version), totalWan: fenToWan(v.total_fen), note: v.note, basis: v.basis, createdAt: v.created_at, categories };
  }

  /** Record where a line's money comes from (省/市/县, 当年/结转, 存量/增量), on the current version. */
  async recordSource(actor: Actor, year: number, s: SourceInput) {
    await this.access.require(actor, [...AUTHORITY, ...FINANCE], {}, '录入资金来源');
    assertSourceKinds(s);
    const amount = wanToFen(s.amountWan, 'amountWan');
    if (amount <= 0) throw invalidField('amountWan', '来源金额应大于零');
    const v = await this.repo.currentVersion(year);
    if (!v) throw notFound('资金安排版本');
    const line = (await this.repo.lines(v.id)).find((l) => l.code === s.code);
    if (!line) throw invalidField('code', `资金安排中没有该项：${s.code}`);
    return this.uow(async () => {
      const row = await this.repo.addSource({ version_id: v.id, code: s.code, level: s.level, year_kind: s.yearKind, stock_kind: s.stockKind, amount_fen: amount });
      await this.repo.audit(actor, 'agrifund_source', row.id, 'source', { year, ...s });
      return this.sourceView(row, line.name);
    });
  }

  private sourceView(r: { id: number; code: string; level: string; year_kind: string; stock_kind: string; amount_fen: number }, lineName: string) {
    return {
      id: r.id, code: r.code, lineName, level: r.level, levelName: sourceName(SOURCE_LEVELS, r.level), yearKind: r.year_kind, yearName: sourceName(SOURCE_YEARS, r.year_kind),
      stockKind: r.stock_kind, stockName: sourceName(SOURCE_STOCKS, r.stock_kind), amountWan: fenToWan(r.amount_fen),
    };
  }

  /** The sources of the current version of a year. */
  async sources(year: number) {
    const v = await this.repo.currentVersion(year);
    if (!v) return [];
    const names = new Map((await this.repo.lines(v.id)).map((l) => [l.code, l.name]));
    // Traced to what the sub-item pays: its projects' amounts and payments beside each of its sources.
    const items = new Map((await this.repo.items(year)).map((i) => [i.code, i]));
    return (await this.repo.sources(v.id)).map((r) => ({ ...this.sourceView(r, names.get(r.code) ?? r.code), committedWan: fenToWan(items.get(r.code)?.committed_fen ?? 0), paidWan: fenToWan(items.get(r.code)?.paid_fen ?? 0) }));
  }

  /** Enter a project at 项目申报, its amount committed against its sub-item (refused when the sub-item is exhausted). */
  async createProject(actor: Actor, input: ProjectInput): Promise<ProjectRow> {
    if (actor !== SYSTEM_ACTOR) {
      // 「各乡镇、各部门负责…项目申报立项」: a township declares its own projects; the county may enter one for any.
      const own = await this.access.which(actor, IMPLEMENTER, { townshipId: input.townshipId });
      if (!own && !(await this.access.which(actor, AUTHORITY, {}))) throw forbidden('项目申报由项目所在乡镇或项目主管部门办理');
    }
    const amount = wanToFen(input.amountWan, 'amountWan');
    if (amount <= 0) throw invalidField('amountWan', '项目金额应大于零');
    if (!input.name.trim()) throw invalidField('name', '请填写项目名称');
    if (!input.milestones.length) throw invalidField('milestones', '请填写计划进度节点');
    assertMilestoneShares(input.milestones);
    const units = await this.directory.all();
    const town = units.find((u) => u.id === input.townshipId && u.kind === 'township');
    if (!town) throw invalidField('townshipId', '乡镇不存在');
    if (input.villageId !== null && !units.some((u) => u.id === input.villageId && u.kind === 'village' && u.parentId === town.id)) {
      throw invalidField('villageId', `该村不属于${town.name}`);
    }
    const item = await this.repo.item(input.year, input.itemCode);
    if (!item) throw invalidField('itemCode', `资金安排中没有该子项：${input.itemCode}`);
    return this.uow(async () => {
      try {
        const p = await this.repo.createProject(
          { year: input.year, item_code: input.itemCode, name: input.name.trim(), township_id: input.townshipId, village_id: input.villageId, implementing_unit: input.implementingUnit.trim(), amount_fen: amount, targets: input.targets.trim(), step: 'declared', created_by: actor.name, created_at: this.now() },
          input.milestones.map((m, i) => ({ seq: i + 1, name: m.name, due_date: m.dueDate, share_bp: m.shareBp, verified_at: null, verified_by: null, evidence: null, reported_at: null, reported_by: null, report_note: null, request_fen: null })),
        );
        await this.repo.audit(actor, 'agrifund_project', p.id, 'declare', { name: p.name, amountWan: input.amountWan });
        await this.flow.created(actor, await this.rec(p), `项目申报：${p.name}`);
        return p;
      } catch (e) {
        if (e instanceof CapReached) {
          const left = Math.max(0, item.allocated_fen - item.committed_fen);
          throw conflict(`${item.name}安排资金已不足（尚可安排 ${fenToWan(left)} 万元）`, [{ field: 'amountWan', message: '超过子项剩余安排资金' }]);
        }
        throw e;
      }
    });
  }

  /** A project as the kit sees it (names and the payment state the guards read); a list passes its year's sub-items once. */
  async rec(p: ProjectRow, ms?: MilestoneRow[], yearItems?: readonly ItemRow[]): Promise<ProjectRec> {
    const units = await this.directory.all();
    const items = yearItems ?? (await this.repo.items(p.year));
    const m = ms ?? (await this.repo.milestones(p.id));
    return {
      ...p, status: p.step as StepCode,
      township: units.find((u) => u.id === p.township_id)?.name ?? '',
      village: p.village_id ? (units.find((u) => u.id === p.village_id)?.name ?? null) : null,
      itemName: items.find((i) => i.code === p.item_code)?.name ?? p.item_code,
      allVerified: m.every((x) => x.verified_at !== null),
      unpaidVerified: p.paid_fen < p.verified_fen && m.some((x) => x.verified_at !== null && x.request_fen !== null),
    };
  }

  /** A project in the actor's scope, or null (404): a township its own, a village its own village's. */
  async load(actor: Actor, id: number): Promise<ProjectRec | null> {
    const p = await this.repo.project(id);
    if (!p || !(await this.inScope(actor, p))) return null;
    return this.rec(p);
  }

  private async inScope(actor: Actor, p: ProjectRow): Promise<boolean> {
    const t = await townshipsOf(this.access, actor);
    if (t && !t.includes(p.township_id)) return false;
    if (actor.role === 'village_committee') return p.village_id === actor.unitId;
    return true;
  }

  /** The projects the actor reads. */
  async scoped(actor: Actor, year: number): Promise<ProjectRow[]> {
    const rows = await this.repo.projects(year, await townshipsOf(this.access, actor));
    return actor.role === 'village_committee' ? rows.filter((p) => p.village_id === actor.unitId) : rows;
  }

  /** A project as pages show it: amounts in 万元, its step, what the actor may do. */
  async view(actor: Actor, p: ProjectRow, detail: boolean, ms?: MilestoneRow[], yearItems?: readonly ItemRow[]) {
    const milestones = ms ?? (await this.repo.milestones(p.id));
    const r = await this.rec(p, milestones, yearItems);
    return {
      id: p.id, year: p.year, name: p.name, itemCode: p.item_code, itemName: r.itemName, townshipId: p.township_id, township: r.township,
      villageId: p.village_id, village: r.village, implementingUnit: p.implementing_unit, targets: p.targets,
      amountWan: fenToWan(p.amount_fen), verifiedWan: fenToWan(p.verified_fen), paidWan: fenToWan(p.paid_fen),
      step: r.status, stepLabel: PROJECT_STATES[r.status].label, stepIndex: STEPS.findIndex((s) => s.code === r.status),
      createdAt: p.created_at,
      milestones: await Promise.all(milestones.map(async (m) => ({
        seq: m.seq, name: m.name, dueDate: m.due_date, sharePct: (m.share_bp / 100).toFixed(2), shareWan: fenToWan(verifiedShareFen(p.amount_fen, [{ shareBp: m.share_bp, verified: true }])),
        reportedAt: m.reported_at, reportNote: m.report_note, requestWan: m.request_fen === null ? null : fenToWan(m.request_fen),
        verifiedAt: m.verified_at, verifiedBy: m.verified_by, evidence: m.evidence,
        actions: detail ? await this.milestoneActions(actor, r, m) : [],
      }))),
      actions: await this.flow.actions(actor, r, { guards: detail }),
    };
  }

  /** The payment steps of a milestone as StepActions: 申请拨付 (township), 核实 (authority), 拨付 (treasury). */
  private async milestoneActions(actor: Actor, p: ProjectRec, m: MilestoneRow): Promise<StepAction[]> {
    const rel = { townshipId: p.township_id, villageId: p.village_id };
    const base = `/api/agrifund/projects/${p.id}/milestones/${m.seq}`;
    const payable = notPayable(p.status);
    const out: StepAction[] = [];
    const add = (step: string, label: string, reason: string | null, fields: StepAction['fields'], path: string, files: StepAction['files'] = []) =>
      out.push({ step, label, allowed: reason === null, reason, path, fields, files, confirm: null, danger: false, body: {} });
    if (!m.reported_at && !m.verified_at && (await this.access.which(actor, IMPLEMENTER, rel))) {
      add('request', `申请拨付：${m.name}`, payable, [
        { name: 'amountWan', label: '申请金额（万元）', kind: 'text', required: true, placeholder: '万元，最多四位小数' },
        { name: 'note', label: '达到进度情况', kind: 'textarea', required: true },
      ], `${base}/request`);
    }
    if (!m.verified_at && (await this.access.which(actor, AUTHORITY, rel))) {
      const key = `${p.id}.${m.seq}`;
      const present = await this.hasEvidence(key);
      const reason = payable ?? (m.reported_at ? null : '实施单位尚未申请拨付') ?? (present ? null : `请先上传${EVIDENCE_LABEL}`);
      add('verify', `核实进度：${m.name}`, reason, [{ name: 'evidence', label: '核实检查情况（材料、现场）', kind: 'textarea', required: true }], `${base}/verify`, [{ entity: EVIDENCE_ENTITY, entityId: key, label: EVIDENCE_LABEL, present }]);
    }
    if (m.verified_at && (await this.access.which(actor, FINANCE, rel))) {
      const left = p.verified_fen - p.paid_fen;
      add('pay', `拨付：${m.name}`, payable ?? (left > 0 ? null : '已核实进度对应的金额已拨付完毕'), [{ name: 'amountWan', label: `拨付金额（万元，可拨付 ${fenToWan(Math.max(0, left))}）`, kind: 'text', required: true, placeholder: '万元，最多四位小数' }], `${base}/pay`);
    }
    return out;
  }

  /** The implementing unit asks for payment, naming the milestone reached and the amount. */
  async requestPayment(actor: Actor, projectId: number, seq: number, amountWan: string, note: string) {
    const p = await this.load(actor, projectId);
    if (!p) throw notFound('项目');
    await this.access.require(actor, IMPLEMENTER, { townshipId: p.township_id }, '申请拨付');
    const refused = notPayable(p.status);
    if (refused) throw conflict(refused);
    const amount = wanToFen(amountWan, 'amountWan');
    if (amount <= 0) throw invalidField('amountWan', '申请金额应大于零');
    if (!note.trim()) throw invalidField('note', '请填写达到进度情况');
    const m = (await this.repo.milestones(projectId)).find((x) => x.seq === seq);
    if (!m) throw notFound('进度节点');
    const share = verifiedShareFen(p.amount_fen, [{ shareBp: m.share_bp, verified: true }]);
    if (amount > share) throw invalidField('amountWan', `申请金额超过该节点对应金额（${fenToWan(share)} 万元）`);
    await this.uow(async () => {
      if (!(await this.repo.reportMilestone(projectId, seq, actor.name, this.now(), note.trim(), amount))) throw conflict(`进度节点「${m.name}」已申请拨付`);
      await this.repo.audit(actor, 'agrifund_milestone', `${projectId}.${seq}`, 'request', { amountWan, note });
    });
    return this.detail(actor, projectId);
  }

  /** Whether a milestone (`${project}.${seq}`) has its verification papers on file. */
  private async hasEvidence(key: string): Promise<boolean> {
    return ((await this.fileCounts(EVIDENCE_ENTITY, [key])).get(key) ?? 0) > 0;
  }

  /**
   * Who reads and attaches a milestone's verification papers: whoever may read the project reads them; the township
   * that implements it (its progress papers) and the project authority (its inspection) attach, until it is verified.
   */
  readonly evidencePolicy: FilePolicy = {
    mimes: ['application/pdf', 'image/jpeg', 'image/png'],
    canRead: async (actor, entityId) => {
      const m = /^(\d+)\.(\d+)$/.exec(entityId);
      return !!actor && !!m && !!(await this.load(actor, Number(m[1])));
    },
    canAttach: async (actor, entityId) => {
      const m = /^(\d+)\.(\d+)$/.exec(entityId);
      const p = m ? await this.load(actor, Number(m[1])) : null;
      if (!p) return false;
      const ms = (await this.repo.milestones(p.id)).find((x) => x.seq === Number(m![2]));
      if (!ms || ms.verified_at) return false;
      return !!(await this.access.which(actor, [...AUTHORITY, ...IMPLEMENTER], { townshipId: p.township_id, villageId: p.village_id }));
    },
  };

  /** The project authority verifies a milestone reached, with its evidence (「核实检查」). */
  async verifyMilestone(actor: Actor, projectId: number, seq: number, evidence: string): Promise<MilestoneRow[]> {
    if (!evidence.trim()) throw invalidField('evidence', '请附核实检查材料');
    const p = await this.repo.project(projectId);
    if (!p || (actor !== SYSTEM_ACTOR && !(await this.inScope(actor, p)))) throw notFound('项目');
    if (actor !== SYSTEM_ACTOR) {
      await this.access.require(actor, AUTHORITY, { townshipId: p.township_id }, '核实进度');
      if (!PAYABLE_STEPS.includes(p.step as StepCode)) throw conflict(`项目当前为「${PROJECT_STATES[p.step as StepCode].label}」，开工后方可核实进度`);
    }
    const ms = await this.repo.milestones(projectId);
    const m = ms.find((x) => x.seq === seq);
    if (!m) throw notFound('进度节点');
    // The authority verifies what the implementing unit reports reached (a request), not a milestone nobody claimed.
    if (actor !== SYSTEM_ACTOR && !m.reported_at && !m.verified_at) throw conflict(`进度节点「${m.name}」实施单位尚未申请拨付`);
    // 「核实检查」 rests on papers: a verification with none on file is refused (the demo's own entries excepted).
    if (actor !== SYSTEM_ACTOR && !m.verified_at && !(await this.hasEvidence(`${projectId}.${seq}`))) throw conflict(`请先上传${EVIDENCE_LABEL}`);
    const share = verifiedShareFen(p.amount_fen, [{ shareBp: m.share_bp, verified: true }]);
    await this.uow(async () => {
      if (!(await this.repo.verifyMilestone(projectId, seq, actor.name, this.now(), evidence, share))) throw conflict(`进度节点「${m.name}」已核实`);
      await this.repo.audit(actor, 'agrifund_milestone', `${projectId}.${seq}`, 'verify', { evidence });
    });
    return this.repo.milestones(projectId);
  }

  /** A payment against a reached milestone; refused with the reason, nothing written, on the gate or a cap. */
  async pay(actor: Actor, projectId: number, seq: number, amountWan: string) {
    const amount = wanToFen(amountWan, 'amountWan');
    const p = await this.repo.project(projectId);
    if (!p || (actor !== SYSTEM_ACTOR && !(await this.inScope(actor, p)))) throw notFound('项目');
    if (actor !== SYSTEM_ACTOR) {
      await this.access.require(actor, FINANCE, { townshipId: p.township_id }, '资金拨付');
      if (!PAYABLE_STEPS.includes(p.step as StepCode)) throw conflict(`项目当前为「${PROJECT_STATES[p.step as StepCode].label}」，不在拨付阶段`);
    }
    const m = (await this.repo.milestones(projectId)).find((x) => x.seq === seq);
    if (!m) throw notFound('进度节点');
    const item = (await this.repo.item(p.year, p.item_code))!;
    const why = paymentRefusal({ requestFen: amount, milestoneVerified: m.verified_at !== null, paidFen: p.paid_fen, verifiedFen: p.verified_fen, itemAllocatedFen: item.allocated_fen, itemPaidFen: item.paid_fen });
    if (why) throw invalidField('amountWan', why);
    try {
      return await this.uow(async () => {
        const row = await this.repo.pay({ projectId, year: p.year, itemCode: p.item_code, seq, amountFen: amount, by: actor.name, at: this.now() });
        await this.repo.audit(actor, 'agrifund_payment', row.id, 'pay', { projectId, seq, amountWan });
        return row;
      });
    } catch (e) {
      // Another payment came first: what was read above no longer holds, and the conditional update said so.
      if (e instanceof CapReached) throw conflict('拨付额度已被其他拨付占用，请刷新后重试', [{ field: 'amountWan', message: '超过可拨付金额' }]);
      throw e;
    }
  }

  /** A project with its milestones and payments (no scope: the service's own reads and tests). */
  async project(id: number) {
    const p = await this.repo.project(id);
    if (!p) throw notFound('项目');
    return { ...p, milestones: await this.repo.milestones(id), payments: await this.repo.payments(id) };
  }

  /** One project as its page shows it: the view, its payments and its step log. */
  async detail(actor: Actor, id: number) {
    const r = await this.load(actor, id);
    if (!r) throw notFound('项目');
    const p = (await this.repo.project(id))!;
    const payments = (await this.repo.payments(id)).map((x) => ({ id: x.id, seq: x.milestone_seq, amountWan: fenToWan(x.amount_fen), by: x.by_name, at: x.at }));
    // Where the project's money comes from: the sources recorded for its sub-item.
    const sources = (await this.sources(p.year)).filter((x) => x.code === p.item_code);
    return { ...(await this.view(actor, p, true)), payments, sources, timeline: await this.flow.timeline(id) };
  }

  /** A step of the procedure, by the kit. */
  async step(actor: Actor, id: number, step: ProjectStep, input: StepInput) {
    await this.flow.run(actor, id, step, input);
    return this.detail(actor, id);
  }

  async items(year: number) {
    return this.repo.items(year);
  }

  /** The directory's townships (for forms and the dashboard). */
  async townships() {
    return (await this.directory.all()).filter((u) => u.kind === 'township');
  }

  /** The directory (names of units). */
  async units() {
    return this.directory.all();
  }
}
