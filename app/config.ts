/**
 * The only file that reads process.env. Validated once at start-up into a frozen, typed object;
 * a bad value stops start-up with one line naming the variable (ConfigError).
 */
import { isIP } from 'node:net';
import { z } from 'zod';
import { parseDatabaseUrl } from '../db/database.ts';

const optionalSecret = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v));

const origin = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((v, ctx) => {
      try {
        const u = new URL(v);
        if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('scheme');
        return u.origin;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'must be an http(s) origin, e.g. https://api.example.com' });
        return z.NEVER;
      }
    });

const schema = z.object({
  PORT: z.coerce
    .number({ message: 'must be a port number' })
    .int('must be a whole number')
    .min(0, 'must be 0-65535')
    .max(65535, 'must be 0-65535')
    .default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .default('sqlite:./data/feedback.db')
    .superRefine((v, ctx) => {
      try {
        parseDatabaseUrl(v);
      } catch (err) {
        ctx.addIssue({ code: 'custom', message: err instanceof Error ? err.message : 'invalid' });
      }
    }),
  REDIS_URL: z
    .string()
    .default('redis://127.0.0.1:6379')
    .refine((v) => /^rediss?:\/\/[^\s]+$/.test(v), 'must be a redis:// URL'),
  TELEGRAM_BOT_TOKEN: optionalSecret.refine(
    (v) => v === undefined || /^\d+:[A-Za-z0-9_-]+$/.test(v),
    'must look like 123456:ABC-DEF (from @BotFather)',
  ),
  TELEGRAM_WEBHOOK_SECRET: optionalSecret.refine(
    (v) => v === undefined || /^[A-Za-z0-9_-]{1,256}$/.test(v),
    'must be 1-256 characters of A-Z a-z 0-9 _ -',
  ),
  /** Public HTTPS base URL of this server; when set Telegram uses webhooks, otherwise long polling. */
  PUBLIC_URL: optionalSecret,
  TELEGRAM_API_ROOT: origin('https://api.telegram.org'),
  FACEBOOK_APP_SECRET: optionalSecret,
  FACEBOOK_VERIFY_TOKEN: optionalSecret,
  FACEBOOK_PAGE_ACCESS_TOKEN: optionalSecret,
  FACEBOOK_GRAPH_URL: origin('https://graph.facebook.com'),
  /** How a Page comment is answered: a private message to the commenter, or a public reply. */
  FACEBOOK_COMMENT_REPLY: z
    .enum(['private', 'public'], { message: 'must be private or public' })
    .default('private'),
  ZALO_APP_ID: optionalSecret,
  ZALO_OA_SECRET_KEY: optionalSecret,
  ZALO_ACCESS_TOKEN: optionalSecret,
  ZALO_REFRESH_TOKEN: optionalSecret,
  ZALO_APP_SECRET: optionalSecret,
  ZALO_OPENAPI_URL: origin('https://openapi.zalo.me'),
  ZALO_OAUTH_URL: origin('https://oauth.zaloapp.com'),
  SESSION_SECRET: optionalSecret,
  PSEUDONYM_SECRET: optionalSecret,
  REPORT_TELEGRAM_CHAT_ID: optionalSecret,
  TZ_REPORTS: z
    .string()
    .default('Asia/Ho_Chi_Minh')
    .refine((tz) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, 'must be an IANA time zone such as Asia/Ho_Chi_Minh'),
  /** Slices with fewer distinct citizens than this are shown as "< k" (API, UI, exports, reports). */
  SUPPRESSION_K: z.coerce.number({ message: 'must be a number' }).int().min(1).max(1000).default(5),
  /** Where promoted models and other generated files live. */
  DATA_DIR: z.string().default('./data'),
  /**
   * How long a job stays locked to the worker running it; a worker that dies mid-job loses its lock
   * after this and the job is run again elsewhere (BullMQ stalled-job recovery).
   */
  JOB_LOCK_MS: z.coerce
    .number({ message: 'must be a number of milliseconds' })
    .int()
    .min(1000)
    .default(30_000),
  /** Key prefix of every BullMQ queue in Redis (lets several deployments or test runs share one Redis). */
  QUEUE_PREFIX: z
    .string()
    .default('vneid')
    .refine((v) => /^[A-Za-z0-9_-]{1,40}$/.test(v), 'must be 1-40 characters of A-Z a-z 0-9 _ -'),
  /**
   * Retention (README, "What is kept, where, for how long"): redacted messages, their corrections and
   * search rows, contact records and erasure tombstones are deleted after RETENTION_DAYS (anonymous
   * hourly roll-ups stay); platform addresses after ADDRESS_RETENTION_DAYS without contact.
   */
  RETENTION_DAYS: z.coerce
    .number({ message: 'must be a number of days' })
    .int('must be a whole number of days')
    .min(1, 'must be 1-3650 days')
    .max(3650, 'must be 1-3650 days')
    .default(365),
  ADDRESS_RETENTION_DAYS: z.coerce
    .number({ message: 'must be a number of days' })
    .int('must be a whole number of days')
    .min(1, 'must be 1-3650 days')
    .max(3650, 'must be 1-3650 days')
    .default(30),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  NODE_ENV: z.string().default('development'),
  // ---- Access: proxies, two-factor sign-in, operational endpoints ----
  /**
   * Which reverse proxies' X-Forwarded-For to believe, as Fastify's `trustProxy`: `false` (default),
   * a number of proxy hops in front of the server (`true` means 1), or a comma-separated list of
   * proxy addresses/CIDRs. The client address is then the first one not added by a trusted hop, so a
   * client cannot choose it by sending its own header.
   */
  TRUST_PROXY: z
    .string()
    .default('false')
    .transform((v, ctx): false | number | string[] => {
      const s = v.trim().toLowerCase();
      if (s === '' || s === 'false' || s === '0') return false;
      if (s === 'true') return 1;
      if (/^\d{1,2}$/.test(s)) return Number(s);
      const list = s.split(',').map((a) => a.trim());
      if (list.every((a) => isIP(a.split('/')[0] ?? '') !== 0)) return list;
      ctx.addIssue({
        code: 'custom',
        message: 'must be false, a number of proxy hops, or a comma-separated list of proxy addresses',
      });
      return z.NEVER;
    }),
  /** Admin and analyst accounts must sign in with a TOTP code (or a recovery code) as well. */
  REQUIRE_2FA: z
    .enum(['true', 'false', '1', '0'], { message: 'must be true or false' })
    .default('false')
    .transform((v) => v === 'true' || v === '1'),
  /** When set, /metrics and /api/docs answer only with `Authorization: Bearer <METRICS_TOKEN>`. */
  METRICS_TOKEN: optionalSecret.refine(
    (v) => v === undefined || v.length >= 16,
    'must be at least 16 characters',
  ),
});

