/** What the audit routes answer, inferred type-only from the server's own schemas (nothing of the server is bundled). */
import type { z } from 'zod';
import type { AuditRecord, CheckpointAnswer } from '../../../../server/src/modules/audit/audit.routes.js';

export type AuditEntry = z.output<typeof AuditRecord>;
export type AuditCheckpoint = z.output<typeof CheckpointAnswer>;
