/** 涉农资金统筹整合 (交政办发〔2022〕8号): the tree and its versions, projects, milestones and payments. */
import { SYSTEM_ACTOR, type Actor } from '../../core/audit.js';
import { isUniqueViolation, type UnitOfWork } from '../../core/db.js';
import { conflict, invalidField, notFound } from '../../core/errors.js';
import { AgrifundRepository, CapReached, type MilestoneRow, type ProjectRow } from './agrifund.repository.js';
import {
  SOURCE, TOTAL_2022_WAN, TREE_2022, assertMilestoneShares, assertTreeTies, fenToWan, kpis, paymentRefusal, verifiedShareFen, wanToFen,
  type StepCode, type TreeCategory,
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

export class AgrifundService {
  constructor(
    private readonly repo: AgrifundRepository,
    private readonly uow: UnitOfWork,
    private readonly now: () => string,
  ) {}

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

  /** The tree of a version (the current one by default), in 万元 as the document prints it. */
  async tree(year: number, version?: number) {
    const all = await this.repo.versions(year);
    const v = version === undefined ? all.at(-1) : all.find((x) => x.version === version);
    if (!v) throw notFound('资金安排版本');
    const lines = await this.repo.lines(v.id);
    const categories = lines.filter((l) => l.parent_code === null).map((c) => ({
      code: c.code,
      name: c.name,
      amountWan: fenToWan(c.amount_fen),
      items: lines.filter((l) => l.parent_code === c.code).map((i) => ({ code: i.code, name: i.name, amountWan: fenToWan(i.amount_fen) })),
    }));
    return { year, version: v.version, versions: all.map((x) => x.version), totalWan: fenToWan(v.total_fen), note: v.note, categories };
  }

  /** Enter a project at 项目申报, its amount committed against its sub-item (refused when the sub-item is exhausted). */
  async createProject(actor: Actor, input: ProjectInput): Promise<ProjectRow> {
    const amount = wanToFen(input.amountWan, 'amountWan');
    if (amount <= 0) throw invalidField('amountWan', '项目金额应大于零');
    if (!input.milestones.length) throw invalidField('milestones', '请填写计划进度节点');
    assertMilestoneShares(input.milestones);
    const item = await this.repo.item(input.year, input.itemCode);
    if (!item) throw invalidField('itemCode', `资金安排中没有该子项：${input.itemCode}`);
    return this.uow(async () => {
      try {
        const p = await this.repo.createProject(
          { year: input.year, item_code: input.itemCode, name: input.name, township_id: input.townshipId, village_id: input.villageId, implementing_unit: input.implementingUnit, amount_fen: amount, targets: input.targets, step: 'declared', created_by: actor.name, created_at: this.now() },
          input.milestones.map((m, i) => ({ seq: i + 1, name: m.name, due_date: m.dueDate, share_bp: m.shareBp, verified_at: null, verified_by: null, evidence: null })),
        );
        await this.repo.audit(actor, 'agrifund_project', p.id, 'declare', { name: p.name, amountWan: input.amountWan });
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

  /** The project authority verifies a milestone reached, with its evidence (「核实检查」). */
  async verifyMilestone(actor: Actor, projectId: number, seq: number, evidence: string): Promise<MilestoneRow[]> {
    if (!evidence.trim()) throw invalidField('evidence', '请附核实检查材料');
    const p = await this.repo.project(projectId);
    if (!p) throw notFound('项目');
    const ms = await this.repo.milestones(projectId);
    const m = ms.find((x) => x.seq === seq);
    if (!m) throw notFound('进度节点');
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
    if (!p) throw notFound('项目');
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

  async project(id: number) {
    const p = await this.repo.project(id);
    if (!p) throw notFound('项目');
    return { ...p, milestones: await this.repo.milestones(id), payments: await this.repo.payments(id) };
  }

  /** 开工率, 竣工率, 资金拨付率 (basis points) per sub-item of a year, optionally within townships. */
  async kpisBySubItem(year: number, townshipIds?: readonly number[]) {
    const projects = await this.repo.projects(year, townshipIds);
    const items = await this.repo.items(year);
    return items.map((i) => ({
      code: i.code,
      name: i.name,
      ...kpis(projects.filter((p) => p.item_code === i.code).map((p) => ({ step: p.step as StepCode, amountFen: p.amount_fen, paidFen: p.paid_fen }))),
    }));
  }

  async items(year: number) {
    return this.repo.items(year);
  }
}
