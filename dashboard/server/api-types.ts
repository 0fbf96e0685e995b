/**
 * Response shapes of the dashboard API. The web UI imports these types (type-only) and never
 * re-declares them. Counts are `CountValue`: a number, or the string "< k" for suppressed slices.
 */
import type { AuditEntry } from '../../db/audit.ts';
import type { ChannelHealth, ZaloTokenHealth } from '../../db/channel-health.ts';
import type { CountValue, SeriesPoint, Suppressed } from '../../db/dashboard-aggregates.ts';
import type { Bucket } from '../../db/dashboard-filters.ts';
import type { CorrectionView, MessageDetail, MessageSummary } from '../../db/dashboard-messages.ts';
import type { RisingTopic } from '../../db/dashboard-rising.ts';
import type { ErasureCounts } from '../../db/erasure.ts';
import type { NoticeCounts, ResolutionView } from '../../db/incident-notices.ts';
import type { ModelRecord } from '../../db/models.ts';
import type { DashboardRole } from '../../db/schema/dashboard.ts';
import type { AlertView, ReleaseView, ReportMeta } from '../../db/trends.ts';
import type { UrgentCase } from '../../db/urgent-cases.ts';
import type { DashboardUser } from '../../db/users.ts';
import type { ErrorCode } from './error-codes.ts';

export type {
  AlertView,
  Bucket,
  CorrectionView,
  CountValue,
  DashboardRole,
  DashboardUser,
  MessageDetail,
  MessageSummary,
  ReleaseView,
  ReportMeta,
  RisingTopic,
  SeriesPoint,
  Suppressed,
};

export interface ApiErrorBody {
  /** `code` from error-codes.ts (the UI translates it); `message` is English, for logs and scripts. */
  error: { code: ErrorCode; message: string; field?: string };
}

/** `GET /api/setup` (anyone): whether any dashboard account exists yet, and how to create the first. */
export interface SetupResponse {
  hasAccounts: boolean;
  firstAdminCommand: string;
}

/** Why a reply failed for good; `outside_window` and `user_unavailable` are expected, not faults. */
export type ReplyFailureReason =
  | 'outside_window'
  | 'user_unavailable'
  | 'token'
  | 'no_address'
  | 'platform_down'
  | 'rejected'
  | 'other';

/** `GET /api/admin/reply-failures`: failed replies by channel and reason, unexpected ones first. */
export interface ReplyFailuresResponse {
  items: { channel: string; reason: ReplyFailureReason; expected: boolean; count: number }[];
}

/** `GET /api/setup/data` (viewer): whether any message has been stored yet (a new deployment). */
export interface SetupDataResponse {
  hasMessages: boolean;
}

export interface SessionResponse {
  user: DashboardUser;
  csrfToken: string;
  /** Only right after enrolling in two-factor sign-in: one-time recovery codes, shown this once. */
  recoveryCodes?: string[];
}

/**
 * A 401 from `POST /auth/login` when the password was right but a second factor is due: `code_required`,
 * or `enrolment_required` with a new TOTP secret (base32 and otpauth:// URI) to add to an app.
 */
export interface LoginChallenge {
  error: { code: 'code_required' | 'enrolment_required'; message: string };
  enrolment?: { secret: string; uri: string };
}

export interface MetaResponse {
  topics: { id: string; vi: string; en: string }[];
  channels: string[];
  sentiments: string[];
  langs: string[];
  /** Display names of every language code a message can carry. */
  langNames: Record<string, { vi: string; en: string }>;
  suppressionK: number;
  timeZone: string;
  /** Today's local date (YYYY-MM-DD) by the server clock; the default range ends here. */
  today: string;
}

export interface RangeEcho {
  from: string;
  to: string;
}

export interface TopicChange {
  topic: string;
  count: CountValue;
  previous: CountValue;
  /** Percentage change against the previous period; null when either side is suppressed or zero. */
  changePct: number | null;
}

export interface OverviewResponse {
  range: RangeEcho;
  previous: RangeEcho;
  suppressionK: number;
  volume: CountValue;
  previousVolume: CountValue;
  /** False when the previous period starts before the first stored message: then every changePct is null. */
  previousComplete: boolean;
  changePct: number | null;
  negative: CountValue;
  /** Share 0..1 of negative messages; null when suppressed. */
  negativeShare: number | null;
  byChannel: { key: string; count: CountValue }[];
  byLang: { key: string; count: CountValue }[];
  bySentiment: { key: string; count: CountValue }[];
  topics: TopicChange[];
  /** Problem topics whose volume is above what the history before `from` predicts, most unusual first. */
  rising: RisingTopic[];
}

export type SeriesDimension = 'topic' | 'channel' | 'sentiment' | 'lang';

