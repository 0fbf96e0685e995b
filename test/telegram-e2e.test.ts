import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Runtime } from '../app/runtime.ts';
import { FakeTelegram, telegramTextUpdate } from './fakes/telegram.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from './helpers/databases.ts';
import { cleanQueues, postTelegram, startRuntime, TEST_SECRETS, waitFor } from './helpers/harness.ts';

describe.each(DIALECTS)('Telegram end to end on %s', (dialect) => {
  let t: TestDatabase;
  let tg: FakeTelegram;
  let rt: Runtime;

  beforeAll(async () => {
    tg = await new FakeTelegram(TEST_SECRETS.TELEGRAM_BOT_TOKEN).start();
  });
  afterAll(async () => tg.stop());
  beforeEach(async () => {
    t = await createTestDatabase(dialect);
    tg.calls.length = 0;
    rt = await startRuntime({ DATABASE_URL: t.url, TELEGRAM_API_ROOT: tg.url });
  });
  afterEach(async () => {
    await cleanQueues(rt);
    await rt.close();
    await t.destroy();
  });

  const post = (body: unknown, secret?: string) => postTelegram(rt, body, secret);

  it('turns a signed update into one classified message, one roll-up increment and one reply', async () => {
    const update = telegramTextUpdate('Mình không nhận được mã OTP khi đăng nhập, SĐT 0912 345 678', {
      chatId: 4242,
    });
    const res = await post(update);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ ok: true, stored: 1 });

    const msg = await waitFor(
      () => t.db.kysely.selectFrom('messages').selectAll().executeTakeFirst(),
      15_000,
      'message',
    );
    expect(msg.channel).toBe('telegram');
    expect(msg.topic).toBe('otp');
    expect(msg.lang).toBe('vi');
    expect(msg.text_redacted).not.toContain('0912');
    expect(msg.text_redacted).toContain('[SĐT]');
    expect(msg.author_hash).not.toContain('4242');
    expect(msg.model_version).toBeTruthy();

    const rollups = await t.db.kysely.selectFrom('rollups_hourly').selectAll().execute();
    expect(rollups).toHaveLength(1);
    expect(rollups[0]).toMatchObject({ channel: 'telegram', topic: 'otp', lang: 'vi', count: 1 });

    await waitFor(() => tg.sent().length === 1, 15_000, 'reply');
    const sent = tg.sent()[0]!;
    expect(String(sent.body['chat_id'])).toBe('4242');
    expect(String(sent.body['text'])).toContain(msg.ref_code);
    expect(String(sent.body['text'])).toContain('xóa dữ liệu'); // first-contact notice, in Vietnamese

    const inbox = await t.db.kysely.selectFrom('inbox').selectAll().executeTakeFirstOrThrow();
    expect(inbox.status).toBe('done');
    const reply = await waitFor(
      () => t.db.kysely.selectFrom('replies').selectAll().where('status', '=', 'sent').executeTakeFirst(),
      5000,
      'reply row marked sent',
    );
    expect(reply.target).toBe('{}'); // the chat id is not kept once sent

    const metrics = (await rt.app.inject({ url: '/metrics' })).body;
    expect(metrics).toContain('feedback_events_received_total{channel="telegram"} 1');
    expect(metrics).toContain('feedback_events_processed_total{channel="telegram"} 1');
    expect(metrics).toContain('feedback_webhook_requests_total{channel="telegram",outcome="accepted"} 1');
    expect(metrics).toMatch(/feedback_queue_jobs\{queue="pipeline",state="waiting"\} 0/);
    expect(metrics).toMatch(/feedback_processing_latency_seconds_count\{channel="telegram"\} 1/);
    for (const stage of ['analyse', 'store', 'replies']) {
      const spent = metrics.match(
        new RegExp(`feedback_pipeline_stage_seconds_total\\{stage="${stage}"\\} (\\S+)`),
      );
      expect(Number(spent?.[1])).toBeGreaterThan(0);
    }
  });

  it('the same update delivered three times gives one message and one reply', async () => {
    const update = telegramTextUpdate('App VNeID bị văng liên tục sau khi cập nhật', { chatId: 99 });
    const results = await Promise.all([post(update), post(update), post(update)]);
    expect(results.map((r) => r.statusCode)).toEqual([200, 200, 200]);
    expect(results.map((r) => r.json().stored).sort()).toEqual([0, 0, 1]);
    await waitFor(() => tg.sent().length >= 1, 15_000, 'reply');
    // Give duplicates every chance to show up before counting.
    await new Promise((r) => setTimeout(r, 1500));
    expect(await t.db.kysely.selectFrom('messages').select('id').execute()).toHaveLength(1);
    expect(await t.db.kysely.selectFrom('inbox').select('id').execute()).toHaveLength(1);
    const sum = await t.db.kysely.selectFrom('rollups_hourly').select('count').execute();
    expect(sum.reduce((a, r) => a + r.count, 0)).toBe(1);
    expect(tg.sent()).toHaveLength(1);
  });

  it('a wrong secret gets 401 and stores nothing', async () => {
    const res = await post(telegramTextUpdate('hello'), 'wrong-secret');
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ error: { code: 'unauthorized' } });
    const noHeader = await rt.app.inject({
      method: 'POST',
      url: '/webhooks/telegram',
      payload: telegramTextUpdate('x'),
    });
    expect(noHeader.statusCode).toBe(401);
    expect(await t.db.kysely.selectFrom('inbox').select('id').execute()).toHaveLength(0);
  });

  it('answers malformed JSON with 400, unknown updates with 200 and stores neither', async () => {
    expect((await post('{"update_id": 1, ')).statusCode).toBe(400);
    expect((await post({ hello: 'world' })).statusCode).toBe(400);
    const unknown = await post({ update_id: 77, my_chat_member: { chat: { id: 1 } } });
    expect(unknown.statusCode).toBe(200);
    expect(unknown.json()).toMatchObject({ ignored: true });
    expect(await t.db.kysely.selectFrom('inbox').select('id').execute()).toHaveLength(0);
  });

  it('answers an oversize body with 413 and stores nothing', async () => {
    const res = await post(telegramTextUpdate('x'.repeat(1_100_000)));
    expect(res.statusCode).toBe(413);
    expect(await t.db.kysely.selectFrom('inbox').select('id').execute()).toHaveLength(0);
  });

  it('retries a reply after a platform 500 and still delivers it exactly once', async () => {
    tg.failNext(500, 1);
    await post(telegramTextUpdate('Cảm ơn ad, app dùng rất tiện lợi!', { chatId: 5150 }));
    await waitFor(() => tg.sent().length === 2, 20_000, 'retry after 500');
    await new Promise((r) => setTimeout(r, 1000));
    expect(tg.sent()).toHaveLength(2); // one failed attempt, one delivery
    const reply = await t.db.kysely.selectFrom('replies').selectAll().executeTakeFirstOrThrow();
    expect(reply.status).toBe('sent');
  });
});
