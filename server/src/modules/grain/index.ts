/** 粮食: 县级储备粮轮换 (交政发〔2022〕8号) and 粮食生产及耕地资源利用指导性计划 (交政办函〔2022〕13号). Manifest and only public surface. */
import { z } from 'zod';
import { STAFF } from '../../core/auth.js';
import { xlsxBudget } from '../../core/excel.js';
import { defineModule } from '../../core/module.js';
import { DEMO_PASSWORD } from '../accounts/index.js';
import * as m20261203050000 from './migrations/20261203050000-grain.js';
import { BODIES } from './grain.access.js';
import { ensureGrainAccounts, seedGrainDemo } from './grain.demo.js';
import { grainIndicators } from './grain.indicators.js';
import { grainRoutes } from './grain.routes.js';
import { GrainService } from './grain.service.js';
import { ReserveRepository } from './reserve.repository.js';
import { TargetsRepository } from './targets.repository.js';

export { GrainService } from './grain.service.js';

export const grainModule = defineModule({
  name: 'grain',
  label: '粮食',
  demoHints: { liangchu: '粮食：提出轮换申请、登记货位', fagai: '粮食：审批轮换计划', nongfahang: '粮食：轮入贷款与销售回笼', chengchu: '粮食：组织轮出竞价、入库验收' },
  auditLabels: {
    entities: { grain_scale: '储备规模', grain_lot: '储备粮货位', grain_order: '轮换订单', grain_receipt: '入库验收', grain_finance: '贷款回笼', grain_indicator: '指标类型', grain_target: '乡镇指标任务', grain_report: '进度填报' },
    actions: { register: '登记', enter: '录入', unfit: '标记不宜存', sell: '轮出', buy: '轮入', receive: '验收入库', loan: '轮入贷款', repayment: '销售款回笼', import: '导入', report: '填报' },
  },
  needs: ['directory', 'accounts', 'workflow'],
  bodies: BODIES,
  migrations: { '20261203050000-grain': m20261203050000 },
  permissions: {
    // The reserve's bodies (the service checks the unit: another bureau gets 403) and the 承储企业 (its own lots).
    'grain.reserve': ['department_official', 'county_admin', 'auditor', 'service_org'],
    // The targets are the county's to every township (公开发布): staff read them, a township its own.
    'grain.targets': STAFF,
    // 县农业农村局 enters and imports the targets (the service checks the unit).
    'grain.office': ['department_official', 'county_admin'],
    'grain.report': ['township_official'],
  },
  env: z.object({
    /** A rehearsal clock for training runs (a rotation runs for months); production leaves it unset. */
    GRAIN_CLOCK_START: z.string().datetime({ offset: true, message: 'GRAIN_CLOCK_START 应为带时区的 ISO 时间，如 2022-08-01T09:00:00+08:00' }).optional(),
  }),
  // Demo installs run on the install's demo clock (the rotation under way in July 2022), so the sale's 轮空期 counts from its own season.
  clock: { env: 'GRAIN_CLOCK_START' },
  create: (ctx) =>
    new GrainService({
      reserveRepo: new ReserveRepository(ctx.db),
      targetsRepo: new TargetsRepository(ctx.db),
      directory: ctx.use('directory'),
      accounts: ctx.use('accounts'),
      workflow: ctx.use('workflow'),
      uow: ctx.db.unitOfWork,
      budget: xlsxBudget(ctx.config),
      today: ctx.today,
      now: ctx.now,
    }),
  routes: { prefix: '/api/grain', plugin: grainRoutes },
  // Where the platform makes demo accounts, the reserve's bodies and a 承储企业 get theirs (the accounts module's list predates them).
  seed: async (_service, ctx) => {
    if (ctx.config.demoAccounts) await ensureGrainAccounts(ctx.use('accounts'), ctx.use('directory'), DEMO_PASSWORD);
  },
  demo: (service, ctx) => seedGrainDemo(service, ctx.use('accounts'), ctx.use('directory'), DEMO_PASSWORD, ctx),
  workbench: (service, actor) => service.workbench(actor),
  indicators: grainIndicators,
  filePolicies: (service) => ({ grain_bid: service.reserve.bidFiles }),
});

declare module '../../core/module.js' {
  interface Modules {
    grain: typeof grainModule;
  }
}
