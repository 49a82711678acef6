/** What the platform's own pieces take and answer: the export job and attachments (inferred type-only from the server's schemas) and a procedure's actions and step log. */
import type { z } from 'zod';
import type { ExportJob as ExportJobSchema } from '../../../server/src/modules/exports/exports.routes.js';
import type { FileLink, StoredFile } from '../../../server/src/modules/files/files.routes.js';

export type ExportJob = z.output<typeof ExportJobSchema>;
/** A file just uploaded. */
export type UploadedFile = z.output<typeof StoredFile>;
/** One of a record's attachments, as its list shows it. */
export type AttachedFile = z.output<typeof FileLink>;

// What a procedure's record view carries (server core/workflow.ts emits it; StepActions and Timeline render it).
// Declared here by hand until the kit's zod schemas exist to infer them from.

/** One field of the form a step asks for; `money` is typed in 元 and sent in 分. */
export interface StepField {
  name: string;
  label: string;
  kind: 'text' | 'textarea' | 'date' | 'number' | 'select' | 'money';
  required: boolean;
  options?: { value: string; label: string }[];
  placeholder?: string;
}

/** An attachment a step requires, and whether the record has it. */
export interface StepFile {
  entity: string;
  entityId: string;
  label: string;
  present: boolean;
}

/** One step of a procedure as this actor sees it now: allowed, or why not. */
export interface StepAction {
  step: string;
  label: string;
  allowed: boolean;
  reason: string | null;
  path: string;
  fields: StepField[];
  files: StepFile[];
  confirm: string | null;
  danger: boolean;
}

/** One row of a record's step log (谁、何时、做了什么). */
export interface StepLogEntry {
  id: number;
  step: string;
  label: string;
  from: string | null;
  to: string;
  fromLabel: string | null;
  toLabel: string;
  actor: string;
  role: string;
  at: string;
  note: string | null;
}
