import type { Generated } from 'kysely';
import type { EventModeCode, EventStage, RegistrationStatus } from './skills.states.js';

/** 职业技能大赛: the contest's events, registrations and the one-person-one-event key. */
export interface SkillsTables {
  skill_events: {
    id: Generated<number>;
    code: string;
    name: string;
    category: number;
    /** The managing units' keys (skills.rules.ts MANAGING_UNITS), comma-separated. */
    managing: string;
    pair: number;
    team: number;
    mode: EventModeCode;
    stage: EventStage;
    /** The managing unit's recorded decision on a tie at the cut. */
    tie_decision: string | null;
    selected_at: string | null;
    ranked_at: string | null;
  };
  skill_registrations: {
    id: Generated<number>;
    event_id: number;
    name: string;
    id_no: string;
    phone: string;
    identity: string;
    unit_id: number;
    unit_name: string;
    ss_payer: string | null;
    licence: string | null;
    partner_name: string | null;
    partner_id_no: string | null;
    partner_phone: string | null;
    coach: string | null;
    /** The exclusion declaration (JSON: each code → false). */
    declaration: string;
    user_id: number | null;
    status: RegistrationStatus;
    /** Preliminary score in hundredths of a point. */
    score: number | null;
    video_seconds: number | null;
    video_sha256: string | null;
    video_at: string | null;
    /** The city final's rank; unique per event. */
    final_rank: number | null;
    created_by: string;
    created_at: string;
  };
  /** One row per person (contestant or pair partner): 「同一选手只能报名一个项目」 held by the primary key. */
  skill_people: { id_no: string; registration_id: number };
  /** The other teams' points as the city announces them (entered by the office; never invented), for the county's place. */
  skill_other_teams: { team: string; county: number; contestant_points: number; rank_points: number; entered_by: string; entered_at: string };
}

declare module '../../core/db.js' {
  interface Database extends SkillsTables {}
}
