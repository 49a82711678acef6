import type { Generated } from 'kysely';

/** 督查督办: tasks taken from the gazette's clauses, the units that hold them, their reports and extensions. */
export interface SupervisionTables {
  supervision_tasks: {
    id: Generated<number>;
    doc_number: string;
    /** Stable within the document (part, printed path, a milestone's date): extraction run again finds the same task. */
    task_key: string;
    part: string | null;
    /** JSON array of printed labels. */
    path: string;
    heading: string;
    text: string;
    units_text: string;
    /** JSON arrays of printed names the directory did not know. */
    unknown_units: string;
    deadline: string | null;
    deadline_text: string | null;
    recurrence: string | null;
    /** 'office' when the county office fixed the deadline (then deadline_text is only ever the text's own words). */
    deadline_by: 'office' | null;
    /** extract: proposed by extraction; manual: added by the office off a clause extraction did not give. */
    origin: Generated<'extract' | 'manual'>;
    /** The task's place in its document (lists keep the document's order). */
    seq: Generated<number>;
    /** JSON: [{ metric, comparison, value, unit, text }]. */
    targets: string;
    /** JSON: [{ date, text }]. */
    milestones: string;
    /** The next dated step before the final date not yet met, from 交办 on (its own 临期/逾期 and 催办). */
    step_due: string | null;
    /** JSON dates of the steps the lead unit has reported met. */
    steps_met: Generated<string>;
    /** 需核定: why the text's date may be read otherwise, with the readings offered (null: nothing to decide). */
    disputed: string | null;
    /** JSON by target index: the indicator a target is measured by ({ indicator, unitId }), or null. */
    target_links: Generated<string>;
    status: 'proposed' | 'assigned' | 'done';
    /** An approved extension's new deadline. */
    extended_to: string | null;
    returns: Generated<number>;
    assigned_on: string | null;
    sign_due: string | null;
    created_at: string;
    created_by: string;
    confirmed_by: string | null;
    done_at: string | null;
    done_by: string | null;
    /** The latest progress report's percent, values (JSON) and time: kept with each report. */
    last_percent: number | null;
    last_values: string | null;
    last_report_at: string | null;
  };
  supervision_task_units: {
    task_id: number;
    unit_id: number;
    role: 'lead' | 'support';
    signed_at: string | null;
    signed_by: string | null;
  };
  supervision_reports: {
    id: Generated<number>;
    task_id: number;
    unit_id: number | null;
    /** progress: a unit's report; consolidated: the lead unit's 汇总 of all units; returned / accepted: the office's answer. */
    kind: 'progress' | 'consolidated' | 'returned' | 'accepted';
    text: string;
    percent: number | null;
    /** JSON: reported value per target (by index), null where not reported. */
    target_values: string;
    by_name: string;
    at: string;
  };
  supervision_extensions: {
    id: Generated<number>;
    task_id: number;
    unit_id: number;
    to_date: string;
    reason: string;
    status: 'pending' | 'approved' | 'refused';
    requested_by: string;
    requested_at: string;
    decided_by: string | null;
    decided_at: string | null;
  };
  supervision_notices: {
    id: Generated<number>;
    task_id: number;
    unit_id: number;
    /** remind: 催办 when a task becomes 临期; order: 督办单 once it is 逾期. */
    kind: 'remind' | 'order';
    due: string;
    issued_at: string;
  };
  supervision_bulletins: {
    id: Generated<number>;
    /** The Monday of the week it covers. */
    issued_on: string;
    /** JSON: the bulletin as issued (totals and late units), frozen. */
    body: string;
    issued_at: string;
  };
}

declare module '../../core/db.js' {
  interface Database extends SupervisionTables {}
}
