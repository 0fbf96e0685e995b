/**
 * `npm run --silent cli -- user add --email <e> --role viewer|analyst|admin` (password on stdin):
 * creates a dashboard account. Prints the account as one JSON line; never echoes the password.
 * `user reset-2fa --email <e>`: removes the account's two-factor secret and recovery codes (a lost
 * phone) and ends its sessions; the user enrols again at the next sign-in.
 */
import { parseArgs } from 'node:util';
import { writeAudit } from '../../db/audit.ts';
import { createDb } from '../../db/database.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { resetSecondFactor } from '../../db/totp.ts';
import {
  createUser,
  DuplicateUserError,
  isRole,
  MIN_PASSWORD_LENGTH,
  normaliseEmail,
} from '../../db/users.ts';
import type { CliIo } from '../cli.ts';
import { loadConfig } from '../config.ts';

const USAGE =
  'usage: echo "<password>" | npm run --silent cli -- user add --email <e> --role viewer|analyst|admin\n' +
  '       npm run --silent cli -- user reset-2fa --email <e>';

async function reset2fa(email: string, io: CliIo): Promise<number> {
  const config = loadConfig(io.env);
  const db = await createDb(config.DATABASE_URL);
  try {
    await migrateToLatest(db);
    const user = await db.kysely
      .selectFrom('dashboard_users')
      .select(['id', 'email'])
      .where('email', '=', normaliseEmail(email))
      .executeTakeFirst();
    if (!user) {
      io.stderr(`no user with email ${normaliseEmail(email)}`);
      return 1;
    }
    const had = await resetSecondFactor(db, Number(user.id));
    await writeAudit(
      db,
      { userId: null, userEmail: 'cli', action: 'user.reset_2fa', target: `user:${user.id}` },
      Date.now(),
    );
    io.stdout(JSON.stringify({ id: Number(user.id), email: user.email, reset: had }));
    return 0;
  } finally {
    await db.close();
  }
}

export async function run(args: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'add' && sub !== 'reset-2fa') {
    io.stderr(USAGE);
    return 2;
  }
  let values: { email?: string | undefined; role?: string | undefined };
  try {
    ({ values } = parseArgs({
      args: rest,
      options: { email: { type: 'string' }, role: { type: 'string' } },
    }));
  } catch (err) {
    io.stderr(`${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
    return 2;
  }
  const { email, role } = values;
  if (!email || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
    io.stderr(`--email must be an email address\n${USAGE}`);
    return 2;
  }
  if (sub === 'reset-2fa') return reset2fa(email, io);
  if (!role || !isRole(role)) {
    io.stderr(`--role must be viewer, analyst or admin\n${USAGE}`);
    return 2;
  }
  // Only the final line break is the terminal's; everything else belongs to the password.
  const password = (await io.readStdin()).replace(/\r?\n$/, '');
  if (password.length < MIN_PASSWORD_LENGTH) {
    io.stderr(`the password (on standard input) must be at least ${MIN_PASSWORD_LENGTH} characters`);
    return 2;
  }
  const config = loadConfig(io.env);
  const db = await createDb(config.DATABASE_URL);
  try {
    await migrateToLatest(db);
    const user = await createUser(db, { email, role, password }, Date.now());
    io.stdout(JSON.stringify({ id: user.id, email: user.email, role: user.role }));
    return 0;
  } catch (err) {
    if (err instanceof DuplicateUserError) {
      io.stderr(err.message);
      return 1;
    }
    throw err;
  } finally {
    await db.close();
  }
}
