import type { Generated } from 'kysely';

/** Public notices and objections: the module's tables. */
export interface NoticesTables {
  public_notices: {
    id: Generated<number>;
    unit_id: number;
    subject: string;
    content: string;
    basis: string | null;
    start_date: string;
    min_length: number;
    unit: '日' | '工作日';
    earliest_end: string;
    status: 'open' | 'closed';
    outcome: string | null;
    closed_at: string | null;
    created_by: number;
    created_at: string;
  };
  notice_objections: {
    id: Generated<number>;
    notice_id: number;
    name: string;
    contact: string | null;
    text: string;
    received_at: string;
    user_id: number | null;
    /** Who marked it as spam, and when; null while it stands. */
    spam_by: string | null;
    spam_at: string | null;
  };
}

declare module '../../core/db.js' {
  interface Database extends NoticesTables {}
}
