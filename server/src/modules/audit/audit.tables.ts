import type { Generated } from 'kysely';

/** The audit trail (written by core/audit in every module's transactions): the module's tables. */
export interface AuditTables {
  audit_log: {
    id: Generated<number>;
    at: string;
    actor_id: number | null;
    actor_name: string;
    role: string;
    entity: string;
    entity_id: string | null;
    action: string;
    before_json: string | null;
    after_json: string | null;
    request_id: string | null;
    prev_hash: string;
    hash: string;
  };
}

declare module '../../core/db.js' {
  interface Database extends AuditTables {}
}
