/**
 * Customer-service ("tư vấn") messages through the OA Open API. Zalo reports most failures as HTTP 200
 * with a non-zero `error`; those codes are mapped once, here.
 */
import { z } from 'zod';
import { RateLimitedError, UpstreamError } from '../shared/errors.ts';
import type { OutboundMessage, SendResult } from '../shared/events.ts';
import type { ZaloTokens } from './token.ts';

export const MAX_TEXT = 2000;
const TIMEOUT_MS = 15_000;

/** Expired or invalid access token: refresh and retry once. */
const TOKEN_CODES = new Set([-216, -124]);
/** The citizen has not interacted recently enough (-213) or in 7 days (-230): retrying cannot help. */
const WINDOW_CODES = new Set([-213, -230]);
/** Reported for exceeding the request rate (not in an official list we could read). */
const RATE_CODES = new Set([-32]);

const reply = z.object({
  error: z.number(),
  message: z.string().optional(),
  data: z.object({ message_id: z.string().optional() }).loose().optional(),
});
type Reply = z.infer<typeof reply>;

export interface ZaloSenderOptions {
  openapiUrl: string;
  tokens: ZaloTokens;
  fetch: typeof fetch;
}

export function createZaloSender(opts: ZaloSenderOptions): (m: OutboundMessage) => Promise<SendResult> {
  async function post(token: string, userId: string, text: string): Promise<Reply> {
    let res: Response;
    try {
      res = await opts.fetch(`${opts.openapiUrl}/v3.0/oa/message/cs`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', access_token: token },
        body: JSON.stringify({ recipient: { user_id: userId }, message: { text } }),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (err) {
      throw new UpstreamError(`zalo request failed: ${err instanceof Error ? err.name : 'error'}`, false);
    }
    if (res.status === 429) {
      const s = Number(res.headers.get('retry-after'));
      throw new RateLimitedError('zalo HTTP 429', Number.isFinite(s) && s > 0 ? s * 1000 : 60_000);
    }
    if (res.status >= 500) throw new UpstreamError(`zalo HTTP ${res.status}`, false, res.status);
    if (!res.ok) throw new UpstreamError(`zalo HTTP ${res.status}`, true, res.status);
    const parsed = reply.safeParse(await res.json().catch(() => undefined));
    // A 200 we cannot read may well have been delivered: never retry it into a duplicate.
    if (!parsed.success)
      throw new UpstreamError('zalo answered 200 with an unreadable body', true, res.status);
    return parsed.data;
  }

  return async function send(m: OutboundMessage): Promise<SendResult> {
    const userId = m.address['userId'];
    if (userId === undefined) throw new UpstreamError('address has no userId', true);
    const text = clip(m.text);
    const token = await opts.tokens.current();
    let r = await post(token, userId, text);
    if (TOKEN_CODES.has(r.error)) {
      const fresh = await opts.tokens.refreshAfterRejection(token);
      r = await post(fresh, userId, text);
      if (TOKEN_CODES.has(r.error))
        throw new UpstreamError(`zalo ${r.error}: token rejected after refresh`, false);
    }
    if (r.error === 0)
      return r.data?.message_id === undefined ? {} : { platformMessageId: r.data.message_id };
    throw mapZaloError(r.error, r.message);
  };
}

export function mapZaloError(code: number, message: string | undefined): Error {
  const detail = `zalo ${code}${message ? ` ${message}` : ''}`;
  if (WINDOW_CODES.has(code)) return new UpstreamError(`${detail}: outside interaction window`, true);
  if (RATE_CODES.has(code)) return new RateLimitedError(detail, 60_000);
  // -2xx are request, permission and quota errors: the same request would fail again.
  if (code <= -200 && code > -300) return new UpstreamError(detail, true);
  return new UpstreamError(detail, false);
}

function clip(text: string): string {
  const chars = Array.from(text);
  return chars.length <= MAX_TEXT ? text : `${chars.slice(0, MAX_TEXT - 1).join('')}…`;
}
