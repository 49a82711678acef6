/** 涉农资金统筹整合 (交政办发〔2022〕8号): the module's manifest and only public surface. */
import { z } from 'zod';
import { STAFF } from '../../core/auth.js';
import { xlsxBudget } from '../../core/excel.js';
import { defineModule } from '../../core/module.js';
import * as m20261203030000 from './migrations/20261203030000-agrifund.js';
import * as m20261204010000 from './migrations/20261204010000-agrifund-requests.js';
import * as m20261205020000 from './migrations/20261205020000-agrifund-imports.js';
import * as m20261205040000 from './migrations/20261205040000-agrifund-audits.js';
import * as m20261205050000 from './migrations/20261205050000-agrifund-disclosure-runs.js';
import { AgrifundAudits } from './agrifund.audits.js';
import { AgrifundAuditsRepository } from './agrifund.audits.repository.js';
import { agrifundAuditRoutes } from './agrifund.audits.routes.js';
import { BODIES } from './agrifund.access.js';
import { seedAgrifundDemo } from './agrifund.demo.js';
import { PROJECT_FLOW } from './agrifund.flow.js';
import { AgrifundImport } from './agrifund.import.js';
import { AgrifundImportRepository } from './agrifund.import.repository.js';
import { agrifundImportRoutes } from './agrifund.import.routes.js';
import { AgrifundRepository } from './agrifund.repository.js';
import { agrifundRoutes } from './agrifund.routes.js';
import { AgrifundService } from './agrifund.service.js';

export { AgrifundService } from './agrifund.service.js';

export const agrifundModule = defineModule({
  name: 'agrifund',
  label: '涉农资金统筹整合',
  demoHints: { jiwei: '涉农资金「审计抽查」：受理、办结审计移交的线索' },
  env: z.object({
    /** A rehearsal clock for training runs; production leaves it unset (demo installs run on the install's demo clock). */
    AGRIFUND_CLOCK_START: z.string().datetime({ offset: true, message: 'AGRIFUND_CLOCK_START 应为带时区的 ISO 时间，如 2022-07-12T09:30:00+08:00' }).optional(),
  }),
  clock: { env: 'AGRIFUND_CLOCK_START' },
  auditLabels: {
    entities: { agrifund_version: '资金安排版本', agrifund_project: '涉农资金项目', agrifund_milestone: '进度节点', agrifund_payment: '资金拨付', agrifund_source: '资金来源', agrifund_disclosure: '两个一律公告公示', agrifund_import: '项目表导入', agrifund_audit: '审计抽查', agrifund_lead: '移交纪委监委线索' },
    actions: { revise: '修订资金安排', declare: '项目申报', request: '申请拨付', verify: '核实进度', pay: '拨付资金', source: '录入资金来源', disclose: '公告公示', import: '导入项目表', discard: '放弃导入', 'agrifund_audit.draw': '抽取抽查项目', 'agrifund_audit.check': '出具抽查结论', 'agrifund_lead.refer': '移交线索', 'agrifund_lead.receive': '受理线索', 'agrifund_lead.close': '办结线索' },
  },
  needs: ['directory', 'accounts', 'notices', 'files', 'workflow'],
  bodies: BODIES,
  migrations: { '20261203030000-agrifund': m20261203030000, '20261204010000-agrifund-requests': m20261204010000, '20261205020000-agrifund-imports': m20261205020000, '20261205040000-agrifund-audits': m20261205040000, '20261205050000-agrifund-disclosure-runs': m20261205050000 },
  permissions: {
    // Staff read within their scope: the county bodies all, a township its own projects, a village its own.
    'agrifund.read': STAFF,
    // Declaring, the steps, requests, verification and payment: the service checks the party of each.
    'agrifund.write': ['township_official', 'department_official', 'county_admin'],
    // Tree revisions, sources and the county's disclosures: the county bodies (the service checks which).
    'agrifund.county': ['department_official', 'county_admin'],
    // Importing the project tables (见网络版): the county's project authorities (the service checks which bureau).
    'agrifund.import': ['department_official', 'county_admin'],
  },
  create: (ctx) => {
    const wf = ctx.use('workflow');
    const repo = new AgrifundRepository(ctx.db);
    const access = wf.access(BODIES);
    const service = new AgrifundService({
      repo, uow: ctx.db.unitOfWork, now: ctx.now, today: ctx.today, directory: ctx.use('directory'), access, notices: () => ctx.use('notices').on(ctx.today),
      fileCounts: (entity, keys) => ctx.use('files').counts(entity, keys),
      flow: (svc) => wf.bind(PROJECT_FLOW, { load: (actor, id) => svc.load(actor, Number(id)), transition: (id, from, to, patch) => repo.transition(Number(id), from, to, patch) }, { access, clock: { now: ctx.now, today: ctx.today } }),
    });
    const directory = ctx.use('directory');
    // 审计抽查 reads the projects through the repository and names townships from the directory.
    const audits = new AgrifundAudits(new AgrifundAuditsRepository(ctx.db), access, ctx.db.unitOfWork, ctx.now, {
      projects: (ids) => repo.projectsById(ids),
      townshipName: async (id) => (await directory.all()).find((u) => u.id === id)?.name ?? '',
    });
    // The project tables' import writes through the service's declaration; it lives beside it, not inside it.
    return Object.assign(service, { audits, importer: new AgrifundImport(new AgrifundImportRepository(ctx.db), service, ctx.db.unitOfWork, ctx.now, xlsxBudget(ctx.config)) });
  },
  routes: {
    prefix: '/api/agrifund',
    plugin: async (app, o) => {
      await agrifundRoutes(app, o);
      await agrifundImportRoutes(app, { importer: o.service.importer });
      await agrifundAuditRoutes(app, { audits: o.service.audits });
    },
  },
  // Imports a killed or restarted process was checking: failed with the reason, their staged rows dropped.
  onStart: async (service) => {
    const n = await service.importer.recoverInterrupted();
    return n ? [`涉农资金统筹整合：${n} 个中断的项目表导入已标记为失败`] : [];
  },
  jobs: [{ name: 'interrupted-imports', everyMs: 15_000, run: (service) => service.importer.recoverInterrupted() }],
  // The 2022 tree as printed goes in on every install; projects are the office's (见网络版), on demo installs 演示 ones.
  seed: (service) => service.seed(),
  demo: (service, ctx) => seedAgrifundDemo(service, ctx),
  workbench: async (service, actor) => [...(await service.reports.workbench(actor)), ...(await service.audits.workbench(actor))],
  filePolicies: (service) => ({ agrifund_evidence: service.evidencePolicy }),
});

declare module '../../core/module.js' {
  interface Modules {
    agrifund: typeof agrifundModule;
  }
}
