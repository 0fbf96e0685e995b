import { createHmac } from 'node:crypto';
import type { Channel } from './events.ts';

export type Pseudonymise = (channel: Channel, platformUserId: string) => string;

/**
 * Keyed hash of a platform user id (HMAC-SHA256 with PSEUDONYM_SECRET), so stored rows never hold
 * the id itself and cannot be linked back without the key. Scoped by channel: the same person on two
 * platforms gets unrelated pseudonyms, by design.
 */
export function createPseudonymiser(secret: string): Pseudonymise {
  return (channel, platformUserId) => keyedHash(secret, `${channel}\u0000${platformUserId}`);
}

function keyedHash(secret: string, text: string): string {
  return createHmac('sha256', secret).update(text).digest('hex').slice(0, 32);
}

/** Keyed hash of `(channel, platform event id)`: the tombstone of an erased event (db/erasure.ts). */
export type EventKey = (channel: string, eventId: string) => string;

export function createEventKeyer(secret: string): EventKey {
  return (channel, eventId) => keyedHash(secret, `event\u0000${channel}\u0000${eventId}`);
}

/**
 * The form of a platform message id that is stored (messages.platform_message_id, to match later
 * edits and removals). Telegram's is `<chat id>:<message id>`, and in a private chat (positive id) the
 * chat id is the user id: it is replaced by the author's pseudonym (message ids count per chat, so
 * the pair stays unique). Group chat ids and other platforms' message ids are kept as they are.
 */
export function storedMessageId(channel: Channel, messageId: string, authorHash: string): string {
  if (channel !== 'telegram') return messageId;
  const m = /^(\d+):(\d+)$/.exec(messageId);
  return m ? `${authorHash}:${m[2]}` : messageId;
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
 * Short reference code a citizen can quote (e.g. `GY-00K3-7QZ1-M4D`): nine base-32 digits of a number
 * from the never-repeating reference sequence (db/lifetime.ts), so one code never names two citizens,
 * not even across a restored backup; the last two characters are a keyed check, so codes cannot be
 * guessed from each other.
 */
export function referenceCode(secret: string, refNumber: number): string {
  const body = base32(refNumber, 9);
  const check = createHmac('sha256', secret).update(`ref\u0000${body}`).digest();
  return `GY-${body.slice(0, 4)}-${body.slice(4, 8)}-${body.slice(8)}${CROCKFORD[check[0]! % 32]}${CROCKFORD[check[1]! % 32]}`;
}
