/**
 * Dashboard accounts and sessions. Passwords: scrypt (memory-hard) with a per-user random salt.
 * Session ids are random and stored only as SHA-256, so the table never holds a usable cookie.
 */
import { createHash, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import type { Db } from './database.ts';
import type { DashboardRole } from './schema/dashboard.ts';

export const ROLES = ['viewer', 'analyst', 'admin'] as const satisfies readonly DashboardRole[];

export function isRole(value: string): value is DashboardRole {
  return (ROLES as readonly string[]).includes(value);
}

export interface DashboardUser {
  id: number;
  email: string;
  role: DashboardRole;
  createdAt: number;
  lastLoginAt: number | null;
  disabled: boolean;
}

// N=2^15, r=8: 32 MiB per hash, ~0.1 s on one core; parameters are stored with each hash.
const SCRYPT = { N: 32768, r: 8, p: 1 } as const;
const KEY_LEN = 32;

function scryptAsync(password: string, salt: Buffer, N: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(
      password.normalize('NFC'),
      salt,
      KEY_LEN,
      { N, r, p, maxmem: 256 * N * r + 1024 * 1024 },
      (e, k) => (e ? reject(e) : resolve(k)),
    );
  });
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, SCRYPT.N, SCRYPT.r, SCRYPT.p);
  return ['scrypt', SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString('base64url'), key.toString('base64url')].join(
    '$',
  );
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64url');
  const actual = await scryptAsync(password, Buffer.from(salt, 'base64url'), Number(n), Number(r), Number(p));
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

// Verifying against this fixed hash (of a random password nobody knows, with the current parameters)
// when the email is unknown costs one scrypt, like a known account: both answers are equally slow,
// the first one included.
const DUMMY_HASH = 'scrypt$32768$8$1$1GWy68lkQs__ks6yJvQpHw$H-bWrupqRL0JZKhLm_zs7hFbBVY5kcyGjqIZoR6h9IE';

export const MIN_PASSWORD_LENGTH = 10;

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

type UserRow = {
  id: number;
  email: string;
  role: DashboardRole;
  created_at: number;
  last_login_at: number | null;
  disabled_at: number | null;
};

function toUser(row: UserRow): DashboardUser {
  return {
    id: Number(row.id),
    email: row.email,
    role: row.role,
    createdAt: Number(row.created_at),
    lastLoginAt: row.last_login_at === null ? null : Number(row.last_login_at),
    disabled: row.disabled_at !== null,
  };
}

const USER_COLUMNS = ['id', 'email', 'role', 'created_at', 'last_login_at', 'disabled_at'] as const;

export class DuplicateUserError extends Error {}

export async function createUser(
  db: Db,
  input: { email: string; role: DashboardRole; password: string },
  now: number,
): Promise<DashboardUser> {
  const email = normaliseEmail(input.email);
  const existing = await db.kysely
    .selectFrom('dashboard_users')
    .select('id')
    .where('email', '=', email)
    .executeTakeFirst();
  if (existing) throw new DuplicateUserError(`a user with email ${email} already exists`);
  const row = await db.kysely
    .insertInto('dashboard_users')
    .values({
      email,
      role: input.role,
      password_hash: await hashPassword(input.password),
      created_at: now,
      updated_at: now,
      last_login_at: null,
      disabled_at: null,
    })
    .returning(USER_COLUMNS)
    .executeTakeFirstOrThrow();
  return toUser(row);
}

export async function listUsers(db: Db): Promise<DashboardUser[]> {
  const rows = await db.kysely.selectFrom('dashboard_users').select(USER_COLUMNS).orderBy('email').execute();
  return rows.map(toUser);
}

