/** The county's directory (组织机构): the module's manifest and only public surface. */
import { STAFF } from '../../core/auth.js';
import { defineModule } from '../../core/module.js';
import { DirectoryRepository } from './directory.repository.js';
import { directoryRoutes } from './directory.routes.js';
import { DirectoryService } from './directory.service.js';
import * as m20261128010000 from './migrations/20261128010000-directory.js';
import * as m20261202090000 from './migrations/20261202090000-unit-codes.js';
import * as m20261202170000 from './migrations/20261202170000-unit-short-names.js';

export { DirectoryService, resolveUnitName, seedUnitNames, type Unit, type UnitKind } from './directory.service.js';

export const directoryModule = defineModule({
  name: 'directory',
  label: '组织机构',
  auditLabels: { entities: { org_unit: '组织机构' } },
  migrations: { '20261128010000-directory': m20261128010000, '20261202090000-unit-codes': m20261202090000, '20261202170000-unit-short-names': m20261202170000 },
  permissions: {
    'directory.read': STAFF,
    'directory.manage': ['county_admin'],
  },
  create: (ctx) => new DirectoryService(new DirectoryRepository(ctx.db)),
  routes: { prefix: '/api/directory', plugin: directoryRoutes },
  // The county's townships, villages and departments on every install: accounts and notices are scoped by them.
  async seed(service) {
    await service.seedIfEmpty();
  },
  // A body a programme declares with `add` and the directory lacks is added (once: by its code).
  async ensureBodies(service, bodies) {
    await service.ensureBodies(bodies);
  },
});

declare module '../../core/module.js' {
  interface Modules {
    directory: typeof directoryModule;
  }
}
