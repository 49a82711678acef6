import type { Kysely } from 'kysely';
import type { DialectName } from '../../../core/db.js';

/**
 * Who set a task's deadline (deadline_by: 'office' when the county office fixed it, null when it is the text's), so
 * the words shown as 原文 are only ever the text's; and a task's place in its document (seq), so lists keep the
 * document's order; and whether extraction or the office made it (origin). Rows corrected before keep their office date, their 原文 words taken back out of the note.
 */
export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  await db.schema.alterTable('supervision_tasks').addColumn('deadline_by', 'text').execute();
  await db.schema.alterTable('supervision_tasks').addColumn('seq', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('supervision_tasks').addColumn('origin', 'text', (c) => c.notNull().defaultTo('extract')).execute();
  const rows = (await db.selectFrom('supervision_tasks').select(['id', 'deadline_text']).where('deadline_text', 'like', '%县政府办公室核定为%').execute()) as { id: number; deadline_text: string }[];
  for (const r of rows) {
    const words = /^原文「(.*)」，县政府办公室核定为/.exec(r.deadline_text)?.[1] ?? null;
    await db.updateTable('supervision_tasks').set({ deadline_by: 'office', deadline_text: words }).where('id', '=', r.id).execute();
  }
  // Extraction inserted a document's tasks in its order: the first seq is the order of the ids within each document.
  const all = (await db.selectFrom('supervision_tasks').select(['id', 'doc_number']).orderBy('doc_number').orderBy('id').execute()) as { id: number; doc_number: string }[];
  let doc = '';
  let n = 0;
  for (const r of all) {
    n = r.doc_number === doc ? n + 1 : 0;
    doc = r.doc_number;
    await db.updateTable('supervision_tasks').set({ seq: n * 10 }).where('id', '=', r.id).execute();
  }
}

export async function down(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  await db.schema.alterTable('supervision_tasks').dropColumn('origin').execute();
  await db.schema.alterTable('supervision_tasks').dropColumn('seq').execute();
  await db.schema.alterTable('supervision_tasks').dropColumn('deadline_by').execute();
}
