import { createHash } from 'node:crypto';
import type { WebhookRequest } from '../shared/connector.ts';
import { AuthError } from '../shared/errors.ts';
import { header, safeEqual } from '../shared/verify.ts';

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

/**
 * Zalo tests a newly entered webhook URL with an unsigned POST whose body is `{}` and saves the URL
 * only on a 200. We let exactly that through (no signature header, body `{}`): it carries no event,
 * parse turns it into nothing, so an attacker replaying it can only get a 200 and store nothing.
 */
export function isRegistrationProbe(req: WebhookRequest): boolean {
  return (
    header(req.headers, 'x-zevent-signature') === undefined && req.rawBody.toString('utf8').trim() === '{}'
  );
}

/** The timestamp the MAC covers: the `X-ZEvent-Timestamp` header when present, else the body's field. */
export function signedTimestamp(req: WebhookRequest): string {
  const fromHeader = header(req.headers, 'x-zevent-timestamp');
  if (fromHeader !== undefined) return fromHeader.trim();
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
  const got = /^(?:mac=)?([0-9a-f]{64})$/i.exec(header(req.headers, 'x-zevent-signature')?.trim() ?? '')?.[1];
  if (!got) throw new AuthError('missing or malformed X-ZEvent-Signature');
  if (!safeEqual(got.toLowerCase(), zaloMac(appId, req.rawBody, signedTimestamp(req), oaSecretKey))) {
    throw new AuthError('X-ZEvent-Signature does not match');
  }
}
