import { createHash, timingSafeEqual } from 'node:crypto';
import type { WebhookRequest } from '../shared/connector.ts';
import { AuthError } from '../shared/errors.ts';

/**
 * The one place the Zalo OA webhook MAC is computed:
 * `sha256_hex(appId + rawBody + timestamp + oaSecretKey)`, plain SHA-256 over the concatenation
 * (not HMAC), the body as the exact bytes received. The formula is the majority reading of public
 * implementations, not confirmed against a captured delivery (see README.md).
 */
export function zaloMac(appId: string, rawBody: Buffer, timestamp: string, oaSecretKey: string): string {
  return createHash('sha256')
    .update(appId)
    .update(rawBody)
    .update(timestamp)
    .update(oaSecretKey)
    .digest('hex');
}

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
 * Zalo tests a newly entered webhook URL with an unsigned POST whose body is `{}` and saves the URL
 * only on a 200. We let exactly that through (no signature header, body `{}`): it carries no event,
 * parse turns it into nothing, so an attacker replaying it can only get a 200 and store nothing.
 */
export function isRegistrationProbe(req: WebhookRequest): boolean {
  return headerValue(req, 'x-zevent-signature') === undefined && req.rawBody.toString('utf8').trim() === '{}';
}

/** The timestamp the MAC covers: the `X-ZEvent-Timestamp` header when present, else the body's field. */
export function signedTimestamp(req: WebhookRequest): string {
  const header = headerValue(req, 'x-zevent-timestamp');
  if (header !== undefined) return header.trim();
  try {
    const body: unknown = JSON.parse(req.rawBody.toString('utf8'));
    if (typeof body === 'object' && body !== null && 'timestamp' in body) {
      const ts = body.timestamp;
      if (typeof ts === 'string' || typeof ts === 'number') return String(ts);
    }
  } catch {
    // Unparsable: verify against an empty timestamp; a correctly signed malformed body then
    // reaches the route's JSON check and gets its 400 there.
  }
  return '';
}

export function verifyZaloSignature(req: WebhookRequest, appId: string, oaSecretKey: string): void {
  if (isRegistrationProbe(req)) return;
  const got = /^(?:mac=)?([0-9a-f]{64})$/i.exec(headerValue(req, 'x-zevent-signature')?.trim() ?? '')?.[1];
  if (!got) throw new AuthError('missing or malformed X-ZEvent-Signature');
  const expected = Buffer.from(zaloMac(appId, req.rawBody, signedTimestamp(req), oaSecretKey), 'hex');
  const actual = Buffer.from(got, 'hex');
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) {
    throw new AuthError('X-ZEvent-Signature does not match');
  }
}
