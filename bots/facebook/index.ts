/** Wiring only: the Facebook Page connector (Messenger + Page comments) from config and dependencies. */
import type { Config } from '../../app/config.ts';
import type { Connector, ConnectorDeps } from '../shared/connector.ts';
import { header } from '../shared/verify.ts';
import { parseFacebookBody } from './parse.ts';
import { createFacebookSender } from './send.ts';
import { facebookHandshake, verifyFacebookSignature } from './verify.ts';

/** What this connector reads from the config. */
export type FacebookConfig = Pick<
  Config,
  | 'FACEBOOK_APP_SECRET'
  | 'FACEBOOK_VERIFY_TOKEN'
  | 'FACEBOOK_PAGE_ACCESS_TOKEN'
  | 'FACEBOOK_GRAPH_URL'
  | 'FACEBOOK_COMMENT_REPLY'
>;

export function createFacebookConnector(
  config: Readonly<FacebookConfig>,
  deps: ConnectorDeps,
): Connector | undefined {
  const appSecret = config.FACEBOOK_APP_SECRET;
  const verifyToken = config.FACEBOOK_VERIFY_TOKEN;
  const pageAccessToken = config.FACEBOOK_PAGE_ACCESS_TOKEN;
  if (!appSecret || !verifyToken || !pageAccessToken) return undefined;
  const send = createFacebookSender({
    graphUrl: config.FACEBOOK_GRAPH_URL,
    pageAccessToken,
    commentReply: config.FACEBOOK_COMMENT_REPLY,
    fetch: deps.fetch,
    now: deps.now,
  });
  return {
    channel: 'facebook',
    verify: (req) =>
      verifyFacebookSignature(req.rawBody, header(req.headers, 'x-hub-signature-256'), appSecret),
    parse: (body) => {
      const { events, skipped } = parseFacebookBody(body);
      if (skipped > 0) deps.logger.warn({ channel: 'facebook', skipped }, 'skipped unreadable webhook items');
      return events;
    },
    handshake: (req) => facebookHandshake(req.query, verifyToken),
    send,
    // Send API: 300 calls/s per Page for text; Meta throttles bursts into a single thread.
    limits: { perSecond: 300, perAddressMs: 1000 },
  };
}
