import type { Generated } from 'kysely';
import type { EpochMs } from './spine.ts';

export type DashboardRole = 'viewer' | 'analyst' | 'admin';

/** Dashboard accounts. Passwords are scrypt hashes with a per-user salt (db/users.ts). */
export interface DashboardUserTable {
  id: Generated<number>;
  email: string;
  role: DashboardRole;
  /** `scrypt$N$r$p$salt$hash` (base64url); parameters travel with the hash so they can be raised later. */
  password_hash: string;
  created_at: EpochMs;
  updated_at: EpochMs;
  last_login_at: EpochMs | null;
  /** Set when an admin disables the account; its sessions stop working at once. */
  disabled_at: EpochMs | null;
}

/** Sessions are random ids; only their SHA-256 is stored, so a database leak yields no live cookie. */
export interface DashboardSessionTable {
  id_hash: string;
  user_id: number;
  /** Synchronizer token: every write must echo it in `x-csrf-token`. */
  csrf_token: string;
  created_at: EpochMs;
  expires_at: EpochMs;
  last_seen_at: EpochMs;
}

/** Who read message text, exported or relabelled what, and when. Admins browse it. */
export interface AuditLogTable {
  id: Generated<number>;
  at: EpochMs;
  user_id: number | null;
  user_email: string;
  /** e.g. `messages.list`, `message.read`, `message.relabel`, `export.timeseries`, `user.create`. */
  action: string;
  /** What was touched: `message:42`, `user:3`, … */
  target: string | null;
  /** JSON: filters, counts, old/new labels. Never message text. */
  details: string;
  ip: string | null;
}

export interface DashboardTables {
  dashboard_users: DashboardUserTable;
  dashboard_sessions: DashboardSessionTable;
  audit_log: AuditLogTable;
}
