/** 国有建设用地供应计划 (交政发〔2022〕2号): the module's manifest and only public surface. */
import { z } from 'zod';
import { STAFF } from '../../core/auth.js';
import { defineModule } from '../../core/module.js';
import { seedLandDemo } from './land.demo.js';
import { landRoutes } from './land.routes.js';
import { LandImport } from './land.import.js';
import { xlsxBudget } from '../../core/excel.js';
import * as m20261203040000 from './migrations/20261203040000-land.js';
import * as m20261204020000 from './migrations/20261204020000-land-flow.js';
import * as m20261205060000 from './migrations/20261205060000-land-priorities.js';
import { BODIES } from './land.access.js';
import { parcelFlow } from './land.flow.js';
import { LandRepository } from './land.repository.js';
import { LandService } from './land.service.js';

export const landModule = defineModule({
  name: 'land',
  label: '国有建设用地供应',
  env: z.object({
    /** A rehearsal clock for training runs; production leaves it unset (demo installs run on the install's demo clock). */
    LAND_CLOCK_START: z.string().datetime({ offset: true, message: 'LAND_CLOCK_START 应为带时区的 ISO 时间，如 2022-07-12T09:30:00+08:00' }).optional(),
  }),
  clock: { env: 'LAND_CLOCK_START' },
  needs: ['directory', 'workflow'],
  bodies: BODIES,
  migrations: { '20261203040000-land': m20261203040000, '20261204020000-land-flow': m20261204020000, '20261205060000-land-priorities': m20261205060000 },
  auditLabels: { entities: { land_parcel: '供应地块' }, actions: {} },
  permissions: {
    // Staff read the plan and its parcels; the public list needs no login.
    'land.read': STAFF,
    // Entering plans and parcels and their steps: the 县自然资源局 (the service checks the body).
    'land.write': ['department_official', 'county_admin'],
  },
  create: (ctx) => {
    const repo = new LandRepository(ctx.db);
    const wf = ctx.use('workflow');
    const access = wf.access(BODIES);
    const decl = parcelFlow({ today: ctx.today, giveBack: (r) => repo.giveArea(r.plan_id, r.use as never, r.area_sqm) });
    const flow = () => wf.bind(decl, { load: (_actor, id) => repo.parcel(id).then((r) => r ?? null), transition: (id, from, to, patch) => repo.transition(id, from, to, patch) }, { access, clock: { now: ctx.now, today: ctx.today } });
    const service = new LandService(ctx.db, repo, ctx.now, ctx.today, access, flow, ctx.use('directory'));
    // The 见网络版 parcel tables' import enters rows through the service; it lives beside it.
    return Object.assign(service, { importer: new LandImport(service, xlsxBudget(ctx.config)) });
  },
  routes: { prefix: '/api/land', plugin: landRoutes },
  demo: (service, ctx) => seedLandDemo(service, ctx),
  // The 2022 plan's caps are printed in the document itself: every install has them.
  seed: async (service) => {
    await service.ensurePlan2022();
  },
});

declare module '../../core/module.js' {
  interface Modules {
    land: typeof landModule;
  }
}
