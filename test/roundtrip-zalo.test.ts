/**
 * Zalo end to end through the real app: a signed OA webhook → stored, classified message → one
 * acknowledgement on the fake OA API, even when Zalo delivers twice, the first reply attempt gets a
 * 500 and the access token has expired in between (refreshed once, stored, then used).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Runtime } from '../app/runtime.ts';
import { loadConversationTexts } from '../bots/shared/conversation.ts';
import { type FakeZalo, startFakeZalo, zaloErrors } from './fakes/zalo.ts';
import { clearTables, createTestDatabase, DIALECTS, type TestDatabase } from './helpers/databases.ts';
import { cleanQueues, startRuntime, waitFor } from './helpers/harness.ts';

const APP_ID = '360846524940903967';
const OA_KEY = 'zalo-oa-key-roundtrip';
const APP_SECRET = 'zalo-app-secret-roundtrip';
const USER = '246845883529197922';

function delivery(name: string, now: number): Buffer {
  const text = readFileSync(new URL(`./fixtures/zalo/${name}`, import.meta.url), 'utf8');
  return Buffer.from(text.replace(/"timestamp":"\d+"/, `"timestamp":"${now}"`), 'utf8');
}

/** Signed as Zalo signs: body timestamp, no timestamp header. */
function signature(raw: Buffer): string {
  const ts = /"timestamp":"(\d+)"/.exec(raw.toString('utf8'))?.[1] ?? '';
  return `mac=${createHash('sha256').update(APP_ID).update(raw).update(ts).update(OA_KEY).digest('hex')}`;
}

