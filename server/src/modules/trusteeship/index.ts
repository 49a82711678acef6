/** 农业生产托管 (交政办发〔2022〕16号): the module's manifest and only public surface. */
import { z } from 'zod';
import { STAFF } from '../../core/auth.js';
import { defineModule } from '../../core/module.js';
import * as m20261130120000 from './migrations/20261130120000-trusteeship.js';
import * as m20261130150000 from './migrations/20261130150000-trusteeship-settle-lock.js';
import * as m20261201120000 from './migrations/20261201120000-trusteeship-plot-keys.js';
import { BODIES } from './orgs.flow.js';
import { TrusteeshipRepository } from './trusteeship.repository.js';
import { trusteeshipRoutes } from './trusteeship.routes.js';
import { TrusteeshipService } from './trusteeship.service.js';
import { trusteeshipIndicators } from './trusteeship.indicators.js';
import { seedTrusteeshipDemo } from './trusteeship.demo.js';

export { TrusteeshipService } from './trusteeship.service.js';

export const trusteeshipModule = defineModule({
  name: 'trusteeship',
  label: '农业生产托管',
  auditLabels: { entities: { trusteeship_org: '托管服务组织', trusteeship_contract: '托管合同', trusteeship_work: '作业记录', trusteeship_sampling: '抽查', trusteeship_settlement: '结算单', trusteeship_rates: '补助标准' }, actions: { settle: '结算' } },
  demoHints: { demo_fuwu2: '托管服务：上传农户签字的确认单，查看被农户提出异议的作业', demo_fuwu3: '托管服务：入库申请待县现代农业发展服务中心会审' },
  needs: ['directory', 'calendar', 'accounts', 'notices', 'files', 'workflow'],
  bodies: BODIES,
  migrations: { '20261130120000-trusteeship': m20261130120000, '20261130150000-trusteeship-settle-lock': m20261130150000, '20261201120000-trusteeship-plot-keys': m20261201120000 },
  permissions: {
    'trusteeship.apply': ['service_org'],
    // Everyone in the workflow reads what their role lets them see; farmers (residents) their own contracts.
    'trusteeship.read': [...STAFF, 'service_org', 'resident'],
    // Whose menu shows which page: the programme's ledgers for staff and organisations, one's contracts for a farmer.
    'trusteeship.ledger': [...STAFF, 'service_org'],
    'trusteeship.farmer': ['resident'],
    'trusteeship.township': ['township_official', 'village_committee'],
    'trusteeship.accept': ['township_official', 'department_official', 'county_admin'],
    // The 县现代农业发展服务中心's officials (the body JC-XDNY); the service checks the unit (another bureau gets 403).
    'trusteeship.centre': ['department_official', 'county_admin'],
  },
  env: z.object({
    /**
     * A rehearsal clock for training and acceptance runs: the season's steps are weeks apart (notices of 5 working
     * days), so a rehearsal starts its clock where the step is. Production leaves it unset and runs on real time.
     */
    TRUSTEESHIP_CLOCK_START: z.string().datetime({ offset: true, message: 'TRUSTEESHIP_CLOCK_START 应为带时区的 ISO 时间，如 2022-06-27T09:00:00+08:00' }).optional(),
  }),
  clock: { env: 'TRUSTEESHIP_CLOCK_START' },
  // The procedures' notices and deadlines run on the module's clock (bound in the service).
  create: (ctx) =>
    new TrusteeshipService({ repo: new TrusteeshipRepository(ctx.db), directory: ctx.use('directory'), accounts: ctx.use('accounts'), files: ctx.use('files'), workflow: ctx.use('workflow'), uow: ctx.db.unitOfWork, today: ctx.today, now: ctx.now }),
  routes: { prefix: '/api/trusteeship', plugin: trusteeshipRoutes },
  // A season replayed on the install's demo clock: one organisation settled, one at work, one waiting for 会审.
  demo: (service, ctx) => seedTrusteeshipDemo(service, ctx.use('accounts'), ctx.use('directory'), ctx.use('files'), ctx.demoClock),
  workbench: (service, actor) => service.workbench(actor),
  indicators: trusteeshipIndicators,
  filePolicies: (service) => ({ trusteeship_org: service.filePolicy, trusteeship_work: service.workFilePolicy, trusteeship_work_paper: service.paperFilePolicy }),
});

declare module '../../core/module.js' {
  interface Modules {
    trusteeship: typeof trusteeshipModule;
  }
}
