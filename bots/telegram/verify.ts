import type { WebhookRequest } from '../shared/connector.ts';
import { AuthError } from '../shared/errors.ts';
import { header, safeEqual } from '../shared/verify.ts';

/**
 * Telegram does not sign bodies; it sends the `secret_token` given to setWebhook in
 * `X-Telegram-Bot-Api-Secret-Token`. Without a configured secret the webhook is refused outright.
 */
export function verifyTelegram(req: WebhookRequest, secret: string | undefined): void {
  if (!secret) throw new AuthError('telegram webhook secret is not configured');
  const got = header(req.headers, 'x-telegram-bot-api-secret-token');
  if (got === undefined || !safeEqual(got, secret)) throw new AuthError('bad secret token');
}
