import type { Generated } from 'kysely';
import type { EpochMs } from './spine.ts';

export type TeamLabelKind = 'confirmation' | 'correction';

/**
 * The team's labels (db/team-labels.ts): one per message, the latest an analyst gave. Redacted text
 * only; the author's pseudonym is kept so erasing a citizen deletes their labels too.
 */
export interface TeamLabelTable {
  id: Generated<number>;
  message_id: number;
  channel: string;
  author_hash: string;
  /** A copy of the message's redacted text: what training and measuring read. */
  text_redacted: string;
  lang: string;
  topic: string;
  sentiment: string;
  /** `confirmation` when the analyst kept the model's labels, else `correction`. */
  kind: TeamLabelKind;
  /** The model that labelled the message, and what it said, when the analyst first labelled it. */
  model_version: string;
  predicted_topic: string;
  predicted_sentiment: string;
  /** Dashboard user (email) who gave the latest label. */
  labelled_by: string;
  created_at: EpochMs;
  /** When the latest label was given: the time split of training and measuring uses this. */
  labelled_at: EpochMs;
}

/** Messages an analyst skipped in the review queue; not offered to them again. */
export interface ReviewSkipTable {
  user_id: number;
  message_id: number;
  skipped_at: EpochMs;
}

/** Which team labels a trained model learned from: those labelled up to `cutoff_at`, ids ≤ `max_label_id`. */
export interface ModelLabelSpanTable {
  model_version: string;
  cutoff_at: EpochMs;
  max_label_id: number;
  labels_used: number;
}

/** A model in use learned from labels that were since erased: the next retrain replaces it regardless. */
export interface ModelRebuildTable {
  id: Generated<number>;
  requested_at: EpochMs;
  /** The model that held the erased labels. */
  model_version: string;
  erased_labels: number;
  done_at: EpochMs | null;
  done_version: string | null;
}

export interface TeamLabelsTables {
  team_labels: TeamLabelTable;
  review_skips: ReviewSkipTable;
  model_label_spans: ModelLabelSpanTable;
  model_rebuilds: ModelRebuildTable;
}
