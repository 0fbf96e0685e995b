/**
 * How right a model is on the team's labels, and the time split that keeps a model from being judged
 * on labels it learned from: a model trains on the labels given up to its cut-off and is measured on
 * those given after it. Pure functions over `listTeamLabels` rows; the model is passed in.
 */
import type { Analyzer } from '../workers/analysis/types.ts';
import { localWeekStart } from './dashboard-filters.ts';
import type { TeamLabel } from './team-labels.ts';

/** Share of the newest labels a retrained candidate is judged on rather than trained on. */
export const JUDGE_SHARE = 0.2;

export interface TimeSplit {
  train: TeamLabel[];
  judge: TeamLabel[];
  /** Labels given at or before this time are trained on (0: none). */
  cutoffAt: number;
  /** Highest id among the trained labels (0: none). */
  maxLabelId: number;
}

/**
 * Oldest labels to train, the newest `share` to judge (rounded down, so a handful of labels all
 * train). Labels given in the same millisecond stay on one side. `labels` must be oldest first.
 */
export function splitByTime(labels: readonly TeamLabel[], share = JUDGE_SHARE): TimeSplit {
  let k = labels.length - Math.floor(labels.length * share);
  while (k > 0 && k < labels.length && labels[k]?.labelledAt === labels[k - 1]?.labelledAt) k++;
  const train = labels.slice(0, k);
  return {
    train,
    judge: labels.slice(k),
    cutoffAt: train[train.length - 1]?.labelledAt ?? 0,
    maxLabelId: train.reduce((max, l) => Math.max(max, l.id), 0),
  };
}

export interface LabelScore {
  n: number;
  topicCorrect: number;
  sentimentCorrect: number;
  /** null when there is nothing to score. */
  topicAccuracy: number | null;
  sentimentAccuracy: number | null;
}

export interface TeamLabelScores extends LabelScore {
  /** By the team's topic (how often the model found it). */
  perTopic: ({ topic: string } & LabelScore)[];
  /** By the Asia/Ho_Chi_Minh week the label was given, oldest first. */
  perWeek: ({ weekStart: number } & LabelScore)[];
}

function tally() {
  return { n: 0, topicCorrect: 0, sentimentCorrect: 0 };
}

function finish(t: ReturnType<typeof tally>): LabelScore {
  return {
    ...t,
    topicAccuracy: t.n === 0 ? null : t.topicCorrect / t.n,
    sentimentAccuracy: t.n === 0 ? null : t.sentimentCorrect / t.n,
  };
}

export function scoreOnTeamLabels(
  analyzer: Pick<Analyzer, 'analyse'>,
  labels: readonly TeamLabel[],
): TeamLabelScores {
  const all = tally();
  const topics = new Map<string, ReturnType<typeof tally>>();
  const weeks = new Map<number, ReturnType<typeof tally>>();
  for (const l of labels) {
    const a = analyzer.analyse(l.text);
    const topicOk = a.topic === l.topic ? 1 : 0;
    const sentimentOk = a.sentiment === l.sentiment ? 1 : 0;
    const week = localWeekStart(l.labelledAt);
    for (const t of [
      all,
      topics.get(l.topic) ?? topics.set(l.topic, tally()).get(l.topic),
      weeks.get(week) ?? weeks.set(week, tally()).get(week),
    ]) {
      if (!t) continue;
      t.n++;
      t.topicCorrect += topicOk;
      t.sentimentCorrect += sentimentOk;
    }
  }
  return {
    ...finish(all),
    perTopic: [...topics].map(([topic, t]) => ({ topic, ...finish(t) })).sort((a, b) => b.n - a.n),
    perWeek: [...weeks]
      .map(([weekStart, t]) => ({ weekStart, ...finish(t) }))
      .sort((a, b) => a.weekStart - b.weekStart),
  };
}
