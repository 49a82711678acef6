/**
 * 粮食 (交政发〔2022〕8号, 交政办函〔2022〕13号): the module's service, made of its two parts — the county reserve and
 * its rotation (reserve.service.ts), the townships' targets and reports (targets.service.ts) — and their dashboards.
 */
import type { Actor } from '../../core/audit.js';
import type { UnitOfWork } from '../../core/db.js';
import type { XlsxBudget } from '../../core/excel.js';
import type { WorkItem } from '../../core/module.js';
import type { AccountsService } from '../accounts/index.js';
import type { DirectoryService } from '../directory/index.js';
import type { WorkflowService } from '../workflow/index.js';
import { BODIES, reserveScope } from './grain.access.js';
import type { Access } from '../../core/access.js';
import { rotationFlow } from './grain.flow.js';
import { gapRisk, kgToWanJin } from './grain.rules.js';
import type { ReserveRepository } from './reserve.repository.js';
import { ReserveService } from './reserve.service.js';
import type { TargetsRepository } from './targets.repository.js';
import { TargetsService } from './targets.service.js';

export interface GrainDeps {
  reserveRepo: ReserveRepository;
  targetsRepo: TargetsRepository;
  directory: DirectoryService;
  accounts: AccountsService;
  workflow: WorkflowService;
  uow: UnitOfWork;
  budget: XlsxBudget;
  today: () => string;
  now: () => string;
}

export class GrainService {
  readonly reserve: ReserveService;
  readonly targets: TargetsService;

  private readonly access: Access;

  /** Whether the actor reads the reserve (so the page says whose ledger it is instead of asking and being refused). */
  async mayReadReserve(actor: Actor): Promise<boolean> {
    return reserveScope(this.access, actor).then(
      () => true,
      () => false,
    );
  }

  constructor(private readonly d: GrainDeps) {
    const access = (this.access = d.workflow.access(BODIES));
    const repo = d.reserveRepo;
    const flow = d.workflow.bind(
      rotationFlow({ orders: (id) => repo.orders({ rotationId: id }), receivedByOrder: (id) => repo.receivedByOrder(id), finance: (id) => repo.finance(id) }),
      ReserveService.store(repo, access),
      { access, clock: { now: d.now, today: d.today } },
    );
    this.reserve = new ReserveService(repo, access, d.accounts, flow, d.uow, d.today, d.now);
    this.targets = new TargetsService(d.targetsRepo, d.directory, access, d.budget, d.uow, d.now);
  }

  /** The reserve's figures for its dashboard: stock by grain, the year's share, rotations by state, gaps by risk, money. */
  async reserveDashboard(actor: Actor, year: number) {
    const [reserve, lots, rotations] = await Promise.all([this.reserve.reserve(actor, year), this.reserve.lots(actor), this.reserve.rotations(actor)]);
    const grains = [...new Set(lots.map((l) => l.grain))];
    const byGrain = grains.map((g) => {
      const mine = lots.filter((l) => l.grain === g);
      const kg = (f: (l: (typeof lots)[number]) => boolean) => mine.filter(f).reduce((s, l) => s + l.quantityKg, 0);
      return { grain: g, countedWanJin: kgToWanJin(kg((l) => l.counted)), unfitWanJin: kgToWanJin(kg((l) => l.status === 'stored' && l.unfit)), soldWanJin: kgToWanJin(kg((l) => l.status === 'sold' && !l.replacedOn)) };
    });
    const states = this.reserve.flow.stateList().map((s) => ({ status: s.value, label: s.label, count: rotations.filter((r) => r.status === s.value).length }));
    const gaps = lots.filter((l) => l.soldOn);
    const risks = (['正常', '关注', '高风险'] as const).map((risk) => ({ risk, count: gaps.filter((l) => !l.replacedOn && gapRisk(l.gapDays ?? 0) === risk).length }));
    const sumFen = (f: (r: (typeof rotations)[number]) => number | null) => rotations.reduce((s, r) => s + (f(r) ?? 0), 0);
    return { year, reserve, byGrain, states, risks, openGaps: gaps.filter((l) => !l.replacedOn).length, subsidyFen: sumFen((r) => r.subsidyFen), lossFen: sumFen((r) => r.lossFen) };
  }

  /** What waits on the actor: rotation steps (the reserve's bodies and enterprises). */
  async workbench(actor: Actor): Promise<WorkItem[]> {
    return this.reserve.workbench(actor);
  }

  /** The reserve's kilograms counted towards its scale, and those received in a year's rotations (for indicators). */
  async reserveFigures(year: number) {
    const counted = (await this.d.reserveRepo.countedKg()).reduce((s, c) => s + c.kg, 0);
    const received = (await this.d.reserveRepo.receipts()).filter((r) => r.received_on.startsWith(String(year))).reduce((s, r) => s + r.quantity_kg, 0);
    return { counted, received };
  }
}