describe.each(DIALECTS)('Zalo round trip on %s', (dialect) => {
  let t: TestDatabase;
  let zalo: FakeZalo;
  let rt: Runtime;

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
  });
  afterAll(async () => t?.destroy());
  beforeEach(async () => {
    zalo = await startFakeZalo({
      appId: APP_ID,
      appSecret: APP_SECRET,
      accessToken: 'zat-0',
      refreshToken: 'zrt-0',
    });
    await clearTables(t.db, [
      'replies',
      'messages',
      'contacts',
      'inbox',
      'rollups_hourly',
      'author_days',
      'zalo_tokens',
    ]);
    rt = await startRuntime({
      DATABASE_URL: t.url,
      ZALO_APP_ID: APP_ID,
      ZALO_OA_SECRET_KEY: OA_KEY,
      ZALO_APP_SECRET: APP_SECRET,
      ZALO_ACCESS_TOKEN: 'zat-0',
      ZALO_REFRESH_TOKEN: 'zrt-0',
      ZALO_OPENAPI_URL: zalo.openapiUrl,
      ZALO_OAUTH_URL: zalo.oauthUrl,
    });
  });
  afterEach(async () => {
    await zalo.close();
    if (!rt) return;
    await cleanQueues(rt);
    await rt.close();
  });

  const post = (raw: Buffer, sig = signature(raw)) =>
    rt.app.inject({
      method: 'POST',
      url: '/webhooks/zalo',
      headers: { 'content-type': 'application/json', 'x-zevent-signature': sig },
      payload: raw,
    });
  const sends = () => zalo.received.filter((r) => r.path === '/v3.0/oa/message/cs');

  it('acknowledges exactly once despite a redelivery, a 500 and an expired token', async () => {
    zalo.failNext(zaloErrors.serverError);
    const raw = delivery('user-send-text.json', Date.now());
    const results = [await post(raw), await post(raw)];
    expect(results.map((r) => r.statusCode)).toEqual([200, 200]);
    expect(results.map((r) => r.json().stored)).toEqual([1, 0]);

    const msg = await waitFor(
      () => t.db.kysely.selectFrom('messages').selectAll().executeTakeFirst(),
      15_000,
      'message',
    );
    expect(msg).toMatchObject({ channel: 'zalo', content_kind: 'text', lang: 'vi' });
    expect(msg.author_hash).not.toContain(USER);
    await waitFor(() => sends().length >= 1, 15_000, 'first reply attempt');
    zalo.expireAccessToken(); // the retry must refresh first

    await waitFor(() => zalo.delivered().length === 1, 25_000, 'acknowledgement after the 500');
    await new Promise((r) => setTimeout(r, 1500));
    expect(zalo.delivered()).toHaveLength(1);
    expect(zalo.refreshes()).toHaveLength(1);
    const sent = JSON.parse(zalo.delivered()[0]?.rawBody ?? '{}') as {
      recipient: unknown;
      message: { text: string };
    };
    expect(sent.recipient).toEqual({ user_id: USER });
    expect(sent.message.text).toContain(msg.ref_code);
    const tokens = await t.db.kysely.selectFrom('zalo_tokens').selectAll().executeTakeFirstOrThrow();
    expect(tokens).toMatchObject({
      access_token: zalo.tokens().accessToken,
      refresh_token: zalo.tokens().refreshToken,
    });
  });

  it('answers a scam report with the warning and a photo with the request to describe it, fetching nothing', async () => {
    const texts = loadConversationTexts();
    const scam = JSON.parse(delivery('user-send-text.json', Date.now()).toString('utf8'));
    scam.message.text =
      'Có số lạ gọi xưng là công an phường, yêu cầu tôi đọc mã OTP để cập nhật định danh mức 2';
    expect((await post(Buffer.from(JSON.stringify(scam), 'utf8'))).statusCode).toBe(200);
    await waitFor(() => zalo.delivered().length === 1, 20_000, 'reply to the scam report');
    const first = JSON.parse(zalo.delivered()[0]?.rawBody ?? '{}') as { message: { text: string } };
    expect(first.message.text).toContain(texts.scamWarning.vi);

    await new Promise((r) => setTimeout(r, 1100));
    // A photo with no caption: nothing but the attachment.
    const photo = JSON.parse(delivery('user-send-image.json', Date.now()).toString('utf8'));
    delete photo.message.text;
    expect((await post(Buffer.from(JSON.stringify(photo), 'utf8'))).statusCode).toBe(200);
    await waitFor(() => zalo.delivered().length === 2, 20_000, 'reply to the photo');
    const second = JSON.parse(zalo.delivered()[1]?.rawBody ?? '{}') as { message: { text: string } };
    expect(second.message.text).toContain(texts.attachment.vi);
    // Only the OA message and token endpoints were called: the photo itself was never downloaded.
    expect(
      zalo.received.every(
        (r) => r.path.startsWith('/v3.0/oa/message') || r.path.startsWith('/v4/oa/access_token'),
      ),
    ).toBe(true);
  });

  it('records a reply outside the interaction window as failed without retrying', async () => {
    zalo.failNext(zaloErrors.outsideWindow);
    expect((await post(delivery('user-send-text-teencode.json', Date.now()))).json()).toMatchObject({
      stored: 1,
    });
    const failed = await waitFor(
      () => t.db.kysely.selectFrom('replies').selectAll().where('status', '=', 'failed').executeTakeFirst(),
      20_000,
      'failed reply',
    );
    expect(failed.error).toContain('outside interaction window');
    await new Promise((r) => setTimeout(r, 1500));
    expect(sends()).toHaveLength(1);
  });

  it('answers the unsigned registration probe 200, and refuses other unsigned or badly signed bodies', async () => {
    const probe = await rt.app.inject({
      method: 'POST',
      url: '/webhooks/zalo',
      headers: { 'content-type': 'application/json' },
      payload: '{}',
    });
    expect(probe.statusCode).toBe(200);
    const raw = delivery('user-send-text.json', Date.now());
    expect((await post(raw, `mac=${'0'.repeat(64)}`)).statusCode).toBe(401);
    const unsigned = await rt.app.inject({
      method: 'POST',
      url: '/webhooks/zalo',
      headers: { 'content-type': 'application/json' },
      payload: raw,
    });
    expect(unsigned.statusCode).toBe(401);
    expect(await t.db.kysely.selectFrom('inbox').select('id').execute()).toHaveLength(0);
  });

  it('drops replayed and mis-dated deliveries (a day or a year old, a day ahead, 0) and keeps a retry an hour late', async () => {
    const now = Date.now();
    const H = 3_600_000;
    for (const at of [now - 24 * H, now - 365 * 24 * H, now + 24 * H, 0]) {
      const res = await post(delivery('user-send-text.json', at));
      expect(res.statusCode, String(at)).toBe(200);
      expect(res.json(), String(at)).toMatchObject({ stored: 0, ignored: true });
    }
    expect(await t.db.kysely.selectFrom('inbox').select('id').execute()).toHaveLength(0);
    // Zalo's own retry comes up to an hour later with the original timestamp: stored, dated then.
    const late = now - H;
    expect((await post(delivery('user-send-text.json', late))).json()).toMatchObject({ stored: 1 });
    const msg = await waitFor(
      () => t.db.kysely.selectFrom('messages').select('received_at').executeTakeFirst(),
      15_000,
      'message',
    );
    expect(Number(msg.received_at)).toBe(late);
  });
});
