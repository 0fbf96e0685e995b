/**
 * The review queue: the recent messages the model is least sure of, most valuable first. A message's
 * value is its uncertainty (low confidence, a small margin between its two best topics) times how many
 * near-duplicates it stands for (MinHash grouping, workers/analysis/trends/near-duplicates.ts): one
 * label teaches the model about every copy. A group with a labelled member is done, and so is one the
 * analyst skipped (for them).
 */
import { z } from 'zod';
import { type DuplicateGroup, groupNearDuplicates } from '../workers/analysis/trends/near-duplicates.ts';
import { DAY_MS } from './dashboard-filters.ts';
import { relabelMessage } from './dashboard-messages.ts';
import type { Db } from './database.ts';
import type { TeamLabelKind } from './schema/index.ts';
import { labelledMessage, recordTeamLabel } from './team-labels.ts';

export interface ReviewItem {
  id: number;
  receivedAt: number;
  channel: string;
  lang: string;
  /** Redacted text: the only text ever shown. */
  text: string;
  /** The model's labels as stored on the message. */
  topic: string;
  sentiment: string;
  confidence: number;
  /** Best topic score minus the second best. */
  margin: number;
  topics: { id: string; score: number }[];
  /** 0..1, higher is less sure. */
  uncertainty: number;
  /** How many recent messages this one stands for (itself included). */
  duplicates: number;
  value: number;
}

export interface QueueOptions {
  userId: number;
  now: number;
  /** How far back messages are offered (default 30 days). */
  windowDays?: number;
  /** Newest messages grouped at most (default 5,000). */
  pool?: number;
  limit: number;
}

const TopicsJson = z.array(z.object({ id: z.string(), score: z.number() }));

function rankedTopics(json: string, topic: string, score: number): { id: string; score: number }[] {
  try {
    const parsed = TopicsJson.safeParse(JSON.parse(json));
    if (parsed.success && parsed.data.length > 0) return parsed.data;
  } catch {
    // A malformed field: fall back to the stored best topic alone.
  }
  return [{ id: topic, score }];
}

/** Uncertainty in [0, 1]: the mean of (1 − confidence) and (1 − margin between the two best topics). */
export function uncertaintyOf(confidence: number, topics: readonly { score: number }[]): number {
  const first = topics[0]?.score ?? confidence;
  const margin = Math.max(0, first - (topics[1]?.score ?? 0));
  const clamp = (x: number) => Math.min(1, Math.max(0, x));
  return clamp((clamp(1 - confidence) + clamp(1 - margin)) / 2);
}

/**
 * Grouping is the costly part (about a second for 5,000 similar messages), and the pool changes only
 * when messages arrive, leave or age out: the last grouping is reused while the pool's ids are the same.
 */
const lastGrouping = new WeakMap<Db, { key: string; groups: DuplicateGroup[] }>();

function groupsOf(db: Db, rows: readonly { id: number; text_normalised: string }[]): DuplicateGroup[] {
  let sum = 0;
  for (const r of rows) sum = (sum + Number(r.id)) % 2_147_483_647;
  const key = `${rows.length}:${rows[0]?.id ?? 0}:${rows[rows.length - 1]?.id ?? 0}:${sum}`;
  const cached = lastGrouping.get(db);
  if (cached?.key === key) return cached.groups;
  const groups = groupNearDuplicates(rows.map((r) => ({ id: Number(r.id), text: r.text_normalised })));
  lastGrouping.set(db, { key, groups });
  return groups;
}

