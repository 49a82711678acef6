/** The audit trail's reading side: the module's manifest and only public surface. */
import { join } from 'node:path';
import { z } from 'zod';
import { defineModule } from '../../core/module.js';
import { AuditRepository } from './audit.repository.js';
import { AuditService } from './audit.service.js';
import { auditRoutes } from './audit.routes.js';
import * as m20261128010200 from './migrations/20261128010200-audit.js';

export { AuditService } from './audit.service.js';

export const auditModule = defineModule({
  name: 'audit',
  label: '审计日志',
  migrations: { '20261128010200-audit': m20261128010200 },
  permissions: { 'audit.read': ['county_admin'], 'audit.checkpoint': ['county_admin'] },
  env: z.object({
    /** The Ed25519 key that signs checkpoints (PEM; made on first use, owner-only, its public half beside it as .pub). Keep it off the database's disk where you can. */
    AUDIT_KEY_FILE: z.string().min(1).optional(),
    /** Where checkpoints are written (default: <DATA_DIR>/audit-checkpoints); copy them somewhere the database's administrators cannot write. */
    AUDIT_CHECKPOINT_DIR: z.string().min(1).optional(),
  }),
  create: (ctx) =>
    new AuditService(
      new AuditRepository(ctx.db),
      {
        keyFile: ctx.env.AUDIT_KEY_FILE ?? join(ctx.config.dataDir, 'keys', 'audit-ed25519.pem'),
        checkpointDir: ctx.env.AUDIT_CHECKPOINT_DIR ?? join(ctx.config.dataDir, 'audit-checkpoints'),
      },
      ctx.now,
    ),
  routes: { prefix: '/api/audit', plugin: (app, { service }) => auditRoutes(app, { repo: service }) },
  // At least one checkpoint a day: the job asks every hour whether the newest is a day old.
  jobs: [{ name: 'checkpoint', everyMs: 3_600_000, run: (s) => s.checkpointIfDue() }],
  cli: {
    area: 'audit',
    usage: [
      '  npx xianwu audit verify                    校验审计记录哈希链，报告第一处断裂',
      '  npx xianwu audit verify --checkpoint <文件> [--public-key <公钥文件>]',
      '                                             并核对签名检查点：发现被截断或整条重写的审计链',
      '  npx xianwu audit checkpoint                生成签名检查点（链头哈希与记录数）',
    ].join('\n'),
    async run(args, open) {
      const flag = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
      if (args[0] !== 'verify' && args[0] !== 'checkpoint') return 2;
      const checkpointFile = flag('--checkpoint');
      if (args.includes('--checkpoint') && !checkpointFile) return 2;
      const { registry, close } = await open();
      try {
        const audit = registry.service('audit');
        if (args[0] === 'checkpoint') {
          const { file, checkpoint } = await audit.checkpoint();
          console.log(`已生成检查点：第 ${checkpoint.headId} 号记录，共 ${checkpoint.count} 条 → ${file}`);
          return 0;
        }
        const progress = (n: number) => process.stderr.write(`\r已校验 ${n} 条`);
        const res = checkpointFile ? await audit.verifyAgainst(checkpointFile, flag('--public-key'), progress) : await audit.verify(progress);
        process.stderr.write('\n');
        if (res.ok) {
          console.log(`审计链完整：共 ${res.checked} 条记录${checkpointFile ? '，与检查点相符' : ''}`);
          return 0;
        }
        if ('problem' in res && res.problem) console.log(`审计链与检查点不符：${res.problem}`);
        else console.log(`审计链断裂：第 ${res.brokenAt!.id} 号记录 — ${res.brokenAt!.reason}（此前 ${res.checked} 条完好）`);
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
