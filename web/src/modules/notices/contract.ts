/** What the notices routes take and answer, inferred type-only from the server's own schemas (nothing of the server is bundled). */
import type { z } from 'zod';
import type { NoticeBody, NoticeDetail as NoticeDetailSchema, NoticeSchema, ObjectionBody, ObjectionPage as ObjectionPageSchema, Publishers } from '../../../../server/src/modules/notices/notices.routes.js';

export type Notice = z.output<typeof NoticeSchema>;
export type NoticeDetail = z.output<typeof NoticeDetailSchema>;
export type ObjectionPage = z.output<typeof ObjectionPageSchema>;
export type NewNotice = z.input<typeof NoticeBody>;
export type NewObjection = z.input<typeof ObjectionBody>;
/** A unit the user may publish for. */
export type Publisher = z.output<typeof Publishers>['items'][number];
