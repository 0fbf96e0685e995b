/** Database reads behind the weekly report. Counts come from the anonymous roll-ups; texts from messages. */
import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { Dimension } from './report-data.ts';

export interface Range {
  start: number;
  end: number;
}

/** Message counts per value of one dimension over [start, end). */
export async function countsBy(db: Db, dim: Dimension, r: Range): Promise<Map<string, number>> {
  const rows = await db.kysely
    .selectFrom('rollups_hourly')
    .select([dim, (eb) => eb.fn.sum<number>('count').as('n')])
    .where('hour_ts', '>=', r.start)
    .where('hour_ts', '<', r.end)
    .groupBy(dim)
    .execute();
  return new Map(rows.map((row) => [String(row[dim]), Number(row.n)]));
}

/** Distinct pseudonymous authors per value of one dimension over the days in [start, end). */
export async function authorsBy(db: Db, dim: Dimension, r: Range): Promise<Map<string, number>> {
  const rows = await db.kysely
    .selectFrom('author_days')
    .select([dim, (eb) => eb.fn.count<number>('author_hash').distinct().as('n')])
    .where('day_ts', '>=', r.start)
    .where('day_ts', '<', r.end)
    .groupBy(dim)
    .execute();
  return new Map(rows.map((row) => [String(row[dim]), Number(row.n)]));
}

export async function distinctAuthors(db: Db, r: Range): Promise<number> {
  const row = await db.kysely
    .selectFrom('author_days')
    .select((eb) => eb.fn.count<number>('author_hash').distinct().as('n'))
    .where('day_ts', '>=', r.start)
    .where('day_ts', '<', r.end)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function hourlyByTopic(db: Db, r: Range) {
  const rows = await db.kysely
    .selectFrom('rollups_hourly')
    .select(['hour_ts', 'topic', (eb) => eb.fn.sum<number>('count').as('n')])
    .where('hour_ts', '>=', r.start)
    .where('hour_ts', '<', r.end)
    .groupBy(['hour_ts', 'topic'])
    .execute();
  return rows.map((row) => ({ hourTs: Number(row.hour_ts), topic: row.topic, n: Number(row.n) }));
}

/** Daily slices (day, channel, topic, sentiment, lang) with at least k distinct authors: quotable. */
export async function quotableSlices(db: Db, r: Range, k: number): Promise<Set<string>> {
  const rows = await db.kysely
    .selectFrom('author_days')
    .select(['day_ts', 'channel', 'topic', 'sentiment', 'lang'])
    .where('day_ts', '>=', r.start)
    .where('day_ts', '<', r.end)
    .groupBy(['day_ts', 'channel', 'topic', 'sentiment', 'lang'])
    .having((eb) => eb.fn.count('author_hash').distinct(), '>=', k)
    .execute();
  return new Set(rows.map((s) => sliceKey(Number(s.day_ts), s.channel, s.topic, s.sentiment, s.lang)));
}

export function sliceKey(
  day: number,
  channel: string,
  topic: string,
  sentiment: string,
  lang: string,
): string {
  return `${day}|${channel}|${topic}|${sentiment}|${lang}`;
}

export interface TextRow {
  id: number;
  topic: string;
  authorHash: string;
  folded: string;
}

/**
 * Active messages' folded texts over a range, thinned to about `cap` by keeping every m-th id: term
 * shares are proportions, so a deterministic sample answers the same and keeps big weeks fast.
 */
export async function sampleTexts(db: Db, r: Range, cap: number, topic?: string): Promise<TextRow[]> {
  let count = db.kysely
    .selectFrom('messages')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('received_at', '>=', r.start)
    .where('received_at', '<', r.end)
    .where('status', '=', 'active');
  if (topic !== undefined) count = count.where('topic', '=', topic);
  const n = Number((await count.executeTakeFirst())?.n ?? 0);
  const stride = Math.max(1, Math.ceil(n / cap));
  let q = db.kysely
    .selectFrom('messages')
    .select(['id', 'topic', 'author_hash', 'text_normalised'])
    .where('received_at', '>=', r.start)
    .where('received_at', '<', r.end)
    .where('status', '=', 'active');
  if (topic !== undefined) q = q.where('topic', '=', topic);
  if (stride > 1) q = q.where(sql<number>`id % ${stride}`, '=', 0);
  const rows = await q.orderBy('id').execute();
  return rows.map((x) => ({
    id: Number(x.id),
    topic: x.topic,
    authorHash: x.author_hash,
    folded: x.text_normalised,
  }));
}

export interface QuoteRow {
  id: number;
  channel: string;
  sentiment: string;
  lang: string;
  receivedAt: number;
  redacted: string;
  folded: string;
}

/** Candidate quotes of one topic: active text messages, oldest first, at most `cap`. */
export async function quoteCandidates(db: Db, r: Range, topic: string, cap: number): Promise<QuoteRow[]> {
  const rows = await db.kysely
    .selectFrom('messages')
    .select(['id', 'channel', 'sentiment', 'lang', 'received_at', 'text_redacted', 'text_normalised'])
    .where('received_at', '>=', r.start)
    .where('received_at', '<', r.end)
    .where('topic', '=', topic)
    .where('status', '=', 'active')
    .where('content_kind', '=', 'text')
    .orderBy('id')
    .limit(cap)
    .execute();
  return rows.map((x) => ({
    id: Number(x.id),
    channel: x.channel,
    sentiment: x.sentiment,
    lang: x.lang,
    receivedAt: Number(x.received_at),
    redacted: x.text_redacted,
    folded: x.text_normalised,
  }));
}

export async function modelVersions(db: Db, r: Range): Promise<string[]> {
  const rows = await db.kysely
    .selectFrom('messages')
    .select('model_version')
    .distinct()
    .where('received_at', '>=', r.start)
    .where('received_at', '<', r.end)
    .orderBy('model_version')
    .execute();
  return rows.map((x) => x.model_version);
}

export async function correctionCounts(db: Db, r: Range) {
  const rows = await db.kysely
    .selectFrom('corrections')
    .select(['old_topic', 'new_topic', (eb) => eb.fn.countAll<number>().as('n')])
    .where('created_at', '>=', r.start)
    .where('created_at', '<', r.end)
    .groupBy(['old_topic', 'new_topic'])
    .orderBy('old_topic')
    .orderBy('new_topic')
    .execute();
  return rows.map((x) => ({ from: x.old_topic, to: x.new_topic, count: Number(x.n) }));
}
