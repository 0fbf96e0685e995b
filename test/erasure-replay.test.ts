/**
 * An erased citizen stays erased when the platform delivers the same events again (a retry, a
 * replayed webhook): the intake recognises the tombstones and drops them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../app/runtime.ts';
import { createPseudonymiser } from '../bots/shared/pseudonym.ts';
import { FakeTelegram, telegramTextUpdate } from './fakes/telegram.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from './helpers/databases.ts';
import { cleanQueues, postTelegram, startRuntime, TEST_SECRETS, waitFor } from './helpers/harness.ts';

const CITIZEN = 66_601;

describe.each(DIALECTS)('erasure, then a replay of the same deliveries, on %s', (dialect) => {
  let t: TestDatabase;
  let tg: FakeTelegram;
  let rt: Runtime;

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    tg = await new FakeTelegram(TEST_SECRETS.TELEGRAM_BOT_TOKEN).start();
    rt = await startRuntime({ DATABASE_URL: t.url, TELEGRAM_API_ROOT: tg.url });
  });
  afterAll(async () => {
    await cleanQueues(rt);
    await rt.close();
    await tg.stop();
    await t.destroy();
  });

  const repliesTo = () => tg.sent().filter((c) => String(c.body['chat_id']) === String(CITIZEN));
  const post = async (body: unknown) => expect((await postTelegram(rt, body)).statusCode).toBe(200);

  it('stores nothing, answers nothing and recreates no contact', async () => {
    const deliveries = [
      telegramTextUpdate('Mật khẩu của tôi là Hoa@2024, email hoa.tran@example.vn, không đăng nhập được', {
        chatId: CITIZEN,
      }),
      telegramTextUpdate('xóa dữ liệu', { chatId: CITIZEN }),
    ];
    await post(deliveries[0]);
    await waitFor(() => repliesTo().length === 1, 15_000, 'acknowledgement');
    await new Promise((r) => setTimeout(r, 1100)); // one message a second per chat
    await post(deliveries[1]);
    await waitFor(() => repliesTo().length === 2, 15_000, 'erasure confirmation');
    const hash = createPseudonymiser(TEST_SECRETS.PSEUDONYM_SECRET)('telegram', String(CITIZEN));
    const traces = async () => ({
      inbox: (await t.db.kysely.selectFrom('inbox').select('id').execute()).length,
      messages: (await t.db.kysely.selectFrom('messages').select('id').execute()).length,
      contacts: (
        await t.db.kysely.selectFrom('contacts').select('id').where('author_hash', '=', hash).execute()
      ).length,
    });
    expect(await traces()).toEqual({ inbox: 0, messages: 0, contacts: 0 });

    // The platform delivers them again: the message first, later the erasure request too.
    for (const d of deliveries) {
      await post(d);
      await new Promise((r) => setTimeout(r, 2500)); // more than a sweep and a pipeline run
      expect(await traces()).toEqual({ inbox: 0, messages: 0, contacts: 0 });
      expect(repliesTo()).toHaveLength(2);
    }
    const tombstones = await t.db.kysely.selectFrom('erased_events').selectAll().execute();
    expect(tombstones).toHaveLength(2);
    for (const row of tombstones) expect(JSON.stringify(row)).not.toMatch(/\b5\d{5}\b/); // no update id
  });
});
