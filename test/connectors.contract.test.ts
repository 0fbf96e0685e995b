/**
 * One contract every connector passes, through the shared webhook route and a real inbox: verify,
 * parse, dedupe, reply to its (fake) platform, bad signature, malformed body, oversize body, unknown
 * event. A new platform adds one `ContractCase`; nothing else here changes.
 */
import { createHash, createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../app/config.ts';
import { silentLogger } from '../app/logger.ts';
import { createFacebookConnector } from '../bots/facebook/index.ts';
import type { Connector } from '../bots/shared/connector.ts';
import { AuthError, InvalidInputError } from '../bots/shared/errors.ts';
import type { InboundEvent } from '../bots/shared/events.ts';
import { createIntake } from '../bots/shared/intake.ts';
import { createEventKeyer, createPseudonymiser } from '../bots/shared/pseudonym.ts';
import { webhookRoutes } from '../bots/shared/webhook-route.ts';
import { createTelegramConnector } from '../bots/telegram/index.ts';
import { createZaloConnector } from '../bots/zalo/index.ts';
import type { Db } from '../db/database.ts';
import { type FakeGraph, startFakeGraph } from './fakes/facebook-graph.ts';
import { FakeTelegram, telegramTextUpdate } from './fakes/telegram.ts';
import { type FakeZalo, startFakeZalo } from './fakes/zalo.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from './helpers/databases.ts';
import { TEST_SECRETS, testConfig } from './helpers/harness.ts';

const BODY_LIMIT = 64 * 1024;
const FB = { secret: 'fb-app-secret-contract', verify: 'fb-verify-contract', page: 'EAAGpage-contract' };
const ZL = {
  appId: '360846524940903967',
  oaKey: 'zalo-oa-key-contract',
  appSecret: 'zalo-app-secret-contract',
};

interface Delivered {
  to: string;
  text: string;
}

interface ContractCase {
  channel: string;
  /** Starts the fake platform and builds the connector pointed at it. */
  setup(db: Db): Promise<{ connector: Connector; delivered: () => Delivered[]; close: () => Promise<void> }>;
  /** Headers the platform would send with these exact bytes. */
  sign(raw: Buffer): Record<string, string>;
  /** Headers made with the wrong secret. */
  forge(raw: Buffer): Record<string, string>;
  /** Whether the signature covers the body (Telegram only sends a secret header). */
  signsBody: boolean;
  /** A real-format citizen text message (Vietnamese), its text and the platform id of its author. */
  textDelivery: { raw: Buffer; text: string; to: string };
  /** A real-format delivery of a kind we do not ingest. */
  unknownDelivery: Buffer;
  /** Valid JSON that is not this platform's webhook shape. */
  malformed: string;
}

/** The `timestamp` of the recorded Zalo deliveries in test/fixtures/zalo/. */
const ZALO_RECORDED_AT = 1764403200456;
const fixture = (path: string) => readFileSync(new URL(`./fixtures/${path}`, import.meta.url));
const FB_TEXT_AT = 1764403200123;

function config(env: Record<string, string>): Readonly<Config> {
  return testConfig(env);
}

const cases: ContractCase[] = [
  {
    channel: 'telegram',
    async setup(db) {
      const tg = await new FakeTelegram(TEST_SECRETS.TELEGRAM_BOT_TOKEN).start();
      const connector = createTelegramConnector(config({ TELEGRAM_API_ROOT: tg.url }), deps(db, Date.now));
      return {
        connector: defined(connector),
        delivered: () =>
          tg.sent().map((c) => ({ to: String(c.body['chat_id']), text: String(c.body['text']) })),
        close: () => tg.stop(),
      };
    },
    sign: () => ({ 'x-telegram-bot-api-secret-token': TEST_SECRETS.TELEGRAM_WEBHOOK_SECRET }),
    forge: () => ({ 'x-telegram-bot-api-secret-token': 'not-the-secret' }),
    signsBody: false,
    textDelivery: {
      raw: Buffer.from(
        JSON.stringify(telegramTextUpdate('Không nhận được mã OTP 😢', { updateId: 9001, chatId: 4242 })),
      ),
      text: 'Không nhận được mã OTP 😢',
      to: '4242',
    },
    unknownDelivery: Buffer.from(JSON.stringify({ update_id: 9002, my_chat_member: { chat: { id: 1 } } })),
    malformed: '{"hello":"world"}',
  },
  {
    channel: 'facebook',
    async setup(db) {
      const graph: FakeGraph = await startFakeGraph({ pageAccessToken: FB.page });
      const env = {
        FACEBOOK_APP_SECRET: FB.secret,
        FACEBOOK_VERIFY_TOKEN: FB.verify,
        FACEBOOK_PAGE_ACCESS_TOKEN: FB.page,
        FACEBOOK_GRAPH_URL: graph.url,
      };
      // The recorded delivery is from a fixed day: reply as if shortly after it (24-hour window).
      const connector = createFacebookConnector(
        config(env),
        deps(db, () => FB_TEXT_AT + 60_000),
      );
      return {
        connector: defined(connector),
        delivered: () =>
          graph.delivered().map((r) => {
            const b = r.body as {
              recipient: { id?: string; comment_id?: string };
              message: { text: string };
            };
            return { to: b.recipient.id ?? b.recipient.comment_id ?? '', text: b.message.text };
          }),
        close: () => graph.close(),
      };
    },
    sign: (raw) => fbSign(raw, FB.secret),
    forge: (raw) => fbSign(raw, 'not-the-app-secret'),
    signsBody: true,
    textDelivery: {
      raw: fixture('facebook/messenger-text.json'),
      text: 'Mình không nhận được mã OTP khi đăng nhập VNeID 😢 giúp mình với ạ',
      to: '6783412095541234',
    },
    unknownDelivery: fixture('facebook/messenger-ignored.json'),
    malformed: '{"object":"page","entry":"nope"}',
  },
  {
    channel: 'zalo',
    async setup(db) {
      const zalo: FakeZalo = await startFakeZalo({ ...ZL, accessToken: 'zat-1', refreshToken: 'zrt-1' });
      const env = {
        ZALO_APP_ID: ZL.appId,
        ZALO_OA_SECRET_KEY: ZL.oaKey,
        ZALO_APP_SECRET: ZL.appSecret,
        ZALO_ACCESS_TOKEN: 'zat-1',
        ZALO_REFRESH_TOKEN: 'zrt-1',
        ZALO_OPENAPI_URL: zalo.openapiUrl,
        ZALO_OAUTH_URL: zalo.oauthUrl,
      };
      // The recorded delivery is answered as at the time it was made (Zalo drops stale timestamps).
      const connector = createZaloConnector(
        config(env),
        deps(db, () => ZALO_RECORDED_AT + 2_000),
      );
      return {
        connector: defined(connector),
        delivered: () =>
          zalo.delivered().map((r) => {
            const b = JSON.parse(r.rawBody) as { recipient: { user_id: string }; message: { text: string } };
            return { to: b.recipient.user_id, text: b.message.text };
          }),
        close: () => zalo.close(),
      };
    },
    sign: (raw) => zaloSign(raw, ZL.oaKey),
    forge: (raw) => zaloSign(raw, 'not-the-oa-key'),
    signsBody: true,
    textDelivery: {
      raw: fixture('zalo/user-send-text.json'),
      text: 'Tôi đã cập nhật ứng dụng nhưng vẫn không kích hoạt được tài khoản định danh mức 2 😭 Mong được hỗ trợ!',
      to: '246845883529197922',
    },
    unknownDelivery: fixture('zalo/user-seen-message.json'),
    malformed: '{"event_name":"user_send_text","sender":{"id":246845883529197922}}',
  },
];

function fbSign(raw: Buffer, secret: string) {
  return { 'x-hub-signature-256': `sha256=${createHmac('sha256', secret).update(raw).digest('hex')}` };
}

function zaloSign(raw: Buffer, oaKey: string) {
  const ts = String(ZALO_RECORDED_AT);
  const mac = createHash('sha256').update(ZL.appId).update(raw).update(ts).update(oaKey).digest('hex');
  return { 'x-zevent-timestamp': ts, 'x-zevent-signature': `mac=${mac}` };
}

function deps(db: Db, now: () => number) {
  return { db, fetch, now, logger: silentLogger };
}

function defined(c: Connector | undefined): Connector {
  if (!c) throw new Error('connector is off: the contract config lacks credentials');
  return c;
}

describe.each(DIALECTS)('connector contract on %s', (dialect) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(dialect);
  });
  afterAll(async () => t.destroy());

  it('builds Facebook and Zalo only when every credential is set', () => {
    const d = deps(t.db, Date.now);
    const fbEnv = { FACEBOOK_APP_SECRET: 's', FACEBOOK_VERIFY_TOKEN: 'v', FACEBOOK_PAGE_ACCESS_TOKEN: 'p' };
    const zaloEnv = {
      ZALO_APP_ID: '1',
      ZALO_OA_SECRET_KEY: 'k',
      ZALO_APP_SECRET: 's',
      ZALO_REFRESH_TOKEN: 'r',
    };
    expect(createFacebookConnector(config(fbEnv), d)).toBeDefined();
    expect(createZaloConnector(config(zaloEnv), d)).toBeDefined();
    for (const key of Object.keys(fbEnv)) {
      expect(createFacebookConnector(config({ ...fbEnv, [key]: '' }), d), key).toBeUndefined();
    }
    for (const key of Object.keys(zaloEnv)) {
      expect(createZaloConnector(config({ ...zaloEnv, [key]: '' }), d), key).toBeUndefined();
    }
  });

  describe.each(cases)('$channel', (c) => {
    let app: FastifyInstance;
    let connector: Connector;
    let delivered: () => Delivered[];
    let close: () => Promise<void>;

    beforeAll(async () => {
      ({ connector, delivered, close } = await c.setup(t.db));
      const intake = createIntake({
        db: t.db,
        pseudonymise: createPseudonymiser(TEST_SECRETS.PSEUDONYM_SECRET),
        eventKey: createEventKeyer(TEST_SECRETS.PSEUDONYM_SECRET),
        now: Date.now,
        enqueue: async () => {},
        logger: silentLogger,
      });
      app = Fastify();
      await app.register(webhookRoutes, {
        connectors: [connector],
        intake,
        logger: silentLogger,
        bodyLimit: BODY_LIMIT,
      });
    });
    afterAll(async () => {
      await app.close();
      await close();
    });

    const post = (raw: Buffer | string, headers: Record<string, string>) =>
      app.inject({
        method: 'POST',
        url: `/webhooks/${c.channel}`,
        headers: { 'content-type': 'application/json', ...headers },
        payload: raw,
      });
    const request = (raw: Buffer) => ({ headers: c.sign(raw), query: {}, rawBody: raw });
    const inboxRows = () =>
      t.db.kysely
        .selectFrom('inbox')
        .select(['event_id', 'payload'])
        .where('channel', '=', c.channel)
        .execute();
    const parseText = (): InboundEvent[] => {
      const raw = c.textDelivery.raw;
      connector.verify(request(raw));
      return connector.parse(JSON.parse(raw.toString('utf8')), request(raw));
    };

    it('verifies and parses a signed Vietnamese text message into one message event', () => {
      const [event, ...rest] = parseText();
      expect(rest).toEqual([]);
      expect(event).toMatchObject({
        type: 'message',
        channel: c.channel,
        text: c.textDelivery.text,
        userId: c.textDelivery.to,
      });
    });

    it('stores the delivery once and gives a redelivery the same eventId', async () => {
      expect(parseText()[0]?.eventId).toBe(parseText()[0]?.eventId);
      const first = await post(c.textDelivery.raw, c.sign(c.textDelivery.raw));
      const again = await post(c.textDelivery.raw, c.sign(c.textDelivery.raw));
      expect([first.statusCode, again.statusCode]).toEqual([200, 200]);
      expect([first.json().stored, again.json().stored]).toEqual([1, 0]);
      expect((await inboxRows()).map((r) => r.event_id)).toEqual([parseText()[0]?.eventId]);
    });

    it('replies to the address of the parsed message on the fake platform', async () => {
      const event = parseText()[0];
      if (event?.type !== 'message') throw new Error('expected a message');
      const text = 'Cảm ơn bạn đã góp ý 🙏 Mã tham chiếu: GY-0001-AB';
      const result = await connector.send({
        channel: connector.channel,
        address: event.address,
        text,
        replyId: 1,
      });
      expect(result.platformMessageId).toBeTruthy();
      expect(delivered()).toEqual([{ to: c.textDelivery.to, text }]);
    });

    it('rejects a bad signature with AuthError and 401, storing nothing', async () => {
      const raw = c.textDelivery.raw;
      expect(() => connector.verify({ headers: c.forge(raw), query: {}, rawBody: raw })).toThrow(AuthError);
      const before = (await inboxRows()).length;
      expect((await post(raw, c.forge(raw))).statusCode).toBe(401);
      expect((await post(raw, {})).statusCode).toBe(401);
      if (c.signsBody) {
        const tampered = Buffer.concat([raw, Buffer.from(' ')]);
        expect((await post(tampered, c.sign(raw))).statusCode).toBe(401);
      }
      expect(await inboxRows()).toHaveLength(before);
    });

    it('answers a malformed body with InvalidInputError and 400', async () => {
      expect(() => connector.parse(JSON.parse(c.malformed), request(Buffer.from(c.malformed)))).toThrow(
        InvalidInputError,
      );
      expect((await post(c.malformed, c.sign(Buffer.from(c.malformed)))).statusCode).toBe(400);
      const broken = Buffer.from('{"object": "page", "entry": [');
      expect((await post(broken, c.sign(broken))).statusCode).toBe(400);
    });

    it('refuses an oversize body with 413', async () => {
      const huge = Buffer.from(JSON.stringify({ padding: 'x'.repeat(BODY_LIMIT + 1) }));
      expect((await post(huge, c.sign(huge))).statusCode).toBe(413);
    });

    it('acknowledges an unknown kind of event with 200 and no events', async () => {
      const raw = c.unknownDelivery;
      connector.verify(request(raw));
      expect(connector.parse(JSON.parse(raw.toString('utf8')), request(raw))).toEqual([]);
      const res = await post(raw, c.sign(raw));
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ stored: 0, ignored: true });
    });
  });
});