export async function updateUser(
  db: Db,
  id: number,
  patch: { role?: DashboardRole; disabled?: boolean; password?: string },
  now: number,
): Promise<DashboardUser | undefined> {
  const values: {
    updated_at: number;
    role?: DashboardRole;
    disabled_at?: number | null;
    password_hash?: string;
  } = {
    updated_at: now,
  };
  if (patch.role) values.role = patch.role;
  if (patch.disabled !== undefined) values.disabled_at = patch.disabled ? now : null;
  if (patch.password) values.password_hash = await hashPassword(patch.password);
  const row = await db.kysely
    .updateTable('dashboard_users')
    .set(values)
    .where('id', '=', id)
    .returning(USER_COLUMNS)
    .executeTakeFirst();
  if (row && (patch.disabled || patch.role || patch.password)) {
    // A changed role or password takes effect at once: the user signs in again.
    await db.kysely.deleteFrom('dashboard_sessions').where('user_id', '=', id).execute();
  }
  return row ? toUser(row) : undefined;
}

export type PasswordCheck =
  | { ok: true; user: DashboardUser }
  | { ok: false; reason: 'unknown' }
  | { ok: false; reason: 'password' | 'disabled'; user: DashboardUser };

/** Checks an e-mail and password without signing in; an unknown e-mail takes as long as a known one. */
export async function checkPassword(db: Db, email: string, password: string): Promise<PasswordCheck> {
  const row = await db.kysely
    .selectFrom('dashboard_users')
    .select([...USER_COLUMNS, 'password_hash'])
    .where('email', '=', normaliseEmail(email))
    .executeTakeFirst();
  if (!row) {
    await verifyPassword(password, DUMMY_HASH);
    return { ok: false, reason: 'unknown' };
  }
  const ok = await verifyPassword(password, row.password_hash);
  const user = toUser(row);
  if (!ok) return { ok: false, reason: 'password', user };
  if (row.disabled_at !== null) return { ok: false, reason: 'disabled', user };
  return { ok: true, user };
}

export async function markSignedIn(db: Db, user: DashboardUser, now: number): Promise<DashboardUser> {
  await db.kysely
    .updateTable('dashboard_users')
    .set({ last_login_at: now })
    .where('id', '=', user.id)
    .execute();
  return { ...user, lastLoginAt: now };
}

/** The user when the email and password match an enabled account; otherwise undefined. */
export async function authenticate(db: Db, email: string, password: string, now: number) {
  const check = await checkPassword(db, email, password);
  return check.ok ? markSignedIn(db, check.user, now) : undefined;
}

function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

export interface NewSession {
  /** The cookie value; never stored. */
  id: string;
  csrfToken: string;
  expiresAt: number;
}

export async function createSession(db: Db, userId: number, now: number, ttlMs: number): Promise<NewSession> {
  const id = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const expiresAt = now + ttlMs;
  await db.kysely
    .insertInto('dashboard_sessions')
    .values({
      id_hash: sha256(id),
      user_id: userId,
      csrf_token: csrfToken,
      created_at: now,
      expires_at: expiresAt,
      last_seen_at: now,
    })
    .execute();
  // Opportunistic clean-up keeps the table small without a scheduler.
  await db.kysely.deleteFrom('dashboard_sessions').where('expires_at', '<', now).execute();
  return { id, csrfToken, expiresAt };
}

export interface ActiveSession {
  user: DashboardUser;
  csrfToken: string;
}

export async function findSession(db: Db, id: string, now: number): Promise<ActiveSession | undefined> {
  const row = await db.kysely
    .selectFrom('dashboard_sessions as s')
    .innerJoin('dashboard_users as u', 'u.id', 's.user_id')
    .select([
      'u.id',
      'u.email',
      'u.role',
      'u.created_at',
      'u.last_login_at',
      'u.disabled_at',
      's.csrf_token',
      's.expires_at',
    ])
    .where('s.id_hash', '=', sha256(id))
    .executeTakeFirst();
  if (!row || Number(row.expires_at) <= now || row.disabled_at !== null) return undefined;
  return { user: toUser(row), csrfToken: row.csrf_token };
}

export async function deleteSession(db: Db, id: string): Promise<void> {
  await db.kysely.deleteFrom('dashboard_sessions').where('id_hash', '=', sha256(id)).execute();
}
