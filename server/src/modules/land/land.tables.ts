import type { Generated } from 'kysely';

/** 国有建设用地供应计划 (交政发〔2022〕2号): the annual plans with their caps, and the parcels that draw on them. */
export interface LandTables {
  /** One plan a year, entered from that year's document; areas in whole 平方米 (0.0001 公顷). */
  land_plans: {
    id: Generated<number>;
    year: number;
    source: string;
    total_sqm: number;
    /** 平方米 taken by parcels counted against the plan; moved only by a conditional update. */
    used_total_sqm: number;
    created_at: string;
  };
  /** The plan's cap per use; unique (plan_id, use). */
  land_plan_caps: {
    plan_id: number;
    use: string;
    cap_sqm: number;
    used_sqm: number;
  };
  land_parcels: {
    id: Generated<number>;
    plan_id: number;
    code: string;
    name: string;
    /** A township's name or 交城经济开发区. */
    location: string;
    use: string;
    sub_use: string | null;
    housing_type: string | null;
    area_sqm: number;
    /** The boundary's computed area at entry, kept for the record beside the declared one. */
    boundary_sqm: number;
    /** GeoJSON Polygon, WGS84 longitude/latitude. */
    boundary: string;
    min_lng: number;
    min_lat: number;
    max_lng: number;
    max_lat: number;
    method: string;
    intending_users: number;
    project: string;
    status: string;
    price_fen: number | null;
    buyer: string | null;
    agreed_start: string | null;
    agreed_completion: string | null;
    started_on: string | null;
    completed_on: string | null;
    demo: number;
    created_at: string;
    /** 出让公告 number and date (招拍挂 only). */
    notice_no: string | null;
    noticed_on: string | null;
    dealt_on: string | null;
    /** The supply: 出让合同 or 划拨决定书 number and date. */
    supplied_on: string | null;
    contract_no: string | null;
    withdraw_reason: string | null;
    /** JSON codes of the plan's priorities the parcel serves (PRIORITIES). */
    priorities: Generated<string>;
  };
}

declare module '../../core/db.js' {
  interface Database extends LandTables {}
}
