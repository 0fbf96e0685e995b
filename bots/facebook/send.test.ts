import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FakeGraph, graphErrors, startFakeGraph } from '../../test/fakes/facebook-graph.ts';
import { RateLimitedError, UpstreamError } from '../shared/errors.ts';
import type { OutboundMessage } from '../shared/events.ts';
import { type CommentReplyMode, createFacebookSender } from './send.ts';

const TOKEN = 'EAAGpage-token-test';
const NOW = 1_764_403_300_000;
let graph: FakeGraph;

beforeAll(async () => {
  graph = await startFakeGraph({ pageAccessToken: TOKEN });
});
afterAll(async () => graph.close());
beforeEach(() => {
  graph.received.length = 0;
});

function sender(commentReply: CommentReplyMode = 'private', token = TOKEN) {
  return createFacebookSender({
    graphUrl: graph.url,
    pageAccessToken: token,
    commentReply,
    fetch,
    now: () => NOW,
  });
}
const toPsid = (text: string, lastUserAt = NOW - 60_000): OutboundMessage => ({
  channel: 'facebook',
  address: { psid: '6783412095541234', lastUserAt: String(lastUserAt) },
  text,
  replyId: 1,
});
const toComment = (commentedAt = NOW - 60_000): OutboundMessage => ({
  channel: 'facebook',
  address: { commentId: '122131676912594941_1213590066982748', commentedAt: String(commentedAt) },
  text: 'Cảm ơn bạn! Mã tham chiếu: VN-7K2Q',
  replyId: 2,
});

describe('Facebook send: Messenger', () => {
  it('posts a RESPONSE through the Send API with the Page token and returns the message id', async () => {
    const result = await sender()(toPsid('Cảm ơn bạn đã góp ý 🙏'));
    expect(result).toEqual({ platformMessageId: 'm_fake_1' });
    const [req] = graph.delivered();
    expect(req?.path).toBe('/v24.0/me/messages');
    expect(req?.query).toEqual({ access_token: TOKEN });
    expect(req?.body).toEqual({
      recipient: { id: '6783412095541234' },
      messaging_type: 'RESPONSE',
      message: { text: 'Cảm ơn bạn đã góp ý 🙏' },
    });
  });

  it('refuses outside the 24-hour window without calling Graph', async () => {
    const late = toPsid('hi', NOW - 24 * 3600_000 - 1);
    await expect(sender()(late)).rejects.toMatchObject({ permanent: true, message: 'outside 24h window' });
    await expect(sender()({ ...late, address: { psid: '1' } })).rejects.toMatchObject({ permanent: true });
    expect(graph.received).toHaveLength(0);
  });

  it('clips text to 2000 characters without splitting an emoji', async () => {
    await sender()(toPsid('😀'.repeat(2500)));
    const body = graph.delivered()[0]?.body as { message: { text: string } };
    expect(Array.from(body.message.text)).toHaveLength(2000);
    expect(body.message.text.endsWith('😀…')).toBe(true);
  });
});

describe('Facebook send: comments', () => {
  it('sends a private reply by comment_id by default', async () => {
    await sender()(toComment());
    expect(graph.delivered()[0]).toMatchObject({
      path: '/v24.0/me/messages',
      body: {
        recipient: { comment_id: '122131676912594941_1213590066982748' },
        message: { text: toComment().text },
      },
    });
  });

  it('posts a public reply under the comment when configured', async () => {
    const result = await sender('public')(toComment());
    expect(graph.delivered()[0]).toMatchObject({
      path: '/v24.0/122131676912594941_1213590066982748/comments',
      body: { message: toComment().text },
    });
    expect(result.platformMessageId).toMatch(/^122131676912594941_1213590066982748_/);
  });

  it('gives up on a private reply more than 7 days after the comment', async () => {
    await expect(sender()(toComment(NOW - 8 * 24 * 3600_000))).rejects.toMatchObject({ permanent: true });
    expect(graph.received).toHaveLength(0);
  });
});

describe('Facebook send: Graph errors', () => {
  const attempt = async (reply: Parameters<FakeGraph['failNext']>[0]) => {
    graph.failNext(reply);
    return sender()(toPsid('x')).then(
      () => undefined,
      (e: unknown) => e,
    );
  };

  it('maps 429 and throttling codes to RateLimitedError', async () => {
    expect(await attempt(graphErrors.tooMany)).toBeInstanceOf(RateLimitedError);
    expect(await attempt(graphErrors.rateLimited)).toBeInstanceOf(RateLimitedError);
    expect(await attempt({ ...graphErrors.tooMany, headers: { 'retry-after': '7' } })).toMatchObject({
      retryAfterMs: 7000,
    });
  });

  it('maps 5xx to a transient UpstreamError', async () => {
    const e = await attempt(graphErrors.serverError);
    expect(e).toBeInstanceOf(UpstreamError);
    expect(e).toMatchObject({ permanent: false, status: 500 });
    expect(await attempt({ status: 502, body: '<html>Bad gateway</html>' })).toMatchObject({
      permanent: false,
    });
  });

  it('maps outside-window, unavailable user, bad token and other 4xx to permanent failures', async () => {
    expect(await attempt(graphErrors.outsideWindow)).toMatchObject({
      permanent: true,
      message: expect.stringMatching(/outside 24h window/),
    });
    expect(await attempt(graphErrors.userUnavailable)).toMatchObject({
      permanent: true,
      message: expect.stringMatching(/user unavailable/),
    });
    const badToken = await sender('private', 'wrong-token')(toPsid('x')).catch((e: unknown) => e);
    expect(badToken).toMatchObject({ permanent: true, status: 401 });
    expect(String((badToken as Error).message)).not.toContain('wrong-token');
  });

  it('reports an unreachable Graph as transient without leaking the token', async () => {
    const send = createFacebookSender({
      graphUrl: 'http://127.0.0.1:1',
      pageAccessToken: TOKEN,
      commentReply: 'private',
      fetch,
      now: () => NOW,
    });
    const e = await send(toPsid('x')).catch((err: unknown) => err);
    expect(e).toMatchObject({ permanent: false });
    expect(String((e as Error).message)).not.toContain(TOKEN);
  });
});
