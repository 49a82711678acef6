/** 国有建设用地供应计划 (交政发〔2022〕2号): the module's manifest and only public surface. */
import { defineModule } from '../../core/module.js';
import * as m20261203040000 from './migrations/20261203040000-land.js';
import { LandRepository } from './land.repository.js';
import { LandService } from './land.service.js';

export const landModule = defineModule({
  name: 'land',
  label: '国有建设用地供应',
  needs: ['directory'],
  migrations: { '20261203040000-land': m20261203040000 },
  create: (ctx) => new LandService(ctx.db, new LandRepository(ctx.db), ctx.now, ctx.today),
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
