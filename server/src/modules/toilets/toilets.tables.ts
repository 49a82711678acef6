import type { Generated } from 'kysely';
import type { HouseholdStatus } from './toilets.states.js';

/** What a survey records of a household, in the register and in an import's staged rows alike. */
interface SurveyFields {
  head_name: string;
  /** Unique: a household is in the programme once. */
  id_no: string;
  phone: string;
  address: string;
  members: number;
  current_type: string;
  /** 坑位 of a collective or public toilet (1 for a household). */
  pits: number;
  /** Already meets the 卫生厕所 standard: counted as covered, never selected. */
  sanitary: number;
  /** The household's wish (「在尊重农户意愿的基础上」): 1 wants renovation. */
  wish: number;
}

/** 农村改厕: households surveyed, quotas, notices, agreements, construction, five-party acceptance, payments, reports. */
export interface ToiletsTables {
  toilet_households: SurveyFields & {
    id: Generated<number>;
    township_id: number;
    village_id: number;
    wish_note: string;
    /** The household's own account, when it has one (signs on a phone). */
    user_id: number | null;
    status: HouseholdStatus;
    mode: string | null;
    selected_at: string | null;
    /** Why a household in a village that cannot reach 85 % was chosen while others could (「若有剩余指标」). */
    priority_note: string | null;
    batch_id: number | null;
    agreement_no: string | null;
    agreement_at: string | null;
    builder_kind: string | null;
    builder_name: string | null;
    supervisor_name: string | null;
    tender_fen: number | null;
    toilet_no: string | null;
    started_at: string | null;
    completed_at: string | null;
    /** JSON: the measured values and results of the attachment's checks. */
    checks: string | null;
    checks_passed: number | null;
    superstructure_passed: number | null;
    accepted_at: string | null;
    /** The subsidy as accepted (frozen with the fifth signature). */
    subsidy_fen: number | null;
    created_by: string;
    created_at: string;
  };
  /** Ceilings per township and bucket (total, and each part of it); `used` moves by conditional updates only. */
  toilet_quotas: {
    township_id: number;
    bucket: string;
    label: string;
    cap: number;
    used: number;
  };
  /** A village's list of chosen households and the subsidy policy on public notice (村务公开栏). */
  toilet_batches: {
    id: Generated<number>;
    township_id: number;
    village_id: number;
    notice_id: number;
    notice_end: string;
    households: number;
    by_name: string;
    at: string;
  };
  /** How the township resolved an objection to a batch's notice (the objection itself is the notice's). */
  toilet_objection_resolutions: {
    objection_id: number;
    batch_id: number;
    resolution: string;
    by_name: string;
    at: string;
  };
  toilet_signatures: {
    household_id: number;
    party: string;
    signer_name: string;
    by_user_id: number | null;
    by_role: string;
    /** 'app' when signed by the party's own account, 'paper' when recorded from the signed form. */
    via: string;
    at: string;
  };
  /** Material prices as awarded in the township's tender (「价格以中标价为准」). */
  toilet_tenders: {
    id: Generated<number>;
    township_id: number;
    item: string;
    winner: string;
    price_fen: number;
    document_no: string;
    by_name: string;
    at: string;
  };
  /** The township's application for the county's acceptance (「由乡镇向县农业农村局提出验收申请」). */
  toilet_acceptance_requests: {
    township_id: number;
    accepted: number;
    by_name: string;
    at: string;
  };
  /** The county's draw for a township's application, once: the only households whose checks count. */
  toilet_spot_draws: {
    township_id: number;
    seed: string;
    /** How many accepted toilets the draw was made from. */
    population: number;
    /** JSON: the drawn household ids, in the order drawn. */
    drawn: string;
    by_user_id: number | null;
    by_name: string;
    at: string;
  };
  toilet_spot_checks: {
    id: Generated<number>;
    township_id: number;
    household_id: number;
    passed: number;
    note: string;
    by_name: string;
    at: string;
  };
  toilet_payments: {
    township_id: number;
    stage: number;
    allocation_fen: number;
    amount_fen: number;
    /** JSON: what the amount was computed from. */
    basis: string;
    by_name: string;
    at: string;
  };
  toilet_reports: {
    id: Generated<number>;
    kind: string;
    unit_id: number;
    period: string;
    due: string;
    /** JSON: the figures as submitted (pre-filled by the system, edited by the unit). */
    figures: string;
    note: string;
    by_name: string;
    submitted_at: string;
    submitted_day: string;
  };
  toilet_imports: {
    id: Generated<number>;
    file_name: string;
    status: 'validating' | 'validated' | 'committed' | 'failed' | 'discarded';
    /** Rows read so far, and how far through the file (percent of its bytes) the reading is. */
    total: number;
    percent: number;
    done: number;
    errors: number;
    committed: number;
    message: string | null;
    by_user_id: number;
    by_name: string;
    /** The township the importer may write to (null: the county, anywhere). */
    scope_township_id: number | null;
    at: string;
    /** Real time (not a pinned clock) of the checking process's last sign of life; null before the first. */
    heartbeat_at: string | null;
  };
  /** Rows of an import as validated, waiting for the user's decision; committed in one statement. */
  toilet_import_rows: SurveyFields & {
    import_id: number;
    row_no: number;
    township_id: number | null;
    village_id: number | null;
    error: string | null;
  };
}

declare module '../../core/db.js' {
  interface Database extends ToiletsTables {}
}
