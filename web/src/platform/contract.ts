/** What the platform's own pieces (the export button) take and answer, inferred type-only from the server's schemas. */
import type { z } from 'zod';
import type { ExportJob as ExportJobSchema } from '../../../server/src/modules/exports/exports.routes.js';

export type ExportJob = z.output<typeof ExportJobSchema>;
