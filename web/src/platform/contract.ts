/** What the platform's own pieces take and answer: the export job and attachments (inferred type-only from the server's schemas) and a procedure's actions and step log. */
import type { z } from 'zod';
import type { StepActionSchema, StepLogSchema } from '../../../server/src/core/schema.js';
import type { ExportJob as ExportJobSchema } from '../../../server/src/modules/exports/exports.routes.js';
import type { FileLink, StoredFile } from '../../../server/src/modules/files/files.routes.js';

export type ExportJob = z.output<typeof ExportJobSchema>;
/** A file just uploaded. */
export type UploadedFile = z.output<typeof StoredFile>;
/** One of a record's attachments, as its list shows it. */
export type AttachedFile = z.output<typeof FileLink>;

// What a procedure's record view carries (server core/workflow.ts emits it; StepActions and Timeline render it).

/** One step of a procedure as this actor sees it now: allowed, or why not. */
export type StepAction = z.output<typeof StepActionSchema>;
/** One field of the form a step asks for; `money` is typed in 元 and sent in 分. */
export type StepField = StepAction['fields'][number];
/** One row of a record's step log (谁、何时、做了什么). */
export type StepLogEntry = z.output<typeof StepLogSchema>;
