/**
 * Message reads for analysts (redacted text only), full-text search (SQLite FTS5 / PostgreSQL
 * tsvector, db/migrations/0004_dashboard.ts) and relabelling that keeps the roll-ups consistent.
 */
import { type Expression, type ExpressionBuilder, type RawBuilder, type SqlBool, sql } from 'kysely';
import { z } from 'zod';
import { fold } from '../workers/analysis/normalise.ts';
import { dimensionWhere, type SliceFilter } from './dashboard-filters.ts';
import { searchByWindows } from './dashboard-search-windows.ts';
import type { Db } from './database.ts';
import { moveSlice } from './rollups.ts';
import type { Database } from './schema/index.ts';
import { rankCandidates, type SearchSort, spelledWords } from './search-rank.ts';
import { recordTeamLabel } from './team-labels.ts';

export interface MessageSummary {
  id: number;
  receivedAt: number;
  channel: string;
  lang: string;
  topic: string;
  topicScore: number;
  sentiment: string;
  refCode: string;
  /** Redacted text: the only text the dashboard ever shows. */
  text: string;
  contentKind: string;
}

export interface CorrectionView {
  correctedBy: string;
  oldTopic: string;
  newTopic: string;
  oldSentiment: string;
  newSentiment: string;
  createdAt: number;
}

export interface MessageDetail extends MessageSummary {
  modelVersion: string;
  topics: { id: string; score: number }[];
  corrections: CorrectionView[];
}

/** Search terms in the matching form (lower case, no diacritics, teencode expanded). */
export function searchTerms(q: string): string[] {
  return fold(q)
    .split(/[^a-z0-9]+/)
    .filter((t) => t.length > 0)
    .slice(0, 8);
}

/** FTS5 query: every term must occur; the last one as a prefix so "dang nh" already finds "dang nhap". */
function ftsQuery(terms: string[]): string {
  return terms.map((t, i) => `"${t}"${i === terms.length - 1 ? '*' : ''}`).join(' ');
}

/**
 * SQLite search driven by the FTS index: the capped count walks matching rowids and stops early; the
 * page is then read in time order (see below).
 */
async function sqliteSearch(
  db: Db,
  filter: SliceFilter,
  terms: string[],
  options: { page: number; pageSize: number },
): Promise<MessagePage> {
  const conds = [
    sql`m.status = 'active'`,
    sql`m.received_at >= ${filter.fromMs}`,
    sql`m.received_at < ${filter.toMs}`,
    sqliteDimensions(filter),
  ];
  const where = sql.join([sql`messages_fts match ${ftsQuery(terms)}`, ...conds], sql` and `);
  const from = sql`messages_fts f cross join messages m on m.id = f.rowid`;
  const counted = await sql<{
    n: number;
  }>`select count(*) as n from (select 1 from ${from} where ${where} order by f.rowid desc limit ${COUNT_CAP + 1})`.execute(
    db.kysely,
  );
  const n = Number(counted.rows[0]?.n ?? 0);
  // Newest first by when the citizen wrote, like the plain list (ids follow arrival, and backfills or
  // late deliveries arrive out of order). Up to COUNT_CAP matches: sort them. More: read time windows
  // newest first until the page is full (below).
  const page = sql`order by m.received_at desc, m.id desc limit ${options.pageSize} offset ${(options.page - 1) * options.pageSize}`;
  const items =
    n <= COUNT_CAP
      ? (
          await sql<SummaryRow>`select ${SEARCH_COLUMNS} from ${from} where ${where} ${page}`.execute(
            db.kysely,
          )
        ).rows
      : await sqliteSearchByWindows(db, filter, terms, conds, options);
  return { total: Math.min(n, COUNT_CAP), totalCapped: n > COUNT_CAP, items: items.map(toSummary) };
}

const SEARCH_COLUMNS = sql`m.id, m.received_at, m.channel, m.lang, m.topic, m.topic_score, m.sentiment,
      m.ref_code, m.text_redacted, m.content_kind`;

/**
 * A broad search's page on SQLite, window by window (dashboard-search-windows.ts). Each window asks
 * the FTS index only for the rowids that messages of that window have (ids follow arrival, so that
 * range is about the window); matching every id first cost time in proportion to the matches
 * (bench/RESULTS.md). A backfilled message widens its window's id range: slower, never wrong.
 */
function sqliteSearchByWindows(
  db: Db,
  filter: SliceFilter,
  terms: string[],
  conds: RawBuilder<unknown>[],
  options: { page: number; pageSize: number },
): Promise<SummaryRow[]> {
  return searchByWindows(filter, options, async (lo, hi, limit) => {
    const window = [sql`m.received_at >= ${lo}`, sql`m.received_at < ${hi}`];
    const range = await sql<{ first: number | null; last: number | null }>`select min(m.id) as first,
        max(m.id) as last from messages m where ${sql.join(window, sql` and `)}`.execute(db.kysely);
    const ids = range.rows[0];
    if (ids?.first == null || ids.last == null) return [];
    const rows = await sql<SummaryRow>`select ${SEARCH_COLUMNS} from messages m
        where m.id in (select rowid from messages_fts where messages_fts match ${ftsQuery(terms)}
            and rowid >= ${ids.first} and rowid <= ${ids.last})
          and ${sql.join([...window, ...conds], sql` and `)}
        order by m.received_at desc, m.id desc limit ${limit}`.execute(db.kysely);
    return rows.rows;
  });
}

