import type { Generated } from 'kysely';

/** 涉农资金统筹整合: the 审计部门's spot checks (抽查), the leads passed to the 县纪委监委, the scheduled notices. */
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
  /** The first 「两个一律」 notice of a township, kind and period (the schedule's record of who has published). */
  agrifund_disclosure_runs: {
    year: number;
    township_id: number;
    kind: string;
    period: string;
    notice_id: number;
    at: string;
  };
}

declare module '../../core/db.js' {
  interface Database extends AgrifundAuditTables {}
}
