import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../app/runtime.ts';
import { FakeTelegram, telegramTextUpdate } from './fakes/telegram.ts';
import { createTestDatabase, type TestDatabase } from './helpers/databases.ts';
import { cleanQueues, startRuntime, TEST_SECRETS, waitFor } from './helpers/harness.ts';

describe('Telegram long polling (no PUBLIC_URL)', () => {
  let t: TestDatabase;
  let tg: FakeTelegram;
  let rt: Runtime;

  beforeAll(async () => {
    t = await createTestDatabase('sqlite');
    tg = await new FakeTelegram(TEST_SECRETS.TELEGRAM_BOT_TOKEN).start();
    rt = await startRuntime({ DATABASE_URL: t.url, TELEGRAM_API_ROOT: tg.url }, { platformIntake: true });
  });
  afterAll(async () => {
    await cleanQueues(rt);
    await rt.close();
    await tg.stop();
    await t.destroy();
  });

  it('pulls updates with getUpdates, stores them once and replies through the reply queue', async () => {
    await waitFor(() => tg.calls.some((c) => c.method === 'getUpdates'), 15_000, 'polling to start');
    expect(tg.calls.some((c) => c.method === 'deleteWebhook')).toBe(true);
    const update = telegramTextUpdate('Không nhận được mã OTP khi kích hoạt', { chatId: 8080 });
    tg.pending.push(update);
    const msg = await waitFor(
      () => t.db.kysely.selectFrom('messages').selectAll().executeTakeFirst(),
      15_000,
      'message',
    );
    expect(msg.topic).toBe('otp');
    await waitFor(() => tg.sent().length === 1, 15_000, 'reply');
    expect(String(tg.sent()[0]!.body['chat_id'])).toBe('8080');
    // The offset moves past the update, so it is not delivered again.
    await waitFor(
      () =>
        tg.calls.some((c) => c.method === 'getUpdates' && Number(c.body['offset']) === update.update_id + 1),
      15_000,
      'offset confirmed',
    );
    expect(await t.db.kysely.selectFrom('inbox').select('id').execute()).toHaveLength(1);
  });
});
