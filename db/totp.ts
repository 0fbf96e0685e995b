/**
 * Two-factor sign-in: a TOTP secret per user (RFC 6238, 30 s, 6 digits, SHA-1 as authenticator apps
 * expect; codes from otpauth) and ten one-time recovery codes stored only as SHA-256. A code is
 * accepted once: the step it matched is remembered, so replaying it (or an older one) fails.
 */
import { createHash, randomBytes } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import type { Db } from './database.ts';

const ISSUER = 'VNeID feedback';
const RECOVERY_CODES = 10;

function totp(secret: string, email: string): TOTP {
  return new TOTP({ issuer: ISSUER, label: email, secret: Secret.fromBase32(secret), digits: 6, period: 30 });
}

const sha256 = (v: string) => createHash('sha256').update(v).digest('hex');
const normaliseRecovery = (code: string) => code.toLowerCase().replace(/[^0-9a-z]/g, '');

export interface TotpState {
  confirmed: boolean;
}

export async function totpState(db: Db, userId: number): Promise<TotpState | undefined> {
  const row = await db.kysely
    .selectFrom('user_totp')
    .select('confirmed_at')
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row ? { confirmed: row.confirmed_at !== null } : undefined;
}

/** A fresh, unconfirmed secret (replacing any unconfirmed one): shown to the user once. */
export async function startEnrolment(
  db: Db,
  user: { id: number; email: string },
  now: number,
): Promise<{ secret: string; uri: string }> {
  const secret = new Secret({ size: 20 }).base32;
  await db.kysely.deleteFrom('user_totp').where('user_id', '=', user.id).execute();
  await db.kysely
    .insertInto('user_totp')
    .values({ user_id: user.id, secret, created_at: now, confirmed_at: null, last_step: null })
    .execute();
  return { secret, uri: totp(secret, user.email).toString() };
}

/** Checks a 6-digit code against the user's secret (one step of clock drift either way), once. */
async function acceptCode(db: Db, user: { id: number; email: string }, code: string, now: number) {
  const row = await db.kysely
    .selectFrom('user_totp')
    .select(['secret', 'last_step', 'confirmed_at'])
    .where('user_id', '=', user.id)
    .executeTakeFirst();
  if (!row || !/^\d{6}$/.test(code)) return undefined;
  const t = totp(row.secret, user.email);
  const delta = t.validate({ token: code, timestamp: now, window: 1 });
  if (delta === null) return undefined;
  const step = t.counter({ timestamp: now }) + delta;
  if (row.last_step !== null && step <= Number(row.last_step)) return undefined;
  const updated = await db.kysely
    .updateTable('user_totp')
    .set({ last_step: step })
    .where('user_id', '=', user.id)
    .where((eb) => eb.or([eb('last_step', 'is', null), eb('last_step', '<', step)]))
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) === 1 ? { confirmed: row.confirmed_at !== null } : undefined;
}

/**
 * Confirms an enrolment with a code from the app; returns the recovery codes (shown once) or
 * undefined when the code is wrong.
 */
export async function confirmEnrolment(
  db: Db,
  user: { id: number; email: string },
  code: string,
  now: number,
): Promise<string[] | undefined> {
  const ok = await acceptCode(db, user, code.trim(), now);
  if (!ok || ok.confirmed) return undefined;
  await db.kysely
    .updateTable('user_totp')
    .set({ confirmed_at: now })
    .where('user_id', '=', user.id)
    .execute();
  const codes = Array.from({ length: RECOVERY_CODES }, () => {
    const hex = randomBytes(5).toString('hex');
    return `${hex.slice(0, 5)}-${hex.slice(5)}`;
  });
  await db.kysely.deleteFrom('user_recovery_codes').where('user_id', '=', user.id).execute();
  await db.kysely
    .insertInto('user_recovery_codes')
    .values(codes.map((c) => ({ user_id: user.id, code_hash: sha256(normaliseRecovery(c)), used_at: null })))
    .execute();
  return codes;
}

/** A sign-in's second step: a current TOTP code, or an unused recovery code (then used up). */
export async function verifySecondFactor(
  db: Db,
  user: { id: number; email: string },
  code: string,
  now: number,
): Promise<'totp' | 'recovery' | undefined> {
  const trimmed = code.trim();
  if (/^\d{6}$/.test(trimmed))
    return (await acceptCode(db, user, trimmed, now))?.confirmed ? 'totp' : undefined;
  const hash = sha256(normaliseRecovery(trimmed));
  const used = await db.kysely
    .updateTable('user_recovery_codes')
    .set({ used_at: now })
    .where('user_id', '=', user.id)
    .where('code_hash', '=', hash)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(used.numUpdatedRows) === 1 ? 'recovery' : undefined;
}

/** Removes a user's second factor (lost phone): they enrol again at their next sign-in. */
export async function resetSecondFactor(db: Db, userId: number): Promise<boolean> {
  const r = await db.kysely.deleteFrom('user_totp').where('user_id', '=', userId).executeTakeFirst();
  await db.kysely.deleteFrom('user_recovery_codes').where('user_id', '=', userId).execute();
  await db.kysely.deleteFrom('dashboard_sessions').where('user_id', '=', userId).execute();
  return Number(r.numDeletedRows) > 0;
}