function searchWhere(terms: string[]): Expression<SqlBool> {
  const query = terms.map((t, i) => `${t}${i === terms.length - 1 ? ':*' : ''}`).join(' & ');
  return sql<SqlBool>`to_tsvector('simple', m.text_redacted || ' ' || m.text_normalised) @@ to_tsquery('simple', ${query})`;
}

const SUMMARY_COLUMNS = [
  'm.id',
  'm.received_at',
  'm.channel',
  'm.lang',
  'm.topic',
  'm.topic_score',
  'm.sentiment',
  'm.ref_code',
  'm.text_redacted',
  'm.content_kind',
] as const;

type SummaryRow = {
  id: number;
  received_at: number;
  channel: string;
  lang: string;
  topic: string;
  topic_score: number;
  sentiment: string;
  ref_code: string;
  text_redacted: string;
  content_kind: string;
};

function toSummary(r: SummaryRow): MessageSummary {
  return {
    id: Number(r.id),
    receivedAt: Number(r.received_at),
    channel: r.channel,
    lang: r.lang,
    topic: r.topic,
    topicScore: Number(r.topic_score),
    sentiment: r.sentiment,
    refCode: r.ref_code,
    text: r.text_redacted,
    contentKind: r.content_kind,
  };
}

/** Counting a broad search exactly would read every match; past this many the UI says "more than". */
export const COUNT_CAP = 1_000;

export interface MessagePage {
  total: number;
  totalCapped: boolean;
  items: MessageSummary[];
}

export async function listMessages(
  db: Db,
  filter: SliceFilter,
  options: { q?: string | undefined; page: number; pageSize: number; sort?: SearchSort | undefined },
): Promise<MessagePage> {
  const terms = options.q ? searchTerms(options.q) : [];
  const sort = options.sort ?? 'newest';
  if (options.q && terms.length > 0 && (sort === 'relevance' || spelledWords(options.q).length > 0)) {
    const ranked = await rankedSearch(db, filter, terms, options.q, sort, options);
    if (ranked) return ranked;
  }
  if (terms.length > 0 && db.dialect === 'sqlite') return sqliteSearch(db, filter, terms, options);
  const where = (eb: ExpressionBuilder<Database & { m: Database['messages'] }, 'm'>) =>
    eb.and([
      eb('m.status', '=', 'active'),
      eb('m.received_at', '>=', filter.fromMs),
      eb('m.received_at', '<', filter.toMs),
      dimensionWhere(eb as unknown as ExpressionBuilder<Database, 'messages'>, filter),
      ...(terms.length > 0 ? [searchWhere(terms)] : []),
    ]);
  const base = db.kysely.selectFrom('messages as m').where(where);
  const counted = await db.kysely
    .selectFrom(
      base
        .select(sql<number>`1`.as('one'))
        .limit(COUNT_CAP + 1)
        .as('c'),
    )
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const n = Number(counted.n);
  // Newest first by when the citizen wrote, searched or not. A search with up to COUNT_CAP matches
  // sorts them (`+ 0`: the GIN index finds them, rather than walking every message by time until
  // enough match, which is slow for rare terms); a broader one reads time windows newest first.
  const ordered = base.orderBy('m.received_at', 'desc').orderBy('m.id', 'desc');
  const rows =
    terms.length === 0
      ? await ordered
          .select(SUMMARY_COLUMNS)
          .limit(options.pageSize)
          .offset((options.page - 1) * options.pageSize)
          .execute()
      : n <= COUNT_CAP
        ? await base
            .orderBy(sql`m.received_at + 0`, 'desc')
            .orderBy('m.id', 'desc')
            .select(SUMMARY_COLUMNS)
            .limit(options.pageSize)
            .offset((options.page - 1) * options.pageSize)
            .execute()
        : await searchByWindows(filter, options, (lo, hi, limit) =>
            ordered
              .where('m.received_at', '>=', lo)
              .where('m.received_at', '<', hi)
              .select(SUMMARY_COLUMNS)
              .limit(limit)
              .execute(),
          );
  return { total: Math.min(n, COUNT_CAP), totalCapped: n > COUNT_CAP, items: rows.map(toSummary) };
}

/**
 * A search ordered by what was typed (search-rank.ts): the matches (up to COUNT_CAP) are ranked here.
 * Broader searches fall back to newest first (undefined).
 */
