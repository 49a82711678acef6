/** The audit trail's reading side: the module's manifest and only public surface. */
import { defineModule } from '../../core/module.js';
import { AuditRepository } from './audit.repository.js';
import { auditRoutes } from './audit.routes.js';
import * as m20261128010200 from './migrations/20261128010200-audit.js';

export { AuditRepository } from './audit.repository.js';

export const auditModule = defineModule({
  name: 'audit',
  label: '审计日志',
  migrations: { '20261128010200-audit': m20261128010200 },
  permissions: { 'audit.read': ['county_admin'] },
  create: (ctx) => new AuditRepository(ctx.db),
  routes: { prefix: '/api/audit', plugin: (app, { service }) => auditRoutes(app, { repo: service }) },
  cli: {
    area: 'audit',
    usage: '  npx xianwu audit verify                    校验审计记录哈希链，报告第一处断裂',
    async run(args, open) {
      if (args[0] !== 'verify') return 2;
      const { registry, close } = await open();
      try {
        const res = await registry.service('audit').verify((n) => process.stderr.write(`\r已校验 ${n} 条`));
        process.stderr.write('\n');
        if (res.ok) {
          console.log(`审计链完整：共 ${res.checked} 条记录`);
          return 0;
        }
        console.log(`审计链断裂：第 ${res.brokenAt!.id} 号记录 — ${res.brokenAt!.reason}（此前 ${res.checked} 条完好）`);
        return 3;
      } finally {
        await close();
      }
    },
  },
});

declare module '../../core/module.js' {
  interface Modules {
    audit: typeof auditModule;
  }
}
