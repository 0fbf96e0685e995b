/**
 * What the database-backed retrain learns from and is judged on: the team's labels cut by time
 * (db/team-label-scores.ts), plus relabels that predate team labels. Also the judgement itself: the
 * candidate against the model in use on the same labels, given after both models' cut-offs.
 */
import type { Db } from '../db/database.ts';
import { labelSpanOf } from '../db/model-rebuilds.ts';
import {
  scoreOnTeamLabels,
  splitByTime,
  type TeamLabelScores,
  type TimeSplit,
} from '../db/team-label-scores.ts';
import { listTeamLabels } from '../db/team-labels.ts';
import { type Analyzer, isSentiment, isTopicId, type LabelledText } from './analysis/index.ts';

/** A training example from the team's labels; `id` is the team label's id (absent for old relabels). */
/** A team label as a training example; `id` is the team label's id, so a model holding it can be found on erasure. */
export type TeamExample = LabelledText;

export interface TrainingLabels {
  extra: TeamExample[];
  split: TimeSplit;
  /** Relabels stored before team labels existed (no time, so always trained on). */
  legacy: number;
}

/**
 * The latest correction of each still-stored message, as training examples on the redacted text;
 * `onlyWithoutTeamLabel`: those from before team labels existed (every later relabel is one).
 */
export async function correctionExamples(db: Db, onlyWithoutTeamLabel = false): Promise<TeamExample[]> {
  let q = db.kysely
    .selectFrom('corrections as c')
    .innerJoin('messages as m', 'm.id', 'c.message_id')
    .leftJoin('team_labels as l', 'l.message_id', 'c.message_id')
    .select(['c.message_id', 'c.new_topic', 'c.new_sentiment', 'm.text_redacted']);
  if (onlyWithoutTeamLabel) q = q.where('l.id', 'is', null);
  const rows = await q.orderBy('c.id').execute();
  const latest = new Map<number, TeamExample>();
  for (const r of rows) {
    if (!isTopicId(r.new_topic) || r.text_redacted.trim() === '') continue;
    latest.set(Number(r.message_id), {
      text: r.text_redacted,
      topic: r.new_topic,
      ...(isSentiment(r.new_sentiment) ? { sentiment: r.new_sentiment } : {}),
    });
  }
  return [...latest.values()];
}

export async function trainingLabels(db: Db): Promise<TrainingLabels> {
  const split = splitByTime(await listTeamLabels(db));
  const team: TeamExample[] = [];
  for (const l of split.train) {
    if (!isTopicId(l.topic) || l.text.trim() === '') continue;
    team.push({
      id: String(l.id),
      text: l.text,
      topic: l.topic,
      lang: l.lang,
      ...(isSentiment(l.sentiment) ? { sentiment: l.sentiment } : {}),
    });
  }
  const legacy = await correctionExamples(db, true);
  return { extra: [...legacy, ...team], split, legacy: legacy.length };
}

export interface LabelJudgement {
  /** Labels given after this time were judged (the later of both models' cut-offs). */
  after: number;
  candidate: TeamLabelScores;
  current: TeamLabelScores & { version: string };
  /** Not worse on the team's labels (true when there were none to judge on). */
  notWorse: boolean;
}

/** Both models on the team's labels neither learned from. */
export async function judgeOnTeamLabels(
  db: Db,
  split: TimeSplit,
  candidate: Pick<Analyzer, 'analyse'>,
  current: Analyzer,
): Promise<LabelJudgement> {
  const currentSpan = await labelSpanOf(db, current.modelVersion);
  const after = Math.max(split.cutoffAt, currentSpan?.cutoffAt ?? 0);
  const judged = split.judge.filter((l) => l.labelledAt > after);
  const c = scoreOnTeamLabels(candidate, judged);
  const p = scoreOnTeamLabels(current, judged);
  return {
    after,
    candidate: c,
    current: { ...p, version: current.modelVersion },
    notWorse: judged.length === 0 || (c.topicAccuracy ?? 0) >= (p.topicAccuracy ?? 0),
  };
}
