import type { Generated } from 'kysely';

/** Times are integer epoch milliseconds (UTC) in both dialects; hours are the epoch ms of the hour start. */
export type EpochMs = number;

export type InboxStatus = 'pending' | 'done' | 'failed' | 'ignored';

/** Raw inbound events, written once by the webhook before it answers 2xx. */
export interface InboxTable {
  id: Generated<number>;
  channel: string;
  /** The platform's own id for the event (update_id, mid, comment_id, msg_id): the dedupe key. */
  event_id: string;
  kind: string;
  /** Keyed hash of the platform user id (never the id itself). */
  author_hash: string | null;
  received_at: EpochMs;
  /**
   * The normalised event as JSON (bots/shared/events.ts) until it is processed; then `{}` (the text,
   * user id and address are gone: the message keeps the redacted text, contact_addresses the address).
   */
  payload: string;
  /** Random key naming this row's queue job: never repeats across database lifetimes (restores). */
  job_key: string | null;
  status: InboxStatus;
  attempts: Generated<number>;
  error: string | null;
  processed_at: EpochMs | null;
}

export interface ContactTable {
  id: Generated<number>;
  channel: string;
  author_hash: string;
  lang: string | null;
  first_seen_at: EpochMs;
  last_seen_at: EpochMs;
  /** When the first-contact privacy notice was queued; null until then. */
  notice_sent_at: EpochMs | null;
  /** Which version of the purpose notice (the conversation texts' `noticeVersion`) was shown. */
  notice_version: string | null;
  /** The citizen sent "dừng" / "stop": no update notices until they opt in again. */
  updates_stopped_at: EpochMs | null;
}

export type MessageStatus = 'active' | 'removed';

export interface MessageTable {
  id: Generated<number>;
  inbox_id: number;
  channel: string;
  platform_message_id: string;
  author_hash: string;
  received_at: EpochMs;
  /** text | image | sticker | file | audio | video | link | location | other */
  content_kind: string;
  /** NFC text with personal data replaced by typed placeholders; the only text ever shown. */
  text_redacted: string;
  /** Folded (lower case, no diacritics, teencode expanded) form of the redacted text, for matching. */
  text_normalised: string;
  lang: string;
  topic: string;
  topic_score: number;
  /** Ranked secondary topics as JSON [{id, score}]. */
  topics_json: string;
  sentiment: string;
  sentiment_score: number;
  model_version: string;
  /** Short code quoted to the citizen in the acknowledgement. */
  ref_code: string;
  status: MessageStatus;
  edited_at: EpochMs | null;
  created_at: EpochMs;
  updated_at: EpochMs;
}

/** Anonymous counts; they survive erasure. Dashboards read these, never the messages table. */
export interface RollupHourlyTable {
  hour_ts: EpochMs;
  channel: string;
  topic: string;
  sentiment: string;
  lang: string;
  count: number;
}

/**
 * Distinct pseudonymous authors per day (Asia/Ho_Chi_Minh midnight, as epoch ms) and slice, for
 * small-group suppression. Personal (pseudonymous) data: deleted on erasure.
 */
export interface AuthorDayTable {
  day_ts: EpochMs;
  channel: string;
  topic: string;
  sentiment: string;
  lang: string;
  author_hash: string;
}

export type ReplyStatus = 'pending' | 'sent' | 'failed' | 'skipped';

/** The outbox: every message we send, keyed so a retried job never sends twice. */
export interface ReplyTable {
  id: Generated<number>;
  channel: string;
  /** The inbound event this answers (or `alert:<id>`, `report:<id>` for team notifications). */
  in_reply_to: string;
  purpose: string;
  author_hash: string | null;
  /** Platform address as JSON (chat id, PSID, comment id, Zalo user id); wiped once sent or failed. */
  target: string;
  /** Random key naming this row's queue job: never repeats across database lifetimes (restores). */
  job_key: string | null;
  text: string;
  status: ReplyStatus;
  attempts: Generated<number>;
  error: string | null;
  created_at: EpochMs;
  sent_at: EpochMs | null;
}

/** Analysts' relabels: who, when, old and new label. Feeds retraining; deleted with the message. */
export interface CorrectionTable {
  id: Generated<number>;
  message_id: number;
  /** Dashboard user (email) who made the correction. */
  corrected_by: string;
  old_topic: string;
  new_topic: string;
  old_sentiment: string;
  new_sentiment: string;
  created_at: EpochMs;
}

export interface SpineTables {
  inbox: InboxTable;
  contacts: ContactTable;
  messages: MessageTable;
  rollups_hourly: RollupHourlyTable;
  author_days: AuthorDayTable;
  replies: ReplyTable;
  corrections: CorrectionTable;
}
