import type { Generated } from 'kysely';

/** Accounts and sessions: the module's tables. */
export interface AccountsTables {
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
    created_at: string;
    updated_at: string;
  };
  /** Attempts counted in a window that restarts when it has ended (accounts.service.ts THROTTLES). */
  login_throttle: {
    key: string;
    failures: number;
    window_start: string;
  };
  sessions: {
    id: string;
    user_id: number;
    csrf_token: string;
    created_at: string;
    last_seen_at: string;
    expires_at: string;
  };
}

declare module '../../core/db.js' {
  interface Database extends AccountsTables {}
}
