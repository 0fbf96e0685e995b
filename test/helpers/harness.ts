import { randomBytes } from 'node:crypto';
import { type Config, loadConfig } from '../../app/config.ts';
import { silentLogger } from '../../app/logger.ts';
import { createRuntime, type Runtime, type RuntimeOptions } from '../../app/runtime.ts';

export const TEST_SECRETS = {
  PSEUDONYM_SECRET: 'test-pseudonym-secret-0123456789',
  SESSION_SECRET: 'test-session-secret-0123456789ab',
  TELEGRAM_BOT_TOKEN: '123456:TEST-token_abc',
  TELEGRAM_WEBHOOK_SECRET: 'tg-secret_123',
};

export function testConfig(env: Record<string, string | undefined>): Readonly<Config> {
  return loadConfig({ ...TEST_SECRETS, REDIS_URL: 'redis://127.0.0.1:6379', ...env });
}

/** The whole app in-process against real services, with a unique queue prefix per call. */
export async function startRuntime(
  env: Record<string, string | undefined>,
  opts: Partial<RuntimeOptions> = {},
): Promise<Runtime> {
  return createRuntime(testConfig(env), {
    logger: silentLogger,
    workers: true,
    queuePrefix: `test-${randomBytes(4).toString('hex')}`,
    sweepGraceMs: 500,
    sweepEveryMs: 1000,
    ...opts,
  });
}

/** Polls until `fn` returns a truthy value (or throws after `timeoutMs`). */
export async function waitFor<T>(
  fn: () => Promise<T> | T,
  timeoutMs = 15_000,
  what = 'condition',
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < deadline) {
    last = await fn();
    if (last) return last as NonNullable<T>;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what} (last: ${JSON.stringify(last)})`);
}

/** Deletes every BullMQ key of a test prefix. */
export async function cleanQueues(rt: Runtime): Promise<void> {
  const { Redis } = await import('ioredis');
  const r = new Redis(rt.config.REDIS_URL);
  const keys = await r.keys(`${rt.queues.prefix}:*`);
  if (keys.length) await r.del(...keys);
  r.disconnect();
}

/** Posts a Telegram update to the webhook as Telegram does (JSON, secret-token header). */
export function postTelegram(
  rt: Runtime,
  body: unknown,
  secret: string = TEST_SECRETS.TELEGRAM_WEBHOOK_SECRET,
) {
  return rt.app.inject({
    method: 'POST',
    url: '/webhooks/telegram',
    headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': secret },
    payload: typeof body === 'string' ? body : JSON.stringify(body),
  });
}
