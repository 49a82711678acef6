/** The audit trail's reading side: the module's only public surface. */
import type { Db } from '../../core/db.js';
import { AuditRepository } from './audit.repository.js';

export { auditRoutes } from './audit.routes.js';
export { AuditRepository } from './audit.repository.js';

export const createAudit = (db: Db) => new AuditRepository(db);
