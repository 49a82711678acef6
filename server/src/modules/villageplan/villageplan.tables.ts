import type { Generated } from 'kysely';

/** 村庄规划编制 (交政发〔2022〕3号): classification, evaluation of existing plans, and plan cases. */
export interface VillageplanTables {
  /** A village's class as its township proposes it and the 县自然资源局 checks it; one per village. */
  villageplan_classifications: {
    id: Generated<number>;
    village_id: number;
    township_id: number;
    cls: string;
    /** The checklist answered: JSON of criterion code → boolean. */
    criteria: string;
    resettlement_inside: number;
    adjacent: number;
    route: string;
    exception: string | null;
    reason: string;
    /** 编制时序: the year of compilation, for a village planned on its own. */
    year: number | null;
    status: 'submitted' | 'checked' | 'returned';
    check_note: string | null;
    by_name: string;
    at: string;
  };
  /** An existing plan evaluated (三、（五））; one per village. */
  villageplan_evaluations: {
    id: Generated<number>;
    village_id: number;
    township_id: number;
    plan_name: string;
    plan_year: number;
    outcome: string;
    /** JSON of criterion code → { met, reason }. */
    answers: string;
    by_name: string;
    at: string;
  };
  /** A plan compiled for one or several 行政村 of one township. */
  villageplan_cases: {
    id: Generated<number>;
    township_id: number;
    lead_village_id: number;
    name: string;
    status: string;
    /** The 编制工作组: JSON of { kind, name }. */
    members: string;
    unit_name: string;
    unit_qualification: string;
    unit_grade: string;
    scheme_note: string | null;
    review_note: string | null;
    meeting: string | null;
    meeting_on: string | null;
    /** The village notices' ids (JSON) and the last day of the longest-running one. */
    notice_ids: string | null;
    notice_last_day: string | null;
    objections_reply: string | null;
    approval_no: string | null;
    approved_on: string | null;
    publish_due: string | null;
    submit_due: string | null;
    published_on: string | null;
    village_rules_note: string | null;
    submitted_on: string | null;
    evaluation_due: string | null;
    revision: number;
    change_reason: string | null;
    created_by: string;
    created_at: string;
  };
  /** The villages of a case: a village is in one case. */
  villageplan_case_villages: {
    case_id: number;
    village_id: number;
  };
}

declare module '../../core/db.js' {
  interface Database extends VillageplanTables {}
}
