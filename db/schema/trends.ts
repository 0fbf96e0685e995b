import type { Generated } from 'kysely';
import type { EpochMs } from './spine.ts';

export type AlertStatus = 'open' | 'acknowledged' | 'closed';
export type AlertScope = 'topic' | 'channel';
export type ReleaseKind = 'release' | 'incident';

/**
 * One row per incident (hysteresis: the detector extends an open incident instead of raising a new
 * alert every run). `series_key` + `window_start` is unique so a retried detect-spikes job adds nothing.
 */
export interface AlertTable {
  id: Generated<number>;
  scope: AlertScope;
  /** `topic:<id>` or `channel:<id>`: which series this incident belongs to. */
  series_key: string;
  topic: string | null;
  channel: string | null;
  /** First anomalous hour (epoch ms of the UTC hour start). */
  window_start: EpochMs;
  /** End (exclusive) of the last anomalous hour seen so far. */
  window_end: EpochMs;
  /** Messages observed over the anomalous window. */
  observed: number;
  /** What the seasonal baseline expected over the same window. */
  expected: number;
  /** Strongest evidence seen: -log10 of the tail probability of the most surprising hour. */
  score: number;
  status: AlertStatus;
  /** JSON array of message ids (a few, from the anomalous window) for the team to read. */
  sample_message_ids: string;
  /** A release or incident marker recorded within a few hours before the spike began. */
  release_id: number | null;
  created_at: EpochMs;
  updated_at: EpochMs;
  acknowledged_by: string | null;
  acknowledged_at: EpochMs | null;
}

/** Release and incident markers the team records; charts and reports show them. */
export interface ReleaseTable {
  id: Generated<number>;
  at: EpochMs;
  label: string;
  kind: ReleaseKind;
  created_by: string;
  created_at: EpochMs;
}

/** Stored weekly reports, one per (week, lang); regenerating replaces the files in place. */
export interface ReportTable {
  id: Generated<number>;
  /** ISO week, `YYYY-Www`. */
  week: string;
  lang: 'vi' | 'en';
  html: string;
  /** BLOB on SQLite, BYTEA on PostgreSQL. */
  pdf: Buffer;
  csv: string;
  /** Classifier version(s) of the messages counted, comma-separated. */
  model_version: string;
  /** How the numbers were computed (spike test, suppression threshold, term statistics). */
  method: string;
  created_at: EpochMs;
  created_by: string | null;
}

/** Spike alerts, release markers and stored weekly reports. */
export interface TrendsTables {
  alerts: AlertTable;
  releases: ReleaseTable;
  reports: ReportTable;
}
