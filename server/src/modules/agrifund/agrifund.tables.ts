import type { Generated } from 'kysely';

/** 涉农资金统筹整合 (交政办发〔2022〕8号): tree versions and lines, funding sources, projects, milestones, payments. */
export interface AgrifundTables {
  /** One version of a year's allocation tree; a revision is a new version, never added to the original. */
  agrifund_versions: {
    id: Generated<number>;
    year: number;
    version: number;
    total_fen: number;
    basis: string;
    note: string;
    created_by: string;
    created_at: string;
  };
  /** A category (parent_code null) or sub-item of a version, its amount in 分. */
  agrifund_lines: {
    version_id: number;
    code: string;
    parent_code: string | null;
    name: string;
    amount_fen: number;
  };
  /** The pool a year's sub-item pays from: its allocation under the current version, committed to projects, paid. */
  agrifund_items: {
    year: number;
    code: string;
    name: string;
    allocated_fen: number;
    committed_fen: number;
    paid_fen: number;
  };
  /** Where a line's money comes from: 省/市/县, 当年/结转, 存量/增量. */
  agrifund_sources: {
    id: Generated<number>;
    version_id: number;
    code: string;
    level: string;
    year_kind: string;
    stock_kind: string;
    amount_fen: number;
  };
  agrifund_projects: {
    id: Generated<number>;
    year: number;
    item_code: string;
    name: string;
    township_id: number;
    village_id: number | null;
    implementing_unit: string;
    amount_fen: number;
    targets: string;
    step: string;
    verified_fen: number;
    paid_fen: number;
    created_by: string;
    created_at: string;
  };
  agrifund_milestones: {
    project_id: number;
    seq: number;
    name: string;
    due_date: string;
    share_bp: number;
    verified_at: string | null;
    verified_by: string | null;
    evidence: string | null;
    /** The implementing unit's request: the milestone reported reached, with the amount asked for. */
    reported_at: string | null;
    reported_by: string | null;
    report_note: string | null;
    request_fen: number | null;
  };
  agrifund_payments: {
    id: Generated<number>;
    project_id: number;
    milestone_seq: number;
    amount_fen: number;
    by_name: string;
    at: string;
  };
}

declare module '../../core/db.js' {
  interface Database extends AgrifundTables {}
}