type Raw = z.output<typeof schema>;

export interface Config extends Omit<Raw, 'SESSION_SECRET' | 'PSEUDONYM_SECRET'> {
  SESSION_SECRET: string;
  PSEUDONYM_SECRET: string;
  /** True when SESSION_SECRET / PSEUDONYM_SECRET were generated for a development run. */
  generatedSecrets: string[];
  readonly telegram: { token: string; webhookSecret: string | undefined } | undefined;
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    reason: string,
  ) {
    super(`Configuration error: ${variable} ${reason}`);
  }
}

const DEV_FALLBACK = 'dev-only-not-secret-change-me';

/**
 * Validates an environment. In production SESSION_SECRET and PSEUDONYM_SECRET are required (they
 * protect sessions and pseudonyms); elsewhere a fixed development value is used and reported.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): Readonly<Config> {
  const result = schema.safeParse(env);
  if (!result.success) {
    const issue = result.error.issues[0];
    const variable = String(issue?.path[0] ?? 'environment');
    throw new ConfigError(variable, issue?.message ?? 'is invalid');
  }
  const raw = result.data;
  const generatedSecrets: string[] = [];
  const secret = (name: 'SESSION_SECRET' | 'PSEUDONYM_SECRET'): string => {
    const value = raw[name];
    if (value !== undefined) {
      if (value.length < 16) throw new ConfigError(name, 'must be at least 16 characters');
      return value;
    }
    if (raw.NODE_ENV === 'production') throw new ConfigError(name, 'is required in production');
    generatedSecrets.push(name);
    return DEV_FALLBACK;
  };
  const telegram = raw.TELEGRAM_BOT_TOKEN
    ? { token: raw.TELEGRAM_BOT_TOKEN, webhookSecret: raw.TELEGRAM_WEBHOOK_SECRET }
    : undefined;
  return Object.freeze({
    ...raw,
    SESSION_SECRET: secret('SESSION_SECRET'),
    PSEUDONYM_SECRET: secret('PSEUDONYM_SECRET'),
    generatedSecrets,
    telegram,
  });
}

/** Names of variables whose values must never be logged. */
export const SECRET_KEYS = [
  'TELEGRAM_BOT_TOKEN',
  'TELEGRAM_WEBHOOK_SECRET',
  'FACEBOOK_APP_SECRET',
  'FACEBOOK_VERIFY_TOKEN',
  'FACEBOOK_PAGE_ACCESS_TOKEN',
  'ZALO_OA_SECRET_KEY',
  'ZALO_ACCESS_TOKEN',
  'ZALO_REFRESH_TOKEN',
  'ZALO_APP_SECRET',
  'SESSION_SECRET',
  'PSEUDONYM_SECRET',
  'METRICS_TOKEN',
] as const;
