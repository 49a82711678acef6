/** 村庄规划编制 (交政发〔2022〕3号): the module's manifest and only public surface. */
import { z } from 'zod';
import { STAFF } from '../../core/auth.js';
import { defineModule } from '../../core/module.js';
import * as m20261203020000 from './migrations/20261203020000-villageplan.js';
import { BODIES } from './villageplan.access.js';
import { seedVillageplanDemo } from './villageplan.demo.js';
import { VillageplanRepository } from './villageplan.repository.js';
import { villageplanRoutes } from './villageplan.routes.js';
import { VillageplanService } from './villageplan.service.js';

export const villageplanModule = defineModule({
  name: 'villageplan',
  label: '村庄规划',
  demoHints: { ziyuan: '村庄规划：审批报批的规划；建设用地供应：登记和公布地块' },
  auditLabels: { entities: { villageplan_classification: '村庄分类', villageplan_evaluation: '村庄规划评估', villageplan_case: '村庄规划' }, actions: { classify: '提出村庄分类', reclassify: '修改村庄分类', evaluate: '评估原村庄规划' } },
  needs: ['directory', 'accounts', 'notices', 'files', 'calendar', 'workflow'],
  bodies: BODIES,
  migrations: { '20261203020000-villageplan': m20261203020000 },
  permissions: {
    // Staff read within their scope (the bureau and the county all; a township its villages; a village its own).
    'villageplan.read': STAFF,
    // 「乡（镇）人民政府是村庄规划编制的责任主体」: classification, evaluation and the cases.
    'villageplan.township': ['township_official'],
    // The 县自然资源局's officials (the service checks the unit) and the county administrator.
    'villageplan.review': ['department_official', 'county_admin'],
    'villageplan.step': ['township_official', 'department_official', 'county_admin'],
  },
  env: z.object({
    /** A rehearsal clock for training runs (the village notice alone is 30 days); production leaves it unset. */
    VILLAGEPLAN_CLOCK_START: z.string().datetime({ offset: true, message: 'VILLAGEPLAN_CLOCK_START 应为带时区的 ISO 时间，如 2022-07-12T09:30:00+08:00' }).optional(),
  }),
  // Demo installs run on the install's demo clock, their story told from the document (2022-04-23) to the day before.
  clock: { env: 'VILLAGEPLAN_CLOCK_START' },
  create: (ctx) =>
    new VillageplanService({
      repo: new VillageplanRepository(ctx.db),
      directory: ctx.use('directory'),
      workflow: ctx.use('workflow'),
      notices: ctx.use('notices').on(ctx.today),
      calendar: ctx.use('calendar'),
      uow: ctx.db.unitOfWork,
      now: ctx.now,
      today: ctx.today,
    }),
  routes: { prefix: '/api/villageplan', plugin: villageplanRoutes },
  demo: (service, ctx) => seedVillageplanDemo(service, ctx),
  workbench: (service, actor) => service.workbench(actor),
  filePolicies: (service) => ({ villageplan_paper: service.paperPolicy }),
});

declare module '../../core/module.js' {
  interface Modules {
    villageplan: typeof villageplanModule;
  }
}