async function rankedSearch(
  db: Db,
  filter: SliceFilter,
  terms: string[],
  q: string,
  sort: SearchSort,
  options: { page: number; pageSize: number },
): Promise<MessagePage | undefined> {
  const rows =
    db.dialect === 'sqlite'
      ? (
          await sql<SummaryRow>`select m.id, m.received_at, m.channel, m.lang, m.topic, m.topic_score, m.sentiment,
              m.ref_code, m.text_redacted, m.content_kind
            from messages_fts f cross join messages m on m.id = f.rowid
            where messages_fts match ${ftsQuery(terms)} and m.status = 'active'
              and m.received_at >= ${filter.fromMs} and m.received_at < ${filter.toMs}
              and ${sqliteDimensions(filter)}
            limit ${COUNT_CAP + 1}`.execute(db.kysely)
        ).rows
      : await db.kysely
          .selectFrom('messages as m')
          .where((eb) =>
            eb.and([
              eb('m.status', '=', 'active'),
              eb('m.received_at', '>=', filter.fromMs),
              eb('m.received_at', '<', filter.toMs),
              dimensionWhere(eb as unknown as ExpressionBuilder<Database, 'messages'>, filter),
              searchWhere(terms),
            ]),
          )
          .select(SUMMARY_COLUMNS)
          .limit(COUNT_CAP + 1)
          .execute();
  if (rows.length > COUNT_CAP) return undefined;
  const items = rows.map(toSummary);
  const byId = new Map(items.map((m) => [m.id, m]));
  const order = rankCandidates(q, items, sort);
  const start = (options.page - 1) * options.pageSize;
  return {
    total: items.length,
    totalCapped: false,
    items: order.slice(start, start + options.pageSize).flatMap((c) => byId.get(c.id) ?? []),
  };
}

function sqliteDimensions(filter: SliceFilter) {
  const conds = [sql`1 = 1`];
  for (const [col, values] of [
    ['channel', filter.channels],
    ['topic', filter.topics],
    ['sentiment', filter.sentiments],
    ['lang', filter.langs],
  ] as const) {
    if (values && values.length > 0) conds.push(sql`${sql.ref(`m.${col}`)} in (${sql.join(values)})`);
  }
  return sql.join(conds, sql` and `);
}

const TopicsJson = z.array(z.object({ id: z.string(), score: z.number() }));

function parseTopics(json: string): { id: string; score: number }[] {
  try {
    const parsed = TopicsJson.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : [];
  } catch {
    // A malformed classifier field must not hide the message; it just shows no secondary topics.
    return [];
  }
}

export async function getMessage(db: Db, id: number): Promise<MessageDetail | undefined> {
  const row = await db.kysely
    .selectFrom('messages as m')
    .select([...SUMMARY_COLUMNS, 'm.model_version', 'm.topics_json'])
    .where('m.id', '=', id)
    .where('m.status', '=', 'active')
    .executeTakeFirst();
  if (!row) return undefined;
  const corrections = await db.kysely
    .selectFrom('corrections')
    .select(['corrected_by', 'old_topic', 'new_topic', 'old_sentiment', 'new_sentiment', 'created_at'])
    .where('message_id', '=', id)
    .orderBy('id', 'asc')
    .execute();
  return {
    ...toSummary(row),
    modelVersion: row.model_version,
    topics: parseTopics(row.topics_json),
    corrections: corrections.map((c) => ({
      correctedBy: c.corrected_by,
      oldTopic: c.old_topic,
      newTopic: c.new_topic,
      oldSentiment: c.old_sentiment,
      newSentiment: c.new_sentiment,
      createdAt: Number(c.created_at),
    })),
  };
}

/**
 * Relabels one message: a correction row, the team's label, the message itself, and its slice
 * (`moveSlice`), all in
 * one transaction so the dashboard's counts never disagree with the messages.
 */
export async function relabelMessage(
  db: Db,
  id: number,
  change: { topic: string; sentiment: string },
  by: string,
  now: number,
): Promise<{ before: { topic: string; sentiment: string } } | undefined> {
  return db.kysely.transaction().execute(async (trx) => {
    const m = await trx
      .selectFrom('messages')
      .select([
        'id',
        'channel',
        'lang',
        'topic',
        'sentiment',
        'received_at',
        'author_hash',
        'text_redacted',
        'model_version',
      ])
      .where('id', '=', id)
      .where('status', '=', 'active')
      .executeTakeFirst();
    if (!m) return undefined;
    const before = { topic: m.topic, sentiment: m.sentiment };
    if (m.topic === change.topic && m.sentiment === change.sentiment) return { before };
    await trx
      .insertInto('corrections')
      .values({
        message_id: id,
        corrected_by: by,
        old_topic: m.topic,
        new_topic: change.topic,
        old_sentiment: m.sentiment,
        new_sentiment: change.sentiment,
        created_at: now,
      })
      .execute();
    // Every relabel is also the team's label of the message (a correction, or a confirmation when it
    // puts back what the model said): what retraining learns from and what measures the model.
    await recordTeamLabel(trx, { ...m, id: Number(m.id) }, change, by, now);
    await trx
      .updateTable('messages')
      .set({ topic: change.topic, sentiment: change.sentiment, updated_at: now })
      .where('id', '=', id)
      .execute();

    const from = {
      receivedAt: Number(m.received_at),
      channel: m.channel,
      topic: m.topic,
      sentiment: m.sentiment,
      lang: m.lang,
    };
    await moveSlice(trx, id, from, { ...from, ...change }, m.author_hash);
    return { before };
  });
}
