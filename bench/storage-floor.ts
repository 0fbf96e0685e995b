/**
 * `npm run bench:storage-floor` — the cheapest the pipeline's storage could be on SQLite: the same
 * statements one message needs (claim the inbox row, upsert the contact, insert the message, bump the
 * roll-up, note the author-day, insert the reply, mark the notice), as raw prepared better-sqlite3
 * statements in transactions of 80 messages, with no queue, no analysis and no query builder. Run on
 * the migrated schema as it is, then without the search trigger, then also without the author-hash
 * indexes that erasure relies on, to show what each costs. Explains the pipeline ratio in RESULTS.md.
 */
import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { createDb } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';

const N = Number(process.env['BENCH_FLOOR_MSGS'] ?? 40_000);
const BATCH = 80;
const hash = (s: string) => createHmac('sha256', 'bench').update(s).digest('base64url').slice(0, 22);

async function run(label: string, drop: string[]): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'vneid-floor-'));
  const file = join(dir, 'floor.db');
  const migrated = await createDb(`sqlite:${file}`);
  await migrateToLatest(migrated);
  await migrated.close();
  const db = new SqliteDatabase(file);
  // As the workers' connection is opened (db/database.ts, durability "normal").
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('cache_size = -65536');
  for (const statement of drop) db.exec(statement);
  const now = Date.now();
  const inbox = db.prepare(
    `insert into inbox (channel, event_id, kind, author_hash, received_at, payload, status, attempts)
     values ('telegram', ?, 'message', ?, ?, ?, 'pending', 0)`,
  );
  db.transaction(() => {
    for (let i = 1; i <= N; i++) {
      inbox.run(`e${i}`, hash(String(i % 5000)), now, JSON.stringify({ text: `OTP không về #${i}` }));
    }
  })();
  const claim = db.prepare(
    `update inbox set status = 'done', processed_at = ?, error = null, attempts = attempts + 1
     where id = ? and status = 'pending'`,
  );
  const contact = db.prepare(
    `insert into contacts (channel, author_hash, lang, first_seen_at, last_seen_at, notice_sent_at)
     values ('telegram', ?, 'vi', ?, ?, null)
     on conflict (channel, author_hash) do update set last_seen_at = max(excluded.last_seen_at, contacts.last_seen_at)
     returning id, notice_sent_at`,
  );
  const message = db.prepare(
    `insert into messages (inbox_id, channel, platform_message_id, author_hash, received_at, content_kind,
       text_redacted, text_normalised, lang, topic, topic_score, topics_json, sentiment, sentiment_score,
       model_version, ref_code, status, edited_at, created_at, updated_at)
     values (?, 'telegram', ?, ?, ?, 'text', ?, ?, 'vi', 'otp', 0.93, ?, 'negative', -0.8, 'v1', ?, 'active', null, ?, ?)
     on conflict (channel, platform_message_id) do nothing returning id`,
  );
  const rollup = db.prepare(
    `insert into rollups_hourly (hour_ts, channel, topic, sentiment, lang, count)
     values (?, 'telegram', 'otp', 'negative', 'vi', 1)
     on conflict (hour_ts, channel, topic, sentiment, lang) do update set count = rollups_hourly.count + 1`,
  );
  const authorDay = db.prepare(
    `insert into author_days (day_ts, channel, topic, sentiment, lang, author_hash)
     values (?, 'telegram', 'otp', 'negative', 'vi', ?) on conflict do nothing`,
  );
  const reply = db.prepare(
    `insert into replies (channel, in_reply_to, purpose, author_hash, target, text, status, error, created_at, sent_at)
     values ('telegram', ?, 'ack', ?, '{"chatId":"123"}', ?, 'pending', null, ?, null)
     on conflict (channel, in_reply_to) do nothing returning id`,
  );
  const noticed = db.prepare('update contacts set notice_sent_at = ? where id = ?');
  const start = performance.now();
  for (let first = 1; first <= N; first += BATCH) {
    db.transaction(() => {
      for (let id = first; id < first + BATCH && id <= N; id++) {
        const author = hash(String(id % 5000));
        const at = now - (id % 500) * 60_000;
        claim.run(now, id);
        const c = contact.get(author, at, at) as { id: number; notice_sent_at: number | null };
        message.get(
          id,
          `c:${id}`,
          author,
          at,
          `Mình không nhận được mã OTP khi đăng nhập VNeID, số [SĐT], đã thử 3 lần #${id}`,
          `minh khong nhan duoc ma otp khi dang nhap vneid so [sdt] da thu 3 lan ${id}`,
          '[{"id":"otp","score":0.93},{"id":"login","score":0.04}]',
          hash(`ref${id}`),
          now,
          now,
        );
        rollup.run(Math.floor(at / 3_600_000) * 3_600_000);
        authorDay.run(Math.floor(at / 86_400_000) * 86_400_000, author);
        reply.get(`e${id}`, author, `Cảm ơn bạn đã phản hồi. Mã tham chiếu: ${id}.`, now);
        if (c.notice_sent_at === null) noticed.run(now, c.id);
      }
    })();
  }
  const us = ((performance.now() - start) * 1000) / N;
  db.close();
  rmSync(dir, { recursive: true, force: true });
  console.log(
    `${label.padEnd(44)} ${us.toFixed(0).padStart(4)} µs/message  ${Math.round(1e6 / us)} messages/s`,
  );
  return us;
}

console.log(`storage floor on SQLite: ${N} messages, transactions of ${BATCH}, raw prepared statements`);
const full = await run('schema as migrated', []);
await run('without the search trigger', ['drop trigger messages_fts_ai']);
await run('… and without the author-hash indexes', [
  'drop trigger messages_fts_ai',
  'drop index messages_author_idx',
  'drop index replies_author_idx',
  'drop index author_days_author_idx',
  'drop index inbox_author_idx',
]);
console.log(JSON.stringify({ floor_us_per_msg: Math.round(full), floor_msgs_per_s: Math.round(1e6 / full) }));
