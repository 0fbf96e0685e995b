import { sql, type Transaction } from 'kysely';
import { preparedQuery } from './prepared.ts';
import type { Database } from './schema/index.ts';

const HOUR = 3_600_000;
const DAY = 86_400_000;
/** Asia/Ho_Chi_Minh is UTC+7 all year (no daylight saving). */
export const VN_OFFSET_MS = 7 * HOUR;

export function hourStart(ms: number): number {
  return Math.floor(ms / HOUR) * HOUR;
}

/** Epoch ms of the Asia/Ho_Chi_Minh midnight that starts the local day containing `ms`. */
export function vnDayStart(ms: number): number {
  return Math.floor((ms + VN_OFFSET_MS) / DAY) * DAY - VN_OFFSET_MS;
}

export interface Slice {
  receivedAt: number;
  channel: string;
  topic: string;
  sentiment: string;
  lang: string;
}

type SliceParam = 'channel' | 'topic' | 'sentiment' | 'lang';

const BUMP_ROLLUP = preparedQuery<SliceParam | 'hour' | 'delta', never>((db, p) =>
  db
    .insertInto('rollups_hourly')
    .values({
      hour_ts: p<number>('hour'),
      channel: p<string>('channel'),
      topic: p<string>('topic'),
      sentiment: p<string>('sentiment'),
      lang: p<string>('lang'),
      count: p<number>('delta'),
    })
    .onConflict((oc) =>
      oc
        .columns(['hour_ts', 'channel', 'topic', 'sentiment', 'lang'])
        .doUpdateSet({ count: sql`rollups_hourly.count + ${p<number>('delta')}` }),
    ),
);

const NOTE_AUTHOR_DAY = preparedQuery<SliceParam | 'day' | 'author', never>((db, p) =>
  db
    .insertInto('author_days')
    .values({
      day_ts: p<number>('day'),
      channel: p<string>('channel'),
      topic: p<string>('topic'),
      sentiment: p<string>('sentiment'),
      lang: p<string>('lang'),
      author_hash: p<string>('author'),
    })
    .onConflict((oc) => oc.doNothing()),
);

/** Adds `delta` to the hourly roll-up of a slice (an upsert, the same SQL on both dialects). */
export async function bumpRollup(trx: Transaction<Database>, s: Slice, delta: 1 | -1): Promise<void> {
  const { channel, topic, sentiment, lang } = s;
  await BUMP_ROLLUP.execute(trx, { hour: hourStart(s.receivedAt), channel, topic, sentiment, lang, delta });
}

export async function noteAuthorDay(trx: Transaction<Database>, s: Slice, authorHash: string): Promise<void> {
  const { channel, topic, sentiment, lang } = s;
  await NOTE_AUTHOR_DAY.execute(trx, {
    day: vnDayStart(s.receivedAt),
    channel,
    topic,
    sentiment,
    lang,
    author: authorHash,
  });
}

/**
 * Moves one message from its old slice to its new one — the only way a stored message changes slice
 * (relabel, edit, re-classification). The hourly count moves, and so does the author: the old
 * distinct-author row is deleted unless another active message of the same author still keeps them in
 * that slice on that local day. Otherwise the old slice would go on counting a citizen who is no longer
 * in it and could show a number where "< k" is due.
 *
 * `messageId` is the moving message, excluded from that check whether or not its row was updated yet.
 */
export async function moveSlice(
  trx: Transaction<Database>,
  messageId: number,
  from: Slice,
  to: Slice,
  authorHash: string,
): Promise<void> {
  if (from.topic === to.topic && from.sentiment === to.sentiment && from.lang === to.lang) return;
  await bumpRollup(trx, from, -1);
  await trx
    .deleteFrom('rollups_hourly')
    .where('hour_ts', '=', hourStart(from.receivedAt))
    .where('channel', '=', from.channel)
    .where('topic', '=', from.topic)
    .where('sentiment', '=', from.sentiment)
    .where('lang', '=', from.lang)
    .where('count', '<=', 0)
    .execute();
  await bumpRollup(trx, to, 1);
  const day = vnDayStart(from.receivedAt);
  const stillThere = await trx
    .selectFrom('messages')
    .select('id')
    .where('author_hash', '=', authorHash)
    .where('status', '=', 'active')
    .where('id', '!=', messageId)
    .where('received_at', '>=', day)
    .where('received_at', '<', day + DAY)
    .where('channel', '=', from.channel)
    .where('topic', '=', from.topic)
    .where('sentiment', '=', from.sentiment)
    .where('lang', '=', from.lang)
    .limit(1)
    .executeTakeFirst();
  if (!stillThere) {
    await trx
      .deleteFrom('author_days')
      .where('day_ts', '=', day)
      .where('channel', '=', from.channel)
      .where('topic', '=', from.topic)
      .where('sentiment', '=', from.sentiment)
      .where('lang', '=', from.lang)
      .where('author_hash', '=', authorHash)
      .execute();
  }
  await noteAuthorDay(trx, to, authorHash);
}
