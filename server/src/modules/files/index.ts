/** Attachments stored by content hash: the module's manifest and only public surface. */
import { join } from 'node:path';
import { defineModule } from '../../core/module.js';
import { FilesRepository } from './files.repository.js';
import { filesRoutes } from './files.routes.js';
import { FilesService } from './files.service.js';
import * as m20261128010500 from './migrations/20261128010500-files.js';

export { FilesService, MAX_FILE_BYTES } from './files.service.js';

/** A 1×1 JPEG: the photo demo installs and tests attach where a record needs one (a real one is the office's). */
export const TINY_JPEG = Buffer.from('/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=', 'base64');

export const filesModule = defineModule({
  name: 'files',
  label: '附件',
  auditLabels: { entities: { file_link: '附件' }, actions: { 'file_link.create': '上传' } },
  migrations: { '20261128010500-files': m20261128010500 },
  permissions: {
    // A resident uploads too (a contestant's own papers): which record anyone may attach to is its policy's say.
    'files.upload': ['county_admin', 'department_official', 'township_official', 'village_committee', 'service_org', 'merchant', 'resident'],
  },
  // Who may attach to which record is each module's own say (its manifest's filePolicies), gathered from all of them.
  create: (ctx) => new FilesService(new FilesRepository(ctx.db), join(ctx.config.dataDir, 'files'), () => ctx.registry().filePolicies()),
  routes: { prefix: '/api/files', plugin: filesRoutes },
});

declare module '../../core/module.js' {
  interface Modules {
    files: typeof filesModule;
  }
}
