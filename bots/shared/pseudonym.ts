import { createHmac } from 'node:crypto';
import type { Channel } from './events.ts';

export type Pseudonymise = (channel: Channel, platformUserId: string) => string;

/**
 * Keyed hash of a platform user id (HMAC-SHA256 with PSEUDONYM_SECRET), so stored rows never hold
 * the id itself and cannot be linked back without the key. Scoped by channel: the same person on two
 * platforms gets unrelated pseudonyms, by design.
 */
export function createPseudonymiser(secret: string): Pseudonymise {
  return (channel, platformUserId) =>
    createHmac('sha256', secret).update(`${channel}\u0000${platformUserId}`).digest('hex').slice(0, 32);
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function base32(n: number, width: number): string {
  let out = '';
  let v = n;
  do {
    out = CROCKFORD[v % 32] + out;
    v = Math.floor(v / 32);
  } while (v > 0);
  return out.padStart(width, '0');
}

/**
 * Short reference code a citizen can quote (e.g. `GY-00K3-7Q`): unique by construction (it encodes
 * the inbox id) with a keyed check part, so codes cannot be guessed from each other.
 */
export function referenceCode(secret: string, inboxId: number): string {
  const body = base32(inboxId, 4);
  const check = createHmac('sha256', secret).update(`ref\u0000${inboxId}`).digest();
  return `GY-${body}-${CROCKFORD[check[0]! % 32]}${CROCKFORD[check[1]! % 32]}`;
}
