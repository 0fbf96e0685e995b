/**
 * Text PostgreSQL cannot store (U+0000) or that is not well-formed UTF-16 (a lone surrogate) is made
 * storable before it is stored, on every dialect; rows that failed on it before are processed again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../app/runtime.ts';
import { FakeTelegram, telegramTextUpdate } from './fakes/telegram.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from './helpers/databases.ts';
import { cleanQueues, postTelegram, startRuntime, TEST_SECRETS, waitFor } from './helpers/harness.ts';

describe.each(DIALECTS)('unstorable text on %s', (dialect) => {
  let t: TestDatabase;
  let tg: FakeTelegram;
  let rt: Runtime | undefined;

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    tg = await new FakeTelegram(TEST_SECRETS.TELEGRAM_BOT_TOKEN).start();
  });
  afterAll(async () => {
    if (rt) {
      await cleanQueues(rt);
      await rt.close();
    }
    await tg.stop();
    await t.destroy();
  });

  const repliesTo = (chatId: number) => tg.sent().filter((c) => String(c.body['chat_id']) === String(chatId));

  it('processes again the rows that failed on it, at start-up', async () => {
    // What an earlier version left behind: stored, then failed for good on PostgreSQL.
    const update = telegramTextUpdate('Ứng dụng báo lỗi\u0000 khi quét NFC', { chatId: 70_001 });
    await t.db.kysely
      .insertInto('inbox')
      .values({
        channel: 'telegram',
        event_id: String(update.update_id),
        kind: 'message',
        author_hash: 'a'.repeat(32),
        received_at: Date.now() - 60_000,
        payload: JSON.stringify({
          type: 'message',
          channel: 'telegram',
          eventId: String(update.update_id),
          userId: '70001',
          occurredAt: Date.now() - 60_000,
          messageId: `70001:${update.update_id}`,
          text: 'Ứng dụng báo lỗi\u0000 khi quét NFC',
          contentKind: 'text',
          address: { chatId: '70001' },
        }),
        status: 'failed',
        attempts: 1,
        error: 'invalid byte sequence for encoding "UTF8": 0x00',
        processed_at: null,
      })
      .execute();
    rt = await startRuntime({ DATABASE_URL: t.url, TELEGRAM_API_ROOT: tg.url });
    await waitFor(() => repliesTo(70_001).length === 1, 15_000, 'reply to the revived row');
    const row = await t.db.kysely.selectFrom('inbox').select('status').executeTakeFirstOrThrow();
    expect(row.status).toBe('done');
  });

  it('stores and answers a message containing U+0000 and a lone surrogate', async () => {
    const res = await postTelegram(
      rt as Runtime,
      telegramTextUpdate('Không nhận được OTP\u0000\u0000 sau khi đổi số \uD83D điện thoại', {
        chatId: 70_002,
      }),
    );
    expect(res.statusCode).toBe(200);
    await waitFor(() => repliesTo(70_002).length === 1, 15_000, 'reply');
    const messages = await t.db.kysely.selectFrom('messages').select('text_redacted').execute();
    expect(messages).toHaveLength(2);
    for (const m of messages) expect(m.text_redacted).not.toMatch(/\u0000|[\uD800-\uDFFF]/);
    expect(messages.map((m) => m.text_redacted).join(' ')).toContain('sau khi đổi số \uFFFD điện thoại');
  });
});
