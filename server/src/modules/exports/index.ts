/** Large exports as jobs (progress, then a download for the one who asked): the module's manifest and only public surface. */
import { join } from 'node:path';
import { defineModule } from '../../core/module.js';
import { ExportsRepository } from './exports.repository.js';
import { exportsRoutes } from './exports.routes.js';
import { ExportsService, type DeclaredExport } from './exports.service.js';
import * as m20261201110000 from './migrations/20261201110000-exports.js';

export { ExportsService } from './exports.service.js';

export const exportsModule = defineModule({
  name: 'exports',
  label: '导出',
  migrations: { '20261201110000-exports': m20261201110000 },
  create: (ctx) => new ExportsService(new ExportsRepository(ctx.db), join(ctx.config.dataDir, 'exports'), ctx.now, ctx.log),
  // What may be exported is each module's own say (its manifest's `exports`), gathered from all of them.
  routes: {
    prefix: '/api/exports',
    plugin: (app, { service, ctx }) => {
      const registry = ctx.registry();
      const declared = (): DeclaredExport[] => registry.modules.flatMap((m) => Object.entries(m.exports?.(registry.service(m.name as never)) ?? {}).map(([name, spec]) => ({ module: m.name, name, spec })));
      return exportsRoutes(app, { service, declared });
    },
  },
  jobs: [{ name: 'cleanup', everyMs: 10 * 60_000, run: (s) => s.cleanup() }],
});

declare module '../../core/module.js' {
  interface Modules {
    exports: typeof exportsModule;
  }
}
