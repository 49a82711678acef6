/** Attachments stored by content hash: the module's only public surface. */
import { join } from 'node:path';
import type { Db } from '../../core/db.js';
import { FilesRepository } from './files.repository.js';
import { FilesService, type FilePolicy } from './files.service.js';

export { filesRoutes } from './files.routes.js';
export { FilesService, MAX_FILE_BYTES, type FilePolicy } from './files.service.js';

export const createFiles = (db: Db, dataDir: string, policies: Record<string, FilePolicy>) => new FilesService(new FilesRepository(db), join(dataDir, 'files'), policies);
