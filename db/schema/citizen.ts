import type { Generated } from 'kysely';
import type { EpochMs } from './spine.ts';

/**
 * A message that reports money lost, an account taken over or personal data misused: flagged to the
 * team chat (counts and a link only) and listed on the dashboard until someone marks it handled.
 * Personal (pseudonymous) data: deleted with the citizen's other rows on erasure.
 */
export interface UrgentCaseTable {
  id: Generated<number>;
  message_id: number;
  channel: string;
  author_hash: string;
  /** Comma-separated kinds: money_lost, account_takeover, data_misuse. */
  kinds: string;
  created_at: EpochMs;
  /** When the team chat was told; null until the next digest. */
  notified_at: EpochMs | null;
  handled_at: EpochMs | null;
  handled_by: string | null;
}

export interface CitizenTables {
  urgent_cases: UrgentCaseTable;
}
