/**
 * The storage floor's statements, frozen as the yardstick the pipeline is compared with: exactly what
 * one message needs (claim the inbox row, upsert the contact, insert the message, bump the roll-up,
 * note the author-day, insert the reply, mark the notice), written once with `?` placeholders in
 * SQLite's spelling. `forPostgres` turns them into PostgreSQL's (`$n`, `greatest`), nothing else, so
 * both dialects run the same statements.
 */
import { createHmac } from 'node:crypto';

export const FLOOR_BATCH = 80;

export const floorHash = (s: string) =>
  createHmac('sha256', 'bench').update(s).digest('base64url').slice(0, 22);

export const FLOOR_SQL = {
  inbox: `insert into inbox (channel, event_id, kind, author_hash, received_at, payload, status, attempts)
     values ('telegram', ?, 'message', ?, ?, ?, 'pending', 0)`,
  claim: `update inbox set status = 'done', processed_at = ?, error = null, attempts = attempts + 1
     where id = ? and status = 'pending'`,
  contact: `insert into contacts (channel, author_hash, lang, first_seen_at, last_seen_at, notice_sent_at)
     values ('telegram', ?, 'vi', ?, ?, null)
     on conflict (channel, author_hash) do update set last_seen_at = max(excluded.last_seen_at, contacts.last_seen_at)
     returning id, notice_sent_at`,
  message: `insert into messages (inbox_id, channel, platform_message_id, author_hash, received_at, content_kind,
       text_redacted, text_normalised, lang, topic, topic_score, topics_json, sentiment, sentiment_score,
       model_version, ref_code, status, edited_at, created_at, updated_at)
     values (?, 'telegram', ?, ?, ?, 'text', ?, ?, 'vi', 'otp', 0.93, ?, 'negative', -0.8, 'v1', ?, 'active', null, ?, ?)
     on conflict (channel, platform_message_id) do nothing returning id`,
  rollup: `insert into rollups_hourly (hour_ts, channel, topic, sentiment, lang, count)
     values (?, 'telegram', 'otp', 'negative', 'vi', 1)
     on conflict (hour_ts, channel, topic, sentiment, lang) do update set count = rollups_hourly.count + 1`,
  authorDay: `insert into author_days (day_ts, channel, topic, sentiment, lang, author_hash)
     values (?, 'telegram', 'otp', 'negative', 'vi', ?) on conflict do nothing`,
  reply: `insert into replies (channel, in_reply_to, purpose, author_hash, target, text, status, error, created_at, sent_at)
     values ('telegram', ?, 'ack', ?, '{"chatId":"123"}', ?, 'pending', null, ?, null)
     on conflict (channel, in_reply_to) do nothing returning id`,
  noticed: 'update contacts set notice_sent_at = ? where id = ?',
} as const;

export type FloorStatement = keyof typeof FLOOR_SQL;

/** The same statement in PostgreSQL's spelling. */
export function forPostgres(text: string): string {
  let n = 0;
  return text.replace(/\?/g, () => `$${++n}`).replace(/\bmax\(excluded/g, 'greatest(excluded');
}

/** The values one message binds, per statement, in order (message `id` is also its inbox row id). */
export function floorValues(id: number, now: number) {
  const author = floorHash(String(id % 5000));
  const at = now - (id % 500) * 60_000;
  return {
    author,
    claim: [now, id],
    contact: [author, at, at],
    message: [
      id,
      `c:${id}`,
      author,
      at,
      `Mình không nhận được mã OTP khi đăng nhập VNeID, số [SĐT], đã thử 3 lần #${id}`,
      `minh khong nhan duoc ma otp khi dang nhap vneid so [sdt] da thu 3 lan ${id}`,
      '[{"id":"otp","score":0.93},{"id":"login","score":0.04}]',
      floorHash(`ref${id}`),
      now,
      now,
    ],
    rollup: [Math.floor(at / 3_600_000) * 3_600_000],
    authorDay: [Math.floor(at / 86_400_000) * 86_400_000, author],
    reply: [`e${id}`, author, `Cảm ơn bạn đã phản hồi. Mã tham chiếu: ${id}.`, now],
  };
}

/** The inbox row the floor claims for message `i`. */
export function floorInboxValues(i: number, now: number): unknown[] {
  return [`e${i}`, floorHash(String(i % 5000)), now, JSON.stringify({ text: `OTP không về #${i}` })];
}
