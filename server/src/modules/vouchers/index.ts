/** Government consumption vouchers (政府消费券, 交政办发〔2022〕13号): the module's only public surface. */
import type { Db } from '../../core/db.js';
import type { DirectoryService } from '../directory/index.js';
import type { AccountsService } from '../accounts/index.js';
import { VouchersRepository } from './vouchers.repository.js';
import { VouchersService } from './vouchers.service.js';

export { vouchersRoutes } from './vouchers.routes.js';
export { VouchersService } from './vouchers.service.js';
/** What GET /api/vouchers/campaign answers. */
export type Campaign = Awaited<ReturnType<VouchersService['campaign']>>;

export const createVouchers = (db: Db, directory: DirectoryService, now?: () => string, accounts?: AccountsService) =>
  new VouchersService(new VouchersRepository(db), directory, now, accounts);

declare module 'fastify' {
  interface FastifyInstance {
    vouchers: VouchersService;
  }
}
