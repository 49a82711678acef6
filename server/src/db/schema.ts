import type { Generated } from 'kysely';

/** Row types of every table, by table name. */
export interface Database {
  gazette_imports: {
    id: Generated<number>;
    file_name: string;
    sha256: string;
    byte_size: number;
    documents: number;
    imported_by: string;
    imported_at: string;
  };
  gazette_documents: {
    id: Generated<number>;
    doc_number: string;
    agency_code: string;
    year: number;
    serial: number;
    issuer: string;
    title: string;
    doc_type: string;
    addressees: string;
    doc_date: string | null;
    publicity: string | null;
    content_hash: string;
    import_id: number | null;
    created_at: string;
    updated_at: string;
  };
  gazette_document_texts: {
    document_id: number;
    structure: string;
    body_text: string;
  };
  gazette_citations: {
    id: Generated<number>;
    document_id: number;
    kind: 'cites' | 'replies_to';
    cited_number: string | null;
    cited_title: string | null;
    position: number;
  };
  org_units: {
    id: Generated<number>;
    code: string | null;
    name: string;
    kind: 'county' | 'township' | 'village' | 'department' | 'body';
    parent_id: number | null;
    short_names: string;
    note: string | null;
    created_at: string;
    updated_at: string;
  };
  users: {
    id: Generated<number>;
    username: string;
    display_name: string;
    password_hash: string;
    role: string;
    unit_id: number | null;
    mobile: string | null;
    active: number;
    must_change_password: number;
    failed_attempts: number;
    locked_until: string | null;
    created_at: string;
    updated_at: string;
  };
  sessions: {
    id: string;
    user_id: number;
    csrf_token: string;
    created_at: string;
    last_seen_at: string;
    expires_at: string;
  };
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
  calendar_overrides: { day: string; kind: 'workday' | 'holiday'; note: string | null; created_by: string; created_at: string };
  calendar_years: { year: number; declared_by: string; declared_at: string };
  public_notices: {
    id: Generated<number>;
    unit_id: number;
    subject: string;
    content: string;
    basis: string | null;
    start_date: string;
    min_length: number;
    unit: '日' | '工作日';
    earliest_end: string;
    status: 'open' | 'closed';
    outcome: string | null;
    closed_at: string | null;
    created_by: number;
    created_at: string;
  };
  notice_objections: {
    id: Generated<number>;
    notice_id: number;
    name: string;
    contact: string | null;
    text: string;
    received_at: string;
    user_id: number | null;
  };
  files: { sha256: string; size: number; mime: string; created_at: string };
  file_links: {
    id: Generated<number>;
    sha256: string;
    entity: string;
    entity_id: string;
    file_name: string;
    created_by: number | null;
    created_at: string;
  };
  voucher_categories: {
    id: Generated<number>;
    code: string;
    name: string;
    scope: string;
    budget_fen: number;
    committed_fen: Generated<number>;
    redeemed_fen: Generated<number>;
  };
  voucher_kinds: { id: Generated<number>; category_id: number; threshold_fen: number; discount_fen: number; label: string };
  voucher_rounds: { id: Generated<number>; seq: number; opens_at: string; expires_at: string; status: Generated<string> };
  voucher_round_quotas: { round_id: number; kind_id: number; released: number; claimed: Generated<number> };
  merchants: {
    id: Generated<number>;
    name: string;
    credit_code: string;
    category_code: string;
    above_quota: number;
    stores: string;
    owner_user_id: number;
    status: 'pending' | 'approved' | 'rejected' | 'suspended';
    industry_approved_by: string | null;
    industry_approved_at: string | null;
    statistics_approved_by: string | null;
    statistics_approved_at: string | null;
    reject_reason: string | null;
    batch_no: number | null;
    effective_date: string | null;
    created_at: string;
  };
  merchant_cashiers: { user_id: number; merchant_id: number };
  vouchers: {
    id: Generated<number>;
    round_id: number;
    kind_id: number;
    category_id: number;
    user_id: number;
    face_fen: number;
    threshold_fen: number;
    status: 'claimed' | 'redeemed' | 'expired';
    claimed_at: string;
    valid_from: string;
    expires_at: string;
    lng: number;
    lat: number;
    device_id: string | null;
  };
  payment_codes: { code: string; user_id: number; expires_at: string; used_at: string | null };
  voucher_redemptions: {
    id: Generated<number>;
    voucher_id: number;
    merchant_id: number;
    cashier_user_id: number;
    txn_no: string;
    order_fen: number;
    discount_fen: number;
    redeemed_at: string;
    status: 'active' | 'reversed';
    reversed_at: string | null;
  };
  voucher_disqualifications: { id: Generated<number>; subject: 'resident' | 'merchant'; subject_id: number; reason: string; by_user: string; at: string };
}
