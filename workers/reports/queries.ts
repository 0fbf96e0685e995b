/** Database reads behind the weekly report. Counts come from the anonymous roll-ups; texts from messages. */
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

export interface AuthorStats {
  /** Distinct authors over the range. */
  total: number;
  /** Distinct authors per value of each dimension. */
  by: Record<Dimension, Map<string, number>>;
  /** Distinct authors per daily slice (sliceKey): a quote needs k of them. */
  slices: Map<string, number>;
}

/**
 * Distinct pseudonymous authors over [start, end) from author_days, in one pass: ten
 * `count(distinct)` scans of a busy week cost seconds, one read of its rows a fraction of that.
 * author_days has one row per (day, slice, author), so a slice's row count is its author count.
 */
export async function authorStats(db: Db, r: Range): Promise<AuthorStats> {
  const rows = await db.kysely
    .selectFrom('author_days')
    .select(['day_ts', 'channel', 'topic', 'sentiment', 'lang', 'author_hash'])
    .where('day_ts', '>=', r.start)
    .where('day_ts', '<', r.end)
    .execute();
  const all = new Set<string>();
  const sets: Record<Dimension, Map<string, Set<string>>> = {
    topic: new Map(),
    channel: new Map(),
    sentiment: new Map(),
    lang: new Map(),
  };
  const slices = new Map<string, number>();
  for (const row of rows) {
    all.add(row.author_hash);
    for (const dim of ['topic', 'channel', 'sentiment', 'lang'] as const) {
      const m = sets[dim];
      const set = m.get(row[dim]);
      if (set) set.add(row.author_hash);
      else m.set(row[dim], new Set([row.author_hash]));
    }
    const key = sliceKey(Number(row.day_ts), row.channel, row.topic, row.sentiment, row.lang);
    slices.set(key, (slices.get(key) ?? 0) + 1);
  }
  const sizes = (m: Map<string, Set<string>>) => new Map([...m].map(([key, set]) => [key, set.size]));
  return {
    total: all.size,
    by: {
      topic: sizes(sets.topic),
      channel: sizes(sets.channel),
      sentiment: sizes(sets.sentiment),
      lang: sizes(sets.lang),
    },
    slices,
  };
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
}

const IN_CHUNK = 900;

/**
 * About `cap` message ids spread evenly over [start, end) (optionally one topic). Reads only the
 * (topic,) received_at index, never the rows: a busy week's sample costs milliseconds. Deterministic,
 * so the same data gives the same sample.
 */
async function sampleIds(db: Db, r: Range, cap: number, topic?: string): Promise<number[]> {
  let q = db.kysely
    .selectFrom('messages')
    .select('id')
    .where('received_at', '>=', r.start)
    .where('received_at', '<', r.end);
  if (topic !== undefined) q = q.where('topic', '=', topic);
  const ids = (await q.execute()).map((x) => Number(x.id)).sort((a, b) => a - b);
  const stride = Math.max(1, Math.ceil(ids.length / cap));
  return stride === 1 ? ids : ids.filter((_, i) => i % stride === 0);
}

export interface TextRow {
  id: number;
  topic: string;
  authorHash: string;
  folded: string;
}

/** A deterministic sample of about `cap` active messages' folded texts: term shares are proportions. */
export async function sampleTexts(db: Db, r: Range, cap: number): Promise<TextRow[]> {
  const ids = await sampleIds(db, r, cap);
  const out: TextRow[] = [];
  for (let i = 0; i < ids.length; i += IN_CHUNK) {
    const rows = await db.kysely
      .selectFrom('messages')
      .select(['id', 'topic', 'author_hash', 'text_normalised', 'status'])
      .where('id', 'in', ids.slice(i, i + IN_CHUNK))
      .execute();
    for (const x of rows)
      if (x.status === 'active')
        out.push({ id: Number(x.id), topic: x.topic, authorHash: x.author_hash, folded: x.text_normalised });
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
