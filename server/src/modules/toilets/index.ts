/** 农村改厕 (交政办发〔2022〕10号): the module's manifest and only public surface. */
import { z } from 'zod';
import { STAFF } from '../../core/auth.js';
import { xlsxBudget } from '../../core/excel.js';
import { defineModule } from '../../core/module.js';
import * as m20261130140000 from './migrations/20261130140000-toilets.js';
import * as m20261201100000 from './migrations/20261201100000-toilets-import-heartbeat.js';
import * as m20261201140000 from './migrations/20261201140000-toilets-spot-draws.js';
import { BODIES } from './toilets.access.js';
import { seedToiletsDemo } from './toilets.demo.js';
import { householdLedger } from './toilets.exports.js';
import { ToiletsRepository } from './toilets.repository.js';
import { toiletsRoutes } from './toilets.routes.js';
import { ToiletsService } from './toilets.service.js';
import { PAYMENT_STAGES } from './toilets.rules.js';

export { ToiletsService } from './toilets.service.js';

/** Each payment's audit action (toilets.repository writes `pay_stage_<n>`), named by its stage: 「拨付（开工 30%）」. */
const PAY_LABELS = Object.fromEntries(PAYMENT_STAGES.map((p) => [`toilet_township.pay_stage_${p.stage}`, `拨付（${p.name} ${p.percent}%）`]));

export const toiletsModule = defineModule({
  name: 'toilets',
  label: '农村改厕',
  auditLabels: { entities: { toilet_household: '改厕户', toilet_batch: '公示批次', toilet_import: '摸底名册导入', toilet_report: '改厕报表', toilet_tender: '材料中标价', toilet_township: '乡镇改厕项目' }, actions: { survey: '摸底登记', notice: '发布公示', resolve_objection: '处理异议', spot_check: '抽查结果', spot_draw: '抽取抽查名单', request_acceptance: '申请验收', ...PAY_LABELS } },
  needs: ['directory', 'accounts', 'notices', 'files', 'workflow'],
  bodies: BODIES,
  migrations: { '20261130140000-toilets': m20261130140000, '20261201100000-toilets-import-heartbeat': m20261201100000, '20261201140000-toilets-spot-draws': m20261201140000 },
  permissions: {
    // Staff read within their scope (a village its own, a township its villages); a household its own file.
    'toilets.read': [...STAFF, 'resident'],
    // Whose menu shows which page: the programme's ledgers for staff, one's own file for a household.
    'toilets.ledger': STAFF,
    'toilets.household': ['resident'],
    'toilets.survey': ['village_committee', 'township_official', 'department_official', 'county_admin'],
    'toilets.township': ['township_official'],
    'toilets.sign': ['resident', 'village_committee', 'township_official'],
    // The 县农业农村局's officials; the service checks the unit (another bureau gets 403).
    'toilets.county': ['department_official', 'county_admin'],
    'toilets.report': ['village_committee', 'township_official'],
  },
  env: z.object({
    /** A rehearsal clock for training runs (the notice alone is 7 days); production leaves it unset. */
    TOILETS_CLOCK_START: z.string().datetime({ offset: true, message: 'TOILETS_CLOCK_START 应为带时区的 ISO 时间，如 2022-06-01T09:00:00+08:00' }).optional(),
  }),
  clock: { env: 'TOILETS_CLOCK_START' },
  // The notices are published on the module's clock, so a batch's notice dates are the households' dates.
  create: (ctx) => {
    const workflow = ctx.use('workflow');
    return new ToiletsService({
      repo: new ToiletsRepository(ctx.db),
      directory: ctx.use('directory'),
      accounts: ctx.use('accounts'),
      notices: ctx.use('notices').on(ctx.today),
      files: ctx.use('files'),
      workflow,
      access: workflow.access(BODIES),
      uow: ctx.db.unitOfWork,
      today: ctx.today,
      now: ctx.now,
      budget: xlsxBudget(ctx.config),
    });
  },
  routes: { prefix: '/api/toilets', plugin: toiletsRoutes },
  seed: (service) => service.seed(),
  // Imports a killed or restarted process was checking: failed with the reason, their staged rows dropped.
  onStart: async (service) => {
    const n = await service.importer.recoverInterrupted();
    return n ? [`农村改厕：${n} 个中断的摸底名册导入已标记为失败`] : [];
  },
  jobs: [{ name: 'interrupted-imports', everyMs: 15_000, run: (service) => service.importer.recoverInterrupted() }],
  demo: (service, ctx) => seedToiletsDemo(service, ctx.use('accounts'), ctx.use('directory'), ctx.use('files'), ctx.demoClock),
  workbench: (service, actor) => service.dashboard.workbench(actor),
  filePolicies: (service) => ({ toilet_photo: service.photoPolicy, toilet_paper: service.paperPolicy }),
  exports: (service) => ({ households: householdLedger(service) }),
  indicators: (service) => service.indicators,
});

declare module '../../core/module.js' {
  interface Modules {
    toilets: typeof toiletsModule;
  }
}
