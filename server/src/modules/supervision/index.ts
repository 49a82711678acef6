/** 督查督办: tasks the gazette assigns, extracted from its clauses and tracked to completion. */
import { z } from 'zod';
import { readFileSync } from 'node:fs';
import { STAFF } from '../../core/auth.js';
import { defineModule } from '../../core/module.js';
import { resolveUnitName, seedUnitNames } from '../directory/index.js';
import { parseGazette, normalizeDocNumber } from '../gazette/index.js';
import * as m20261130100000 from './migrations/20261130100000-supervision.js';
import * as m20261130110000 from './migrations/20261130110000-supervision-notices.js';
import * as m20261130130000 from './migrations/20261130130000-supervision-latest-report.js';
import * as m20261201130000 from './migrations/20261201130000-supervision-extension-once.js';
import * as m20261202150000 from './migrations/20261202150000-supervision-target-indicators.js';
import * as m20261202160000 from './migrations/20261202160000-supervision-tracker.js';
import * as m20261205030000 from './migrations/20261205030000-supervision-steps.js';
import { extractTasks } from './supervision.extract.js';
import { SupervisionRepository } from './supervision.repository.js';
import { supervisionRoutes } from './supervision.routes.js';
import { SupervisionService } from './supervision.service.js';
import { BODIES } from './supervision.flow.js';
import { ASSIGNED_BODIES } from './supervision.bodies.js';
import { seedSupervisionDemo } from './supervision.demo.js';

export { SupervisionService } from './supervision.service.js';

const USAGE = `用法：npx xianwu tasks extract <公报文本文件> [--doc <文号>] --json
  从公报抽取督办任务（不写数据库）：每项含文号、所在方案、条款路径、牵头与配合单位、时限（原文）、周期与量化指标`;

export const supervisionModule = defineModule({
  name: 'supervision',
  label: '督查督办',
  env: z.object({
    /** A rehearsal clock for training runs; production leaves it unset (demo installs run on the install's demo clock). */
    SUPERVISION_CLOCK_START: z.string().datetime({ offset: true, message: 'SUPERVISION_CLOCK_START 应为带时区的 ISO 时间，如 2022-07-12T09:30:00+08:00' }).optional(),
  }),
  clock: { env: 'SUPERVISION_CLOCK_START' },
  auditLabels: { entities: { supervision_task: '督办任务' }, actions: { add_by_hand: '手工添加', extract: '从公文抽取', link_indicator: '关联指标' } },
  needs: ['gazette', 'directory', 'calendar', 'workflow', 'accounts'],
  migrations: {
    '20261130100000-supervision': m20261130100000, '20261130110000-supervision-notices': m20261130110000,
    '20261130130000-supervision-latest-report': m20261130130000,
    '20261201130000-supervision-extension-once': m20261201130000,
    '20261202150000-supervision-target-indicators': m20261202150000,
    '20261202160000-supervision-tracker': m20261202160000,
    '20261205030000-supervision-steps': m20261205030000,
  },
  // The office, and the bodies the documents assign work to that the directory would otherwise lack.
  bodies: { ...ASSIGNED_BODIES, ...BODIES },
  permissions: {
    // The county office (县政府办公室) runs 督办; departments and townships hold and report on tasks. Who reviews a
    // task is the procedure's to say (the office by its directory code, or the county administrator for it).
    'supervision.manage': ['county_admin'],
    'supervision.review': ['county_admin', 'department_official'],
    'supervision.work': ['department_official', 'township_official'],
    'supervision.read': STAFF,
  },
  create: (ctx) => new SupervisionService(new SupervisionRepository(ctx.db), ctx.use('gazette'), ctx.use('directory'), ctx.use('calendar'), ctx.use('workflow'), { now: ctx.now, today: ctx.today }, () => ctx.registry().indicators(), ctx.use('accounts')),
  routes: { prefix: '/api/supervision', plugin: supervisionRoutes },
  workbench: (service, actor) => service.workbench(actor),
  // The gazette is imported first (needs): a demo install shows the tracker at work on 交政办发〔2022〕6号, its
  // history replayed on the install's demo clock.
  demo: (service, ctx) => seedSupervisionDemo(service, ctx.use('directory'), ctx.demoClock),
  filePolicies: (service) => ({ supervision_task: service.filePolicy }),
  // 催办, 督办单 and the week's 督查通报: each sent once (unique keys), so every process may run the sweep.
  jobs: [{ name: 'sweep', everyMs: 3_600_000, run: (s) => s.sweep() }],
  cli: {
    area: 'tasks',
    usage: USAGE,
    async run([cmd, file, ...flags]) {
      if (cmd !== 'extract' || !file) {
        console.error(USAGE);
        return 2;
      }
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch {
        console.error(`找不到文件：${file}`);
        return 2;
      }
      const i = flags.indexOf('--doc');
      const only = i >= 0 ? normalizeDocNumber(flags[i + 1] ?? '') : null;
      const docs = parseGazette(text).documents.filter((d) => !only || d.docNumber === only);
      if (only && !docs.length) {
        console.error(`公报中没有 ${flags[i + 1]}`);
        return 1;
      }
      // Without a database the directory is the one every install starts with.
      const units = seedUnitNames();
      const tasks = docs.flatMap((d) => extractTasks(d, (n) => resolveUnitName(units, n)?.name ?? null));
      if (flags.includes('--json')) {
        const out = tasks.map((t) => ({ docNumber: t.docNumber, part: t.part, path: t.path, number: t.number, text: t.text, lead: t.lead, support: t.support, unknownUnits: t.unknownUnits, deadline: t.deadline, deadlineText: t.deadlineText, disputed: t.disputed ?? null, recurrence: t.recurrence, targets: t.targets, milestones: t.milestones }));
        process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
      } else {
        for (const t of tasks) console.log(`${t.docNumber}\t${t.path.join('')}\t${t.lead.join('、') || '（未识别牵头单位）'}\t${t.deadline ?? t.recurrence ?? '—'}`);
        console.log(`共 ${tasks.length} 项任务；未识别单位 ${tasks.filter((t) => t.unknownUnits.length).length} 项`);
      }
      return 0;
    },
  },
});

declare module '../../core/module.js' {
  interface Modules {
    supervision: typeof supervisionModule;
  }
}
