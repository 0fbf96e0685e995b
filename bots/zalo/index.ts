/** Wiring only: the Zalo Official Account connector from config and dependencies. */
import type { Config } from '../../app/config.ts';
import { createZaloTokenStore } from '../../db/zalo-tokens.ts';
import type { Connector, ConnectorDeps } from '../shared/connector.ts';
import { parseZaloBody, withinReplayWindow } from './parse.ts';
import { createZaloSender } from './send.ts';
import { createZaloTokens } from './token.ts';
import { verifyZaloSignature } from './verify.ts';

export type ZaloConfig = Pick<
  Config,
  | 'ZALO_APP_ID'
  | 'ZALO_OA_SECRET_KEY'
  | 'ZALO_ACCESS_TOKEN'
  | 'ZALO_REFRESH_TOKEN'
  | 'ZALO_APP_SECRET'
  | 'ZALO_OPENAPI_URL'
  | 'ZALO_OAUTH_URL'
>;

export function createZaloConnector(
  config: Readonly<ZaloConfig>,
  deps: ConnectorDeps,
): Connector | undefined {
  const appId = config.ZALO_APP_ID;
  const oaSecretKey = config.ZALO_OA_SECRET_KEY;
  const appSecret = config.ZALO_APP_SECRET;
  const hasToken = config.ZALO_ACCESS_TOKEN !== undefined || config.ZALO_REFRESH_TOKEN !== undefined;
  if (!appId || !oaSecretKey || !appSecret || !hasToken) return undefined;
  const tokens = createZaloTokens({
    store: createZaloTokenStore(deps.db, appId),
    oauthUrl: config.ZALO_OAUTH_URL,
    appId,
    appSecret,
    seed: { accessToken: config.ZALO_ACCESS_TOKEN, refreshToken: config.ZALO_REFRESH_TOKEN },
    fetch: deps.fetch,
    now: deps.now,
    logger: deps.logger,
  });
  return {
    channel: 'zalo',
    verify: (req) => {
      try {
        verifyZaloSignature(req, appId, oaSecretKey);
      } catch (err) {
        // The formula is not confirmed against a captured delivery: leave a trace to diagnose with.
        deps.logger.warn({ channel: 'zalo', bytes: req.rawBody.length }, 'zalo signature rejected');
        throw err;
      }
    },
    parse: (body) => {
      const events = parseZaloBody(body);
      if (deps.replayedHistory) return events;
      const fresh = events.filter((e) => withinReplayWindow(e.occurredAt, deps.now()));
      if (fresh.length < events.length) {
        // A replayed or mis-dated delivery: answered 200 (so Zalo stops resending), stored nowhere.
        deps.logger.warn(
          { channel: 'zalo', dropped: events.length - fresh.length },
          'zalo delivery outside the replay window',
        );
      }
      return fresh;
    },
    send: createZaloSender({ openapiUrl: config.ZALO_OPENAPI_URL, tokens, fetch: deps.fetch }),
    // No published per-second limit for OA messages; 10/s keeps well clear of bursts Zalo throttles.
    limits: { perSecond: 10, perAddressMs: 1000 },
  };
}
