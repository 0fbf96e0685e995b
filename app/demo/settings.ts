/**
 * The demo's embedded settings: fake credentials for all three channels (they only ever reach the
 * local sink), its own SQLite file, queue prefix and data folder, and the dashboard accounts it
 * creates. Only PORT, HOST, REDIS_URL, LOG_LEVEL and TZ_REPORTS are taken from the environment: real
 * platform credentials in a `.env` must never be used by a demo.
 */
import type { DashboardRole } from '../../db/schema/dashboard.ts';
import type { DemoCredentials } from './deliveries.ts';
import type { SinkSecrets } from './sink.ts';

export const DEMO_DATA_DIR = './data/demo';

export const DEMO_SECRETS = {
  TELEGRAM_BOT_TOKEN: '123456789:DEMO-not-a-real-token',
  TELEGRAM_WEBHOOK_SECRET: 'demo-telegram-webhook-secret',
  FACEBOOK_APP_SECRET: 'demo-facebook-app-secret',
  FACEBOOK_VERIFY_TOKEN: 'demo-facebook-verify-token',
  FACEBOOK_PAGE_ACCESS_TOKEN: 'demo-facebook-page-access-token',
  ZALO_APP_ID: '360846524940903967',
  ZALO_OA_SECRET_KEY: 'demo-zalo-oa-secret-key',
  ZALO_ACCESS_TOKEN: 'demo-zalo-access-token',
  ZALO_REFRESH_TOKEN: 'demo-zalo-refresh-token',
  ZALO_APP_SECRET: 'demo-zalo-app-secret',
  SESSION_SECRET: 'demo-session-secret-not-for-production',
  PSEUDONYM_SECRET: 'demo-pseudonym-secret-not-for-production',
} as const;

export const FACEBOOK_PAGE_ID = '107234567890123';
export const ZALO_OA_ID = '388613280878808645';

export const DEMO_CREDENTIALS: DemoCredentials = {
  telegramWebhookSecret: DEMO_SECRETS.TELEGRAM_WEBHOOK_SECRET,
  facebookAppSecret: DEMO_SECRETS.FACEBOOK_APP_SECRET,
  facebookPageId: FACEBOOK_PAGE_ID,
  zaloAppId: DEMO_SECRETS.ZALO_APP_ID,
  zaloOaId: ZALO_OA_ID,
  zaloOaSecretKey: DEMO_SECRETS.ZALO_OA_SECRET_KEY,
};

export const SINK_SECRETS: SinkSecrets = {
  telegramToken: DEMO_SECRETS.TELEGRAM_BOT_TOKEN,
  facebookPageToken: DEMO_SECRETS.FACEBOOK_PAGE_ACCESS_TOKEN,
  zaloAppId: DEMO_SECRETS.ZALO_APP_ID,
  zaloAppSecret: DEMO_SECRETS.ZALO_APP_SECRET,
  zaloAccessToken: DEMO_SECRETS.ZALO_ACCESS_TOKEN,
  zaloRefreshToken: DEMO_SECRETS.ZALO_REFRESH_TOKEN,
};

export const DEMO_ACCOUNTS: ReadonlyArray<{ email: string; role: DashboardRole; password: string }> = [
  { email: 'admin@demo.local', role: 'admin', password: 'demo-admin-pass' },
  { email: 'analyst@demo.local', role: 'analyst', password: 'demo-analyst-pass' },
  { email: 'viewer@demo.local', role: 'viewer', password: 'demo-viewer-pass' },
];

const FROM_ENVIRONMENT = ['PORT', 'HOST', 'REDIS_URL', 'LOG_LEVEL', 'TZ_REPORTS'] as const;

/** The environment the demo runs the product with (input to loadConfig). */
export function demoEnv(
  env: Readonly<Record<string, string | undefined>>,
  connectorUrls: Readonly<Record<string, string>>,
): Record<string, string | undefined> {
  const kept = Object.fromEntries(
    FROM_ENVIRONMENT.flatMap((k) => (env[k] === undefined ? [] : [[k, env[k]]])),
  );
  const port = env['PORT'] && /^\d+$/.test(env['PORT']) ? env['PORT'] : '3000';
  return {
    // Quiet by default: the demo's own lines are the story (expected reply refusals are warnings).
    LOG_LEVEL: 'error',
    ...kept,
    ...DEMO_SECRETS,
    ...connectorUrls,
    // Telegram in webhook mode (setWebhook goes to the sink) instead of long-polling it.
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    REPORT_TELEGRAM_CHAT_ID: '-1001000000001',
    DATABASE_URL: `sqlite:${DEMO_DATA_DIR}/feedback.db`,
    DATA_DIR: DEMO_DATA_DIR,
    QUEUE_PREFIX: 'demo',
    NODE_ENV: 'development',
  };
}