export interface TimeseriesResponse {
  range: RangeEcho;
  bucket: Bucket;
  by: SeriesDimension;
  suppressionK: number;
  /** Bucket starts, epoch ms (local midnight for day/week buckets). */
  buckets: number[];
  series: SeriesPoint[];
  /** Per bucket: the hidden cells merged into one grey "< k" part (its size, or "< k" when it may not be shown; 0 when nothing is hidden). */
  hidden: CountValue[];
  /** Per bucket: its total ("< k" when it may not be shown). */
  totals: CountValue[];
}

export interface TopicDetailResponse {
  topic: string;
  range: RangeEcho;
  suppressionK: number;
  volume: CountValue;
  previousVolume: CountValue;
  changePct: number | null;
  trend: TimeseriesResponse;
  byChannel: { key: string; count: CountValue }[];
  bySentiment: { key: string; count: CountValue }[];
  byLang: { key: string; count: CountValue }[];
}

export interface TopicTermsResponse {
  topic: string;
  /** Terms used by at least k distinct citizens among the most recent messages of the topic. */
  terms: { term: string; count: number }[];
  sampled: number;
}

export interface MessagesResponse {
  page: number;
  pageSize: number;
  total: number;
  /** True when there are more than `total` matches (broad searches are not counted exactly). */
  totalCapped: boolean;
  items: MessageSummary[];
}

export interface RelabelResponse {
  message: MessageDetail;
}

export interface AlertsResponse {
  total: number;
  items: AlertView[];
}

export interface ReleasesResponse {
  items: ReleaseView[];
}

export interface ReportsResponse {
  items: ReportMeta[];
}

export interface UsersResponse {
  items: DashboardUser[];
}

export interface AuditResponse {
  total: number;
  page: number;
  pageSize: number;
  items: AuditEntry[];
}

/** What an erasure removed (counts only: nothing about the citizen). */
export type ErasureResponse = { refCode: string } & ErasureCounts;

export interface ModelsResponse {
  /** Newest first; `macroF1` is the topic macro-F1 on the held-out corpus split. */
  items: Omit<ModelRecord, 'id' | 'filePath' | 'metrics'>[];
  /** Messages analysts relabelled, and about how many of them the model in use has not learned from. */
  correctedMessages: number;
  correctedSinceInUse: number;
}

export interface StatusResponse {
  connectors: { channel: string; configured: boolean }[];
  settings: { suppressionK: number; timeZone: string; secureCookies: boolean };
  /** The database in use, as safe to show (no password); null when the host did not say. */
  database: string | null;
  /** Jobs per queue and state; null when Redis could not be asked. */
  queues: Record<string, Record<string, number>> | null;
  /** Work the database still holds: events not yet processed or failed for good, replies unsent. */
  backlog: { inboxPending: number; inboxFailed: number; repliesPending: number; repliesFailed: number };
  /** The promoted model; null while the bundled model is in use. */
  model: { version: string; promotedAt: number | null } | null;
  /** Per channel: last delivery, the last complete hours against the baseline, and whether it went quiet. */
  deliveries: ChannelHealth[];
  /** The stored Zalo token pair's age and refresh state; null before Zalo ever connected. */
  zaloToken: ZaloTokenHealth | null;
}

export interface OkResponse {
  ok: true;
}

export type RoleName = DashboardRole;

export interface UrgentCasesResponse {
  /** Open cases in all (the list is capped). */
  open: number;
  cases: UrgentCase[];
}

export interface AttachmentsResponse {
  from: string;
  to: string;
  cells: { channel: string; topic: string; kind: string; count: CountValue }[];
}

export type { UrgentCase };

export interface IncidentView {
  /** The incident's first alert id (stable while it grows). */
  id: number;
  /** Null for a channel-wide incident no single topic explains. */
  topic: string | null;
  channels: string[];
  /** ISO 8601. */
  start: string;
  /** ISO 8601 exclusive end; null while the incident is open. */
  end: string | null;
  open: boolean;
  alertIds: number[];
  /** The incident's messages so far ("< k" under k citizens). */
  count: CountValue;
  /** What the seasonal baseline expected for the same hours, topic and channels. */
  expected: number;
  /** The last hours against the ones before. */
  trend: 'rising' | 'easing' | 'steady';
  /** The release marker it began near. */
  release: { id: number; label: string; at: string } | null;
  /** Share 0..1 of its messages whose topic the model was unsure of; null when the count is hidden. */
  lowConfidenceShare: number | null;
  /** Three distinct complaints (near-duplicate groups) of a running incident, for roles that may read text; else empty. */
  samples: { id: number; text: string; similar: number }[];
}

export interface IncidentsResponse {
  items: IncidentView[];
}

export interface IncidentNoticesResponse {
  incident: { id: number; topic: string; channels: string[]; start: number; end: number; open: boolean };
  resolution: ResolutionView | null;
  /** Who would be told now. */
  preview: NoticeCounts;
  /** Who was told when the resolution was approved, and why the others were not. */
  told: NoticeCounts;
}
