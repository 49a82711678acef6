/**
 * 农业生产托管 (交政办发〔2022〕16号): the module's service, made of its parts by concern — organisations
 * (orgs.service.ts), contracts, works and acceptance, settlement, dashboards — with the procedures bound to the kit
 * on the module's own clock, so the notices they publish carry the same dates as the records.
 */
import type { Actor } from '../../core/audit.js';
import type { UnitOfWork } from '../../core/db.js';
import { conflict, invalid } from '../../core/errors.js';
import type { AccountsService } from '../accounts/index.js';
import type { DirectoryService } from '../directory/index.js';
import type { FilesService } from '../files/index.js';
import type { WorkflowService } from '../workflow/index.js';
import { ContractsService, type ContractBodyIn } from './contracts.service.js';
import { DashboardService } from './dashboard.service.js';
import { BODIES, orgFlow } from './orgs.flow.js';
import { OrgsService } from './orgs.service.js';
import { SettlementService } from './settlement.service.js';
import { TrusteeshipContext, type StageRate } from './trusteeship.context.js';
import type { TrusteeshipRepository } from './trusteeship.repository.js';
import { SOURCE, checkStageTable, type CriterionCode, type StageCode } from './trusteeship.rules.js';
import type { Level } from './acceptance.flow.js';
import { WorksService } from './works.service.js';

export type { StageRate } from './trusteeship.context.js';

export interface TrusteeshipDeps {
  repo: TrusteeshipRepository;
  directory: DirectoryService;
  accounts: AccountsService;
  files: FilesService;
  workflow: WorkflowService;
  uow: UnitOfWork;
  today: () => string;
  now: () => string;
}

export class TrusteeshipService {
  private readonly c: TrusteeshipContext;
  private readonly orgsPart: OrgsService;
  private readonly contractsPart: ContractsService;
  private readonly worksPart: WorksService;
  private readonly settlement: SettlementService;
  private readonly dashboards: DashboardService;

  constructor(d: TrusteeshipDeps) {
    const access = d.workflow.access(BODIES);
    const clock = { now: d.now, today: d.today };
    const c = (this.c = new TrusteeshipContext(d.repo, d.directory, access, d.uow, d.today, d.now));
    const orgs = d.workflow.bind(
      orgFlow({ today: d.today, now: d.now, centreId: () => c.centreId(), townshipName: async (id) => (await d.directory.get(id)).name, setNoticeEnd: (id, end) => d.repo.setOrgNoticeEnd(id, end) }),
      OrgsService.store(c),
      { access, clock },
    );
    this.orgsPart = new OrgsService(c, orgs);
    this.contractsPart = new ContractsService(c, this.orgsPart, d.accounts);
    const works = WorksService.workFlow(c, d.files);
    const seasons = WorksService.seasonFlow(c);
    this.worksPart = new WorksService(c, this.orgsPart, this.contractsPart, d.workflow.bind(works.decl, works.store, { access, clock }), d.workflow.bind(seasons.decl, seasons.store, { access, clock }), { work: works.store, season: seasons.store });
    this.settlement = new SettlementService(c, this.orgsPart);
    this.dashboards = new DashboardService(c, this.orgsPart);
  }

  /** A season's price and subsidy table: the office's entry for that season, or for 2022 the gazette's own. */
  ratesFor(season: number) {
    return this.c.ratesFor(season);
  }

  /** Enter a season's table from its document; every stage's subsidy within 30 % of its price (「不超过 30%」). */
  async enterRates(actor: Actor, season: number, document: string, stages: StageRate[]) {
    await this.c.requireCentre(actor);
    const problems = checkStageTable(stages);
    if (problems.length) throw invalid(problems.join('；'), problems.map(() => ({ field: 'stages', message: '补助超过服务价格的 30%' })));
    if (season === 2022 || !(await this.c.repo.addRates(actor, { season, document, stages: JSON.stringify(stages), entered_by: actor.name, entered_at: this.c.now() }))) {
      throw conflict(`${season} 年的补助标准已有（${season === 2022 ? SOURCE : '已录入'}），不能重复录入`);
    }
    return this.ratesFor(season);
  }

  /** For routes: only the centre (and the county administrator) may read the county's totals. */
  requireCentreOf(actor: Actor) {
    return this.c.requireCentre(actor);
  }

  apply(actor: Actor, body: { name: string; creditCode: string; orgType: string; townshipId: number; villageId: number | null; criteria: Record<CriterionCode, string> }) {
    return this.orgsPart.apply(actor, body);
  }
  orgs(actor: Actor) {
    return this.orgsPart.orgs(actor);
  }
  publicOrgs() {
    return this.orgsPart.publicOrgs();
  }
  recommend(actor: Actor, id: number) {
    return this.orgsPart.recommend(actor, id);
  }
  review(actor: Actor, id: number, approve: boolean, note: string) {
    return this.orgsPart.review(actor, id, approve, note);
  }
  publish(actor: Actor, id: number) {
    return this.orgsPart.publish(actor, id);
  }
  countyContract(actor: Actor, id: number, contractNo: string) {
    return this.orgsPart.countyContract(actor, id, contractNo);
  }
  get filePolicy() {
    return this.orgsPart.filePolicy;
  }

  createContract(actor: Actor, b: ContractBodyIn) {
    return this.contractsPart.create(actor, b);
  }
  contracts(actor: Actor, season: number) {
    return this.contractsPart.list(actor, season);
  }

  recordWork(actor: Actor, b: { contractId: number; stage: StageCode; workDate: string; areaMu: string; passes: number; evidence: string }) {
    return this.worksPart.record(actor, b);
  }
  works(actor: Actor, contractId: number) {
    return this.worksPart.list(actor, contractId);
  }
  worksLedger(actor: Actor, season: number) {
    return this.worksPart.ledger(actor, season);
  }
  farmerAnswer(actor: Actor, workId: number, confirm: boolean, note: string | null) {
    return this.worksPart.answer(actor, workId, confirm, note);
  }
  accept(actor: Actor, b: { orgId: number; season: number; level: Level; note: string; items: { workId: number; areaMu: string }[] }) {
    return this.worksPart.accept(actor, b);
  }
  /** An organisation's season: its acceptances, the actor's actions and the step log. */
  season(actor: Actor, orgId: number, season: number) {
    return this.worksPart.season(actor, orgId, season);
  }
  get workFilePolicy() {
    return this.worksPart.workFilePolicy;
  }
  get paperFilePolicy() {
    return this.worksPart.paperFilePolicy;
  }

  drawSample(actor: Actor, season: number, seed: string) {
    return this.settlement.drawSample(actor, season, seed);
  }
  recordSample(actor: Actor, season: number, orgId: number, passed: boolean) {
    return this.settlement.recordSample(actor, season, orgId, passed);
  }
  sheet(actor: Actor, orgId: number, season: number) {
    return this.settlement.sheet(actor, orgId, season);
  }
  seasonTotals(season: number, page?: number) {
    return this.settlement.seasonTotals(season, page);
  }
  settle(actor: Actor, orgId: number, season: number) {
    return this.settlement.settle(actor, orgId, season);
  }

  dashboard(season: number) {
    return this.dashboards.dashboard(season);
  }
  workbench(actor: Actor) {
    return this.dashboards.workbench(actor);
  }
}
