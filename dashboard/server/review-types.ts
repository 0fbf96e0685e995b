/** Response shapes of the review queue and team-label measures; the web UI imports them (type-only). */
import type { ReviewItem } from '../../db/review-queue.ts';
import type { TeamLabelKind } from '../../db/schema/team-labels.ts';

export type { ReviewItem, TeamLabelKind };

export interface ReviewProgress {
  /** Labels the signed-in analyst gave today (Asia/Ho_Chi_Minh). */
  labelledToday: number;
  /** Messages (one per near-duplicate group) waiting for a label. */
  inQueue: number;
  /** Every team label. */
  totalTeamLabels: number;
}

export interface ReviewQueueResponse {
  items: ReviewItem[];
  progress: ReviewProgress;
}

export interface ReviewLabelResponse {
  kind: TeamLabelKind;
  progress: ReviewProgress;
}

export interface ReviewSkipResponse {
  skipped: true;
  progress: ReviewProgress;
}
