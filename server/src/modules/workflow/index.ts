/** Declared procedures' platform side (the step log; binding flows to files, notices, the calendar): manifest and public surface. */
import { defineModule } from '../../core/module.js';
import * as m20261202090100 from './migrations/20261202090100-workflow-steps.js';
import { WorkflowRepository } from './workflow.repository.js';
import { WorkflowService } from './workflow.service.js';

export { WorkflowService, type ModuleClock } from './workflow.service.js';

export const workflowModule = defineModule({
  name: 'workflow',
  label: '办理流程',
  needs: ['directory', 'files', 'notices', 'calendar'],
  migrations: { '20261202090100-workflow-steps': m20261202090100 },
  create: (ctx) => new WorkflowService(new WorkflowRepository(ctx.db), ctx.db.unitOfWork, ctx.use('directory'), ctx.use('files'), ctx.use('notices'), ctx.use('calendar')),
});

declare module '../../core/module.js' {
  interface Modules {
    workflow: typeof workflowModule;
  }
}
