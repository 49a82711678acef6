/** 农业生产托管 (交政办发〔2022〕16号): the module's manifest and only public surface. */
import { STAFF } from '../../core/auth.js';
import { defineModule } from '../../core/module.js';
import * as m20261130120000 from './migrations/20261130120000-trusteeship.js';
import { TrusteeshipRepository } from './trusteeship.repository.js';
import { trusteeshipRoutes } from './trusteeship.routes.js';
import { TrusteeshipService } from './trusteeship.service.js';

export { TrusteeshipService } from './trusteeship.service.js';

export const trusteeshipModule = defineModule({
  name: 'trusteeship',
  label: '农业生产托管',
  needs: ['directory', 'calendar', 'accounts'],
  migrations: { '20261130120000-trusteeship': m20261130120000 },
  permissions: {
    'trusteeship.apply': ['service_org'],
    // Everyone in the workflow reads what their role lets them see; farmers (residents) their own contracts.
    'trusteeship.read': [...STAFF, 'service_org', 'resident'],
    'trusteeship.township': ['township_official'],
    'trusteeship.accept': ['township_official', 'department_official', 'county_admin'],
    // The 县现代农业发展服务中心's officials; the service checks the unit (another bureau gets 403).
    'trusteeship.centre': ['department_official', 'county_admin'],
  },
  create: (ctx) => new TrusteeshipService(new TrusteeshipRepository(ctx.db), ctx.use('directory'), ctx.use('calendar'), ctx.use('accounts'), ctx.today, ctx.now),
  routes: { prefix: '/api/trusteeship', plugin: trusteeshipRoutes },
  workbench: (service, actor) => service.workbench(actor),
});

declare module '../../core/module.js' {
  interface Modules {
    trusteeship: typeof trusteeshipModule;
  }
}
