import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createZaloTokenStore } from '../../db/zalo-tokens.ts';
import { type FakeZalo, startFakeZalo, zaloErrors } from '../../test/fakes/zalo.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../../test/helpers/databases.ts';
import { RateLimitedError, UpstreamError } from '../shared/errors.ts';
import type { OutboundMessage } from '../shared/events.ts';
import { createZaloSender } from './send.ts';
import { createZaloTokens } from './token.ts';

const APP_ID = '360846524940903967';
const USER = '2468458835291979221'; // 19 digits: would not survive as a JS number
const silent = { debug() {}, info() {}, warn() {}, error() {} };
const msg: OutboundMessage = {
  channel: 'zalo',
  address: { userId: USER },
  text: 'Cảm ơn bạn đã góp ý! Mã tham chiếu: VN-7K2Q 🙏',
  replyId: 7,
};

describe.each(DIALECTS)('Zalo send on %s', (dialect) => {
  let t: TestDatabase;
  let zalo: FakeZalo;
  let send: (m: OutboundMessage) => Promise<{ platformMessageId?: string }>;

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
  });
  afterAll(async () => t.destroy());
  beforeEach(async () => {
    await t.db.kysely.deleteFrom('zalo_tokens').execute();
    zalo = await startFakeZalo({
      appId: APP_ID,
      appSecret: 's3cret',
      accessToken: 'at-0',
      refreshToken: 'rt-0',
    });
    const tokens = createZaloTokens({
      store: createZaloTokenStore(t.db, APP_ID),
      oauthUrl: zalo.oauthUrl,
      appId: APP_ID,
      appSecret: 's3cret',
      seed: { accessToken: 'at-0', refreshToken: 'rt-0' },
      fetch,
      now: () => 1_764_403_200_000,
      logger: silent,
    });
    send = createZaloSender({ openapiUrl: zalo.openapiUrl, tokens, fetch });
  });
  afterEach(async () => zalo.close());
  const failure = (p: Promise<unknown>) =>
    p.then(
      () => undefined,
      (e: unknown) => e,
    );

  it('posts a customer-service message with the access_token header and the exact body', async () => {
    expect(await send(msg)).toEqual({ platformMessageId: 'fakemsg1' });
    const [req] = zalo.delivered();
    expect(req?.headers['access_token']).toBe('at-0');
    expect(req?.rawBody).toBe(JSON.stringify({ recipient: { user_id: USER }, message: { text: msg.text } }));
  });

  it('refreshes an expired token once and retries, delivering exactly once', async () => {
    zalo.expireAccessToken();
    expect(await send(msg)).toEqual({ platformMessageId: 'fakemsg1' });
    expect(zalo.refreshes()).toHaveLength(1);
    expect(zalo.delivered()).toHaveLength(1);
    expect(zalo.delivered()[0]?.headers['access_token']).toBe(zalo.tokens().accessToken);
    await send(msg);
    expect(zalo.refreshes()).toHaveLength(1); // the stored token is reused
  });

  it('gives up without retrying when the citizen is outside the interaction window', async () => {
    zalo.failNext(zaloErrors.outsideWindow);
    const e = await failure(send(msg));
    expect(e).toBeInstanceOf(UpstreamError);
    expect(e).toMatchObject({
      permanent: true,
      message: expect.stringContaining('outside interaction window'),
    });
    zalo.failNext(zaloErrors.notFollower);
    expect(await failure(send(msg))).toMatchObject({ permanent: true });
    expect(zalo.received.filter((r) => r.path === '/v3.0/oa/message/cs')).toHaveLength(2);
  });

  it('treats 500 as transient, 429 as rate limited and -201 as permanent', async () => {
    zalo.failNext(zaloErrors.serverError, zaloErrors.tooMany, zaloErrors.badParam);
    expect(await failure(send(msg))).toMatchObject({ permanent: false, status: 500 });
    expect(await failure(send(msg))).toBeInstanceOf(RateLimitedError);
    expect(await failure(send(msg))).toMatchObject({
      permanent: true,
      message: expect.stringContaining('-201'),
    });
    expect(zalo.delivered()).toHaveLength(0);
  });

  it('does not loop when the refreshed token is rejected too', async () => {
    zalo.expireAccessToken();
    zalo.failNext(zaloErrors.tokenExpired);
    expect(await failure(send(msg))).toMatchObject({
      permanent: false,
      message: expect.stringContaining('after refresh'),
    });
    expect(zalo.refreshes()).toHaveLength(1);
  });
});
