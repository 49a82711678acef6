/** 职业技能大赛 (交政办发〔2022〕15号): the module's manifest and only public surface. */
import { join } from 'node:path';
import { z } from 'zod';
import { STAFF } from '../../core/auth.js';
import { defineModule } from '../../core/module.js';
import { DEMO_PASSWORD } from '../accounts/index.js';
import * as m20261203010000 from './migrations/20261203010000-skills.js';
import * as m20261207010000 from './migrations/20261207010000-skills-teams.js';
import { BODIES } from './skills.access.js';
import { seedSkillsDemo } from './skills.demo.js';
import { DOCUMENT_ENTITY } from './skills.flow.js';
import { SkillsRepository } from './skills.repository.js';
import { skillsRoutes } from './skills.routes.js';
import { SkillsService } from './skills.service.js';

export { SkillsService } from './skills.service.js';

export const skillsModule = defineModule({
  name: 'skills',
  label: '职业技能大赛',
  demoHints: { jiuye: '职业技能大赛：确认报名、录入决赛名次与团体总分', zonggonghui: '职业技能大赛：主管项目的初赛成绩与推荐', shuili: '职业技能大赛：本单位报名与盖章确认', xuanshou: '职业技能大赛：手机报名' },
  auditLabels: { entities: { skill_registration: '参赛报名', skill_event: '比赛项目' }, actions: { register: '报名', video: '报送参赛视频', mode: '确定选拔方式', scores: '录入初赛成绩', select: '确定推荐人选', ranks: '录入决赛名次', teams: '录入各参赛队团体得分' } },
  needs: ['directory', 'accounts', 'files', 'workflow'],
  bodies: BODIES,
  migrations: { '20261203010000-skills': m20261203010000, '20261207010000-skills-teams': m20261207010000 },
  permissions: {
    'skills.read': [...STAFF, 'resident'],
    // A contestant on a phone, or the registering unit for its own people.
    'skills.register': ['resident', 'department_official', 'township_official', 'village_committee', 'county_admin'],
    // Confirming is the registering unit's; the service checks the unit.
    'skills.confirm': ['department_official', 'township_official', 'village_committee', 'county_admin'],
    // The managing units' and the office's officials; the service checks the body.
    'skills.manage': ['department_official', 'county_admin'],
  },
  env: z.object({
    /** A rehearsal clock (the contest runs 6月–8月 2022); production leaves it unset. */
    SKILLS_CLOCK_START: z.string().datetime({ offset: true, message: 'SKILLS_CLOCK_START 应为带时区的 ISO 时间，如 2022-07-01T09:00:00+08:00' }).optional(),
  }),
  // Demo installs open on the registration window, with preliminaries under way.
  clock: { env: 'SKILLS_CLOCK_START' },
  create: (ctx) => {
    const workflow = ctx.use('workflow');
    return new SkillsService({ repo: new SkillsRepository(ctx.db), directory: ctx.use('directory'), files: ctx.use('files'), workflow, access: workflow.access(BODIES), uow: ctx.db.unitOfWork, today: ctx.today, now: ctx.now, videoDir: join(ctx.config.dataDir, 'skills', 'videos') });
  },
  routes: { prefix: '/api/skills', plugin: skillsRoutes },
  seed: (service) => service.seed(),
  demo: (service, ctx) => seedSkillsDemo(service, ctx.use('accounts'), ctx.use('directory'), ctx.use('files'), DEMO_PASSWORD, ctx),
  workbench: (service, actor) => service.selection.workbench(actor),
  filePolicies: (service) => ({ [DOCUMENT_ENTITY]: service.registrations.documentPolicy }),
});

declare module '../../core/module.js' {
  interface Modules {
    skills: typeof skillsModule;
  }
}
