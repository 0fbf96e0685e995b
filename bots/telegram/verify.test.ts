import { describe, expect, it } from 'vitest';
import type { WebhookRequest } from '../shared/connector.ts';
import { AuthError } from '../shared/errors.ts';
import { verifyTelegram } from './verify.ts';

const SECRET = 'tg-webhook-secret-test';
const request = (headers: WebhookRequest['headers']): WebhookRequest => ({
  headers,
  query: {},
  rawBody: Buffer.from('{"update_id":1}'),
});

describe('verifyTelegram', () => {
  it('accepts the secret token Telegram was given by setWebhook', () => {
    expect(() =>
      verifyTelegram(request({ 'x-telegram-bot-api-secret-token': SECRET }), SECRET),
    ).not.toThrow();
  });

  it('rejects a wrong, truncated or missing secret token', () => {
    for (const got of ['not-the-secret', SECRET.slice(0, -1), `${SECRET}x`, '']) {
      expect(() => verifyTelegram(request({ 'x-telegram-bot-api-secret-token': got }), SECRET)).toThrow(
        AuthError,
      );
    }
    expect(() => verifyTelegram(request({}), SECRET)).toThrow(AuthError);
  });

  it('refuses every webhook when no secret is configured', () => {
    expect(() => verifyTelegram(request({ 'x-telegram-bot-api-secret-token': SECRET }), undefined)).toThrow(
      AuthError,
    );
    expect(() => verifyTelegram(request({}), undefined)).toThrow(AuthError);
  });
});
