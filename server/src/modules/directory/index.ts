/** The county's directory (组织机构): the module's only public surface. */
import type { Db } from '../../core/db.js';
import { DirectoryRepository } from './directory.repository.js';
import { DirectoryService } from './directory.service.js';

export { directoryRoutes } from './directory.routes.js';
export { DirectoryService, type Unit, type UnitKind } from './directory.service.js';

export function createDirectory(db: Db): DirectoryService {
  return new DirectoryService(new DirectoryRepository(db));
}
