import type { Generated } from 'kysely';
import type { RotationStatus } from './grain.flow.js';

/** 县级储备粮 (交政发〔2022〕8号) and the townships' targets (交政办函〔2022〕13号). Quantities in kg, money in 分. */
export interface GrainTables {
  /** The reserve's scale as the office enters it (not in the text), by year, with its document. */
  grain_reserve_scales: {
    id: Generated<number>;
    year: number;
    established_year: number;
    scale_kg: number;
    source: string;
    entered_by: string;
    entered_at: string;
  };
  grain_lots: {
    id: Generated<number>;
    code: string;
    grain: string;
    quantity_kg: number;
    grade: string;
    year_stored: number;
    warehouse: string;
    enterprise_name: string;
    /** The 承储企业's account (its own lots only); null when the centre keeps the lot itself. */
    owner_user_id: number | null;
    /** stored: in the reserve; sold: gone out in a rotation (its replacement awaited or received). */
    status: 'stored' | 'sold';
    /** 不宜存: not counted towards the reserve's scale. */
    unfit: number;
    unfit_reason: string | null;
    sold_on: string | null;
    sold_order_id: number | null;
    replaced_on: string | null;
    replaced_by_lot_id: number | null;
    receipt_id: number | null;
    demo: number;
    created_by: string;
    created_at: string;
  };
  grain_rotations: {
    id: Generated<number>;
    year: number;
    grain: string;
    planned_kg: number;
    mode: string;
    owner_user_id: number | null;
    enterprise_name: string;
    /** Basis points of the year's plans over the reserve's scale when applied. */
    share_bp: number;
    /** Why a plan outside 20–30 % goes ahead (required then). */
    share_reason: string | null;
    application_note: string;
    status: RotationStatus;
    approved_by: string | null;
    approval_note: string | null;
    subsidy_rate_fen: number | null;
    subsidy_source: string | null;
    rotated_kg: number | null;
    sale_fen: number | null;
    purchase_fen: number | null;
    subsidy_fen: number | null;
    loss_fen: number | null;
    reviewed_by: string | null;
    review_note: string | null;
    closed_by: string | null;
    demo: number;
    created_by: string;
    created_at: string;
  };
  /** 轮出/轮入 orders, each with its public bid. */
  grain_orders: {
    id: Generated<number>;
    rotation_id: number;
    direction: 'out' | 'in';
    quantity_kg: number;
    /** JSON: the lots sold (轮出). */
    lot_ids: string;
    channel: string;
    bid_date: string;
    bidders: string;
    bidder_count: number;
    winner: string;
    price_fen: number;
    result_doc: string;
    created_by: string;
    created_at: string;
  };
  grain_receipts: {
    id: Generated<number>;
    rotation_id: number;
    order_id: number;
    lot_id: number;
    warehouse: string;
    quantity_kg: number;
    grade: string;
    inspection_no: string;
    inspector: string;
    received_on: string;
    created_by: string;
    created_at: string;
  };
  /** 农发行: the purchase loan and the repayment from the sale. */
  grain_finance: {
    id: Generated<number>;
    rotation_id: number;
    kind: 'loan' | 'repayment';
    amount_fen: number;
    on_date: string;
    reference: string;
    created_by: string;
    created_at: string;
  };
  grain_indicators: {
    id: Generated<number>;
    name: string;
    kind: string;
    unit: string;
    created_by: string;
    created_at: string;
  };
  grain_targets: {
    id: Generated<number>;
    year: number;
    township_id: number;
    indicator_id: number;
    value_milli: number;
    /** 录入 or 导入 #n. */
    origin: string;
    entered_by: string;
    entered_at: string;
  };
  grain_target_imports: {
    id: Generated<number>;
    year: number;
    file_name: string;
    status: 'checked' | 'committed' | 'discarded';
    /** JSON: the good rows, staged until commit. */
    rows: string;
    /** JSON: the rows refused, with the reason. */
    errors: string;
    total: number;
    user_id: number | null;
    by_name: string;
    created_at: string;
    committed_at: string | null;
  };
  grain_reports: {
    id: Generated<number>;
    year: number;
    township_id: number;
    indicator_id: number;
    season: string;
    value_milli: number;
    note: string | null;
    reported_by: string;
    reported_at: string;
  };
}

declare module '../../core/db.js' {
  interface Database extends GrainTables {}
}
