import type { Generated } from 'kysely';

/** 涉农资金统筹整合: the 审计部门's spot checks (抽查) and the leads passed to the 县纪委监委. */
export interface AgrifundAuditTables {
  /** One draw: which of the year's paid projects the seed picked from the population (both JSON ids). */
  agrifund_audit_draws: {
    id: Generated<number>;
    year: number;
    /** The year's draw number (第 n 次抽查). */
    seq: number;
    seed: string;
    percent: number;
    population: string;
    drawn: string;
    by_name: string;
    at: string;
  };
  /** The auditor's conclusion on one drawn project. */
  agrifund_audit_checks: {
    id: Generated<number>;
    draw_id: number;
    project_id: number;
    passed: number;
    finding: string;
    by_name: string;
    at: string;
  };
  /** A 违法违纪案件线索 passed on: referred by the auditor, received and closed by the 县纪委监委. */
  agrifund_leads: {
    id: Generated<number>;
    check_id: number;
    project_id: number;
    summary: string;
    status: 'referred' | 'received' | 'closed';
    referred_by: string;
    referred_at: string;
    received_by: string | null;
    received_at: string | null;
    outcome: string | null;
    closed_by: string | null;
    closed_at: string | null;
  };
}

declare module '../../core/db.js' {
  interface Database extends AgrifundAuditTables {}
}