export async function reviewQueue(
  db: Db,
  o: QueueOptions,
): Promise<{ items: ReviewItem[]; inQueue: number }> {
  const since = o.now - (o.windowDays ?? 30) * DAY_MS;
  const rows = await db.kysely
    .selectFrom('messages as m')
    .leftJoin('team_labels as l', 'l.message_id', 'm.id')
    .leftJoin('review_skips as s', (j) => j.onRef('s.message_id', '=', 'm.id').on('s.user_id', '=', o.userId))
    .select([
      'm.id',
      'm.received_at',
      'm.channel',
      'm.lang',
      'm.text_redacted',
      'm.text_normalised',
      'm.topic',
      'm.sentiment',
      'm.topic_score',
      'm.topics_json',
      'l.id as label_id',
      's.message_id as skipped',
    ])
    .where('m.status', '=', 'active')
    .where('m.content_kind', '=', 'text')
    .where('m.text_redacted', '!=', '')
    .where('m.received_at', '>=', since)
    .orderBy('m.received_at', 'desc')
    .orderBy('m.id', 'desc')
    .limit(o.pool ?? 5_000)
    .execute();
  const byId = new Map(rows.map((r) => [Number(r.id), r]));
  const groups = groupsOf(db, rows);
  const items: ReviewItem[] = [];
  for (const g of groups) {
    const members = g.ids.map((id) => byId.get(id)).filter((r) => r !== undefined);
    // Labelled (by anyone) or skipped (by this analyst): the whole group is done.
    if (members.some((r) => r.label_id !== null || r.skipped !== null)) continue;
    let best: ReviewItem | undefined;
    for (const r of members) {
      const confidence = Number(r.topic_score);
      const topics = rankedTopics(r.topics_json, r.topic, confidence);
      const uncertainty = uncertaintyOf(confidence, topics);
      const item: ReviewItem = {
        id: Number(r.id),
        receivedAt: Number(r.received_at),
        channel: r.channel,
        lang: r.lang,
        text: r.text_redacted,
        topic: r.topic,
        sentiment: r.sentiment,
        confidence,
        margin: Math.max(0, (topics[0]?.score ?? 0) - (topics[1]?.score ?? 0)),
        topics,
        uncertainty,
        duplicates: g.ids.length,
        value: uncertainty * g.ids.length,
      };
      if (!best || item.uncertainty > best.uncertainty) best = item;
    }
    if (best) items.push(best);
  }
  items.sort((a, b) => b.value - a.value || b.receivedAt - a.receivedAt || b.id - a.id);
  return { items: items.slice(0, o.limit), inQueue: items.length };
}

/** The analyst does not want to label this one: not offered to them again. */
export async function skipReview(db: Db, userId: number, messageId: number, now: number): Promise<void> {
  await db.kysely
    .insertInto('review_skips')
    .values({ user_id: userId, message_id: messageId, skipped_at: now })
    .onConflict((oc) => oc.columns(['user_id', 'message_id']).doUpdateSet({ skipped_at: now }))
    .execute();
}

/**
 * An analyst's label from the review queue. Keeping the model's labels is a confirmation (a team
 * label, nothing else changes); changing them is a relabel (correction, message, roll-ups, team label).
 */
export async function labelFromReview(
  db: Db,
  id: number,
  label: { topic: string; sentiment: string },
  by: string,
  now: number,
): Promise<
  { kind: TeamLabelKind; before: { topic: string; sentiment: string }; receivedAt: number } | undefined
> {
  const current = await db.kysely
    .selectFrom('messages')
    .select(['topic', 'sentiment', 'received_at'])
    .where('id', '=', id)
    .where('status', '=', 'active')
    .executeTakeFirst();
  if (!current) return undefined;
  if (current.topic !== label.topic || current.sentiment !== label.sentiment) {
    if (!(await relabelMessage(db, id, label, by, now))) return undefined;
  } else {
    const kept = await db.kysely.transaction().execute(async (trx) => {
      const m = await labelledMessage(trx, id);
      if (m) await recordTeamLabel(trx, m, label, by, now);
      return m !== undefined;
    });
    if (!kept) return undefined;
  }
  const stored = await db.kysely
    .selectFrom('team_labels')
    .select('kind')
    .where('message_id', '=', id)
    .executeTakeFirstOrThrow();
  return {
    kind: stored.kind,
    before: { topic: current.topic, sentiment: current.sentiment },
    receivedAt: Number(current.received_at),
  };
}
