import type { Generated } from 'kysely';
import type { EpochMs } from './spine.ts';

/** A citizen's request to be told when what they reported is fixed ("báo tôi" / "notify me"). */
export interface UpdateOptinTable {
  id: Generated<number>;
  channel: string;
  author_hash: string;
  /** The topic of what they reported (their latest message when they asked). */
  topic: string;
  created_at: EpochMs;
}

/** An admin's resolution note for an incident; sent to the opted-in citizens once a second admin approves. */
export interface IncidentResolutionTable {
  id: Generated<number>;
  /** The incident's id (its first alert's id). */
  incident_id: number;
  topic: string;
  /** JSON array of channels. */
  channels: string;
  start_at: EpochMs;
  end_at: EpochMs;
  note_vi: string;
  note_en: string;
  proposed_by: string;
  proposed_at: EpochMs;
  approved_by: string | null;
  approved_at: EpochMs | null;
}

export type NoticeOutcome = 'sent' | 'outside_window' | 'no_address' | 'opted_out';

/** What one citizen was told about one incident, and why not when they were not. */
export interface IncidentNoticeTable {
  id: Generated<number>;
  incident_id: number;
  channel: string;
  author_hash: string;
  outcome: NoticeOutcome;
  reply_id: number | null;
  created_at: EpochMs;
}

export interface NoticesTables {
  update_optins: UpdateOptinTable;
  incident_resolutions: IncidentResolutionTable;
  incident_notices: IncidentNoticeTable;
}
