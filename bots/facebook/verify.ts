import type { HandshakeResponse, WebhookRequest } from '../shared/connector.ts';
import { AuthError } from '../shared/errors.ts';
import { hmacSha256Hex, safeEqual } from '../shared/verify.ts';

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
  const got = /^sha256=([0-9a-f]{64})$/i.exec(header?.trim() ?? '')?.[1];
  if (!got) throw new AuthError('missing or malformed X-Hub-Signature-256');
  if (!safeEqual(got.toLowerCase(), hmacSha256Hex(appSecret, rawBody))) {
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
  if (mode !== 'subscribe' || !safeEqual(token, verifyToken)) return { status: 403, body: 'forbidden' };
  return { status: 200, body: challenge };
}
