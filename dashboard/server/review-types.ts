/** Response shapes of the review queue and team-label measures; the web UI imports them (type-only). */
import type { ReviewItem } from '../../db/review-queue.ts';
import type { TeamLabelKind } from '../../db/schema/team-labels.ts';
import type { LabelScore, TeamLabelScores } from '../../db/team-label-scores.ts';

export type { LabelScore, ReviewItem, TeamLabelKind, TeamLabelScores };

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

export interface TeamLabelsCurrent {
  version: string;
  /** Labels given up to this time trained the model in use; null: it learned from none. */
  cutoffAt: number | null;
  scores: TeamLabelScores;
}

export interface TeamLabelsCandidate {
  version: string;
  createdAt: number;
  promoted: boolean;
  /** It replaced the model in use after an erasure, whatever the comparison. */
  rebuild: boolean;
  /** Labels given after this time were judged. */
  after: number;
  candidate: TeamLabelScores;
  /** The model in use when the candidate was trained, on the same labels. */
  current: TeamLabelScores & { version: string };
}

export interface TeamLabelsResponse {
  current: TeamLabelsCurrent;
  /** The newest retrained model and how it compared; null before the first retrain with team labels. */
  candidate: TeamLabelsCandidate | null;
}
