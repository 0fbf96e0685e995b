/**
 * The Zalo OA access token, refreshed with single-use refresh tokens. The rules that keep the pair
 * from being lost:
 * 1. the pair lives in the database (db/zalo-tokens.ts), seeded once from ZALO_ACCESS_TOKEN /
 *    ZALO_REFRESH_TOKEN, and is re-read before every use;
 * 2. only the process holding the lease on the current version calls Zalo's OAuth endpoint; the
 *    others wait for the new version to appear;
 * 3. the new pair is written before the new access token is used.
 */
import { createHash, randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { TokenPair, ZaloTokenStore } from '../../db/zalo-tokens.ts';
import type { Logger } from '../shared/connector.ts';
import { RateLimitedError, UpstreamError } from '../shared/errors.ts';

export interface ZaloTokenOptions {
  store: ZaloTokenStore;
  oauthUrl: string;
  appId: string;
  /** ZALO_APP_SECRET, sent as the `secret_key` header. */
  appSecret: string;
  seed: { accessToken: string | undefined; refreshToken: string | undefined };
  fetch: typeof fetch;
  now: () => number;
  logger: Logger;
  sleep?: (ms: number) => Promise<void>;
  /** How long a refresher may hold the lease (longer than the OAuth call's timeout). */
  leaseMs?: number;
  /** How long a waiting process waits for another one's refresh. */
  waitMs?: number;
}

export interface ZaloTokens {
  /** The access token to use now (refreshed first when it is missing or about to expire). */
  current(): Promise<string>;
  /** Zalo rejected `rejected` as expired/invalid: returns a newer token, refreshing at most once. */
  refreshAfterRejection(rejected: string): Promise<string>;
}

const OAUTH_TIMEOUT_MS = 15_000;
/** Refresh proactively when less than this remains (access tokens live about 25 h). */
const EARLY_REFRESH_MS = 10 * 60_000;
const POLL_MS = 100;

const refreshed = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1),
  expires_in: z
    .union([z.string().regex(/^\d+$/), z.number()])
    .transform(Number)
    .optional(),
});
const oauthError = z.object({ error: z.number(), error_name: z.string().optional() });

export function createZaloTokens(opts: ZaloTokenOptions): ZaloTokens {
  const owner = `${process.pid}:${randomUUID()}`;
  const leaseMs = opts.leaseMs ?? 60_000;
  const waitMs = opts.waitMs ?? 30_000;
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const seedHash = createHash('sha256')
    .update(`${opts.seed.accessToken ?? ''}\n${opts.seed.refreshToken ?? ''}`)
    .digest('hex');
  let seeded: Promise<unknown> | undefined;

  async function row() {
    seeded ??= opts.store.seed(
      {
        accessToken: opts.seed.accessToken ?? '',
        refreshToken: opts.seed.refreshToken ?? '',
        expiresAt: null,
      },
      seedHash,
      opts.now(),
    );
    try {
      await seeded;
    } catch (err) {
      seeded = undefined;
      throw err;
    }
    const r = await opts.store.read();
    if (!r) throw new UpstreamError('zalo token row missing', false);
    return r;
  }

  async function callOAuth(refreshToken: string): Promise<TokenPair> {
    let res: Response;
    try {
      res = await opts.fetch(`${opts.oauthUrl}/v4/oa/access_token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', secret_key: opts.appSecret },
        body: new URLSearchParams({
          refresh_token: refreshToken,
          app_id: opts.appId,
          grant_type: 'refresh_token',
        }),
        signal: AbortSignal.timeout(OAUTH_TIMEOUT_MS),
      });
    } catch (err) {
      // Zalo may have spent the refresh token even though we saw no answer; say what to do if so.
      opts.logger.error(
        { channel: 'zalo', err: err instanceof Error ? err.name : 'error' },
        'zalo token refresh got no answer; if sends keep failing, re-authorise the OA and set ZALO_REFRESH_TOKEN',
      );
      throw new UpstreamError('zalo token refresh failed: no answer', false);
    }
    if (res.status === 429) throw new RateLimitedError('zalo token refresh rate limited', 60_000);
    if (res.status >= 500)
      throw new UpstreamError(`zalo token refresh: HTTP ${res.status}`, false, res.status);
    const json: unknown = await res.json().catch(() => undefined);
    const ok = refreshed.safeParse(json);
    if (res.ok && ok.success) {
      const ttl = ok.data.expires_in;
      return {
        accessToken: ok.data.access_token,
        refreshToken: ok.data.refresh_token,
        expiresAt: ttl === undefined ? null : opts.now() + ttl * 1000,
      };
    }
    const e = oauthError.safeParse(json);
    const code = e.success ? String(e.data.error) : `HTTP ${res.status}`;
    opts.logger.error(
      { channel: 'zalo', code },
      'zalo refused the token refresh; re-authorise the OA and set ZALO_REFRESH_TOKEN',
    );
    throw new UpstreamError(`zalo token refresh rejected (${code})`, true, res.status);
  }

  async function refresh(stale: string): Promise<string> {
    // Counted in polls, not clock time, so a fixed test clock cannot make a waiter spin forever.
    for (let polls = 0; ; polls++) {
      const r = await row();
      if (r.access_token !== stale && r.access_token !== '') return r.access_token;
      if (r.refresh_token === '')
        throw new UpstreamError('zalo access token rejected and no refresh token', true);
      if (await opts.store.acquireLease(r.version, owner, opts.now(), leaseMs)) {
        let pair: TokenPair;
        try {
          pair = await callOAuth(r.refresh_token);
        } catch (err) {
          await opts.store.releaseLease(owner);
          throw err;
        }
        if (await opts.store.storeRefreshed(r.version, pair, opts.now())) {
          opts.logger.info({ channel: 'zalo', version: r.version + 1 }, 'zalo access token refreshed');
          return pair.accessToken;
        }
        // Our lease ran out and another process stored a newer pair first: theirs is current.
        opts.logger.error({ channel: 'zalo' }, 'zalo token refresh lost its lease; using the stored pair');
        continue;
      }
      if (polls * POLL_MS > waitMs)
        throw new UpstreamError('zalo token refresh in progress elsewhere', false);
      await sleep(POLL_MS);
    }
  }

  return {
    async current() {
      const r = await row();
      const expiring = r.expires_at !== null && r.expires_at - opts.now() < EARLY_REFRESH_MS;
      return r.access_token === '' || expiring ? refresh(r.access_token) : r.access_token;
    },
    refreshAfterRejection: refresh,
  };
}
