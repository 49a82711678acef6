/** Government consumption vouchers (政府消费券, 交政办发〔2022〕13号): the module's manifest and only public surface. */
import { defineModule } from '../../core/module.js';
import * as m20261128020000 from './migrations/20261128020000-vouchers.js';
import * as m20261128230000 from './migrations/20261128230000-voucher-claim-batch.js';
import { VouchersRepository } from './vouchers.repository.js';
import { vouchersRoutes } from './vouchers.routes.js';
import { VouchersService } from './vouchers.service.js';
import { seedVoucherDemo } from './vouchers.demo.js';
import { DEMO_PASSWORD } from '../accounts/index.js';

export { VouchersService } from './vouchers.service.js';
/** What GET /api/vouchers/campaign answers. */
export type Campaign = Awaited<ReturnType<VouchersService['campaign']>>;

export const vouchersModule = defineModule({
  name: 'vouchers',
  label: '消费券',
  needs: ['directory', 'accounts'],
  migrations: { '20261128020000-vouchers': m20261128020000, '20261128230000-voucher-claim-batch': m20261128230000 },
  permissions: {
    'vouchers.claim': ['resident'],
    'vouchers.redeem': ['merchant'],
    'vouchers.merchant.apply': ['merchant'],
    'vouchers.merchant.review': ['county_admin', 'department_official'],
    'vouchers.manage': ['county_admin', 'department_official'],
    'vouchers.report.read': ['county_admin', 'department_official'],
    'vouchers.oversight': ['county_admin', 'department_official'],
  },
  create: (ctx) => new VouchersService(new VouchersRepository(ctx.db), ctx.use('directory'), ctx.use('accounts'), ctx.db.unitOfWork, ctx.now),
  routes: { prefix: '/api/vouchers', plugin: vouchersRoutes },
  // Expired vouchers free their budget for later rounds.
  jobs: [{ name: 'expire', everyMs: 60_000, run: (s) => s.expireDue() }],
  // The campaign (categories, kinds, rounds, quotas) is set up from the document on every install.
  async seed(service) {
    await service.seedIfEmpty();
  },
  // A believable first round on demo installs: merchants, claims, redemptions, leads.
  demo: (service, ctx) => seedVoucherDemo(service, ctx.use('accounts'), ctx.use('directory'), DEMO_PASSWORD),
  workbench: (service, actor) => service.workbench(actor),
});

declare module '../../core/module.js' {
  interface Modules {
    vouchers: typeof vouchersModule;
  }
}
