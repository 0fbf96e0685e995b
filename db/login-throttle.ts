/**
 * Failed sign-ins per (account, client address), with growing delays instead of a hard lock: after
 * `free` failures each further one doubles the wait (1 s, 2 s, 4 s … up to 15 minutes) for that pair
 * only, so an attacker elsewhere can never lock a named account out. Successful sign-ins are never
 * counted; a success clears its pair. Accounts are keyed by a hash of the normalised e-mail.
 */
import { createHash } from 'node:crypto';
import type { Db } from './database.ts';

export const MAX_DELAY_MS = 15 * 60_000;
const BASE_DELAY_MS = 1000;
/** Rows whose last failure is older than this are forgotten. */
const FORGET_AFTER_MS = 24 * 3_600_000;

export interface ThrottleKey {
  account: string;
  client: string;
  /** Failures allowed before delays start. */
  free: number;
}

export function accountKey(normalisedEmail: string): string {
  return createHash('sha256').update(`login:${normalisedEmail}`).digest('hex').slice(0, 32);
}

/** `*`: every account from one client (password spraying across accounts). */
export const ANY_ACCOUNT = '*';

export function delayFor(failures: number, free: number): number {
  if (failures < free) return 0;
  return Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** Math.min(failures - free, 20));
}

/** How long (ms) the client must still wait before its next attempt on any of the keys (0: go). */
export async function loginWait(db: Db, keys: readonly ThrottleKey[], now: number): Promise<number> {
  let wait = 0;
  for (const key of keys) {
    const row = await db.kysely
      .selectFrom('login_failures')
      .select(['failures', 'last_at'])
      .where('account', '=', key.account)
      .where('client', '=', key.client)
      .executeTakeFirst();
    if (!row || now - Number(row.last_at) > FORGET_AFTER_MS) continue;
    const until = Number(row.last_at) + delayFor(Number(row.failures), key.free);
    wait = Math.max(wait, until - now);
  }
  return wait;
}

export async function recordLoginFailure(db: Db, keys: readonly ThrottleKey[], now: number): Promise<void> {
  for (const key of keys) {
    await db.kysely
      .insertInto('login_failures')
      .values({ account: key.account, client: key.client, failures: 1, last_at: now })
      .onConflict((oc) =>
        oc.columns(['account', 'client']).doUpdateSet((eb) => ({
          failures: eb('login_failures.failures', '+', 1),
          last_at: now,
        })),
      )
      .execute();
  }
  await db.kysely
    .deleteFrom('login_failures')
    .where('last_at', '<', now - FORGET_AFTER_MS)
    .execute();
}

export async function clearLoginFailures(
  db: Db,
  key: Pick<ThrottleKey, 'account' | 'client'>,
): Promise<void> {
  await db.kysely
    .deleteFrom('login_failures')
    .where('account', '=', key.account)
    .where('client', '=', key.client)
    .execute();
}
