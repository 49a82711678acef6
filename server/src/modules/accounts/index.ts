/** Accounts, sessions and the HTTP authentication layer: the module's only public surface. */
import type { Db } from '../../core/db.js';
import type { DirectoryService } from '../directory/index.js';
import { AccountsRepository } from './accounts.repository.js';
import { AccountsService } from './accounts.service.js';

export { accountsRoutes } from './accounts.routes.js';
export { installAuth, CSRF_HEADER, SESSION_COOKIE, CSRF_COOKIE } from './accounts.http.js';
export { AccountsService, MAX_FAILED_LOGINS, type DemoAccount, type PublicUser } from './accounts.service.js';

export function createAccounts(db: Db, directory: DirectoryService): AccountsService {
  return new AccountsService(new AccountsRepository(db), directory);
}
