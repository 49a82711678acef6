/** Public notices (公示): the module's manifest and only public surface. */
import { z } from 'zod';
import { defineModule } from '../../core/module.js';
import * as m20261128010400 from './migrations/20261128010400-notices.js';
import * as m20261130030000 from './migrations/20261130030000-objection-spam.js';
import { NoticesRepository } from './notices.repository.js';
import { noticesRoutes } from './notices.routes.js';
import { NoticesService } from './notices.service.js';
import { seedNoticeDemo } from './notices.demo.js';

export { NoticesService, chinaToday } from './notices.service.js';

export const noticesModule = defineModule({
  name: 'notices',
  label: '公示',
  env: z.object({
    /** A rehearsal clock; production leaves it unset. On demo installs the notices' phases follow the install's demo clock. */
    NOTICES_CLOCK_START: z.string().datetime({ offset: true, message: 'NOTICES_CLOCK_START 应为带时区的 ISO 时间，如 2022-07-12T09:30:00+08:00' }).optional(),
  }),
  // A notice's phase (公示中, 公示期满) is read on this clock, so on a demo install it is the demo story's.
  clock: { env: 'NOTICES_CLOCK_START' },
  auditLabels: { entities: { public_notice: '公示公告', notice_objection: '异议' }, actions: { mark_spam: '标为无效', unmark_spam: '撤销无效标记', 'public_notice.close': '公示结束' } },
  needs: ['calendar', 'directory', 'accounts'],
  migrations: { '20261128010400-notices': m20261128010400, '20261130030000-objection-spam': m20261130030000 },
  permissions: { 'notices.manage': ['county_admin', 'department_official', 'township_official', 'village_committee'] },
  create: (ctx) => new NoticesService(new NoticesRepository(ctx.db), ctx.use('calendar'), ctx.use('directory'), ctx.today),
  routes: { prefix: '/api/notices', plugin: noticesRoutes },
  filePolicies: (service) => ({ public_notice: service.filePolicy }),
  workbench: (service, actor) => service.workbench(actor),
  // A few notices on demo installs: one open, one whose period has run, one objected to.
  demo: (service, ctx) => seedNoticeDemo(service, ctx.use('accounts'), ctx.use('directory'), ctx.today()),
});

declare module '../../core/module.js' {
  interface Modules {
    notices: typeof noticesModule;
  }
}
