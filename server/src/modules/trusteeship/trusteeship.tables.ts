import type { Generated } from 'kysely';
import type { OrgStatus } from './orgs.flow.js';
import type { FarmerStatus } from './works.flow.js';

/** 农业生产托管: service organisations, contracts with farmers, work confirmations, acceptances, sampling, settlement. */
export interface TrusteeshipTables {
  trusteeship_orgs: {
    id: Generated<number>;
    name: string;
    credit_code: string;
    org_type: string;
    township_id: number;
    village_id: number | null;
    owner_user_id: number;
    /** JSON: { criterion code: the organisation's answer and evidence }. */
    criteria: string;
    /** The organisation's state in its procedure (orgs.flow.ts). */
    status: OrgStatus;
    /** 「村和乡镇推荐」: the village committee first when the organisation names its village, then the township. */
    village_recommended_by: string | null;
    recommended_by: string | null;
    reviewed_by: string | null;
    review_note: string | null;
    /** The approved list's public notice: it may be published once this day has passed. */
    notice_end: string | null;
    county_contract_no: string | null;
    county_contract_at: string | null;
    created_at: string;
  };
  trusteeship_contracts: {
    id: Generated<number>;
    org_id: number;
    season: number;
    farmer_name: string;
    farmer_id_no: string;
    farmer_phone: string;
    farmer_user_id: number | null;
    village_id: number;
    township_id: number;
    location: string;
    /** The plot's key (village and core/text normalizeKey of the location): the 100 元/亩 cap and one claim per stage are per plot. */
    plot_key: string;
    /** A contract stored before keys were normalised that repeats this earlier one (see the migration 20261201120000). */
    duplicate_of: number | null;
    area_centi: number;
    crop: string;
    /** JSON array of stage codes. */
    stages: string;
    period_from: string;
    period_to: string;
    quality: string;
    created_at: string;
  };
  trusteeship_works: {
    id: Generated<number>;
    contract_id: number;
    org_id: number;
    plot_key: string;
    /** The plot's contract area (hundredths of a 亩), kept with the work: the season's settlement reads no contract. */
    plot_area_centi: number;
    season: number;
    stage: string;
    work_date: string;
    area_centi: number;
    passes: number;
    evidence: string;
    /** The farmer's answer (works.flow.ts); the work's state is read from this and the acceptance and settlement columns. */
    farmer_status: FarmerStatus;
    farmer_note: string | null;
    farmer_at: string | null;
    township_area_centi: number | null;
    township_acceptance_id: number | null;
    county_area_centi: number | null;
    county_acceptance_id: number | null;
    paid_fen: number | null;
    settlement_id: number | null;
    created_at: string;
  };
  trusteeship_acceptances: {
    id: Generated<number>;
    org_id: number;
    season: number;
    level: 'township' | 'county';
    note: string;
    by_name: string;
    at: string;
    notice_end: string;
    /** The public notice (公示) of the result, on /notices. */
    notice_id: number | null;
    /** The accepting township (乡镇初验 is by the plots' township, each for its own plots); null for the county's. */
    township_id: number | null;
  };
  trusteeship_samplings: {
    id: Generated<number>;
    season: number;
    seed: string;
    /** JSON: [{ orgId, result: 'pass' | 'fail' | null }]. */
    drawn: string;
    by_name: string;
    at: string;
  };
  /** A season's price and subsidy table with the document it comes from (2022's is the gazette's own). */
  trusteeship_rates: {
    season: number;
    document: string;
    /** JSON: [{ code, name, priceFen, subsidyFen, perPass }]. */
    stages: string;
    entered_by: string;
    entered_at: string;
  };
  /** Held (a row lock) by the settlement running in a season; see the migration 20261130150000. */
  trusteeship_settle_locks: {
    season: number;
    at: string;
  };
  trusteeship_settlements: {
    id: Generated<number>;
    org_id: number;
    season: number;
    total_fen: number;
    /** JSON: the sheet's lines as settled (frozen). */
    lines: string;
    by_name: string;
    at: string;
  };
}

declare module '../../core/db.js' {
  interface Database extends TrusteeshipTables {}
}
