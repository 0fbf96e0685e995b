import type { Generated } from 'kysely';
import type { EpochMs } from './spine.ts';

/** What viewers download: each stored report rendered again without citizens' quotes. */
export interface ReportAggregateFileTable {
  report_id: number;
  html: string;
  /** BLOB on SQLite, BYTEA on PostgreSQL. */
  pdf: Buffer;
  csv: string;
}

/**
 * Failed sign-ins per (account, client address); a success clears the row. `account` is the
 * normalised e-mail of an existing account, or `*` for every attempt from that client.
 */
export interface LoginFailureTable {
  account: string;
  client: string;
  failures: number;
  last_at: EpochMs;
}

/** A user's TOTP secret (base32); usable once `confirmed_at` is set. `last_step` stops code replays. */
export interface UserTotpTable {
  user_id: number;
  secret: string;
  created_at: EpochMs;
  confirmed_at: EpochMs | null;
  last_step: number | null;
}

/** One-time recovery codes, stored only as SHA-256. */
export interface UserRecoveryCodeTable {
  id: Generated<number>;
  user_id: number;
  code_hash: string;
  used_at: EpochMs | null;
}

export interface AccessTables {
  report_aggregate_files: ReportAggregateFileTable;
  login_failures: LoginFailureTable;
  user_totp: UserTotpTable;
  user_recovery_codes: UserRecoveryCodeTable;
}
