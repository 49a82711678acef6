/** 国有建设用地供应计划 (交政发〔2022〕2号): the module's manifest and only public surface. */
import { defineModule } from '../../core/module.js';
import * as m20261203040000 from './migrations/20261203040000-land.js';
import * as m20261204020000 from './migrations/20261204020000-land-flow.js';
import { BODIES } from './land.access.js';
import { parcelFlow } from './land.flow.js';
import { LandRepository } from './land.repository.js';
import { LandService } from './land.service.js';

export const landModule = defineModule({
  name: 'land',
  label: '国有建设用地供应',
  needs: ['directory', 'workflow'],
  bodies: BODIES,
  migrations: { '20261203040000-land': m20261203040000, '20261204020000-land-flow': m20261204020000 },
  create: (ctx) => {
    const repo = new LandRepository(ctx.db);
    const service = new LandService(ctx.db, repo, ctx.now, ctx.today);
    const wf = ctx.use('workflow');
    const decl = parcelFlow({ today: ctx.today, giveBack: (r) => repo.giveArea(r.plan_id, r.use as never, r.area_sqm) });
    service.flow = wf.bind(decl, { load: (_actor, id) => repo.parcel(id).then((r) => r ?? null), transition: (id, from, to, patch) => repo.transition(id, from, to, patch) }, { access: wf.access(BODIES), clock: { now: ctx.now, today: ctx.today } });
    return service;
  },
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
