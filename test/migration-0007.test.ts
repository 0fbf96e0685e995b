/**
 * Migration 0007 on a database written by earlier versions: raw payloads of processed rows are
 * scrubbed (their latest address moved to contact_addresses), Telegram chat ids leave message ids,
 * and every row gets a job key. It is run here against rows inserted with its changes undone.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../db/migrate.ts';
import { down } from '../db/migrations/0007_retention.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from './helpers/databases.ts';

const HASH = 'b'.repeat(32);

describe.each(DIALECTS)('migration 0007 on %s', (dialect) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    await down(t.db.kysely as never);
    await sql`delete from schema_migrations where name = '0007_retention'`.execute(t.db.kysely);
  });
  afterAll(() => t.destroy());

  it('scrubs raw payloads and clear ids, keeps what is still to be processed', async () => {
    const payload = (text: string, chatId: string) =>
      JSON.stringify({ type: 'message', channel: 'telegram', userId: chatId, text, address: { chatId } });
    const rows = [
      { event_id: '1', status: 'done', payload: payload('CCCD 001203004567', '5551'), received_at: 1000 },
      { event_id: '2', status: 'done', payload: payload('mật khẩu Abc@123', '5552'), received_at: 2000 },
      { event_id: '3', status: 'pending', payload: payload('chưa xử lý', '5552'), received_at: 3000 },
    ];
    for (const r of rows) {
      await sql`insert into inbox (channel, event_id, kind, author_hash, received_at, payload, status)
        values ('telegram', ${r.event_id}, 'message', ${HASH}, ${r.received_at}, ${r.payload}, ${r.status})`.execute(
        t.db.kysely,
      );
    }
    await sql`insert into messages (inbox_id, channel, platform_message_id, author_hash, received_at, content_kind,
        text_redacted, text_normalised, lang, topic, topic_score, topics_json, sentiment, sentiment_score,
        model_version, ref_code, status, created_at, updated_at)
      values (1, 'telegram', '5551:77', ${HASH}, 1000, 'text', 'x', 'x', 'vi', 'otp', 1, '[]', 'neutral', 0,
        'm', 'GY-0001-AB', 'active', 1000, 1000),
        (2, 'telegram', '-100123:78', ${HASH}, 2000, 'text', 'x', 'x', 'vi', 'otp', 1, '[]', 'neutral', 0,
        'm', 'GY-0002-AB', 'active', 2000, 2000)`.execute(t.db.kysely);

    expect(await migrateToLatest(t.db)).toEqual(['0007_retention']);

    const inbox = await t.db.kysely.selectFrom('inbox').selectAll().orderBy('id').execute();
    expect(inbox.map((r) => r.payload)).toEqual(['{}', '{}', rows[2]!.payload]);
    expect(inbox.every((r) => typeof r.job_key === 'string' && r.job_key.length === 16)).toBe(true);
    expect(new Set(inbox.map((r) => r.job_key)).size).toBe(3);
    const ids = await t.db.kysely
      .selectFrom('messages')
      .select('platform_message_id')
      .orderBy('id')
      .execute();
    expect(ids.map((r) => r.platform_message_id)).toEqual([`${HASH}:77`, '-100123:78']);
    const addresses = await t.db.kysely.selectFrom('contact_addresses').selectAll().execute();
    expect(addresses).toEqual([
      { channel: 'telegram', author_hash: HASH, address: '{"chatId":"5552"}', updated_at: 2000 },
    ]);
    const seq = await t.db.kysely.selectFrom('sequences').selectAll().execute();
    expect(seq).toEqual([{ name: 'ref', value: 0 }]);
  });
});
