import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeTelegram } from '../../test/fakes/telegram.ts';
import { RateLimitedError, UpstreamError } from '../shared/errors.ts';
import type { OutboundMessage } from '../shared/events.ts';
import { createTelegramClient, sendTelegram } from './send.ts';

const TOKEN = '123456:tg-send-test';
let tg: FakeTelegram;

beforeAll(async () => {
  tg = await new FakeTelegram(TOKEN).start();
});
afterAll(async () => tg.stop());

const reply = (text: string, chatId = '5123840927'): OutboundMessage => ({
  channel: 'telegram',
  address: { chatId },
  text,
  replyId: 1,
});

describe('sendTelegram', () => {
  it('calls sendMessage at the configured API origin and returns the message id', async () => {
    const before = tg.sent().length;
    const result = await sendTelegram(createTelegramClient(TOKEN, tg.url), reply('Cảm ơn bạn đã góp ý 🙏'));
    const call = tg.sent()[before];
    expect(call).toMatchObject({
      token: TOKEN,
      body: { chat_id: '5123840927', text: 'Cảm ơn bạn đã góp ý 🙏' },
    });
    expect(result).toEqual({ platformMessageId: expect.stringMatching(/^\d+$/) });
  });

  it('maps 429 to rate limited, honouring retry_after', async () => {
    tg.failNext(429, 1, 7);
    const err = await sendTelegram(createTelegramClient(TOKEN, tg.url), reply('x')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RateLimitedError);
    expect(err).toMatchObject({ retryAfterMs: 7000 });
  });

  it('maps 5xx to a transient failure and other 4xx to a permanent one', async () => {
    const client = createTelegramClient(TOKEN, tg.url);
    tg.failNext(500);
    await expect(sendTelegram(client, reply('x'))).rejects.toMatchObject({ permanent: false, status: 500 });
    tg.failNext(403);
    await expect(sendTelegram(client, reply('x'))).rejects.toMatchObject({ permanent: true, status: 403 });
    // A wrong token is answered 401 by the Bot API: retrying cannot help.
    await expect(sendTelegram(createTelegramClient('999:wrong', tg.url), reply('x'))).rejects.toMatchObject({
      permanent: true,
      status: 401,
    });
  });

  it('treats a network failure as transient and a reply without a chat as permanent', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const err = await sendTelegram(createTelegramClient(TOKEN, `http://127.0.0.1:${port}`), reply('x')).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(UpstreamError);
    expect(err).toMatchObject({ permanent: false });
    await expect(
      sendTelegram(createTelegramClient(TOKEN, tg.url), { ...reply('x'), address: {} }),
    ).rejects.toMatchObject({ permanent: true });
  });
});
