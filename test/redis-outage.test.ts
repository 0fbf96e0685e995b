import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../app/runtime.ts';
import { FakeTelegram, telegramTextUpdate } from './fakes/telegram.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from './helpers/databases.ts';
import { postTelegram, startRuntime, TEST_SECRETS, waitFor } from './helpers/harness.ts';
import { PrivateRedis } from './helpers/private-redis.ts';

describe.each(DIALECTS)('Redis outage during intake on %s', (dialect) => {
  let t: TestDatabase;
  let tg: FakeTelegram;
  let redis: PrivateRedis;
  let rt: Runtime;

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    tg = await new FakeTelegram(TEST_SECRETS.TELEGRAM_BOT_TOKEN).start();
    redis = new PrivateRedis();
    await redis.start();
    rt = await startRuntime({ DATABASE_URL: t.url, TELEGRAM_API_ROOT: tg.url, REDIS_URL: redis.url });
  });
  afterAll(async () => {
    await rt.close();
    await redis.stop();
    await tg.stop();
    await t.destroy();
  });

  it('still acknowledges while Redis is down, then processes the event exactly once when it is back', async () => {
    await redis.stop();
    const update = telegramTextUpdate('Không đăng nhập được, báo sai mật khẩu dù mình nhập đúng', {
      chatId: 31337,
    });
    const started = Date.now();
    const res = await postTelegram(rt, update);
    expect(res.statusCode).toBe(200);
    expect(Date.now() - started).toBeLessThan(1000);
    // A retried delivery during the outage is still recognised.
    const again = await postTelegram(rt, update);
    expect(again.json()).toMatchObject({ stored: 0, duplicates: 1 });
    const ready = await rt.app.inject({ url: '/readyz' });
    expect(ready.statusCode).toBe(503);
    expect(await t.db.kysely.selectFrom('inbox').select(['status']).execute()).toEqual([
      { status: 'pending' },
    ]);

    await new Promise((r) => setTimeout(r, 1000));
    await redis.start(); // empty: every queued job is gone
    await waitFor(
      () => t.db.kysely.selectFrom('messages').select('id').executeTakeFirst(),
      30_000,
      'processing',
    );
    await waitFor(() => tg.sent().length === 1, 30_000, 'reply');
    await new Promise((r) => setTimeout(r, 2500)); // several sweeps later…
    expect(await t.db.kysely.selectFrom('messages').select('id').execute()).toHaveLength(1);
    expect(tg.sent()).toHaveLength(1);
    expect((await rt.app.inject({ url: '/readyz' })).statusCode).toBe(200);
  });
});
