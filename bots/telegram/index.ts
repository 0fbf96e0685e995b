import { Telegraf } from 'telegraf';
import type { Config } from '../../app/config.ts';
import type { Connector, ConnectorDeps } from '../shared/connector.ts';
import type { InboundEvent } from '../shared/events.ts';
import { parseTelegramUpdate } from './parse.ts';
import { createTelegramClient, sendTelegram } from './send.ts';
import { verifyTelegram } from './verify.ts';

/**
 * Telegram through telegraf: webhook mode (our shared route, secret-token header) when PUBLIC_URL is
 * set, long polling otherwise. Sending goes through telegraf's Telegram client pointed at
 * TELEGRAM_API_ROOT. Telegraf types never leave this folder.
 */
export function createTelegramConnector(
  config: Readonly<Config>,
  deps: ConnectorDeps,
): Connector | undefined {
  const tg = config.telegram;
  if (!tg) return undefined;
  const client = createTelegramClient(tg.token, config.TELEGRAM_API_ROOT);
  let bot: Telegraf | undefined;
  return {
    channel: 'telegram',
    // ~30 messages/s overall and ~1/s per chat (Bot API FAQ).
    limits: { perSecond: 30, perAddressMs: 1000 },
    verify: (req) => verifyTelegram(req, tg.webhookSecret),
    parse: (body) => parseTelegramUpdate(body),
    send: (message) => sendTelegram(client, message),
    async start(onEvents: (events: InboundEvent[]) => Promise<void>) {
      if (config.PUBLIC_URL) {
        if (!tg.webhookSecret) {
          deps.logger.warn('PUBLIC_URL is set but TELEGRAM_WEBHOOK_SECRET is not: Telegram webhook refused');
          return;
        }
        const url = `${config.PUBLIC_URL.replace(/\/$/, '')}/webhooks/telegram`;
        await client
          .setWebhook(url, { secret_token: tg.webhookSecret })
          .then(() => deps.logger.info('telegram webhook registered'))
          .catch((err: unknown) =>
            deps.logger.warn({ err: err instanceof Error ? err.message : String(err) }, 'setWebhook failed'),
          );
        return;
      }
      bot = new Telegraf(tg.token, { telegram: { apiRoot: config.TELEGRAM_API_ROOT, webhookReply: false } });
      // The offset is confirmed to Telegram only after this resolves, i.e. after the inbox write.
      bot.use(async (ctx) => {
        const events = parseTelegramUpdate(ctx.update);
        if (events.length > 0) await onEvents(events);
      });
      bot.catch((err) =>
        deps.logger.error({ err: err instanceof Error ? err.message : String(err) }, 'telegram polling'),
      );
      void bot.launch({ dropPendingUpdates: false }).catch((err: unknown) => {
        deps.logger.error(
          { err: err instanceof Error ? err.message : String(err) },
          'telegram polling stopped',
        );
      });
      deps.logger.info('telegram long polling started (no PUBLIC_URL)');
    },
    async stop() {
      bot?.stop('shutdown');
    },
  };
}
