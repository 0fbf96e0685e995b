/**
 * A small Graph API client on fetch: the Messenger Send API for conversations, and public or private
 * replies for Page comments. (Why not facebook-nodejs-business-sdk: see README.md.) Every failure is
 * mapped once, here, into the shared error classes the reply worker understands.
 */
import { z } from 'zod';
import { RateLimitedError, UpstreamError } from '../shared/errors.ts';
import type { OutboundMessage, SendResult } from '../shared/events.ts';

export const GRAPH_VERSION = 'v24.0';
/** Send API `message.text` limit (characters). */
export const MAX_TEXT = 2000;
const DAY_MS = 24 * 60 * 60 * 1000;
/** Standard messaging window after the citizen's last message. */
export const MESSAGING_WINDOW_MS = DAY_MS;
/** A private reply must be sent within 7 days of the comment. */
export const PRIVATE_REPLY_WINDOW_MS = 7 * DAY_MS;
const TIMEOUT_MS = 15_000;

export type CommentReplyMode = 'public' | 'private';

export interface FacebookSenderOptions {
  graphUrl: string;
  pageAccessToken: string;
  commentReply: CommentReplyMode;
  fetch: typeof fetch;
  now: () => number;
}

const graphError = z.object({
  error: z.object({
    message: z.string().optional(),
    code: z.number().optional(),
    error_subcode: z.number().optional(),
    is_transient: z.boolean().optional(),
  }),
});
const sendOk = z.object({ message_id: z.string().optional(), id: z.string().optional() });

const RATE_LIMIT_CODES = new Set([4, 17, 32, 613]);
const OUTSIDE_WINDOW_SUBCODE = 2018278;
const USER_UNAVAILABLE_CODE = 551;

export function createFacebookSender(
  opts: FacebookSenderOptions,
): (m: OutboundMessage) => Promise<SendResult> {
  const base = `${opts.graphUrl}/${GRAPH_VERSION}`;

  async function post(path: string, body: object): Promise<SendResult> {
    const url = `${base}${path}?access_token=${encodeURIComponent(opts.pageAccessToken)}`;
    let res: Response;
    try {
      res = await opts.fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (err) {
      // The URL holds the token: report only the kind of failure.
      throw new UpstreamError(`graph request failed: ${err instanceof Error ? err.name : 'error'}`, false);
    }
    const text = await res.text();
    const json = safeJson(text);
    if (res.ok) {
      const ok = sendOk.safeParse(json);
      const id = ok.success ? (ok.data.message_id ?? ok.data.id) : undefined;
      return id === undefined ? {} : { platformMessageId: id };
    }
    throw mapGraphError(res.status, json, res.headers.get('retry-after'));
  }

  return async function send(m: OutboundMessage): Promise<SendResult> {
    const text = clip(m.text);
    const now = opts.now();
    const psid = m.address['psid'];
    if (psid !== undefined) {
      const last = Number(m.address['lastUserAt']);
      if (!Number.isFinite(last)) throw new UpstreamError('no time of the last user message', true);
      if (now - last > MESSAGING_WINDOW_MS) throw new UpstreamError('outside 24h window', true);
      return post('/me/messages', { recipient: { id: psid }, messaging_type: 'RESPONSE', message: { text } });
    }
    const commentId = m.address['commentId'];
    if (commentId !== undefined) {
      if (opts.commentReply === 'public')
        return post(`/${encodeURIComponent(commentId)}/comments`, { message: text });
      const at = Number(m.address['commentedAt']);
      if (Number.isFinite(at) && now - at > PRIVATE_REPLY_WINDOW_MS) {
        throw new UpstreamError('outside 7-day private reply window', true);
      }
      return post('/me/messages', { recipient: { comment_id: commentId }, message: { text } });
    }
    throw new UpstreamError('address has neither psid nor commentId', true);
  };
}

/** Graph errors → shared classes: rate limits back off, 5xx and transient retry, other 4xx are final. */
export function mapGraphError(status: number, body: unknown, retryAfter: string | null): Error {
  const parsed = graphError.safeParse(body);
  const e = parsed.success ? parsed.data.error : undefined;
  const code = e?.code;
  const detail = `graph ${status}${code === undefined ? '' : ` code ${code}`}${
    e?.error_subcode === undefined ? '' : `/${e.error_subcode}`
  }`;
  if (status === 429 || (code !== undefined && RATE_LIMIT_CODES.has(code))) {
    const seconds = Number(retryAfter);
    return new RateLimitedError(
      `${detail}: rate limited`,
      Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 60_000,
    );
  }
  if (code === 10 && e?.error_subcode === OUTSIDE_WINDOW_SUBCODE) {
    return new UpstreamError(`${detail}: outside 24h window`, true, status);
  }
  if (code === USER_UNAVAILABLE_CODE) return new UpstreamError(`${detail}: user unavailable`, true, status);
  if (status >= 500 || e?.is_transient === true) {
    return new UpstreamError(`${detail}: ${e?.message ?? 'server error'}`, false, status);
  }
  return new UpstreamError(`${detail}: ${e?.message ?? 'rejected'}`, true, status);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined; // an HTML error page from a proxy: the status code decides
  }
}

/** Cut to the platform limit on a code-point boundary so an emoji is never split. */
export function clip(text: string, max = MAX_TEXT): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}
