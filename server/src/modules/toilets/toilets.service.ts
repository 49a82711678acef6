/**
 * 农村改厕 (交政办发〔2022〕10号): the module's services, one per concern, over one repository. The household procedure
 * is declared in toilets.flow.ts and bound to the platform here.
 */
import type { Access } from '../../core/access.js';
import type { UnitOfWork } from '../../core/db.js';
import type { XlsxBudget } from '../../core/excel.js';
import type { FilePolicy, Indicator } from '../../core/module.js';
import type { AccountsService } from '../accounts/index.js';
import type { DirectoryService } from '../directory/index.js';
import type { FilesService } from '../files/index.js';
import type { NoticesService } from '../notices/index.js';
import type { WorkflowService } from '../workflow/index.js';
import { DashboardService } from './dashboard.service.js';
import { HouseholdsService } from './households.service.js';
import { PaymentsService } from './payments.service.js';
import { ReportsService } from './reports.service.js';
import { SelectionService } from './selection.service.js';
import { isOffice } from './toilets.access.js';
import { PHOTO_PHASES, householdFlow } from './toilets.flow.js';
import { ToiletsImport } from './toilets.import.js';
import { toiletIndicators } from './toilets.indicators.js';
import type { ToiletsRepository } from './toilets.repository.js';
import { ToiletSpotChecks } from './toilets.spotchecks.js';

export { duePeriods } from './reports.service.js';

/** What the module is built from (index.ts gives it, on the module's own clock). */
export interface ToiletsDeps {
  repo: ToiletsRepository;
  directory: DirectoryService;
  accounts: AccountsService;
  notices: NoticesService;
  files: FilesService;
  workflow: WorkflowService;
  access: Access;
  uow: UnitOfWork;
  today: () => string;
  now: () => string;
  budget: XlsxBudget;
}

export class ToiletsService {
  /** 摸底名册导入 (Excel). */
  readonly importer: ToiletsImport;
  readonly households: HouseholdsService;
  readonly selection: SelectionService;
  readonly payments: PaymentsService;
  readonly reports: ReportsService;
  readonly dashboard: DashboardService;
  readonly photoPolicy: FilePolicy;
  readonly paperPolicy: FilePolicy;
  /** Live figures for 督办 targets. */
  readonly indicators: Record<string, Indicator>;

  constructor(d: ToiletsDeps) {
    const { repo, directory, access, today, now } = d;
    this.selection = new SelectionService(repo, directory, d.notices, access, d.uow, today, now);
    const decl = householdFlow({
      repo,
      townshipName: async (id) => (await directory.get(id)).name,
      priority: (actor, h) => this.selection.priority(actor, h),
      agreementHold: (actor, h) => this.selection.agreementHold(actor, h),
      photosMissing: async (h, phases) => {
        const n = await d.files.counts('toilet_photo', phases.map((p) => `${h.id}.${p}`));
        return phases.filter((p) => !n.get(`${h.id}.${p}`)).map((p) => PHOTO_PHASES[p]);
      },
      now,
      today,
    });
    const flow = d.workflow.bind(decl, { load: (actor, id) => this.households.load(actor, id), transition: (id, from, to, patch) => repo.transition(id, from, to, patch) }, { access, clock: { now, today } });
    this.households = new HouseholdsService(repo, directory, d.accounts, access, flow, d.uow, today, now);
    const spot = new ToiletSpotChecks(repo, (a, h) => this.households.view(a, h), now);
    this.payments = new PaymentsService(repo, directory, access, spot, now);
    this.reports = new ReportsService(repo, directory, today, now);
    this.dashboard = new DashboardService(repo, directory, access, this.households, this.selection, this.payments, this.reports, spot, today);
    this.importer = new ToiletsImport(repo, directory, (a) => isOffice(access, a), now, today, d.budget);
    this.photoPolicy = this.households.photoPolicy;
    this.paperPolicy = this.households.paperPolicy;
    this.indicators = toiletIndicators(repo);
  }

  /** The year's quotas. */
  seed(): Promise<string[]> {
    return this.selection.seed();
  }
}
