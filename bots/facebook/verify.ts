import { createHmac, timingSafeEqual } from 'node:crypto';
import type { HandshakeResponse, WebhookRequest } from '../shared/connector.ts';
import { AuthError } from '../shared/errors.ts';

/** Reads one header whatever its case; a repeated header is ambiguous and counts as absent. */
export function headerValue(req: WebhookRequest, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(req.headers)) {
    if (key.toLowerCase() !== wanted) continue;
    return typeof value === 'string' ? value : undefined;
  }
  return undefined;
}

/**
 * `X-Hub-Signature-256: sha256=<hex>` is HMAC-SHA256 of the body bytes exactly as Meta sent them
 * (non-ASCII escaped as \uXXXX). Hashing anything re-serialised breaks on Vietnamese text, so only
 * the raw buffer is used. Throws AuthError; never says which part was wrong.
 */
export function verifyFacebookSignature(
  rawBody: Buffer,
  header: string | undefined,
  appSecret: string,
): void {
  const match = /^sha256=([0-9a-f]{64})$/i.exec(header?.trim() ?? '');
  if (!match?.[1]) throw new AuthError('missing or malformed X-Hub-Signature-256');
  const expected = createHmac('sha256', appSecret).update(rawBody).digest();
  const got = Buffer.from(match[1], 'hex');
  if (got.length !== expected.length || !timingSafeEqual(got, expected)) {
    throw new AuthError('X-Hub-Signature-256 does not match');
  }
}

/**
 * The subscribe handshake Meta sends when the callback URL is saved: echo `hub.challenge` when the
 * mode is `subscribe` and the token is ours; 400 when a parameter is missing, 403 otherwise.
 */
export function facebookHandshake(query: WebhookRequest['query'], verifyToken: string): HandshakeResponse {
  const mode = query['hub.mode'];
  const token = query['hub.verify_token'];
  const challenge = query['hub.challenge'];
  if (!mode || token === undefined || !challenge) return { status: 400, body: 'missing hub parameters' };
  if (mode !== 'subscribe' || !sameSecret(token, verifyToken)) return { status: 403, body: 'forbidden' };
  return { status: 200, body: challenge };
}

function sameSecret(a: string, b: string): boolean {
  // Hash first so the comparison is constant-time even when the lengths differ.
  const ha = createHmac('sha256', 'cmp').update(a).digest();
  const hb = createHmac('sha256', 'cmp').update(b).digest();
  return timingSafeEqual(ha, hb);
}
