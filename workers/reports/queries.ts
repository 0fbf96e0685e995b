/** Database reads behind the weekly report. Counts come from the anonymous roll-ups; texts from messages. */
import { sql } from 'kysely';
import { hasKAuthors } from '../../db/author-days.ts';
import { withDimension } from '../../db/dashboard-filters.ts';
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

/** Whether at least k distinct pseudonymous authors wrote into [start, end) (where `dim` = `value`, when given). */
export function hasAuthors(
  db: Db,
  r: Range,
  k: number,
  filter?: { dim: Dimension; value: string },
): Promise<boolean> {
  const slice = { fromMs: r.start, toMs: r.end };
  return hasKAuthors(db, filter ? withDimension(slice, filter.dim, filter.value) : slice, k);
}

/** Distinct authors over [start, end) (the "distinct citizens" headline). */
export async function distinctAuthors(db: Db, r: Range): Promise<number> {
  const row = await db.kysely
    .selectFrom('author_days')
    .select((eb) => eb.fn.count<number>('author_hash').distinct().as('n'))
    .where('day_ts', '>=', r.start)
    .where('day_ts', '<', r.end)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/**
 * Authors per daily slice (sliceKey) of some topics: author_days has one row per (day, slice, author),
 * so a slice's row count is its number of distinct authors. A quote needs k of them.
 */
export async function sliceAuthors(db: Db, r: Range, topics: string[]): Promise<Map<string, number>> {
  if (topics.length === 0) return new Map();
  const rows = await db.kysely
    .selectFrom('author_days')
    .select(['day_ts', 'channel', 'topic', 'sentiment', 'lang', (eb) => eb.fn.countAll<number>().as('n')])
    .where('day_ts', '>=', r.start)
    .where('day_ts', '<', r.end)
    .where('topic', 'in', topics)
    .groupBy(['day_ts', 'channel', 'topic', 'sentiment', 'lang'])
    .execute();
  return new Map(
    rows.map((x) => [sliceKey(Number(x.day_ts), x.channel, x.topic, x.sentiment, x.lang), Number(x.n)]),
  );
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
  /** The redacted display text: how phrases are shown (diacritics kept). */
  text: string;
}

const IN_CHUNK = 900;

/**
 * About `cap` message ids spread over [start, end) (optionally one topic): every id divisible by a
 * stride. Reads only the (topic,) received_at index, never the rows. Deterministic, so the same data
 * gives the same sample.
 */
async function sampleIds(db: Db, r: Range, cap: number, topic?: string): Promise<number[]> {
  let base = db.kysely
    .selectFrom('messages')
    .where('received_at', '>=', r.start)
    .where('received_at', '<', r.end);
  if (topic !== undefined) base = base.where('topic', '=', topic);
  const n = Number((await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst())?.n ?? 0);
  const stride = Math.max(1, Math.ceil(n / cap));
  // `id % stride` is evaluated on the index entries (they hold the id): no row is read, no JS object
  // is made for the ids left out.
  const q = stride > 1 ? base.where(sql<number>`id % ${stride}`, '=', 0) : base;
  return (await q.select('id').execute()).map((x) => Number(x.id)).sort((a, b) => a - b);
}

/** A deterministic sample of about `cap` active messages' folded texts: term shares are proportions. */
export async function sampleTexts(db: Db, r: Range, cap: number): Promise<TextRow[]> {
  const ids = await sampleIds(db, r, cap);
  const out: TextRow[] = [];
  for (let i = 0; i < ids.length; i += IN_CHUNK) {
    const rows = await db.kysely
      .selectFrom('messages')
      .select(['id', 'topic', 'author_hash', 'text_normalised', 'text_redacted', 'status'])
      .where('id', 'in', ids.slice(i, i + IN_CHUNK))
      .execute();
    for (const x of rows)
      if (x.status === 'active')
        out.push({
          id: Number(x.id),
          topic: x.topic,
          authorHash: x.author_hash,
          folded: x.text_normalised,
          text: x.text_redacted,
        });
  }
  // Only the id is in the WHERE clause: with an ORDER BY, or a status condition that matches an index,
  // SQLite walks a whole index instead of looking the ids up. Filtered and sorted here instead.
  return out.sort((a, b) => a.id - b.id);
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

/** Candidate quotes of one topic: active text messages spread over the week, oldest first. */
export async function quoteCandidates(db: Db, r: Range, topic: string, cap: number): Promise<QuoteRow[]> {
  const ids = await sampleIds(db, r, cap, topic);
  const out: QuoteRow[] = [];
  for (let i = 0; i < ids.length; i += IN_CHUNK) {
    const rows = await db.kysely
      .selectFrom('messages')
      .select([
        'id',
        'channel',
        'sentiment',
        'lang',
        'received_at',
        'text_redacted',
        'text_normalised',
        'status',
        'content_kind',
      ])
      .where('id', 'in', ids.slice(i, i + IN_CHUNK))
      .execute();
    for (const x of rows) {
      if (x.status !== 'active' || x.content_kind !== 'text') continue;
      out.push({
        id: Number(x.id),
        channel: x.channel,
        sentiment: x.sentiment,
        lang: x.lang,
        receivedAt: Number(x.received_at),
        redacted: x.text_redacted,
        folded: x.text_normalised,
      });
    }
  }
  return out.sort((a, b) => a.id - b.id);
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
