/** 涉农资金统筹整合 (交政办发〔2022〕8号): the module's manifest and only public surface. */
import { defineModule } from '../../core/module.js';
import * as m20261203030000 from './migrations/20261203030000-agrifund.js';
import { AgrifundRepository } from './agrifund.repository.js';
import { AgrifundService } from './agrifund.service.js';

export { AgrifundService } from './agrifund.service.js';

export const agrifundModule = defineModule({
  name: 'agrifund',
  label: '涉农资金统筹整合',
  auditLabels: {
    entities: { agrifund_version: '资金安排版本', agrifund_project: '涉农资金项目', agrifund_milestone: '进度节点', agrifund_payment: '资金拨付' },
    actions: { revise: '修订资金安排', declare: '项目申报', verify: '核实进度', pay: '拨付资金' },
  },
  needs: ['directory'],
  migrations: { '20261203030000-agrifund': m20261203030000 },
  create: (ctx) => new AgrifundService(new AgrifundRepository(ctx.db), ctx.db.unitOfWork, ctx.now),
  // The 2022 tree as printed goes in on every install; projects are the office's (见网络版).
  seed: (service) => service.seed(),
});

declare module '../../core/module.js' {
  interface Modules {
    agrifund: typeof agrifundModule;
  }
}
