import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** Constant-time comparison of two strings (different lengths compare false without leaking where). */
export function safeEqual(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a).digest();
  const hb = createHash('sha256').update(b).digest();
  return timingSafeEqual(ha, hb) && a.length === b.length;
}

export function hmacSha256Hex(key: string, data: Buffer | string): string {
  return createHmac('sha256', key).update(data).digest('hex');
}

/** First value of a header that may arrive repeated. */
export function header(headers: Readonly<Record<string, string | string[] | undefined>>, name: string) {
  const v = headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}
