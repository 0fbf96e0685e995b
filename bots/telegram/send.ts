import { Telegram, TelegramError } from 'telegraf';
import { RateLimitedError, UpstreamError } from '../shared/errors.ts';
import type { OutboundMessage, SendResult } from '../shared/events.ts';

export function createTelegramClient(token: string, apiRoot: string): Telegram {
  // webhookReply false: every call is a real API call with a real result (no webhook-response replies).
  return new Telegram(token, { apiRoot, webhookReply: false });
}

/** sendMessage, with Bot API failures mapped to our error classes once. */
export async function sendTelegram(client: Telegram, message: OutboundMessage): Promise<SendResult> {
  const chatId = message.address['chatId'];
  if (!chatId) throw new UpstreamError('telegram reply without chatId', true);
  try {
    const sent = await client.sendMessage(chatId, message.text);
    return { platformMessageId: String(sent.message_id) };
  } catch (err) {
    if (err instanceof TelegramError) {
      if (err.code === 429) {
        throw new RateLimitedError('telegram rate limit', (err.parameters?.retry_after ?? 1) * 1000);
      }
      throw new UpstreamError(`telegram ${err.code}: ${err.description}`, err.code < 500, err.code);
    }
    // Network failures (connection refused, reset, timeout) are worth retrying.
    throw new UpstreamError(
      `telegram request failed: ${err instanceof Error ? err.message : String(err)}`,
      false,
    );
  }
}
